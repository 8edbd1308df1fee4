"""Small readers for rendered pages, so tests can speak of links and titles instead of raw HTML."""

from html.parser import HTMLParser


class _PageReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.title = ""
        self._in_title = False
        self._open_link: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self._in_title = True
        elif tag == "a" and dict(attrs).get("href"):
            self._open_link = [dict(attrs)["href"], ""]

    def handle_endtag(self, tag):
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
    """Read the whole page, or only the <div> with the given id (which must hold no other <div>)."""
    html = response.content.decode()
    if within_id:
        html = html[html.index(f'id="{within_id}"'):]
        html = html[: html.index("</div>")]
    reader = _PageReader()
    reader.feed(html)
    return reader


def internal_links(response, within_id: str = "") -> list[tuple[str, str]]:
    """(href, link text) for every link that stays on this site."""
    return [(href, text) for href, text in read_page(response, within_id).links if href.startswith("/")]
