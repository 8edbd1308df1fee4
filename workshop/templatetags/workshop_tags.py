"""`{% practice "P27" %}`: the workshop badge for a practice, placed beside the element that shows it.

With workshop mode off (the usual case) the tag writes nothing and reads nothing: no markup, no query.
"""

from django import template
from django.template.loader import render_to_string

from workshop.catalogue import practice_or_none

register = template.Library()


@register.simple_tag(takes_context=True)
def practice(context, practice_id: str) -> str:
    request = context.get("request")
    if not getattr(request, "workshop_mode", False):
        return ""
    entry = practice_or_none(practice_id)
    if entry is None:
        raise template.TemplateSyntaxError(f"{practice_id} is not in the practice catalogue")
    # Each badge's explanation needs an id of its own, even when a practice is marked twice on a page.
    request.workshop_badges = getattr(request, "workshop_badges", 0) + 1
    return render_to_string("workshop/_badge.html", {"practice": entry, "number": request.workshop_badges})
