from datetime import date, datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def datetime_attribute(moment: datetime | date | None) -> str:
    """{{ order.created_at|datetime_attribute }} → 2026-11-29T01:54:07+00:00, for <time datetime="…">.

    Django's `date:'c'` keeps the microseconds, and HTML allows at most three digits of a second; to the
    second, in the shop's time zone like the text beside it, is all a reader or a machine needs."""
    if moment is None or moment == "":
        return ""
    if isinstance(moment, datetime):
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return moment.replace(microsecond=0).isoformat()
    return moment.isoformat()
