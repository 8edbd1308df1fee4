from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import User
from orders.models import Order, Payment
from tests.factories import OrderFactory, UserFactory
from tests.html import read_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def ann():
    return UserFactory(email="ann@example.com", first_name="Ann")


@pytest.fixture
def browser(ann):
    client = Client()
    client.force_login(ann)
    return client


def orders_placed(customer, count):
    """Orders one day apart, the last one newest."""
    orders = [OrderFactory(customer=customer) for _ in range(count)]
    for days_ago, order in enumerate(reversed(orders)):
        Order.objects.filter(pk=order.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    return orders


def test_overview_greets_by_name_and_shows_the_three_latest_orders(browser, ann):
    orders = orders_placed(ann, 4)

    response = browser.get("/account/")

    page = response.content.decode()
    links = [href for href, _ in read_page(response, within_id="main").links]
    assert "Hello, Ann" in page
    assert [order.number in page for order in orders] == [False, True, True, True]
    for section in ["/account/orders/", "/account/addresses/", "/account/profile/", "/account/notifications/"]:
        assert section in links


def test_order_history_pages_through_every_order_with_status_and_total(browser, ann):
    orders = orders_placed(ann, 12)
    Order.objects.filter(pk=orders[-1].pk).update(status=Order.Status.SHIPPED)

    first = browser.get("/account/orders/").content.decode()
    second = browser.get("/account/orders/?page=2").content.decode()

    assert [order.number in first for order in orders] == [False] * 2 + [True] * 10
    assert orders[0].number in second and orders[1].number in second
    assert "Shipped" in first and "£80.00" in first
    assert 'href="?page=2"' in first
    assert f'href="/account/orders/{orders[-1].number}/"' in first


def test_order_page_shows_lines_totals_address_delivery_and_payment(browser, ann):
    order = OrderFactory(customer=ann, lines=[("Linen shirt", "M", 2)], coupon_code="WELCOME10",
                         discount=Decimal("8.00"), total=Decimal("72.00"), status=Order.Status.PACKED)
    Payment.objects.create(order=order, method=Order.PaymentMethod.CARD, status=Payment.Status.AUTHORISED,
                           amount=order.total, currency="GBP", card_brand="Visa", card_last4="4242")

    response = browser.get(order.get_absolute_url())

    page = response.content.decode()
    assert read_page(response).title.startswith(f"Order {order.number}")
    assert "Linen shirt" in page and "Size M" in page and "£40.00" in page
    assert "WELCOME10" in page and "−£8.00" in page and "£72.00" in page
    assert "12 Mill Lane" in page and "BS1 4XE" in page and "United Kingdom" in page
    assert order.delivered_by.strftime("%-d %B") in page
    assert "Visa ending 4242: authorised" in page
    assert "Packed" in page


def test_profile_saves_name_and_writes_the_phone_in_international_form(browser, ann):
    response = browser.post("/account/profile/", {"first_name": "Ann", "last_name": "Smith", "phone": "07400123456"})

    ann.refresh_from_db()
    assert response["Location"] == "/account/"
    assert (ann.last_name, ann.phone) == ("Smith", "+44 7400 123456")


def test_profile_takes_another_countrys_number_when_it_starts_with_its_code(browser, ann):
    browser.post("/account/profile/", {"first_name": "Ann", "last_name": "", "phone": "+33 6 12 34 56 78"})

    ann.refresh_from_db()
    assert ann.phone == "+33 6 12 34 56 78"


def test_profile_refuses_a_phone_number_that_cannot_be_dialled_and_keeps_what_was_typed(browser, ann):
    response = browser.post("/account/profile/", {"first_name": "Annie", "last_name": "Smith", "phone": "12"})

    page = response.content.decode()
    assert read_page(response).title.startswith("Error: ")
    assert "Enter a phone number that works in United Kingdom, for example" in page
    assert 'value="Annie"' in page and 'value="12"' in page
    assert User.objects.get(pk=ann.pk).first_name == "Ann"


def test_notifications_say_what_they_are_for_and_save_the_choices(browser, ann):
    page = browser.get("/account/notifications/").content.decode()

    browser.post("/account/notifications/", {"notify_by_sms": "on", "phone": "07400 123456"})

    ann.refresh_from_db()
    assert "only to tell you about your orders and deliveries" in page
    assert (ann.notify_by_email, ann.notify_by_sms, ann.phone) == (False, True, "+44 7400 123456")


def test_text_messages_need_a_phone_number(browser, ann):
    response = browser.post("/account/notifications/", {"notify_by_email": "on", "notify_by_sms": "on", "phone": ""})

    ann.refresh_from_db()
    assert read_page(response).title.startswith("Error: ")
    assert "Enter a mobile number for the text messages" in response.content.decode()
    assert ann.notify_by_sms is False
