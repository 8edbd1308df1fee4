from django.apps import apps
from django.conf import settings

# The sizes a shopper can choose (practice P44): value, name read out, what the button shows.
TEXT_SIZES = [("small", "Small", "A−"), ("medium", "Medium", "A"), ("large", "Large", "A+")]
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
