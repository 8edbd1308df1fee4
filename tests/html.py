"""Small readers for rendered pages, so tests can speak of links and titles instead of raw HTML."""

from html.parser import HTMLParser


class _PageReader(HTMLParser):
    """Collects the title and the links; with `scope_id`, only the links inside that element."""

    def __init__(self, scope_id: str = ""):
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.title = ""
        self._in_title = False
        self._open_link: list[str] | None = None
        self._scope_id, self._scope_tag, self._scope_depth = scope_id, "", 0

    def _in_scope(self) -> bool:
        return not self._scope_id or self._scope_depth > 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self._scope_id and attributes.get("id") == self._scope_id:
            self._scope_tag = tag
        if tag == self._scope_tag:  # count nested tags of the same name to find the element's end
            self._scope_depth += 1
        if tag == "title":
            self._in_title = True
        elif tag == "a" and attributes.get("href") and self._in_scope():
            self._open_link = [attributes["href"], ""]

    def handle_endtag(self, tag):
        if tag == self._scope_tag:
            self._scope_depth -= 1
            if self._scope_depth == 0:
                self._scope_tag = ""  # the element has ended; later tags of that name are outside it
        if tag == "title":
            self._in_title = False
        elif tag == "a" and self._open_link:
            self.links.append((self._open_link[0], " ".join(self._open_link[1].split())))
            self._open_link = None

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._open_link:
            self._open_link[1] += data


def read_page(response, within_id: str = "") -> _PageReader:
    reader = _PageReader(within_id)
    reader.feed(response.content.decode())
    return reader


def internal_links(response, within_id: str = "") -> list[tuple[str, str]]:
    """(href, link text) for every link that stays on this site, optionally only inside one element."""
    return [(href, text) for href, text in read_page(response, within_id).links if href.startswith("/")]
