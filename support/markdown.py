"""Staff write help articles and pages in Markdown; shoppers get sanitised HTML (no scripts, no styles)."""

import markdown as markdown_library
import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = {"h2", "h3", "h4", "p", "ul", "ol", "li", "strong", "em", "a", "blockquote", "code", "pre",
                "table", "thead", "tbody", "tr", "th", "td", "br", "hr"}


class _LabelledCells(Treeprocessor):
    """Each table cell carries its column's heading as `data-label`, so that on a phone, where a table's
    rows stack into blocks instead of running off the screen, every value still says what it is."""

    def run(self, root):
        for table in root.iter("table"):
            headings = ["".join(heading.itertext()).strip() for heading in table.iter("th")]
            for row in table.iter("tr"):
                for heading, cell in zip(headings, row.findall("td"), strict=False):
                    cell.set("data-label", heading)


class _LabelledCellsExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(_LabelledCells(md), "labelled_cells", 0)


def markdown_to_html(text: str) -> SafeString:
    html = markdown_library.markdown(text, extensions=["tables", "sane_lists", _LabelledCellsExtension()])
    cleaned = nh3.clean(html, tags=ALLOWED_TAGS,
                        attributes={"a": {"href", "title"}, "th": {"scope"}, "td": {"data-label"}},
                        url_schemes={"http", "https", "mailto", "tel"}, link_rel="noopener")
    return mark_safe(cleaned)  # noqa: S308 - nh3 has just removed everything but the tags above
