"""Amounts of money typed by visitors or posted back by our own pages, read without surprises.

Python's Decimal reads far more than a person means by an amount: "NaN", "sNaN" (which raises on the
first comparison), "Infinity", "1e999999999" (which formats to a billion digits), "1_000" and digits of
every script. An amount here is what a shopper writes: plain digits 0-9, at most one decimal point, no
sign, no exponent, and a sane number of digits, so every Decimal it gives is finite and small.
"""

import re
from decimal import Decimal

MAX_WHOLE_DIGITS = 9  # up to £999,999,999: far beyond any basket, far below anything costly to format


def parse_money(text, *, decimal_places: int = 2) -> Decimal | None:
    """The amount written in `text`, or None when it is not a plain amount of money."""
    if not isinstance(text, str):
        return None
    plain = re.fullmatch(rf"[0-9]{{1,{MAX_WHOLE_DIGITS}}}(\.[0-9]{{0,{decimal_places}}})?", text.strip())
    return Decimal(plain.group()) if plain else None
