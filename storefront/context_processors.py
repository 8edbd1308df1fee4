from django.apps import apps
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .languages import language_versions

# The sizes a shopper can choose (practice P44): value, name read out, what the button shows.
TEXT_SIZES = [("small", _("Small"), "A−"), ("medium", _("Medium"), "A"), ("large", _("Large"), "A+")]
TEXT_SIZE_COOKIE = "text_size"


def shop_details(request):
    """The merchant's name, hotline and address, for the header, footer and titles; and whether the demo
    app is installed, for the footer's link to its inbox."""
    return {"shop": settings.SHOP, "demo_installed": apps.is_installed("demo")}


def text_size(request):
    """The shopper's chosen text size, remembered in a cookie (never the session: no database write)."""
    chosen = request.COOKIES.get(TEXT_SIZE_COOKIE)
    known = {size for size, _, _ in TEXT_SIZES}
    return {"text_size": chosen if chosen in known else "medium", "text_sizes": TEXT_SIZES}


def languages(request):
    """This page in each language: the header's switcher and the head's hreflang alternates."""
    versions = language_versions(request)
    english = next(version for version in versions if version["code"] == settings.LANGUAGE_CODE)
    return {"language_versions": versions, "language_x_default": english["url"]}
