"""Money is Decimal everywhere, in the shop's one currency, and written the way the visitor writes numbers.

The currency comes from settings (SHOP_CURRENCY). On an English page the way of writing it comes from the
visitor's browser (Accept-Language), read once per request by `VisitorLocaleMiddleware`: a German visitor sees
"1.234,50 £" for the same amount an English one sees as "£1,234.50". A page in another language writes numbers
as that language does.
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import format_currency
from django.conf import settings
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language, to_locale

_visitor_locale: ContextVar[str | None] = ContextVar("visitor_locale", default=None)


def format_money(amount: Decimal, *, whole: bool = False) -> str:
    """£1,234.50 in the visitor's way of writing. `whole`: a round amount without its pence, for a promise
    ("Free delivery over £40", "40 £" in German); an amount with pence keeps them."""
    locale = _parsed(_visitor_locale.get() or to_locale(settings.LANGUAGE_CODE))
    if whole and Decimal(amount) == Decimal(amount).to_integral_value():
        return format_currency(amount, settings.SHOP["currency"], locale=locale, format=_without_fraction(locale),
                               currency_digits=False)
    return format_currency(amount, settings.SHOP["currency"], locale=locale)


@lru_cache(maxsize=64)
def _without_fraction(locale: Locale) -> str:
    """The locale's currency pattern with its decimals left out: "¤#,##0.00" → "¤#,##0"."""
    return re.sub(r"\.0+", "", locale.currency_formats["standard"].pattern)


@contextmanager
def prices_written_in(language: str) -> Iterator[None]:
    """Prices written the way `language` writes them, whatever browser asked: for a message read later,
    elsewhere, by someone else (the outbox renders each e-mail inside this)."""
    token = _visitor_locale.set(to_locale(language))
    try:
        yield
    finally:
        _visitor_locale.reset(token)


@lru_cache(maxsize=64)
def _parsed(locale: str) -> Locale:
    """Babel parses a locale name on every call otherwise: most of the cost of a price on a listing."""
    return Locale.parse(locale)


def locale_from_accept_language(header: str) -> str | None:
    """The first language in the header that Babel knows, as a locale name ("de_DE"), or None."""
    for part in header.split(",")[:8]:
        tag = part.split(";")[0].strip()
        if not tag or tag == "*":
            continue
        try:
            return str(Locale.parse(tag, sep="-"))
        except (ValueError, UnknownLocaleError):
            continue
    return None


class VisitorLocaleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The page's language, when it is not English: the words and the numbers on a Korean page agree, and
        # one address (/ko/cart/) has one answer whatever the browser's languages. English is the shop's
        # default for visitors from everywhere, so there the browser still says how it writes numbers.
        language = get_language()
        from_browser = language == settings.LANGUAGE_CODE
        token = _visitor_locale.set(locale_from_accept_language(request.headers.get("Accept-Language", ""))
                                    if from_browser else to_locale(language))
        try:
            response = self.get_response(request)
        finally:
            _visitor_locale.reset(token)
        if from_browser:
            patch_vary_headers(response, ["Accept-Language"])  # a cache must not show one visitor's format to another
        return response
