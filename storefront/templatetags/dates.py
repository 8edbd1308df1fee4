from datetime import date, datetime
from functools import wraps

from django import template
from django.utils import timezone

from storefront import dates

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



def _blank_stays_blank(write):
    """An empty value stays empty, as Django's `date` filter leaves it."""
    @wraps(write)
    def written(moment, *argument):
        return "" if moment is None or moment == "" else write(moment, *argument)
    return written


# {{ order.created_at|long_date }}: a date in the page's language (storefront/dates.py shows each in all four).
for _write in (dates.weekday_and_day, dates.short_weekday_and_day, dates.day_and_month, dates.long_date,
               dates.full_date, dates.month_and_year, dates.short_month, dates.zoned_clock_time,
               dates.short_date_and_time):
    register.filter(_write.__name__, _blank_stays_blank(_write))


@register.filter
@_blank_stays_blank
def clock_time(moment, precision: str = ""):
    """{{ moment|clock_time }} → 14:05; {{ moment|clock_time:"seconds" }} → 14:05:49"""
    return dates.clock_time(moment, seconds=precision == "seconds")


@register.filter
@_blank_stays_blank
def date_and_time(moment, parts: str = ""):
    """{{ moment|date_and_time }} → 1 December 2026, 14:05; "seconds" adds them, "no year" leaves it out."""
    return dates.date_and_time(moment, seconds="seconds" in parts, year="no year" not in parts)
