"""Pictures in HTML e-mails: a plain <img> at an absolute address on SHOP_SITE_URL, since a mail program
opens the message far from the shop and understands neither <picture> nor srcset."""

from django import template
from django.utils.html import format_html

from shop.images import smallest_rendition_url

register = template.Library()

THUMBNAIL_WIDTH = 64  # shown at this width; the smallest rendition (320 px) keeps it sharp on any screen


@register.simple_tag(takes_context=True)
def email_thumbnail(context, line):
    """An order line's product picture, or nothing when the product or its picture is gone."""
    product = line.variant.product if line.variant_id and line.variant else None
    if product is None or not product.image or not product.image_width:
        return ""
    url = smallest_rendition_url(product.image.name, product.image_width)
    if url.startswith("/"):  # files on the shop's own disk; object storage gives absolute addresses already
        url = context["site_url"] + url
    height = round(THUMBNAIL_WIDTH * product.image_height / product.image_width)
    return format_html('<img src="{}" width="{}" height="{}" alt="{}" style="display: block; border-radius: 4px;">',
                       url, THUMBNAIL_WIDTH, height, product.image_alt or product.name)
