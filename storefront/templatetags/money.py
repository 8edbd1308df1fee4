from django import template

from storefront.money import format_money

register = template.Library()


@register.filter
def money(amount, style: str = "") -> str:
    """{{ product.price|money }} → £40.00; {{ threshold|money:"whole" }} → £40 (see storefront/money.py)."""
    return "" if amount in (None, "") else format_money(amount, whole=style == "whole")
