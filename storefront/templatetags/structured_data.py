"""schema.org data for search engines (practice P62), written as JSON-LD blocks."""

import json

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()

# The characters that could end the <script> element early or start an HTML comment, as JSON escapes.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003C", ">": "\\u003E", "&": "\\u0026"})


@register.filter
def json_ld(data: dict) -> str:
    """A <script type="application/ld+json"> block; browsers never run it, so the CSP allows it inline."""
    return format_html('<script type="application/ld+json">{}</script>',
                       mark_safe(json.dumps(data, ensure_ascii=False).translate(_SCRIPT_SAFE)))  # noqa: S308


@register.simple_tag(takes_context=True)
def breadcrumb_list(context, trail, current: str) -> dict:
    """The breadcrumb trail as a schema.org BreadcrumbList: home, each category above, then this page."""
    request = context["request"]
    steps = [(gettext("Home"), reverse("shop:home")), *[(node.name, node.get_absolute_url()) for node in trail or []],
             (current, request.path)]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": request.build_absolute_uri(url)}
            for position, (name, url) in enumerate(steps, start=1)
        ],
    }
