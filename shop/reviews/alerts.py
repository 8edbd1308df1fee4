"""Telling staff about a low rating (S10): an e-mail to the shop, sent once, from a Celery task (tasks.py)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from shop.models import Review
from storefront.emails import templated_email

from .selectors import LOW_RATING


def review_alert_staff(*, review_id: int) -> bool:
    """E-mail the shop a review of LOW_RATING stars or fewer, with a link to reply; False if already sent.

    The review's row is locked while sending and `staff_alerted_at` set after, so a task that runs twice
    sends once; a mail server that fails leaves it unset, so the task's retry sends it.
    """
    with transaction.atomic():
        review = (Review.objects.select_for_update(of=("self",))  # the reviewer and order are only read
                  .select_related("product", "customer", "order_line__order").filter(pk=review_id).first())
        if review is None or review.rating > LOW_RATING or review.staff_alerted_at is not None:
            return False
        _staff_email(review).send()
        review.staff_alerted_at = timezone.now()
        review.save(update_fields=["staff_alerted_at"])
    return True


def _staff_email(review: Review) -> EmailMultiAlternatives:
    site_url = settings.SHOP["site_url"].rstrip("/")
    context = {"review": review, "product": review.product, "shop": settings.SHOP,
               "reviewer_email": reviewer_email(review),
               "product_url": site_url + review.product.get_absolute_url() + "#reviews",
               "reply_url": site_url + reverse("admin:shop_review_change", args=[review.pk])}
    return templated_email("review_low", context, to=[settings.SHOP["email"]])


def reviewer_email(review: Review) -> str:
    """Where staff reach the reviewer: the account's address, or a guest's, from the order."""
    if review.customer is not None:
        return review.customer.email
    return review.order_line.order.email if review.order_line else ""
