"""The product page: what a buyer needs first, delivery dates, details, related and recently viewed
products, the way back to results, and what search engines and link previews read."""

import json
import re
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from shop.delivery import delivery_cost, delivery_estimate
from shop.models import Cart, Product, ProductImage
from shop.product_page import RECENTLY_VIEWED_COOKIE
from shop.templatetags.shop_tags import day_range, hours_minutes
from tests.factories import CategoryFactory, ProductFactory
from tests.html import read_page

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def london(*args) -> datetime:
    return datetime(*args, tzinfo=LONDON)


# --- Delivery dates and cost (shop/delivery.py); 23 November 2026 is a Monday ---------------------------


def test_order_before_the_cut_off_is_dispatched_after_the_products_dispatch_days():
    estimate = delivery_estimate(dispatch_days=1, now=london(2026, 11, 23, 11, 40))

    assert estimate.order_within == timedelta(hours=3, minutes=20)
    assert estimate.dispatch_on == date(2026, 11, 24)
    assert (estimate.delivered_from, estimate.delivered_by) == (date(2026, 11, 26), date(2026, 11, 27))


def test_order_after_the_cut_off_counts_from_the_next_working_day():
    estimate = delivery_estimate(dispatch_days=1, now=london(2026, 11, 23, 15, 0))

    assert estimate.order_within is None
    assert estimate.dispatch_on == date(2026, 11, 25)
    assert (estimate.delivered_from, estimate.delivered_by) == (date(2026, 11, 27), date(2026, 11, 30))


@pytest.mark.parametrize("placed", [london(2026, 11, 27, 19, 30), london(2026, 11, 28, 10, 0),
                                    london(2026, 11, 29, 23, 59)])
def test_order_on_friday_evening_or_at_the_weekend_counts_from_monday(placed):
    estimate = delivery_estimate(dispatch_days=2, now=placed)

    assert estimate.order_within is None
    assert estimate.dispatch_on == date(2026, 12, 2)  # Monday 30 November plus two working days
    assert (estimate.delivered_from, estimate.delivered_by) == (date(2026, 12, 4), date(2026, 12, 7))


def test_the_cut_off_is_in_the_shops_time_zone_not_utc():
    summer_afternoon = datetime(2026, 7, 1, 14, 30, tzinfo=ZoneInfo("UTC"))  # 15:30 in London

    estimate = delivery_estimate(dispatch_days=0, now=summer_afternoon)

    assert estimate.order_within is None
    assert estimate.dispatch_on == date(2026, 7, 2)


def test_delivery_costs_the_standard_price_below_the_threshold_and_nothing_from_it():
    assert delivery_cost(order_total=Decimal("39.99")) == Decimal("3.95")
    assert delivery_cost(order_total=Decimal("40.00")) == Decimal("0.00")


def test_dates_and_time_left_read_naturally():
    # English writes a range of days between thin spaces, and names each day's month (CLDR's en-GB).
    assert day_range(date(2026, 11, 26), date(2026, 11, 27)) == "Thursday 26 November\u2009–\u2009Friday 27 November"
    assert day_range(date(2026, 11, 30), date(2026, 12, 1)) == "Monday 30 November\u2009–\u2009Tuesday 1 December"
    assert hours_minutes(timedelta(hours=3, minutes=20, seconds=59)) == "3 h 20 min"
    assert hours_minutes(timedelta(seconds=20)) == "1 min"


# --- Above the fold ----------------------------------------------------------------------------------


def test_product_page_shows_dispatch_and_delivery_dates_and_the_delivery_cost(client):
    product = ProductFactory(price=Decimal("25.00"), dispatch_days=2)
    estimate = delivery_estimate(dispatch_days=2)

    page = " ".join(client.get(product.get_absolute_url()).content.decode().split())

    assert "Dispatched within 2 working days." in page
    assert f"for dispatch {estimate.dispatch_on:%A} {estimate.dispatch_on.day} {estimate.dispatch_on:%B}" in page
    assert f"delivered {' '.join(day_range(estimate.delivered_from, estimate.delivered_by).split())}." in page
    assert "United Kingdom delivery £3.95, free on orders of £40 or more." in page
    assert 'href="/returns-policy/"' in page


def test_product_at_the_free_delivery_threshold_says_delivery_is_free(client):
    product = ProductFactory(price=Decimal("40.00"))

    page = client.get(product.get_absolute_url()).content.decode()

    assert "Free United Kingdom delivery." in page


def test_sizes_are_offered_with_their_stock_none_chosen_and_sold_out_ones_cannot_be_chosen(client):
    product = ProductFactory(variants=[("S", 0), ("M", 3), ("L", 12)])

    page = client.get(product.get_absolute_url()).content.decode()

    options = dict(re.findall(r'<input type="radio" name="variant" value="([^"]+)"([^>]*)>', page))
    small, medium, large = (str(product.variants.get(size=size).pk) for size in "SML")
    assert "disabled" in options[small]
    assert "disabled" not in options[medium] and "disabled" not in options[large]
    assert not [option for option in options.values() if "checked" in option]  # the shopper chooses
    assert "Sold out" in page and "3 left" in page
    assert re.search(r'id="quantity"[^>]*min="1"\s+max="12"', page)  # the most of any size, until one is chosen


def test_adding_without_a_size_asks_for_one_beside_the_sizes_and_keeps_the_quantity(client):
    product = ProductFactory(variants=[("S", 4), ("M", 3)])

    response = client.post("/cart/add/", {"product": product.pk, "quantity": "3", "next": product.get_absolute_url()})
    page = client.get(response.url).content.decode()

    assert response.url == f"{product.get_absolute_url()}?size=missing&quantity=3#size-choice"
    assert re.search(r'<fieldset class="size-choice size-choice--missing" id="size-choice"\s+'
                     r'aria-describedby="size-missing"', page)
    assert '<p id="size-missing" class="field__error size-choice__missing">Please choose a size.</p>' in page
    assert re.search(r'id="quantity"[^>]*value="3"', page)
    assert not Cart.objects.exists()


def test_the_size_is_asked_for_only_after_a_try_without_one(client):
    product = ProductFactory(variants=[("S", 4), ("M", 3)])

    page = client.get(product.get_absolute_url()).content.decode()

    assert 'aria-describedby="size-missing"' not in page
    assert '<p id="size-missing" class="field__error size-choice__missing" hidden>' in page


@pytest.mark.parametrize(("size", "shown"), [("", None), ("One size", "Size: One size")])
def test_product_in_one_size_offers_no_choice_of_size(client, size, shown):
    product = ProductFactory(variants=[(size, 7)])

    page = client.get(product.get_absolute_url()).content.decode()

    assert 'type="radio"' not in page and "Size guide" not in page
    assert f'<input type="hidden" name="variant" value="{product.variants.get().pk}">' in page
    assert 'max="7"' in page and ">Add to cart</button>" in page
    assert shown is None or shown in page


def test_sold_out_product_offers_no_quantity_and_no_dispatch_date(client):
    product = ProductFactory(variants=[("S", 0), ("M", 0)])

    page = client.get(product.get_absolute_url()).content.decode()

    assert 'id="quantity"' not in page and "Add to cart" not in page
    assert "for dispatch" not in page
    assert "Out of stock" in page and "Sold out in every size" in page


def test_specification_table_lists_sizes_colour_weight_material_model_and_every_sku(client):
    product = ProductFactory(colour="Rust", weight_grams=320, material="Linen", model_number="WD-12",
                             variants=[("10", 1), ("12", 0)])

    page = " ".join(client.get(product.get_absolute_url()).content.decode().split())

    for row in ("Sizes</th><td>10, 12", "Colour</th><td>Rust", "Weight</th><td>320 g", "Material</th><td>Linen",
                "Model</th><td>WD-12", f"Style SKU</th><td>{product.sku}", f"<li>10: {product.sku}-10</li>",
                f"<li>12: {product.sku}-12</li>"):
        assert row in page


def test_gallery_shows_every_picture_linking_to_its_large_version_with_a_thumbnail_for_each(client):
    product = ProductFactory(image__width=800, image__height=800)
    ProductImage.objects.create(product=product, image=product.image.name, width=1200, height=800,
                                alt="Close-up of the weave")

    page = client.get(product.get_absolute_url())

    links = read_page(page).links
    original = product.image.url
    assert (f"{original}.800w.jpg", "") in links and (f"{original}.960w.jpg", "") in links  # each picture, large
    assert ("#picture-1", "Picture 1 of 2") in links and ("#picture-2", "Picture 2 of 2") in links
    assert 'id="picture-2"' in page.content.decode() and 'alt="Close-up of the weave"' in page.content.decode()
    assert page.content.decode().count('aria-current="true"') == 1  # the picture on show


def test_a_product_with_one_picture_has_no_thumbnails(client):
    product = ProductFactory()

    page = client.get(product.get_absolute_url()).content.decode()

    assert 'id="picture-1"' in page and "gallery__thumbs" not in page


# --- Cards --------------------------------------------------------------------------------------------


def card_for(product, **context) -> str:
    shown = Product.objects.visible().get(pk=product.pk)  # as listings read it, with the stock added up
    return " ".join(render_to_string("shop/_product_card.html", {"product": shown, **context}).split())


def test_card_shows_the_sale_price_with_the_old_one_struck_through():
    product = ProductFactory(price=Decimal("50.00"), sale_price=Decimal("40.00"))

    card = card_for(product)

    assert '<span class="price__now">£40.00</span>' in card
    assert '<span class="visually-hidden">was</span> <s>£50.00</s>' in card
    assert "Sale" in card


def test_card_says_how_shoppers_rated_the_product_in_words():
    rated = ProductFactory(rating_average=Decimal("4.30"), rating_count=27)
    unrated = ProductFactory(rating_count=0)

    assert "Rated 4.3 out of 5, 27 reviews" in card_for(rated)
    assert "★★★★☆" in card_for(rated)
    assert "Rated" not in card_for(unrated)


@pytest.mark.parametrize(("variants", "state"), [([("S", 1), ("M", 1)], "Only 2 left"),
                                                 ([("S", 0)], "Out of stock"), ([("S", 9)], "In stock")])
def test_card_shows_the_stock_state(variants, state):
    assert state in card_for(ProductFactory(variants=variants))


def test_card_marks_new_products_and_can_be_scrolled_back_to():
    new = ProductFactory(created_at=timezone.now() - timedelta(days=2))
    old = ProductFactory(created_at=timezone.now() - timedelta(days=200))

    assert "badge--new" in card_for(new) and f'id="product-{new.pk}"' in card_for(new, in_listing=True)
    assert 'id="product-' not in card_for(new)  # elsewhere (two home shelves) it could be there twice
    assert "badge--new" not in card_for(old)


# --- Below the fold: related and recently viewed ------------------------------------------------------


def test_related_products_come_from_the_same_category_first_and_share_colour_or_material(client):
    men = CategoryFactory(name="Men")
    shirts, knitwear = CategoryFactory(name="Shirts", parent=men), CategoryFactory(name="Knitwear", parent=men)
    product = ProductFactory(category=shirts, colour="Navy", material="Linen")
    same_colour = ProductFactory(category=shirts, colour="Navy", material="Cotton", name="Navy cotton shirt")
    same_material = ProductFactory(category=shirts, colour="Rust", material="Linen", name="Rust linen shirt")
    sibling = ProductFactory(category=knitwear, colour="Navy", material="Linen", name="Navy linen jumper")
    ProductFactory(category=shirts, colour="Ochre", material="Wool", name="Ochre wool shirt")
    ProductFactory(category=CategoryFactory(name="Pans"), name="Cast iron pan")

    related = client.get(product.get_absolute_url()).context["related"]

    assert [item.name for item in related] == [same_colour.name, same_material.name, "Ochre wool shirt", sibling.name]


def test_recently_viewed_products_are_remembered_in_a_cookie_most_recent_first(client):
    first, second, third = ProductFactory.create_batch(3)

    for product in (first, second, third):
        client.get(product.get_absolute_url())
    response = client.get(first.get_absolute_url())

    assert [item.pk for item in response.context["recently_viewed"]] == [third.pk, second.pk]  # not the page's own
    assert response.cookies[RECENTLY_VIEWED_COOKIE].value == f"{first.pk}.{third.pk}.{second.pk}"
    assert response.cookies[RECENTLY_VIEWED_COOKIE]["httponly"]


def test_recently_viewed_keeps_eight_products_at_most(client):
    products = ProductFactory.create_batch(10)

    for product in products:
        client.get(product.get_absolute_url())

    assert len(client.cookies[RECENTLY_VIEWED_COOKIE].value.split(".")) == 8


@pytest.mark.parametrize("cookie", ["rubbish", "<script>.0x1f", "99999999999999999999999999.-4", "..,;", "é.ü", "²³"])
def test_a_tampered_recently_viewed_cookie_is_ignored(client, cookie):
    product = ProductFactory()
    client.cookies[RECENTLY_VIEWED_COOKIE] = cookie

    response = client.get(product.get_absolute_url())

    assert response.status_code == 200
    assert response.context["recently_viewed"] == []


def test_hidden_products_drop_out_of_recently_viewed(client):
    hidden, shown, current = ProductFactory.create_batch(3)
    hidden.is_active = False
    hidden.save()
    client.cookies[RECENTLY_VIEWED_COOKIE] = f"{hidden.pk}.{shown.pk}"

    response = client.get(current.get_absolute_url())

    assert response.context["recently_viewed"] == [shown]


# --- Back to results ---------------------------------------------------------------------------------


@pytest.mark.parametrize("listing", ["/category/clothing/?page=2&sort=price", "/search/?q=linen+shirt"])
def test_back_to_results_returns_to_the_exact_listing_and_scrolls_to_the_product(client, listing):
    product = ProductFactory()

    page = client.get(product.get_absolute_url(), HTTP_REFERER=f"http://testserver{listing}")

    assert (f"{listing}#product-{product.pk}", "Back to results") in read_page(page).links


@pytest.mark.parametrize("referer", ["https://evil.example/category/clothing/", "http://testserver/products/other/",
                                     "http://testserver/", "javascript:alert(1)", "/category/clothing/",
                                     "http://testserver.evil.example/search/?q=x", ""])
def test_no_back_to_results_link_unless_the_shopper_came_from_one_of_our_listings(client, referer):
    product = ProductFactory()

    page = client.get(product.get_absolute_url(), HTTP_REFERER=referer)

    assert "Back to results" not in page.content.decode()


@hypothesis_settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(referer=st.one_of(st.text(max_size=200), st.builds("http://testserver/{}{}".format,
                                                          st.sampled_from(["category/", "search/", "/", "//"]),
                                                          st.text(max_size=100))))
def test_any_referer_gives_a_working_page_that_never_links_off_site(client, product, referer):
    response = client.get(product.get_absolute_url(), HTTP_REFERER=referer)

    assert response.status_code == 200
    back = [href for href, text in read_page(response).links if text == "Back to results"]
    assert all(href.startswith(("/category/", "/search/")) and "\n" not in href for href in back)


# --- What search engines and link previews read -------------------------------------------------------


def structured_data(page: str) -> dict:
    blocks = [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page,
                                                        re.S)]
    return next(block for block in blocks if block["@type"] == "Product")


def test_product_structured_data_gives_price_availability_and_rating(client):
    in_stock = ProductFactory(price=Decimal("40.00"), sale_price=Decimal("32.50"), rating_average=Decimal("4.50"),
                              rating_count=12)
    sold_out = ProductFactory(variants=[("M", 0)])

    data = structured_data(client.get(in_stock.get_absolute_url()).content.decode())
    sold_out_data = structured_data(client.get(sold_out.get_absolute_url()).content.decode())

    assert data["name"] == in_stock.name and data["sku"] == in_stock.sku
    assert data["brand"]["name"] == "Fernhill Goods"
    assert data["offers"]["price"] == "32.50" and data["offers"]["priceCurrency"] == "GBP"
    assert data["offers"]["availability"] == "https://schema.org/InStock"
    assert data["offers"]["url"] == f"http://testserver{in_stock.get_absolute_url()}"
    assert data["image"][0].startswith("http://testserver/media/")
    assert data["aggregateRating"]["reviewCount"] == 12
    assert sold_out_data["offers"]["availability"] == "https://schema.org/OutOfStock"
    assert "aggregateRating" not in sold_out_data


def test_product_text_cannot_break_out_of_the_structured_data(client):
    product = ProductFactory(name='Mug </script><script>alert("x")</script>', description="Tea & <b>cake</b>")

    page = client.get(product.get_absolute_url()).content.decode()

    assert "<script>alert(" not in page
    data = structured_data(page)
    assert data["name"] == product.name and data["description"] == "Tea & <b>cake</b>"


def test_canonical_address_and_open_graph_tags_ignore_the_query_string(client):
    product = ProductFactory(summary="A linen shirt for summer.")
    address = f"http://testserver{product.get_absolute_url()}"

    page = client.get(product.get_absolute_url(), {"utm_source": "newsletter"}).content.decode()

    assert f'<link rel="canonical" href="{address}">' in page
    assert f'<meta property="og:url" content="{address}">' in page
    assert '<meta property="og:type" content="product">' in page
    assert f'<meta property="og:title" content="{product.name}">' in page
    assert '<meta property="og:description" content="A linen shirt for summer.">' in page
    assert '<meta name="description" content="A linen shirt for summer.">' in page
    assert f'<meta property="og:image" content="http://testserver{product.image.url}.800w.jpg">' in page


# --- Speed --------------------------------------------------------------------------------------------


def test_product_page_uses_a_few_queries_however_many_related_and_recent_products(client):
    category = CategoryFactory()
    product = ProductFactory(category=category, variants=[("S", 1), ("M", 2), ("L", 3)])
    ProductImage.objects.create(product=product, image=product.image.name, width=800, height=800, alt="Back")
    few = ProductFactory.create_batch(3, category=category)
    client.cookies[RECENTLY_VIEWED_COOKIE] = ".".join(str(item.pk) for item in few)
    client.get(product.get_absolute_url())  # warm the category tree cache, as on a running shop
    with CaptureQueriesContext(connection) as small:
        client.get(product.get_absolute_url())

    many = ProductFactory.create_batch(60, category=category)
    client.cookies[RECENTLY_VIEWED_COOKIE] = ".".join(str(item.pk) for item in many[:8])
    with CaptureQueriesContext(connection) as large:
        response = client.get(product.get_absolute_url())

    assert len(response.context["related"]) == 4 and len(response.context["recently_viewed"]) == 8
    assert len(large) == len(small) <= 6
    assert not [query for query in large.captured_queries if query["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]
