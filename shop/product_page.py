"""What a product page shows besides the product: related products (practice P38), the shopper's
recently viewed products, and the way back to the listing they came from."""

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db.models import Case, IntegerField, Value, When
from django.db.models.fields.files import FieldFile
from django.utils.encoding import iri_to_uri

from storefront.languages import path_without_language

from .models import Product
from .selectors import CategoryNode

RELATED_COUNT = 4
RECENTLY_VIEWED_COOKIE = "recently_viewed"
RECENTLY_VIEWED_COUNT = 8
RECENTLY_VIEWED_DAYS = 90
LISTING_PATHS = ("/category/", "/search/")  # in any language: "/ko/search/" too


def related_products(*, product: Product, category: CategoryNode, excluding: list[int]):
    """Products from the same category first, then from its sister categories; within those, the ones
    sharing the colour, then the material, come first. One query, sorted by the database.

    `excluding` leaves out products shown elsewhere on the page (the recently viewed ones).
    """

    def point_when(**condition):
        return Case(When(**condition, then=Value(1)), default=Value(0), output_field=IntegerField())

    closeness = 4 * point_when(category_id=product.category_id)
    if product.colour:
        closeness += 2 * point_when(colour=product.colour)
    if product.material:
        closeness += point_when(material=product.material)
    neighbourhood = category.parent or category
    return (Product.objects.visible().filter(category_id__in=neighbourhood.descendant_ids)
            .exclude(pk__in=[product.pk, *excluding])
            .alias(closeness=closeness).order_by("-closeness", "-units_sold", "pk")[:RELATED_COUNT])


def recently_viewed_ids(cookie: str) -> list[int]:
    """Product ids from the cookie, most recent first. It is the browser's to change, so anything that
    is not a plausible id is dropped rather than trusted (18 digits always fit the database's integers)."""
    ids = []
    for token in cookie.split(".")[:RECENTLY_VIEWED_COUNT]:
        if token.isascii() and token.isdigit() and len(token) <= 18 and int(token) not in ids:
            ids.append(int(token))
    return ids


def recently_viewed_products(ids: list[int], *, current: Product) -> list[Product]:
    """The products behind `ids` that are still on sale, in the order viewed, without the current one."""
    others = [product_id for product_id in ids if product_id != current.pk]
    if not others:
        return []  # no query for a first visit
    found = Product.objects.visible().in_bulk(others)
    return [found[product_id] for product_id in others if product_id in found]


def recently_viewed_remember(response, ids: list[int], *, current: Product) -> None:
    """Put the current product first in the cookie. A cookie rather than the session, so that viewing
    a page never writes to the database."""
    ids = [current.pk, *(product_id for product_id in ids if product_id != current.pk)][:RECENTLY_VIEWED_COUNT]
    response.set_cookie(RECENTLY_VIEWED_COOKIE, ".".join(map(str, ids)), max_age=RECENTLY_VIEWED_DAYS * 24 * 3600,
                        httponly=True, samesite="Lax", secure=settings.SESSION_COOKIE_SECURE)


def back_to_results_url(request, *, product: Product) -> str:
    """The category or search listing the shopper came from, or "" when they came from anywhere else.

    Read from the Referer header, which the browser sends for pages on this site; only its path and
    query are kept, so a forged header can never turn the link into one to another site. The anchor
    scrolls the listing back to this product's card.
    """
    try:
        referer = urlsplit(request.headers.get("Referer", ""))
    except ValueError:  # a malformed address, e.g. an unclosed "[" where an IPv6 host would be
        return ""
    if referer.scheme not in ("http", "https") or referer.netloc.lower() != request.get_host().lower():
        return ""
    if not path_without_language(referer.path).startswith(LISTING_PATHS):
        return ""
    return iri_to_uri(urlunsplit(("", "", referer.path, referer.query, f"product-{product.pk}")))


@dataclass(frozen=True)
class GalleryPicture:
    image: FieldFile  # the product's own picture or one of its ProductImages
    width: int
    height: int
    alt: str


def gallery_pictures(product: Product) -> list[GalleryPicture]:
    """The product's picture first, then the rest of its gallery (prefetched: no query per picture)."""
    return [GalleryPicture(product.image, product.image_width, product.image_height, product.image_alt or product.name),
            *(GalleryPicture(extra.image, extra.width, extra.height, extra.alt) for extra in product.images.all())]
