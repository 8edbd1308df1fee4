"""Template helpers for reviews: the product page's reviews section, and ratings drawn as stars."""

from decimal import ROUND_HALF_UP, Decimal

from django import template

from shop.reviews.selectors import product_reviews_section
from shop.templatetags.shop_tags import STARS

register = template.Library()


@register.inclusion_tag("shop/_reviews.html", takes_context=True)
def product_reviews(context, product):
    """`{% product_reviews product %}`: the average, the spread of ratings and the first reviews, in at most
    two queries however many reviews there are (shop/reviews/selectors.py `product_reviews_section`)."""
    # An inclusion tag starts from an empty context: pass on what the reviews' markup reads from the page's.
    return {**product_reviews_section(product=product),
            **{name: context.get(name) for name in ("request", "shop", "csrf_token")}}


@register.filter
def stars(rating) -> str:
    """"★★★★☆" for 4, or for an average of 4.3: for the eye only, beside the rating in words."""
    full = int(Decimal(rating).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    return "★" * full + "☆" * (STARS - full)
