"""Staff write help articles and pages in Markdown; shoppers get sanitised HTML (no scripts, no styles)."""

import markdown as markdown_library
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {"h2", "h3", "h4", "p", "ul", "ol", "li", "strong", "em", "a", "blockquote", "code", "pre",
                "table", "thead", "tbody", "tr", "th", "td", "br", "hr"}


def markdown_to_html(text: str) -> SafeString:
    html = markdown_library.markdown(text, extensions=["tables", "sane_lists"])
    cleaned = nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href", "title"}, "th": {"scope"}},
                        url_schemes={"http", "https", "mailto", "tel"}, link_rel="noopener")
    return mark_safe(cleaned)  # noqa: S308 - nh3 has just removed everything but the tags above
