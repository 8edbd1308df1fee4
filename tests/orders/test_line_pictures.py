"""Every place that lists what is being bought shows each line's picture, colour and size: the cart, the
mini-cart, the checkout summary and the e-mails (where pictures are on SHOP_SITE_URL, as mail programs
fetch them from far away)."""

import re
from decimal import Decimal

import pytest

from orders.notifications import order_notify
from outbox.models import Message
from tests.factories import OrderFactory, ProductFactory, cart_holding, order_from_cart

pytestmark = pytest.mark.django_db

# The smallest copy on offer for a 64 px slot, the original's size to hold its shape, and what it shows.
THUMBNAIL = re.compile(r'<img src="[^"]+" srcset="[^"]*\.320w\.jpg 320w[^"]*" sizes="64px" width="800" height="800" '
                       r'alt="Linen shirt in sage"')


@pytest.fixture
def shirt():
    return ProductFactory(name="Linen shirt", colour="Sage", image_alt="Linen shirt in sage", price=Decimal("30.00"),
                          variants=[("M", 5)])


@pytest.mark.parametrize("page", ["/cart/", "/cart/mini/", "/checkout/details/"])
def test_each_line_shows_its_picture_with_its_size_reserved_and_its_colour_and_size(client, shirt, page):
    client.post("/cart/add/", {"variant": shirt.variants.get().pk, "quantity": 1})

    html = client.get(page).content.decode()

    assert THUMBNAIL.search(html), html
    assert '<span class="visually-hidden">Colour: </span>Sage · Size M' in html


def test_the_confirmation_email_shows_each_line_with_its_picture_on_the_shops_address(shirt, settings, mailoutbox,
                                                                                   django_capture_on_commit_callbacks):
    settings.SHOP = {**settings.SHOP, "site_url": "https://shop.example.com"}

    with django_capture_on_commit_callbacks(execute=True):
        order = order_from_cart(cart_holding(shirt.variants.get()))

    html = mailoutbox[0].alternatives[0].content
    picture = re.search(r'<img src="([^"]+)" width="64" height="64" alt="Linen shirt in sage"', html)
    assert picture and re.fullmatch(r"https://shop\.example\.com/media/products/.+\.320w\.jpg", picture.group(1))
    assert "1 × Linen shirt, sage, size M" in html and "1 × Linen shirt, sage, size M" in mailoutbox[0].body
    assert Message.objects.get(reference=order.number).body_html == html


def test_the_confirmation_email_links_to_the_orders_tracking_page_on_the_shops_address(shirt, settings, mailoutbox,
                                                                                     django_capture_on_commit_callbacks):
    settings.SHOP = {**settings.SHOP, "site_url": "https://shop.example.com"}

    with django_capture_on_commit_callbacks(execute=True):
        order = order_from_cart(cart_holding(shirt.variants.get()))

    tracking = f"https://shop.example.com/track/{order.number}/"
    html = mailoutbox[0].alternatives[0].content
    assert re.search(rf'<a href="{re.escape(tracking)}"[^>]*>Track your order</a>', html)
    assert f"Track your order: {tracking}" in mailoutbox[0].body


def test_a_line_whose_product_is_gone_from_the_catalogue_is_still_listed_without_a_picture():
    order = OrderFactory(lines=[("Linen shirt", "M", 1)])  # lines whose product was deleted: no variant

    email = order_notify(order, event="order_placed")[0]

    assert "1 × Linen shirt, size M" in email.body_html and "<img" not in email.body_html
