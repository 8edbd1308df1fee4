"""Checkout from cart to thank-you page, as a guest and signed in, with the plain (no-JavaScript) forms."""

import re
import uuid
from decimal import Decimal

import pytest
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from accounts.models import User
from orders.checkout import CheckoutState
from orders.models import Order, Payment
from outbox.models import Message
from shop.models import Coupon, ProductVariant
from storefront.numbers import parse_money
from tests.factories import ProductFactory, UserFactory

pytestmark = pytest.mark.django_db

DETAILS = {"email": "ada@example.com", "full_name": "Ada Lovelace", "line1": "12 Mill Lane", "line2": "",
           "city": "Bristol", "region": "", "postcode": "bs1 4xe", "country": "GB", "phone": "07400 123456"}
GOOD_CARD = {"method": "card", "card_number": "4242 4242 4242 4242", "card_name": "Ada Lovelace",
             "card_expiry": "04/39", "card_security_code": "123"}


@pytest.fixture
def shirt():
    return ProductFactory(name="Linen shirt", price=Decimal("30.00"), variants=[("M", 5)])


def add_to_cart(client, product, quantity=1):
    client.post("/cart/add/", {"variant": product.variants.first().pk, "quantity": quantity})


def fill_in_up_to_review(client, *, details=DETAILS, method="standard", payment=GOOD_CARD):
    assert client.post("/checkout/details/", details).status_code == 302
    assert client.post("/checkout/delivery/", {"method": method}).status_code == 302
    response = client.post("/checkout/payment/", payment)
    assert response["Location"] == "/checkout/review/", response.content.decode()[:2000]


def place(client):
    review = client.get("/checkout/review/").content.decode()
    key = re.search(r'name="placement_key" value="([^"]+)"', review).group(1)
    total = re.search(r'name="expected_total" value="([^"]+)"', review).group(1)
    return client.post("/checkout/review/", {"placement_key": key, "expected_total": total})


def test_the_review_page_says_what_would_stop_the_order_before_the_click(client, shirt):
    add_to_cart(client, shirt, 2)
    fill_in_up_to_review(client)
    ProductVariant.objects.update(stock=0)

    review = client.get("/checkout/review/").content.decode()

    assert "Linen shirt (size M) sold out while you were checking out." in review
    assert 'href="/cart/"' in review


def test_a_guest_checks_out_with_a_card_and_sees_the_thank_you_page(client, shirt, django_capture_on_commit_callbacks,
                                                                     mailoutbox):
    add_to_cart(client, shirt, 2)
    fill_in_up_to_review(client)

    with django_capture_on_commit_callbacks(execute=True):
        response = place(client)
    thank_you = client.get(response["Location"]).content.decode()

    order = Order.objects.get()
    assert response["Location"] == f"/checkout/thank-you/{order.number}/"
    assert order.number in thank_you and "Thank you" in thank_you
    assert order.total == Decimal("60.00") and order.delivery_cost == 0  # over the free-delivery threshold
    assert order.postcode == "BS1 4XE" and order.phone == "+44 7400 123456"
    assert ProductVariant.objects.get().stock == 3
    assert order.payments.get().card_last4 == "4242"
    assert [message.to for message in mailoutbox] == [["ada@example.com"]]
    assert order.number in mailoutbox[0].subject
    assert client.get("/cart/").content.decode().count("Your cart is empty") == 1


def test_the_cart_page_leads_to_checkout(client, shirt):
    add_to_cart(client, shirt)

    page = client.get("/cart/").content.decode()

    assert 'href="/checkout/"' in page and "Go to checkout" in page


def test_checkout_with_an_empty_cart_goes_back_to_the_cart(client):
    response = client.get("/checkout/details/")

    assert response.status_code == 302 and response["Location"] == "/cart/"


def test_a_step_ahead_of_the_shopper_sends_them_to_the_first_step_to_do(client, shirt):
    add_to_cart(client, shirt)

    assert client.get("/checkout/review/")["Location"] == "/checkout/details/"
    client.post("/checkout/details/", DETAILS)
    assert client.get("/checkout/review/")["Location"] == "/checkout/delivery/"


def test_going_back_a_step_shows_everything_typed(client, shirt):
    add_to_cart(client, shirt)
    fill_in_up_to_review(client)

    details_page = client.get("/checkout/details/").content.decode()
    delivery_page = client.get("/checkout/delivery/").content.decode()

    assert 'value="Ada Lovelace"' in details_page and 'value="12 Mill Lane"' in details_page
    assert re.search(r'value="standard"\s+id="id_method_0"\s+checked', delivery_page)


def test_a_failed_details_step_keeps_every_value_and_says_what_to_fix(client, shirt):
    add_to_cart(client, shirt)

    response = client.post("/checkout/details/", {**DETAILS, "postcode": "12345", "phone": ""})
    page = response.content.decode()

    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "Enter a postcode in the format SW1A 1AA." in page
    assert "Enter a phone number, so the courier can reach you if needed." in page
    assert 'href="#id_postcode"' in page  # the summary links to the field
    assert 'value="12345"' in page and 'value="Ada Lovelace"' in page and 'value="12 Mill Lane"' in page
    assert re.search(r'aria-invalid="true"[^>]*id="id_postcode"|id="id_postcode"[^>]*aria-invalid="true"', page)


def test_a_declined_card_returns_to_payment_with_a_clear_message_and_the_rest_intact(client, shirt):
    add_to_cart(client, shirt)
    client.post("/checkout/details/", DETAILS)
    client.post("/checkout/delivery/", {"method": "standard"})

    response = client.post("/checkout/payment/", {**GOOD_CARD, "card_number": "4000 0000 0000 0002"})
    page = response.content.decode()

    assert response.status_code == 200 and "<title>Error: " in page
    assert "Your bank declined this card. No money has been taken." in page
    assert 'value="Ada Lovelace"' in page and 'value="04/39"' in page
    assert 'value="4000 0000 0000 0002"' not in page  # a new card is needed: the declined number is not kept
    assert 'href="#id_card_number"' in page and 'id="id_card_number_error"' in page
    assert not Order.objects.exists()
    assert 'value="12 Mill Lane"' in client.get("/checkout/details/").content.decode()


def test_without_javascript_a_card_typed_with_dashes_and_an_expiry_without_a_slash_pays(client, shirt):
    add_to_cart(client, shirt)

    fill_in_up_to_review(client, payment={**GOOD_CARD, "card_number": "4242-4242-4242-4242", "card_expiry": "0439"})
    place(client)

    payment = Order.objects.get().payments.get()
    assert (payment.card_brand, payment.card_last4) == ("Visa", "4242")


def test_a_mistyped_expiry_is_said_beside_it_with_everything_typed_kept(client, shirt):
    add_to_cart(client, shirt)
    client.post("/checkout/details/", DETAILS)
    client.post("/checkout/delivery/", {"method": "standard"})

    response = client.post("/checkout/payment/", {**GOOD_CARD, "card_expiry": "4 29 1"})
    page = response.content.decode()

    assert response.status_code == 200 and "<title>Error: " in page
    assert 'id="id_card_expiry_error"' in page and "Enter the expiry date as month and year, for example 04/29." in page
    assert 'value="4 29 1"' in page and 'value="Ada Lovelace"' in page
    assert 'value="4242 4242 4242 4242"' in page  # kept: only a number the bank declined is cleared
    assert "Card type: </span>Visa" in page


SECURE_CARD = {**GOOD_CARD, "card_number": "4000 0027 6000 3184"}  # the demo bank asks to confirm it


def test_the_bank_asks_to_confirm_a_card_only_once_place_order_is_pressed(client, shirt):
    add_to_cart(client, shirt)
    fill_in_up_to_review(client, payment=SECURE_CARD)

    review = client.get("/checkout/review/").content.decode()
    to_bank = place(client)
    bank_page = client.get(to_bank["Location"]).content.decode()
    nothing_placed_yet = not Order.objects.exists()
    confirmed = client.post(to_bank["Location"], {"confirm": "1"})

    order = Order.objects.get()
    assert "Your bank asks you to confirm this payment: it opens its page when you place the order." in review
    assert nothing_placed_yet and to_bank["Location"].startswith("/checkout/payment/confirm/")
    assert "Confirm your payment" in bank_page and "£33.95" in bank_page
    assert confirmed["Location"] == f"/checkout/thank-you/{order.number}/"
    assert order.payments.get().status == Payment.Status.AUTHORISED and order.payments.get().card_last4 == "3184"
    assert Message.objects.filter(reference=order.number, kind="order_placed").count() == 1


def test_cancelling_3d_secure_returns_to_payment_saying_no_money_was_taken(client, shirt):
    add_to_cart(client, shirt)
    fill_in_up_to_review(client, payment=SECURE_CARD)
    to_bank = place(client)

    cancelled = client.post(to_bank["Location"], {"cancel": "1"})
    page = client.get(cancelled["Location"]).content.decode()

    assert cancelled["Location"] == "/checkout/payment/"
    assert "not confirmed with your bank" in page and "<title>Error: " in page
    assert not Order.objects.exists()


def test_confirming_with_the_bank_twice_places_one_order_and_shows_it(client, shirt):
    add_to_cart(client, shirt)
    fill_in_up_to_review(client, payment=SECURE_CARD)
    to_bank = place(client)

    first = client.post(to_bank["Location"], {"confirm": "1"})
    second = client.post(to_bank["Location"], {"confirm": "1"})  # the bank's page again, with Back

    assert Order.objects.count() == 1 and ProductVariant.objects.get().stock == 4
    assert first["Location"] == second["Location"] == f"/checkout/thank-you/{Order.objects.get().number}/"


def test_confirming_with_the_bank_again_after_the_first_answer_was_lost_shows_that_order(client, shirt,
                                                                                          monkeypatch):
    add_to_cart(client, shirt)
    fill_in_up_to_review(client, payment=SECURE_CARD)
    to_bank = place(client)

    def process_dies(state, order):
        raise RuntimeError("the web process died after the order committed, before the session was saved")

    with monkeypatch.context() as fault:
        fault.setattr(CheckoutState, "finish", process_dies)
        client.raise_request_exception = False
        lost = client.post(to_bank["Location"], {"confirm": "1"})
    again = client.post(to_bank["Location"], {"confirm": "1"})  # the guest presses the bank's button again

    order = Order.objects.get()
    assert lost.status_code == 500
    assert again["Location"] == f"/checkout/thank-you/{order.number}/"
    assert client.get(again["Location"]).status_code == 200
    assert order.payments.get().status == Payment.Status.AUTHORISED  # still the order's, not released


def test_stock_gone_before_place_order_is_said_on_the_review_without_troubling_the_bank(client, shirt):
    add_to_cart(client, shirt, 2)
    fill_in_up_to_review(client, payment=SECURE_CARD)
    ProductVariant.objects.update(stock=1)

    response = place(client)

    assert response.status_code == 200
    assert "Only 1 of Linen shirt (size M) left now, and your cart has 2." in response.content.decode()
    assert Payment.objects.get().status == Payment.Status.NEEDS_CONFIRMATION and not Order.objects.exists()


def test_stock_gone_while_at_the_bank_places_no_order_and_releases_the_card(client, shirt):
    add_to_cart(client, shirt, 2)
    fill_in_up_to_review(client, payment=SECURE_CARD)
    to_bank = place(client)
    ProductVariant.objects.update(stock=1)  # someone else bought three while the shopper was at their bank

    confirmed = client.post(to_bank["Location"], {"confirm": "1"})
    cart = client.get(confirmed["Location"]).content.decode()

    assert confirmed["Location"] == "/cart/" and not Order.objects.exists()
    assert "Only 1 of Linen shirt (size M) left now, and your cart has 2." in cart
    assert Payment.objects.get().status == Payment.Status.VOIDED


def test_cash_on_delivery_needs_no_card(client, shirt):
    add_to_cart(client, shirt)

    fill_in_up_to_review(client, payment={"method": "cod"})
    response = place(client)

    order = Order.objects.get()
    assert response.status_code == 302 and order.payment_method == "cod"
    assert order.payments.get().status == Payment.Status.CASH_ON_DELIVERY


def test_placing_twice_with_the_same_page_makes_one_order(client, shirt):
    add_to_cart(client, shirt)
    fill_in_up_to_review(client)
    review = client.get("/checkout/review/").content.decode()
    form = {"placement_key": re.search(r'name="placement_key" value="([^"]+)"', review).group(1),
            "expected_total": re.search(r'name="expected_total" value="([^"]+)"', review).group(1)}

    first = client.post("/checkout/review/", form)
    second = client.post("/checkout/review/", form)

    assert Order.objects.count() == 1
    assert first["Location"] == second["Location"] == f"/checkout/thank-you/{Order.objects.get().number}/"
    assert ProductVariant.objects.get().stock == 4


def test_placing_again_after_the_first_answer_was_lost_shows_that_order_not_an_empty_cart(client, shirt,
                                                                                           monkeypatch):
    add_to_cart(client, shirt)
    fill_in_up_to_review(client)
    review = client.get("/checkout/review/").content.decode()
    form = {"placement_key": re.search(r'name="placement_key" value="([^"]+)"', review).group(1),
            "expected_total": re.search(r'name="expected_total" value="([^"]+)"', review).group(1)}

    def process_dies(state, order):
        raise RuntimeError("the web process died after the order committed, before the session was saved")

    with monkeypatch.context() as fault:
        fault.setattr(CheckoutState, "finish", process_dies)
        client.raise_request_exception = False
        lost = client.post("/checkout/review/", form)
    again = client.post("/checkout/review/", form)  # the shopper presses "Place order" again, or goes Back
    thank_you = client.get(again["Location"])

    order = Order.objects.get()
    assert lost.status_code == 500
    assert again["Location"] == f"/checkout/thank-you/{order.number}/"
    assert thank_you.status_code == 200 and order.number in thank_you.content.decode()
    assert Message.objects.filter(reference=order.number, kind="order_placed").count() == 1  # its confirmation


def test_stock_that_ran_out_during_checkout_stops_the_order_with_nothing_lost(client, shirt):
    add_to_cart(client, shirt, 2)
    fill_in_up_to_review(client)
    ProductVariant.objects.update(stock=1)  # someone else bought three meanwhile

    response = place(client)
    page = response.content.decode()

    assert response.status_code == 200 and "<title>Error: " in page
    assert "Only 1 of Linen shirt (size M) left now, and your cart has 2." in page
    assert not Order.objects.exists()
    assert "Ada Lovelace" in page  # the review still shows everything entered


def test_a_coupon_that_expired_during_checkout_stops_the_order_and_says_so(client, shirt):
    from django.utils import timezone

    coupon = Coupon.objects.create(code="SPRING", kind=Coupon.PERCENT, value=10)
    add_to_cart(client, shirt, 2)
    client.post("/cart/coupon/", {"code": "spring"})
    fill_in_up_to_review(client)
    Coupon.objects.filter(pk=coupon.pk).update(valid_until=timezone.now())

    response = place(client)

    assert "The code SPRING has expired." in response.content.decode()
    assert not Order.objects.exists()


def test_a_coupon_counts_as_used_once_the_order_is_placed(client, shirt):
    coupon = Coupon.objects.create(code="SPRING", kind=Coupon.PERCENT, value=10)
    add_to_cart(client, shirt, 2)
    client.post("/cart/coupon/", {"code": "spring"})
    fill_in_up_to_review(client)

    place(client)

    order = Order.objects.get()
    coupon.refresh_from_db()
    assert coupon.times_used == 1
    assert order.discount == Decimal("6.00") and order.total == Decimal("54.00") and order.coupon_code == "SPRING"


def test_express_delivery_is_charged_even_over_the_free_threshold(client, shirt):
    add_to_cart(client, shirt, 2)

    fill_in_up_to_review(client, method="express")
    place(client)

    assert Order.objects.get().delivery_cost == Decimal("6.95")


def test_outside_the_home_country_only_international_delivery_is_offered(client, shirt):
    add_to_cart(client, shirt)
    client.post("/checkout/details/", {**DETAILS, "country": "US", "region": "CA", "postcode": "94103",
                                       "phone": "(201) 555-0123"})

    page = client.get("/checkout/delivery/").content.decode()
    express = client.post("/checkout/delivery/", {"method": "express"})

    assert "International delivery" in page and "Standard delivery" not in page
    assert re.search(r'value="international"\s+id="id_method_0"\s+checked', page)  # the only one, so chosen
    assert "<dt>Delivery</dt><dd>£9.95</dd>" in page  # the summary prices what will be charged
    assert "Choose one of the delivery methods listed." in express.content.decode()


def test_a_signed_in_customer_gets_the_order_in_their_account(client, shirt):
    customer = UserFactory(email="grace@example.com")
    client.force_login(customer)
    add_to_cart(client, shirt)

    fill_in_up_to_review(client, details={**DETAILS, "email": "grace@example.com"})
    place(client)

    assert Order.objects.get().customer == customer


def test_the_thank_you_page_opens_no_account_without_the_link_emailed_to_the_orders_address(client, shirt):
    add_to_cart(client, shirt)
    fill_in_up_to_review(client)
    thank_you_url = place(client)["Location"]

    offered = client.get(thank_you_url).content.decode()
    asked = client.post(thank_you_url + "account/", {"password": "a long enough secret"}, follow=True)

    link_email = Message.objects.get(kind="account_open")
    assert "Create an account" in offered and 'name="password"' not in offered
    assert "We have sent a link to ada@example.com" in asked.content.decode()
    assert link_email.to == "ada@example.com" and "/account/open/" in link_email.body_text
    assert not User.objects.exists() and Order.objects.get().customer is None


def test_the_emailed_link_opens_the_account_holding_the_guest_order(client, shirt):
    add_to_cart(client, shirt)
    fill_in_up_to_review(client)
    thank_you_url = place(client)["Location"]
    client.post(thank_you_url + "account/")
    link = re.search(r"https?://[^/\s]+(/account/open/\S+/)", Message.objects.get(kind="account_open").body_text)

    response = Client().post(link.group(1), {"password": "a long enough secret"})  # on another device, say

    order = Order.objects.get()
    assert order.customer is not None and order.customer.email == "ada@example.com"
    assert order.customer.check_password("a long enough secret")
    assert order.customer.terms_accepted_at == order.created_at
    assert response["Location"] == order.get_absolute_url()


def test_the_thank_you_page_is_only_for_the_browser_that_placed_the_order(client, shirt, django_user_model):
    add_to_cart(client, shirt)
    fill_in_up_to_review(client)
    thank_you_url = place(client)["Location"]

    stranger = Client()

    assert client.get(thank_you_url).status_code == 200
    assert stranger.get(thank_you_url).status_code == 404
    assert stranger.post(thank_you_url + "account/").status_code == 404
    assert not Message.objects.filter(kind="account_open").exists()


garbage = st.dictionaries(
    st.sampled_from([*DETAILS, *GOOD_CARD, "back", "placement_key", "expected_total", "confirm", "cancel"]),
    st.one_of(st.text(max_size=30), st.sampled_from(["GB", "US", "card", "cod", "standard", "express", "1e9",
                                                      "NaN", "-1", str(uuid.uuid4())])))


@hypothesis_settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(step=st.sampled_from(["details", "delivery", "payment", "review"]), data=garbage)
def test_no_garbage_posted_to_any_checkout_step_causes_an_error_page(client, shirt, step, data):
    add_to_cart(client, shirt)
    client.post("/checkout/details/", DETAILS)
    client.post("/checkout/delivery/", {"method": "standard"})

    response = client.post(f"/checkout/{step}/", data)

    assert response.status_code in {200, 302}
    assert Order.objects.count() <= 1


def test_checkout_pages_make_the_same_number_of_queries_however_full_the_cart(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    products = [ProductFactory(price=Decimal("5.00"), variants=[("M", 50)]) for _ in range(12)]
    add_to_cart(client, products[0])
    fill_in_up_to_review(client)

    def queries_per_step():
        counts = []
        for step in ["details", "delivery", "payment", "review"]:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(f"/checkout/{step}/").status_code == 200
            counts.append(len(captured))
        return counts

    queries_per_step()  # the first visit of each step may write to the session; count the next
    with_one_line = queries_per_step()
    for product in products[1:]:
        add_to_cart(client, product)
    queries_per_step()
    with_twelve_lines = queries_per_step()

    assert with_twelve_lines == with_one_line
    assert max(with_one_line) <= 15


def test_a_cart_changed_after_paying_by_card_asks_to_confirm_the_payment_again(client, shirt):
    add_to_cart(client, shirt)
    fill_in_up_to_review(client)
    add_to_cart(client, shirt)  # in another tab, say

    review = client.get("/checkout/review/").content.decode()
    response = place(client)

    assert "the total is now £60.00. Please confirm your payment again." in review
    assert response["Location"] == "/checkout/payment/" and not Order.objects.exists()


def test_the_delivery_page_quotes_the_same_methods_and_prices_as_checkout(client, settings):
    settings.SHOP = {**settings.SHOP, "express_delivery_cost": "7.50"}

    page = client.get("/delivery/").content.decode()

    assert "Express delivery" in page and "£7.50" in page
    assert "International delivery" in page and "United States" in page


@hypothesis_settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(total=st.sampled_from(["sNaN", "NaN", "1e999999999", "9" * 5000, "-0", "١٢٣", "Infinity", ""])
       | st.text().filter(lambda text: parse_money(text) is None))
def test_a_total_altered_on_the_review_page_is_refused_with_a_message_never_an_error(client, shirt, total):
    add_to_cart(client, shirt)
    fill_in_up_to_review(client)
    review = client.get("/checkout/review/").content.decode()
    key = re.search(r'name="placement_key" value="([^"]+)"', review).group(1)

    response = client.post("/checkout/review/", {"placement_key": key, "expected_total": total})

    page = response.content.decode()
    assert response.status_code == 200 and not Order.objects.exists()
    assert "We could not read the total shown on this page. Check the order below and place it again." in page
    assert "NaN" not in page
