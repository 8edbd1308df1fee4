"""Dates and times written the way the page's language writes them, with Babel's CLDR data.

Django's `date:"l j F"` fixes the English order of the parts: a Korean page would read "화요일 1 12월". These
name what is shown (a weekday and a day, a full date, a time) and let each language order and punctuate it:
"Tuesday 1 December", "12월 1일 화요일", "12月1日 週二". Aware datetimes are shown in the shop's time zone.
"""

from datetime import date, datetime
from functools import lru_cache

from babel import Locale
from babel.dates import format_date, format_skeleton, format_time
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language, to_locale


@lru_cache(maxsize=16)
def _locale(language: str) -> Locale:
    return Locale.parse(to_locale(language))


def page_locale() -> Locale:
    return _locale(get_language() or settings.LANGUAGE_CODE)


def _local(moment: date) -> date:
    if isinstance(moment, datetime) and timezone.is_aware(moment):
        return timezone.localtime(moment)
    return moment


def weekday_and_day(moment: date) -> str:
    """Tuesday 1 December · 12월 1일 화요일 · 12月1日 週二"""
    return format_skeleton("MMMMEEEEd", _local(moment), locale=page_locale())


def short_weekday_and_day(moment: date) -> str:
    """Tue 1 Dec · 12월 1일 (화) · 12月1日 週二"""
    return format_skeleton("MMMEd", _local(moment), locale=page_locale())


def day_and_month(moment: date) -> str:
    """1 December · 12월 1일 · 12月1日"""
    return format_skeleton("MMMMd", _local(moment), locale=page_locale())


def long_date(moment: date) -> str:
    """1 December 2026 · 2026년 12월 1일 · 2026年12月1日"""
    return format_date(_local(moment), "long", locale=page_locale())


def full_date(moment: date) -> str:
    """Tuesday, 1 December 2026 · 2026년 12월 1일 화요일 · 2026年12月1日 星期二"""
    return format_date(_local(moment), "full", locale=page_locale())


def month_and_year(moment: date) -> str:
    """December 2026 · 2026년 12월 · 2026年12月"""
    return format_skeleton("yMMMM", _local(moment), locale=page_locale())


def short_month(moment: date) -> str:
    """Dec · 12월 · 12月 (a chart's axis)"""
    return format_date(_local(moment), "LLL", locale=page_locale())


def clock_time(moment: datetime, *, seconds: bool = False) -> str:
    """14:05 (every one of the four languages uses the 24-hour clock in writing a shop's times)"""
    return format_skeleton("Hms" if seconds else "Hm", _local(moment), locale=page_locale())


def zoned_clock_time(moment: datetime) -> str:
    """14:05 GMT: a time that is a legal record (a withdrawal's receipt) says its zone."""
    return format_time(_local(moment), "HH:mm z", tzinfo=timezone.get_current_timezone(), locale=page_locale())


def date_and_time(moment: datetime, *, seconds: bool = False, year: bool = True) -> str:
    """1 December 2026, 14:05 · 2026년 12월 1일 14:05 · 2026年12月1日 14:05 (the language's own joining)"""
    day = long_date(moment) if year else day_and_month(moment)
    return _joined(day, clock_time(moment, seconds=seconds))


def short_date_and_time(moment: datetime) -> str:
    """Tue 1 Dec, 14:05 · 12월 1일 (화) 14:05"""
    return _joined(short_weekday_and_day(moment), clock_time(moment))


def _joined(day: str, time: str) -> str:
    return page_locale().datetime_formats["medium"].replace("{1}", day).replace("{0}", time)
