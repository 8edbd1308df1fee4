from django.conf import settings


def shop_details(request):
    """The merchant's name, hotline and address, for the header, footer and titles."""
    return {"shop": settings.SHOP}
