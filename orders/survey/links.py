"""The survey's link: the order's id, signed, so the page opens without signing in and for that order only."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse

from orders.models import Order
from storefront.signed_links import LinkNotValid, id_from_token, id_token

SIGNING_SALT = "orders.survey"
LINK_VALID_FOR = timedelta(days=60)


def survey_link(order: Order) -> str:
    """The absolute address of this order's survey, valid for LINK_VALID_FOR from now."""
    token = id_token(order.pk, salt=SIGNING_SALT)
    return settings.SHOP["site_url"].rstrip("/") + reverse("orders:survey", args=[token])


def survey_order(token: str) -> Order:
    order = Order.objects.filter(pk=id_from_token(token, salt=SIGNING_SALT, valid_for=LINK_VALID_FOR)).first()
    if order is None:
        raise LinkNotValid
    return order
