"""The hotline's opening hours, set once as data and written in the page's (or e-mail's) language.

SHOP_HOTLINE_HOURS takes schema.org's openingHours notation, "Mo-Fr 08:00-20:00; Sa 09:00-17:00", so one
setting reads "Mon–Fri 08:00–20:00, Sat 09:00–17:00" in English, "월–금 08:00–20:00, 토 09:00–17:00" in
Korean and "週一–週五 08:00–20:00，週六 09:00–17:00" in Traditional Chinese, with Babel's weekday names.
"""

import re
from dataclasses import dataclass
from datetime import time

from babel.dates import format_skeleton
from django.utils.translation import pgettext

from storefront.dates import page_locale

WEEKDAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]  # Babel numbers them the same way, Monday 0
_GROUP = re.compile(r"^(?P<first>Mo|Tu|We|Th|Fr|Sa|Su)(?:-(?P<last>Mo|Tu|We|Th|Fr|Sa|Su))?"
                    r"\s+(?P<opens>\d{2}):(?P<opens_m>\d{2})-(?P<closes>\d{2}):(?P<closes_m>\d{2})$")


@dataclass(frozen=True)
class _Group:
    first_day: int
    last_day: int
    opens: time
    closes: time


class OpeningHours:
    def __init__(self, notation: str):
        self.notation = notation
        self.groups = [self._parsed(part.strip()) for part in notation.split(";") if part.strip()]
        if not self.groups:
            raise ValueError("SHOP_HOTLINE_HOURS is empty; write it like 'Mo-Fr 08:00-20:00; Sa 09:00-17:00'.")

    @staticmethod
    def _parsed(part: str) -> _Group:
        match = _GROUP.match(part)
        if match is None:
            raise ValueError(f"SHOP_HOTLINE_HOURS: {part!r} should read like 'Mo-Fr 08:00-20:00' "
                             f"(days {', '.join(WEEKDAYS)}, 24-hour times).")
        first = WEEKDAYS.index(match["first"])
        return _Group(first_day=first, last_day=WEEKDAYS.index(match["last"]) if match["last"] else first,
                      opens=time(int(match["opens"]), int(match["opens_m"])),
                      closes=time(int(match["closes"]), int(match["closes_m"])))

    def __str__(self) -> str:
        locale = page_locale()
        day_names = locale.days["format"]["abbreviated"]
        written = []
        for group in self.groups:
            days = day_names[group.first_day]
            if group.last_day != group.first_day:
                days += "–" + day_names[group.last_day]
            hours = [format_skeleton("Hm", moment, locale=locale) for moment in (group.opens, group.closes)]
            written.append(f"{days} {hours[0]}–{hours[1]}")
        # Translators: what separates two groups of opening hours ("Mon–Fri 08:00–20:00, Sat 09:00–17:00").
        return pgettext("between groups of opening hours", ", ").join(written)

    def __repr__(self) -> str:
        return f"OpeningHours({self.notation!r})"
