"""Money is Decimal everywhere and shown in the shop's currency, written the visitor's way."""

from decimal import Decimal

from babel.numbers import format_currency
from django.conf import settings
from django.utils.translation import get_language, to_locale


def format_money(amount: Decimal) -> str:
    """£1,234.50 for en-GB; 1.234,50 £ for a German visitor (when the shop offers German)."""
    locale = to_locale(get_language() or settings.LANGUAGE_CODE)
    return format_currency(amount, settings.SHOP["currency"], locale=locale)
