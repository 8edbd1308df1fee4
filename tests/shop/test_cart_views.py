import json
import re
from decimal import Decimal

import pytest
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from shop.models import Cart, Coupon
from tests.factories import ProductFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shirt():
    return ProductFactory(name="Linen shirt", price=Decimal("30.00"), variants=[("M", 5), ("L", 2)])


def medium(product):
    return product.variants.get(size="M")


def add(client, variant, quantity=1, **extra):
    return client.post("/cart/add/", {"variant": variant.pk, "quantity": quantity, "next": "/search/"}, **extra)


def cart_count_in_header(client) -> str:
    page = client.get("/help/").content.decode()
    return re.search(r'class="cart-link__count">(\d+)<', page).group(1)


def test_without_javascript_adding_redirects_back_with_a_message(client, shirt):
    response = add(client, medium(shirt), 2)
    followed = client.get(response["Location"]).content.decode()

    assert response.status_code == 302 and response["Location"] == "/search/"
    assert "Added 2 × Linen shirt, M to your cart." in followed
    assert cart_count_in_header(client) == "2"


def test_with_htmx_adding_answers_with_the_mini_cart_and_an_event_to_announce(client, shirt):
    response = add(client, medium(shirt), 1, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert "Linen shirt" in response.content.decode() and "<html" not in response.content.decode()
    event = json.loads(response["HX-Trigger-After-Settle"])["cart-updated"]
    assert event == {"message": "Added 1 × Linen shirt, M to your cart.", "openMiniCart": True}


def test_the_header_cart_count_refreshes_itself_when_the_cart_changes(client, shirt):
    add(client, medium(shirt), 3)

    link = client.get("/cart/link/").content.decode()

    assert 'hx-trigger="cart-updated from:body"' in link and ">3<" in link


def test_asking_for_more_than_the_stock_keeps_the_maximum_and_says_so(client, shirt):
    response = add(client, medium(shirt), 9)

    assert "Only 5 in stock, so your cart holds 5." in client.get(response["Location"]).content.decode()
    assert 'value="5"' in client.get("/cart/").content.decode()


def test_cart_page_shows_totals_and_how_far_it_is_to_free_delivery(client, shirt):
    add(client, medium(shirt), 1)

    page = client.get("/cart/").content.decode()

    assert "Subtotal (1 item)" in page and "£30.00" in page
    assert "Add <strong>£10.00</strong> more for free delivery." in page
    assert "£33.95" in page  # total with £3.95 delivery
    assert 'href="/returns-policy/"' in page


def test_changing_the_quantity_updates_the_line_in_place(client, shirt):
    add(client, medium(shirt), 1)

    response = client.post("/cart/update/", {"variant": medium(shirt).pk, "quantity": 2}, HTTP_HX_REQUEST="true")

    body = response.content.decode()
    assert body.startswith('<div id="cart-contents"') or '<div id="cart-contents"' in body[:200]
    assert "You now have 2 × Linen shirt, M." in body and "£60.00" in body
    assert "Your order qualifies for free delivery." in body


def test_a_quantity_that_is_not_a_number_is_pointed_at_and_kept(client, shirt):
    add(client, medium(shirt), 1)

    body = client.post("/cart/update/", {"variant": medium(shirt).pk, "quantity": "two"},
                       HTTP_HX_REQUEST="true").content.decode()

    assert 'value="two"' in body and 'aria-invalid="true"' in body
    assert "Please enter a quantity from 0 to 99." in body
    assert Cart.objects.get().lines.get().quantity == 1


def test_removing_a_line_offers_an_undo_that_puts_it_back(client, shirt):
    add(client, medium(shirt), 2)

    removed = client.post("/cart/remove/", {"variant": medium(shirt).pk}, HTTP_HX_REQUEST="true").content.decode()
    undone = client.post("/cart/add/", {"variant": medium(shirt).pk, "quantity": 2, "on_cart_page": "1"},
                         HTTP_HX_REQUEST="true").content.decode()

    assert "Removed Linen shirt, M from your cart." in removed and "Undo: put 2 × Linen shirt, M back" in removed
    assert "Put Linen shirt, M back in your cart." in undone
    assert Cart.objects.get().lines.get().quantity == 2


def test_a_wrong_coupon_code_is_explained_beside_the_field_and_kept(client, shirt):
    add(client, medium(shirt), 1)

    body = client.post("/cart/coupon/", {"code": "sumer10"}, HTTP_HX_REQUEST="true").content.decode()

    assert "We don&#x27;t recognise the code SUMER10" in body
    assert 'value="sumer10"' in body and 'aria-describedby="coupon-error"' in body


def test_a_valid_coupon_is_applied_without_a_reload_and_can_be_removed(client, shirt):
    add(client, medium(shirt), 2)
    Coupon.objects.create(code="SUMMER10", kind=Coupon.PERCENT, value=Decimal("10"))

    applied = client.post("/cart/coupon/", {"code": "summer10"}, HTTP_HX_REQUEST="true").content.decode()
    removed = client.post("/cart/coupon/", {"remove": "1"}, HTTP_HX_REQUEST="true").content.decode()

    assert "The code SUMMER10 is applied." in applied and "−£6.00" in applied and "£54.00" in applied
    assert "Removed the discount code." in removed and "£60.00" in removed


def test_guessing_coupon_codes_is_paused_after_ten_tries_with_a_message_beside_the_field(client, shirt):
    add(client, medium(shirt), 2)
    Coupon.objects.create(code="SUMMER10", kind=Coupon.PERCENT, value=Decimal("10"))
    for guess in range(10):
        client.post("/cart/coupon/", {"code": f"GUESS{guess}"}, HTTP_HX_REQUEST="true")

    guessed = client.post("/cart/coupon/", {"code": "summer10"}, HTTP_HX_REQUEST="true")
    without_javascript = client.post("/cart/coupon/", {"code": "summer10"}, follow=True)

    body = guessed.content.decode()
    assert guessed.status_code == 200
    assert "please try again in about" in body and 'aria-describedby="coupon-error"' in body
    assert 'value="summer10"' in body
    assert "please try again in about" in without_javascript.content.decode()
    assert Cart.objects.get().coupon is None


def test_htmx_cart_changes_are_refused_without_the_csrf_token(shirt):
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(shirt.get_absolute_url()).content.decode()
    token = re.search(r'"X-CSRFToken": "([^"]+)"', page).group(1)

    forged = browser.post("/cart/add/", {"variant": medium(shirt).pk}, HTTP_HX_REQUEST="true")
    genuine = browser.post("/cart/add/", {"variant": medium(shirt).pk}, HTTP_HX_REQUEST="true",
                           HTTP_X_CSRFTOKEN=token)

    assert forged.status_code == 403
    assert genuine.status_code == 200


def test_a_customers_cart_follows_them_to_another_device(shirt):
    customer = UserFactory()
    laptop, phone = Client(), Client()
    laptop.force_login(customer)
    phone.force_login(customer)

    add(laptop, medium(shirt), 2)

    assert cart_count_in_header(phone) == "2"


def test_signing_in_merges_the_guest_cart_into_the_account_cart(client, shirt):
    customer = UserFactory(email="ann@example.com")
    account_cart = Cart.objects.create(customer=customer)
    account_cart.lines.create(variant=medium(shirt), quantity=4, price_when_added=Decimal("30.00"))
    add(client, medium(shirt), 3)
    add(client, shirt.variants.get(size="L"), 1)

    client.post("/account/sign-in/", {"username": "ann@example.com", "password": "correct horse battery staple"})
    page = client.get("/cart/").content.decode()

    assert {line.variant.size: line.quantity for line in Cart.objects.get(customer=customer).lines.all()} == {
        "M": 5, "L": 1}
    assert "Only 5 in stock, so your cart holds 5." in page
    assert Cart.objects.count() == 1


def test_a_visit_without_a_cart_creates_nothing_and_writes_nothing(client, shirt, django_assert_num_queries):
    client.get("/cart/")  # the category tree is now cached, as on a running shop
    with django_assert_num_queries(0):
        client.get("/cart/")

    assert Cart.objects.count() == 0 and "sessionid" not in client.cookies


def test_cart_page_queries_stay_the_same_as_the_cart_grows(client, django_assert_max_num_queries):
    products = ProductFactory.create_batch(12, variants=[("M", 9)])
    for product in products[:2]:
        add(client, medium(product))
    with django_assert_max_num_queries(6) as small:
        client.get("/cart/")

    for product in products[2:]:
        add(client, medium(product))
    with django_assert_max_num_queries(6) as large:
        client.get("/cart/")

    assert len(large.captured_queries) == len(small.captured_queries)


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(variant=st.text(max_size=20), quantity=st.text(max_size=20), code=st.text(max_size=60),
       next_url=st.text(max_size=60))
def test_cart_forms_survive_any_input(client, variant, quantity, code, next_url):
    for url, data in [("/cart/add/", {"variant": variant, "quantity": quantity, "next": next_url}),
                      ("/cart/update/", {"variant": variant, "quantity": quantity}),
                      ("/cart/remove/", {"variant": variant}),
                      ("/cart/coupon/", {"code": code})]:
        for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
            response = client.post(url, data, **headers)
            assert response.status_code in (200, 204, 302), (url, data)
            if response.status_code == 302:
                assert response["Location"].startswith("/")


def test_raising_a_quantity_above_the_stock_is_explained_next_to_the_line(client, shirt):
    add(client, medium(shirt), 1)

    body = client.post("/cart/update/", {"variant": medium(shirt).pk, "quantity": 8},
                       HTTP_HX_REQUEST="true").content.decode()

    line = re.search(r'<tr class="cart__line.*?</tr>', body, re.S).group(0)
    assert '<p class="cart__note">Only 5 in stock, so your cart holds 5.</p>' in line
    assert 'value="5"' in line


def test_staff_create_coupons_in_the_back_office(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.post("/admin/shop/coupon/add/", {
        "code": "spring15", "kind": "percent", "value": "15", "minimum_spend": "30", "valid_from_0": "2026-01-01",
        "valid_from_1": "00:00:00", "usage_limit": "100", "is_active": "on"})

    assert response.status_code == 302
    coupon = Coupon.objects.get()
    assert (coupon.code, coupon.value, coupon.usage_limit) == ("SPRING15", Decimal("15"), 100)


def test_nobody_can_see_or_change_another_customers_cart(shirt):
    ann, bob = Client(), Client()
    ann.force_login(UserFactory(email="ann@example.com"))
    bob.force_login(UserFactory(email="bob@example.com"))
    add(ann, medium(shirt), 2)

    bob.post("/cart/update/", {"variant": medium(shirt).pk, "quantity": 0})
    bob.post("/cart/remove/", {"variant": medium(shirt).pk})
    bobs_cart = bob.get("/cart/").content.decode()

    assert "Your cart is empty" in bobs_cart
    assert Cart.objects.get(customer__email="ann@example.com").lines.get().quantity == 2
