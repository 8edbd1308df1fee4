"""Reads of reviews: who may review a product, the review a reviewer wrote before, the name to suggest, and
what the product page and the reviews page show (the spread of ratings, sorted pages of reviews)."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Count, F, Q, Window
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from orders.models import Order, OrderLine
from shop.models import Product, Review

STARS = range(1, 6)
LOW_RATING = 2  # this many stars or fewer: staff are told at once, and a reply is expected (S10)
FIRST_REVIEWS = 3  # on the product page; the rest are a link away


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
        return ReviewPermission(refusal=gettext("You can review %(product)s once your order has been delivered, so "
                                                "that you can say how it is in use.") % {"product": product.name})
    return ReviewPermission(refusal=gettext(
        "Only customers who have bought %(product)s can review it, so that every review here comes from someone "
        "who has used it. Have a question about it? Ask it on the product's page and we will answer.")
        % {"product": product.name})


# --- What the form starts from ----------------------------------------------------------------------


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


def reviews_shown_at_once() -> bool:
    return not settings.SHOP["reviews_need_moderation"]


def reviews_by(*, product: Product, customer: User | None, purchase: OrderLine | None):
    """The review (as a queryset of at most one) the reviewer wrote of the product before: the account's,
    or for a guest (no customer) the one written through an invitation from the same order."""
    if customer is not None:
        return Review.objects.filter(product=product, customer=customer)
    return Review.objects.filter(product=product, customer=None, order_line__order_id=purchase.order_id)


# --- What the pages show ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewSort:
    key: str
    label: str | Promise
    ordering: tuple[str, ...]
    described: str | Promise  # for "Showing reviews 1–10 of 24, …"


SORTS = {sort.key: sort for sort in [
    ReviewSort("helpful", _("Most helpful"), ("-helpful_count", "-created_at", "-pk"), _("most helpful first")),
    ReviewSort("newest", _("Newest"), ("-created_at", "-pk"), _("newest first")),
    ReviewSort("lowest", _("Lowest rating"), ("rating", "-created_at", "-pk"), _("lowest rating first")),
    ReviewSort("highest", _("Highest rating"), ("-rating", "-created_at", "-pk"), _("highest rating first")),
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
