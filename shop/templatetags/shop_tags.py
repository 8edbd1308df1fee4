"""Template helpers for products: responsive pictures, ratings, stock, delivery dates, structured data."""

import re
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import parse_pattern
from django import template
from django.conf import settings
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from shop.images import largest_rendition_url, rendition_urls, rendition_widths
from storefront.dates import page_locale, weekday_and_day
from storefront.templatetags.structured_data import json_ld

register = template.Library()

LOW_STOCK = 5  # below this many, shoppers are told exactly how many are left
STARS = 5


@register.simple_tag
def picture(image, *, width: int, height: int, alt: str, sizes: str, eager: bool = False):
    """A <picture> offering WebP and JPEG renditions at every width made for it (see shop/images.py).

    `sizes` says how wide the picture shows on the page, so the browser fetches the smallest file
    that is sharp enough. `width` and `height` are the stored size of the original: they only give
    the shape, so the page keeps the picture's space before it loads. Pictures load lazily unless
    `eager` (the main product picture, which is in view at once).
    """
    widths = rendition_widths(width)
    if not widths:  # no stored size, so no renditions either: the original as it is
        return format_html('<img src="{}" alt="{}">', image.url, alt)
    # A listing draws 24 of these: storage is asked once per picture where it can be (rendition_urls),
    # and the markup is joined directly rather than through format_html's machinery.
    url_of = rendition_urls(image.name)
    srcset = {extension: ", ".join(f"{escape(url_of(each, extension))} {each}w" for each in widths)
              for extension in ("webp", "jpg")}
    loading = 'fetchpriority="high"' if eager else 'loading="lazy" decoding="async"'
    sizes, alt = escape(sizes), escape(alt)
    return mark_safe(  # noqa: S308 - every value above is escaped or built from numbers
        f'<picture><source type="image/webp" srcset="{srcset["webp"]}" sizes="{sizes}">'
        f'<img src="{escape(url_of(widths[-1], "jpg"))}" srcset="{srcset["jpg"]}" sizes="{sizes}" '
        f'width="{int(width)}" height="{int(height)}" alt="{alt}" {loading}></picture>')


@register.simple_tag
def large_picture_url(image, width: int) -> str:
    """Where a gallery thumbnail links to, for shoppers without JavaScript."""
    return largest_rendition_url(image.name, width)


@register.simple_tag
def rating(product):
    """Stars with a sentence for screen readers ("Rated 4.3 out of 5, 27 reviews"); nothing without reviews."""
    if not product.rating_count:
        return ""
    average = product.rating_average.quantize(Decimal("0.1"))
    full_stars = int(average.quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    read_out = ngettext("Rated %(average)s out of 5, %(count)s review", "Rated %(average)s out of 5, %(count)s reviews",
                        product.rating_count) % {"average": average, "count": product.rating_count}
    return format_html(
        '<p class="rating"><span class="rating__stars" aria-hidden="true">{}{}</span> '
        '<span aria-hidden="true">{} ({})</span>'
        '<span class="visually-hidden">{}</span></p>',
        "★" * full_stars, "☆" * (STARS - full_stars), average, product.rating_count, read_out,
    )


@register.filter
def stock_level(count: int) -> str:
    """"out", "low" or "in": a CSS modifier, so low and missing stock stand out."""
    return "out" if count <= 0 else "low" if count < LOW_STOCK else "in"


@register.filter
def stock_label(count: int) -> str:
    level = stock_level(count)
    if level == "out":
        return gettext("Out of stock")
    if level == "low":
        return ngettext("Only %(count)s left", "Only %(count)s left", count) % {"count": count}
    return gettext("In stock")


@register.filter
def hours_minutes(duration: timedelta) -> str:
    """"3 h 20 min" left to order; never "0 min" while there is still time."""
    minutes = max(1, int(duration.total_seconds()) // 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        # Translators: the time left to order for today's dispatch, written short: "3 h 20 min".
        return gettext("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": minutes}
    return gettext("%(minutes)s min") % {"minutes": minutes}


def _widened(pattern: str, *, month: bool, weekday: bool) -> str:
    """A date pattern with its short month ("MMM") and weekday ("E") written out ("MMMM", "EEEE"), as asked;
    text in quotes is left alone."""
    def widen(found):
        field = found.group()
        if field.startswith("'") or (field[0] == "M" and not month) or (field[0] == "E" and not weekday):
            return field
        return field[0] * 4
    return re.sub(r"'[^']*'|(?<!M)M{3}(?!M)|(?<!E)E{1,3}(?!E)", widen, pattern)


@register.simple_tag
def day_range(first: date, last: date) -> str:
    """Two delivery days as the page's language writes a range of them: "Thursday 26 November – Friday 27
    November", "11월 26일 (목요일) ~ 27일 (금요일)", "11月26日週四至27日週五".

    The language's own range (CLDR's interval format, which leaves out what both days share where the
    language does), its month and weekday written as wide as `weekday_and_day` writes them for one day.
    """
    one_day = weekday_and_day(first)
    if first == last:
        return one_day
    locale = page_locale()
    formats = locale.interval_formats["MMMEd"]
    pieces = formats["d"] if (first.year, first.month) == (last.year, last.month) else formats["M"]
    month = locale.months["format"]["wide"][first.month] in one_day
    weekday = locale.days["format"]["wide"][first.weekday()] in one_day
    return "".join(parse_pattern(_widened(piece, month=month, weekday=weekday)).apply(day, locale)
                   for piece, day in zip(pieces, (first, last), strict=True))


@register.simple_tag
def product_json_ld(product, *, url: str, image: str):
    """schema.org Product data for search engines, in a script block that product text cannot break out of."""
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name,
        "sku": product.sku,
        "mpn": product.model_number,
        "description": product.description,
        "image": [image],
        "url": url,
        "brand": {"@type": "Brand", "name": settings.SHOP["name"]},
        "offers": {
            "@type": "Offer",
            "url": url,
            "price": str(product.current_price),
            "priceCurrency": settings.SHOP["currency"],
            "itemCondition": "https://schema.org/NewCondition",
            "availability": f"https://schema.org/{'InStock' if product.in_stock else 'OutOfStock'}",
        },
    }
    if product.colour:
        data["color"] = product.colour
    if product.material:
        data["material"] = product.material
    if product.rating_count:
        data["aggregateRating"] = {"@type": "AggregateRating", "ratingValue": str(product.rating_average),
                                   "reviewCount": product.rating_count, "bestRating": STARS}
    return json_ld(data)
