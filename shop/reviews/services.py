"""The rules of writing, moderating, replying to and voting on reviews, and the products' ratings they
keep right."""

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, F, Sum
from django.utils import timezone
from django.utils.translation import gettext

from accounts.models import User
from orders.models import Order
from shop.models import Product, Review, ReviewPhoto, ReviewVote
from storefront.queueing import task_queue

from .alerts import review_alert_staff
from .photos import photo_files_delete
from .selectors import LOW_RATING, ReviewPermission, reviews_by, reviews_shown_at_once
from .tasks import review_photo_renditions_task


def review_save(*, product: Product, customer: User | None, permission: ReviewPermission, rating: int, title: str,
                text: str, display_name: str, new_photos: Sequence[ContentFile] = (), photo_description: str = "",
                remove_photo_ids: Sequence[int] = ()) -> Review:
    """Write the review of the product, or change the one written before (`reviews_by`). A guest (no
    customer) reviews only the purchase that their invitation proves.

    A changed review is read again like a new one when the shop moderates reviews. Staff hear of a rating
    that has just become low (a new review, or one changed from 3 stars or more) once it is committed.
    """
    if not permission.allowed:
        raise PermissionError(permission.refusal)
    if customer is None and permission.purchase is None:
        raise PermissionError("Without an account, only the purchase in a review invitation can be reviewed.")
    with transaction.atomic():
        # One reviewer's reviews are written one at a time (the account, or a guest's order, is locked): a
        # double-clicked "Send" then finds the first review and changes it, instead of colliding with it on
        # the one-review-per-product rule.
        if customer is not None:
            User.objects.select_for_update().filter(pk=customer.pk).first()
        else:
            Order.objects.select_for_update().filter(pk=permission.purchase.order_id).first()
        review = reviews_by(product=product, customer=customer, purchase=permission.purchase).first()
        was_published = review is not None and review.status == Review.Status.PUBLISHED
        was_low = review is not None and review.rating <= LOW_RATING
        review = review or Review(product=product, customer=customer)
        review.rating, review.title, review.text, review.display_name = rating, title, text, display_name
        review.order_line = permission.purchase
        review.status = Review.Status.PUBLISHED if reviews_shown_at_once() else Review.Status.PENDING
        review.save()

        removed = list(review.photos.filter(pk__in=remove_photo_ids))
        for photo in removed:
            photo.delete()
        transaction.on_commit(lambda: [photo_files_delete(photo) for photo in removed])
        first_number = review.photos.count() + 1
        for number, content in enumerate(new_photos, start=first_number):
            photo = ReviewPhoto.objects.create(
                review=review, image=content,
                # In the reviewer's language, as the review itself is.
                alt=photo_description or gettext("Photo %(number)s from %(name)s’s review “%(title)s”")
                % {"number": number, "name": display_name, "title": title})
            # Off the request: a worker makes the smaller copies (seconds of work for a large photo).
            transaction.on_commit(lambda photo_id=photo.pk: task_queue(review_photo_renditions_task, photo_id))

        if was_published or review.status == Review.Status.PUBLISHED:
            product_rating_recompute(product_id=product.pk)
        if rating <= LOW_RATING and not was_low:
            review_alert_staff(review=review)
    return review


def product_rating_recompute(*, product_id: int) -> None:
    """The product's average and number of ratings, from its published reviews (what listings show)."""
    totals = Review.objects.filter(product_id=product_id, status=Review.Status.PUBLISHED).aggregate(
        stars=Sum("rating"), count=Count("pk"))
    average = None
    if totals["count"]:  # worked out in decimals: a float average can round 4.125 down
        average = (Decimal(totals["stars"]) / totals["count"]).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    Product.objects.filter(pk=product_id).update(rating_average=average, rating_count=totals["count"])


def reviews_moderate(*, reviews, status: str) -> int:
    """Publish or reject reviews (a queryset), then put right the rating of each product concerned."""
    with transaction.atomic():
        changing = reviews.exclude(status=status)
        product_ids = set(changing.values_list("product_id", flat=True))
        changed = Review.objects.filter(pk__in=list(changing.values_list("pk", flat=True))).update(status=status)
        for product_id in product_ids:
            product_rating_recompute(product_id=product_id)
    return changed


def review_staff_save(*, review: Review, changed_fields: list[str]) -> Review:
    """Staff's edit from the back office: the reply is dated when written or changed (shown beside it), and
    the product's rating follows whatever else changed."""
    with transaction.atomic():
        if "shop_reply" in changed_fields:
            review.shop_reply = review.shop_reply.strip()
            review.shop_reply_at = timezone.now() if review.shop_reply else None
        if "follow_up_note" in changed_fields:
            review.follow_up_note = review.follow_up_note.strip()
            review.followed_up_at = timezone.now() if review.follow_up_note else None
        review.save()
        product_rating_recompute(product_id=review.product_id)
    return review


def reviews_delete(*, reviews) -> None:
    """Delete reviews (a queryset) with their photo files, and put right the products' ratings."""
    with transaction.atomic():
        product_ids = set(reviews.values_list("product_id", flat=True))
        photos = list(ReviewPhoto.objects.filter(review__in=reviews))
        reviews.delete()
        for product_id in product_ids:
            product_rating_recompute(product_id=product_id)
        transaction.on_commit(lambda: [photo_files_delete(photo) for photo in photos])


def review_vote_record(*, review: Review, visitor: str, helpful: bool) -> bool:
    """One "Was this review helpful?" answer per visitor: a second answer replaces the first. Returns
    whether the review's helpful count changed. The count moves with F(), so votes at the same moment
    all count."""
    with transaction.atomic():
        vote, created = ReviewVote.objects.get_or_create(review=review, visitor=visitor,
                                                         defaults={"helpful": helpful})
        if created:
            change = 1 if helpful else 0
        elif vote.helpful != helpful:
            vote.helpful = helpful
            vote.save(update_fields=["helpful"])
            change = 1 if helpful else -1
        else:
            change = 0
        if change:
            Review.objects.filter(pk=review.pk).update(helpful_count=F("helpful_count") + change)
    return bool(change)
