"""`<html lang>` in every template, pages and e-mails alike (e-mails are written without a request)."""

from django import template
from django.utils.translation import get_language

from storefront.languages import language_tag

register = template.Library()


@register.simple_tag
def current_language_tag() -> str:
    """The active language as BCP 47 writes it ("zh-Hant"), not as Django's code does ("zh-hant")."""
    return language_tag(get_language())
