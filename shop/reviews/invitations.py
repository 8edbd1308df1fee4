"""The signed links to the review form sent after delivery (P53): one per product received, opening the form
without signing in, since the link itself proves the purchase."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.urls import reverse

from orders.models import Order, OrderLine
from shop.models import Product
from storefront.signed_links import LinkNotValid, id_from_token, id_token

from .selectors import DELIVERED_PURCHASE

INVITE_SALT = "shop.review-invite"
INVITE_VALID_FOR = timedelta(days=90)  # a season of use, and still fresh in mind


@dataclass(frozen=True)
class ReviewInvitation:
    product_name: str
    url: str


def review_invite_link(line: OrderLine) -> str:
    """The absolute address of the review form for this purchase, valid for INVITE_VALID_FOR from now."""
    token = id_token(line.pk, salt=INVITE_SALT)
    return settings.SHOP["site_url"].rstrip("/") + reverse("shop:review_invited",
                                                           args=[line.variant.product.slug, token])


def review_invitations(order: Order) -> list[ReviewInvitation]:
    """A link for each product of the order that arrived and is still on sale. Two sizes of one product
    get one link: a reviewer writes one review of a product."""
    lines = (order.lines.filter(DELIVERED_PURCHASE, variant__product__is_active=True)
             .select_related("variant__product").order_by("pk"))
    first_line_of_each_product = {}
    for line in lines:
        first_line_of_each_product.setdefault(line.variant.product_id, line)
    return [ReviewInvitation(line.product_name, review_invite_link(line))
            for line in first_line_of_each_product.values()]


def review_invite_purchase(*, token: str, product: Product) -> OrderLine:
    """The purchase an invitation's token proves, with its order and the order's account."""
    line_id = id_from_token(token, salt=INVITE_SALT, valid_for=INVITE_VALID_FOR)
    purchase = (OrderLine.objects.filter(DELIVERED_PURCHASE, pk=line_id, variant__product=product)
                .select_related("order__customer").first())
    if purchase is None:  # not a delivered purchase of this product (any more)
        raise LinkNotValid
    return purchase
