"""Telling staff about a low rating (S10): an e-mail to the shop, written to the outbox with the review."""

from django.conf import settings
from django.urls import reverse

from outbox.services import email_write
from shop.models import Review


def review_alert_staff(*, review: Review) -> None:
    """Write staff's e-mail about a review of LOW_RATING stars or fewer, with a link to reply: once per review,
    however often it is edited."""
    site_url = settings.SHOP["site_url"].rstrip("/")
    context = {"review": review, "product": review.product, "shop": settings.SHOP,
               "reviewer_email": reviewer_email(review),
               "product_url": site_url + review.product.get_absolute_url() + "#reviews",
               "reply_url": site_url + reverse("admin:shop_review_change", args=[review.pk])}
    email_write(key=f"review:{review.pk}:low_rating", template="review_low", context=lambda: context,
                to=settings.SHOP["email"], staff=True)


def reviewer_email(review: Review) -> str:
    """Where staff reach the reviewer: the account's address, or a guest's, from the order."""
    if review.customer is not None:
        return review.customer.email
    return review.order_line.order.email if review.order_line else ""
