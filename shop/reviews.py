"""Customer reviews (practices P56, S10): customers rate and review what they bought, shoppers see the
average, the spread and the reviews on the product page, vote on which helped, and read the shop's reply.

Writing: a signed-in customer who bought the product gets a "Verified purchase" badge; any other signed-in
shopper may write too unless `SHOP["reviews_from_buyers_only"]`. One review per customer and product: a
second visit changes the first. Photos are checked and re-encoded by Pillow before they are kept.

Invitations (P53): the survey e-mail sent after delivery carries a signed link per product received
(`review_invitations`). The link opens the form without signing in, since most customers check out as
guests: it proves the purchase. A guest's review has no customer, only the purchase, and the same link
changes it later; an order placed with an account gives that account's review, as if signed in.

Showing: only published reviews. With `SHOP["reviews_need_moderation"]` a review waits for staff; without
it, it shows at once. `Product.rating_average` and `rating_count` (read by every listing) are worked out
again from the published reviews whenever one is published, unpublished, changed or deleted.

Staff (S10): the back office lists reviews waiting for moderation first and marks low ratings without a
reply (shop/admin.py). A review of 2 stars or fewer e-mails the shop at once, from a Celery task.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from io import BytesIO

from celery import shared_task
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail import EmailMultiAlternatives
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, F, Q, Sum, Window
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers
from PIL import Image, ImageOps, UnidentifiedImageError

from accounts.models import User
from orders.models import Order, OrderLine
from storefront.emails import templated_email
from storefront.ratelimit import rate_limited
from storefront.redirects import safe_next_path
from storefront.signed_links import LinkNotValid, id_from_token, id_token
from support.visitors import visitor_id

from .images import RENDITION_FORMATS, rendition_name, rendition_widths, renditions_make
from .models import Product, Review, ReviewPhoto, ReviewVote

STARS = range(1, 6)
LOW_RATING = 2  # this many stars or fewer: staff are told at once, and a reply is expected (S10)
FIRST_REVIEWS = 3  # on the product page; the rest are a link away
REVIEWS_PER_PAGE = 10


# --- Who may review --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewPermission:
    """Whether a customer may review a product; when not, why, in words for them."""

    purchase: OrderLine | None = None  # a delivered purchase of the product: the review is "verified"
    refusal: str = ""

    @property
    def allowed(self) -> bool:
        return not self.refusal


# Only a delivered order makes a purchase verified: until then the customer has not used the product. A line
# cancelled before dispatch was never received.
DELIVERED_PURCHASE = Q(order__status=Order.Status.DELIVERED, cancelled_quantity__lt=F("quantity"))


def review_permission(*, product: Product, customer: User) -> ReviewPermission:
    """Buyers may always review; other signed-in shoppers unless the shop takes reviews from buyers only."""
    bought = (OrderLine.objects.filter(order__customer=customer, variant__product=product,
                                       cancelled_quantity__lt=F("quantity"))
              .exclude(order__status=Order.Status.CANCELLED))
    purchase = bought.filter(DELIVERED_PURCHASE).order_by("-order__created_at").first()
    if purchase is not None or not settings.SHOP["reviews_from_buyers_only"]:
        return ReviewPermission(purchase=purchase)
    if bought.exists():
        return ReviewPermission(refusal=f"You can review {product.name} once your order has been delivered, "
                                        "so that you can say how it is in use.")
    return ReviewPermission(refusal=f"Only customers who have bought {product.name} can review it, so that every "
                                    "review here comes from someone who has used it. Have a question about it? "
                                    "Ask it on the product's page and we will answer.")


# --- Invitations after delivery (P53) ----------------------------------------------------------------

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


# --- Photos ------------------------------------------------------------------------------------------

PHOTO_LIMIT = 3
PHOTO_MAX_MEGABYTES = 5
PHOTO_MAX_SIDE = 1600  # pixels on the long side: sharp on any screen, a fraction of a phone photo's size
PHOTO_MAX_PIXELS = 50_000_000  # larger than any camera's photo; a tiny file claiming more is an attack
# Pillow's name for each accepted type → extension and how it is written again.
PHOTO_FORMATS = {
    "JPEG": ("jpg", {"quality": 85, "optimize": True}),
    "PNG": ("png", {"optimize": True}),
    "WEBP": ("webp", {"quality": 85}),
}
PHOTO_TYPES = "JPEG, PNG or WebP"


def photo_prepare(upload) -> ContentFile:
    """The uploaded file as a photo ready to keep, or a ValidationError saying what to do instead.

    Its content decides what it is, never its name. It is turned upright (phones store photos sideways
    with a note to rotate them), made at most PHOTO_MAX_SIDE pixels on its long side, and written again
    without its metadata: a phone photo's EXIF data can tell where it was taken. Only the colour profile
    is kept, so colours look the same.
    """
    name = upload.name
    if upload.size > PHOTO_MAX_MEGABYTES * 1024 * 1024:
        raise ValidationError(f"“{name}” is {upload.size / (1024 * 1024):.1f} MB, and a photo can be at most "
                              f"{PHOTO_MAX_MEGABYTES} MB. Choose a smaller photo, or save a smaller copy first.")
    try:
        with Image.open(upload) as picture:  # only the header is read so far
            kind = picture.format
            if kind not in PHOTO_FORMATS:
                raise ValidationError(f"“{name}” is a {kind} file. Choose a {PHOTO_TYPES} picture instead.")
            if picture.width * picture.height > PHOTO_MAX_PIXELS:
                raise ValidationError(f"“{name}” is {picture.width} × {picture.height} pixels, too large to "
                                      f"take. Choose a photo of at most {PHOTO_MAX_PIXELS // 1_000_000} megapixels.")
            upright = ImageOps.exif_transpose(picture)  # decodes the whole file: a damaged one fails here
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(f"“{name}” is not a photo we can read. Choose a {PHOTO_TYPES} picture.") from None
    extension, options = PHOTO_FORMATS[kind]
    upright.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE), Image.Resampling.LANCZOS)  # shrinks, never enlarges
    if extension == "jpg" and upright.mode not in ("RGB", "L"):
        upright = upright.convert("RGB")  # CMYK and the like, which browsers show badly
    colour_profile = upright.info.get("icc_profile")
    upright.info = {}  # EXIF, XMP and text notes stay behind
    encoded = BytesIO()
    upright.save(encoded, kind, **options, **({"icc_profile": colour_profile} if colour_profile else {}))
    # A name of our own: the shopper's file name can say more about them than the photo does.
    return ContentFile(encoded.getvalue(), name=f"{uuid.uuid4().hex}.{extension}")


def _photo_files_delete(photo: ReviewPhoto) -> None:
    """The photo's file and its smaller copies (shop/images.py)."""
    name = photo.image.name
    for width in rendition_widths(photo.width):
        for extension in RENDITION_FORMATS:
            default_storage.delete(rendition_name(name, width, extension))
    default_storage.delete(name)


# --- The form ----------------------------------------------------------------------------------------


class MultiplePhotoInput(forms.FileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several files from one input (Django's documented recipe); each becomes a photo ready to keep."""

    widget = MultiplePhotoInput(attrs={"accept": "image/jpeg,image/png,image/webp"})

    def clean(self, data, initial=None):
        files = [file for file in (data if isinstance(data, list | tuple) else [data]) if file]
        if len(files) > PHOTO_LIMIT:
            raise ValidationError(f"You chose {len(files)} photos: choose at most {PHOTO_LIMIT}.")
        prepared, problems = [], []
        for file in files:
            try:
                prepared.append(photo_prepare(super().clean(file, initial)))
            except ValidationError as problem:
                problems.extend(problem.messages)
        if problems:
            raise ValidationError(problems)
        return prepared


RATING_WORDS = {1: "poor", 2: "disappointing", 3: "all right", 4: "good", 5: "excellent"}
RATING_MESSAGE = "Choose a rating from 1 to 5 stars."


class ReviewForm(forms.Form):
    rating = forms.TypedChoiceField(
        label="Your rating", coerce=int, widget=forms.RadioSelect,
        choices=[(stars, f"{stars} star{'s' if stars > 1 else ''}: {RATING_WORDS[stars]}") for stars in STARS],
        error_messages={"required": RATING_MESSAGE, "invalid_choice": RATING_MESSAGE})
    title = forms.CharField(
        label="Title", max_length=120, help_text="Sum it up in a few words, e.g. “Warm, and the sleeves are long”.",
        error_messages={"required": "Give your review a title of a few words.",
                        "max_length": "Shorten the title to at most %(limit_value)d characters "
                                      "(it has %(show_value)d)."})
    text = forms.CharField(
        label="Your review", max_length=5000, widget=forms.Textarea(attrs={"rows": 7}),
        help_text="What you liked and what you did not: fit, quality, how it wears or works. Please leave out "
                  "personal details.",
        error_messages={"required": "Write a few sentences about the product.",
                        "max_length": "Shorten your review to at most %(limit_value)d characters "
                                      "(it has %(show_value)d)."})
    display_name = forms.CharField(
        label="Name to show", max_length=60,
        help_text="For example “Ada, Bristol”. Your e-mail address is never shown.",
        error_messages={"required": "Type the name to show with your review, e.g. your first name.",
                        "max_length": "Shorten the name to at most %(limit_value)d characters."},
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}))
    photos = PhotosField(
        label="Photos", required=False,
        help_text=f"Up to {PHOTO_LIMIT} {PHOTO_TYPES} pictures of the product, {PHOTO_MAX_MEGABYTES} MB each at most.",
        error_messages={"empty": "One of the photos is an empty file. Choose it again, or choose another.",
                        "invalid": f"Choose {PHOTO_TYPES} pictures from your device."})
    photo_description = forms.CharField(
        label="What your photos show", required=False, max_length=200,
        help_text="For people who cannot see them, e.g. “The jacket worn open, from the side”.",
        error_messages={"max_length": "Shorten the description to at most %(limit_value)d characters."})
    remove_photos = forms.TypedMultipleChoiceField(
        label="Remove photos", required=False, coerce=int, widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "One of the photos to remove is no longer there. Reload the page and "
                                          "tick them again."})

    def __init__(self, *args, review: Review | None = None, **kwargs):
        self.kept_photos = list(review.photos.all()) if review else []
        if review:  # a second visit changes the first review
            kwargs["initial"] = {name: getattr(review, name) for name in ("rating", "title", "text", "display_name")}
        super().__init__(*args, **kwargs)
        self.fields["remove_photos"].choices = [(photo.pk, photo.alt) for photo in self.kept_photos]

    def clean(self):
        cleaned = super().clean()
        kept = len(self.kept_photos) - len(cleaned.get("remove_photos", []))
        if kept + len(cleaned.get("photos", [])) > PHOTO_LIMIT:
            self.add_error("photos", f"A review can have {PHOTO_LIMIT} photos: it has {kept} already. Choose fewer, "
                                     "or tick “Remove” under the ones to replace.")
        return cleaned


def display_name_suggestion(first_name: str, town: str) -> str:
    """"Ada, Bristol", as far as the first name and town are known."""
    return ", ".join(part for part in (first_name.strip(), town.strip()) if part)


def account_display_name(customer: User) -> str:
    address = customer.addresses.first()
    return display_name_suggestion(customer.first_name, address.city if address else "")


def order_display_name(order: Order) -> str:
    """From the name and town the order went to: an invited guest has no account to read them from."""
    first_name = (order.full_name.split() or [""])[0]
    return display_name_suggestion(first_name, order.city)


# --- Writing, moderating, replying and voting ----------------------------------------------------------


def reviews_shown_at_once() -> bool:
    return not settings.SHOP["reviews_need_moderation"]


def reviews_by(*, product: Product, customer: User | None, purchase: OrderLine | None):
    """The review (as a queryset of at most one) the reviewer wrote of the product before: the account's,
    or for a guest (no customer) the one written through an invitation from the same order."""
    if customer is not None:
        return Review.objects.filter(product=product, customer=customer)
    return Review.objects.filter(product=product, customer=None, order_line__order_id=purchase.order_id)


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
        transaction.on_commit(lambda: [_photo_files_delete(photo) for photo in removed])
        first_number = review.photos.count() + 1
        for number, content in enumerate(new_photos, start=first_number):
            photo = ReviewPhoto.objects.create(
                review=review, image=content,
                alt=photo_description or f"Photo {number} from {display_name}’s review “{title}”")
            renditions_make(photo.image.name)

        if was_published or review.status == Review.Status.PUBLISHED:
            product_rating_recompute(product_id=product.pk)
        if rating <= LOW_RATING and not was_low:
            transaction.on_commit(lambda: review_alert_staff_task.delay(review.pk))
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
        transaction.on_commit(lambda: [_photo_files_delete(photo) for photo in photos])


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


# --- Reading -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewSort:
    key: str
    label: str
    ordering: tuple[str, ...]
    described: str  # for "Showing 1–10 of 24 reviews, …"


SORTS = {sort.key: sort for sort in [
    ReviewSort("helpful", "Most helpful", ("-helpful_count", "-created_at", "-pk"), "most helpful first"),
    ReviewSort("newest", "Newest", ("-created_at", "-pk"), "newest first"),
    ReviewSort("lowest", "Lowest rating", ("rating", "-created_at", "-pk"), "lowest rating first"),
    ReviewSort("highest", "Highest rating", ("-rating", "-created_at", "-pk"), "highest rating first"),
]}
DEFAULT_SORT = "helpful"


def published_reviews(*, product: Product, sort: str):
    """The product's published reviews in the chosen order, their photos fetched in one more query.

    Each row also carries how many of all those reviews gave each rating (`stars_1` … `stars_5`): the
    database counts them over every published review before a page is cut from them (a window), so the
    spread of ratings costs no query of its own.
    """
    spread = {f"stars_{stars}": Window(Count("pk", filter=Q(rating=stars))) for stars in STARS}
    return (product.reviews.filter(status=Review.Status.PUBLISHED)
            .annotate(**spread).order_by(*SORTS[sort].ordering).prefetch_related("photos"))


@dataclass(frozen=True)
class RatingBar:
    stars: int
    count: int
    percent: int


@dataclass(frozen=True)
class RatingSpread:
    """The average ("4.3 out of 5"), the number of reviews and how many gave each rating, 5 stars first."""

    count: int
    average: Decimal | None
    bars: list[RatingBar]

    @classmethod
    def of(cls, reviews: list[Review]) -> "RatingSpread":
        """Read from any review fetched by `published_reviews`; none means there are no reviews."""
        counts = {stars: getattr(reviews[0], f"stars_{stars}") if reviews else 0 for stars in STARS}
        total = sum(counts.values())
        average = (Decimal(sum(stars * count for stars, count in counts.items())) / total).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP) if total else None
        return cls(count=total, average=average,
                   bars=[RatingBar(stars, counts[stars], round(100 * counts[stars] / total) if total else 0)
                         for stars in reversed(STARS)])


@dataclass(frozen=True)
class SortLink:
    label: str
    url: str
    is_current: bool


def sort_links(*, product: Product, current: str) -> list[SortLink]:
    base = reverse("shop:reviews", args=[product.slug])
    return [SortLink(sort.label, f"{base}?sort={key}", key == current) for key, sort in SORTS.items()]


def product_reviews_section(*, product: Product) -> dict:
    """What the product page's reviews section shows: the spread of ratings and the first few reviews,
    most helpful first. Two queries with reviews (reviews, photos), none for a product without any."""
    reviews = list(published_reviews(product=product, sort=DEFAULT_SORT)[:FIRST_REVIEWS]) \
        if product.rating_count else []
    spread = RatingSpread.of(reviews)
    return {"product": product, "spread": spread, "reviews": reviews, "sort": SORTS[DEFAULT_SORT],
            "sorts": sort_links(product=product, current=DEFAULT_SORT),
            "first_shown": 1, "last_shown": len(reviews),
            "all_reviews_url": reverse("shop:reviews", args=[product.slug]) if spread.count > len(reviews) else ""}


# --- Telling staff about a low rating (S10) -----------------------------------------------------------

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


# A mail server that is down is retried with growing waits (30 s, 1 min, 2 min… up to an hour).
@shared_task(autoretry_for=(OSError,), retry_backoff=30, retry_backoff_max=3600, retry_jitter=True, max_retries=8)
def review_alert_staff_task(review_id: int) -> bool:
    return review_alert_staff(review_id=review_id)


# --- Views -------------------------------------------------------------------------------------------


@require_safe
@vary_on_headers("HX-Request")
def review_list(request, slug):
    """All of a product's reviews, a page at a time, in the order chosen. htmx asks for just the list
    (sorting or paging in place, on this page or the product's); a restored history entry gets the page."""
    product = get_object_or_404(Product.objects.active(), slug=slug)
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else DEFAULT_SORT
    page = Paginator(published_reviews(product=product, sort=sort), REVIEWS_PER_PAGE).get_page(request.GET.get("page"))
    reviews = list(page)
    context = {"product": product, "page": page, "reviews": reviews, "sort": SORTS[sort],
               "sorts": sort_links(product=product, current=sort), "spread": RatingSpread.of(reviews),
               "first_shown": page.start_index(), "last_shown": page.end_index(), "trail": [product]}
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "shop/review_list.html#review-results", context)
    return render(request, "shop/review_list.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def review_write(request, slug):
    """The review form for a signed-in shopper; one who has reviewed the product before changes that review."""
    product = get_object_or_404(Product.objects.active(), slug=slug)
    return _review_form_page(request, product=product, customer=request.user,
                             permission=review_permission(product=product, customer=request.user),
                             suggested_name=account_display_name(request.user))


@never_cache  # the address is the reviewer's key: no cache between them and us keeps a copy
@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited(scope="review-invite", limit=20, per_seconds=15 * 60)
def review_invited(request, slug, token):
    """The review form straight from the e-mail sent after delivery (P53): the signed link proves the
    purchase, so nobody signs in. The review is the order's account's when it has one, else a guest's."""
    product = get_object_or_404(Product.objects.active(), slug=slug)
    try:
        purchase = review_invite_purchase(token=token, product=product)
    except LinkNotValid as problem:
        return render(request, "shop/review_invite_invalid.html",
                      {"product": product, "trail": [product], "expired": problem.expired,
                       "valid_days": INVITE_VALID_FOR.days}, status=410 if problem.expired else 400)
    return _review_form_page(request, product=product, customer=purchase.order.customer,
                             permission=ReviewPermission(purchase=purchase),
                             suggested_name=order_display_name(purchase.order), invited=True)


def _review_form_page(request, *, product: Product, customer: User | None, permission: ReviewPermission,
                      suggested_name: str, invited: bool = False):
    """The form, and the review saved from it: the same for a signed-in shopper and an invited one."""
    context = {"product": product, "trail": [product], "permission": permission, "invited": invited,
               "shown_at_once": reviews_shown_at_once()}
    if not permission.allowed:
        return render(request, "shop/review_write.html", context, status=403)
    review = reviews_by(product=product, customer=customer, purchase=permission.purchase) \
        .prefetch_related("photos").first()
    if request.method != "POST":
        form = ReviewForm(review=review, initial={} if review else {"display_name": suggested_name})
        return render(request, "shop/review_write.html", {**context, "form": form, "review": review})

    form = ReviewForm(request.POST, request.FILES, review=review)
    if not form.is_valid():
        # Browsers never send a chosen file again: say so rather than let the photos vanish unnoticed.
        context["choose_photos_again"] = bool(request.FILES) and "photos" not in form.errors
        return render(request, "shop/review_write.html", {**context, "form": form, "review": review})
    data = form.cleaned_data
    saved = review_save(product=product, customer=customer, permission=permission, rating=data["rating"],
                        title=data["title"], text=data["text"], display_name=data["display_name"],
                        new_photos=data["photos"], photo_description=data["photo_description"],
                        remove_photo_ids=data["remove_photos"])
    if saved.status == Review.Status.PUBLISHED:
        messages.success(request, "Thank you for your review: it is on the page now.")
    else:
        messages.success(request, "Thank you for your review. It will appear on this page once our team has read "
                                  "it, usually within a working day.")
    return redirect(product.get_absolute_url() + "#reviews")


VOTE_ANSWERS = {"yes": True, "no": False}


def _back_to(request, review: Review) -> str:
    """The page the vote was made on (a path on this site only), else the product's reviews."""
    return (safe_next_path(request.POST.get("next", ""))
            or reverse("shop:reviews", args=[review.product.slug]) + f"#review-{review.pk}")


@require_POST
@rate_limited(scope="review-vote", limit=60, per_seconds=10 * 60)
def review_vote(request, review_id):
    """"Was this review helpful?": a plain form that posts and comes back; htmx swaps only the answer."""
    review = get_object_or_404(Review.objects.select_related("product"), pk=review_id,
                               status=Review.Status.PUBLISHED, product__is_active=True)
    helpful = VOTE_ANSWERS.get(request.POST.get("helpful", ""))
    if helpful is not None:
        review_vote_record(review=review, visitor=visitor_id(request), helpful=helpful)
        review.refresh_from_db(fields=["helpful_count"])
    if request.htmx:
        return render(request, "shop/review_list.html#review-vote",
                      {"review": review, "voted": helpful, "next": _back_to(request, review),
                       "error": "Press Yes or No to say whether the review helped you." if helpful is None else ""})
    if helpful is None:
        messages.error(request, "Press Yes or No to say whether the review helped you.")
    else:
        messages.success(request, "Thank you: your vote helps other shoppers find the most useful reviews.")
    return HttpResponseRedirect(_back_to(request, review))

