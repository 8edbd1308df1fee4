"""Orders nobody has paid for yet cannot empty the shelves (orders/services.py): a limit per item and per
person, and cash-on-delivery orders staff never confirmed are cancelled, their stock back on sale."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from orders.models import Order
from orders.services import OrderNotPlaced, order_move, orders_cancel_unconfirmed
from orders.tasks import orders_cancel_unconfirmed_task
from outbox.models import Message
from shop.models import ProductVariant
from tests.factories import ProductFactory, cart_holding, order_from_cart
from tests.orders.test_payments import place_paying_by_card
from tests.orders.test_placing import only_on_postgresql, run_together

pytestmark = pytest.mark.django_db


@pytest.fixture
def tea_towels():
    return ProductFactory(name="Tea towel", price=Decimal("8.00"), variants=[("", 500)]).variants.get()


def placed_days_ago(order: Order, days: float) -> Order:
    Order.objects.filter(pk=order.pk).update(created_at=timezone.now() - timedelta(days=days))
    return order


def test_an_order_of_99_of_one_item_is_refused_and_takes_no_stock(tea_towels, settings):
    settings.SHOP = {**settings.SHOP, "max_quantity_per_item": 10}

    with pytest.raises(OrderNotPlaced, match="One order can hold up to 10 of Tea towel, and your cart has 99"):
        order_from_cart(cart_holding(tea_towels, 99))

    assert ProductVariant.objects.get(pk=tea_towels.pk).stock == 500


def test_a_third_cash_order_waiting_from_one_address_in_a_day_is_asked_to_pay_by_card(tea_towels, settings):
    settings.SHOP = {**settings.SHOP, "cod_orders_per_day": 2}
    order_from_cart(cart_holding(tea_towels))
    order_from_cart(cart_holding(tea_towels))

    with pytest.raises(OrderNotPlaced, match="You already have 2 orders waiting to be paid on delivery") as refused:
        order_from_cart(cart_holding(tea_towels))
    by_card = place_paying_by_card(cart_holding(tea_towels))

    assert refused.value.step == "payment"
    assert by_card.payment_method == Order.PaymentMethod.CARD


def test_cash_orders_confirmed_by_staff_or_placed_yesterday_leave_room_for_more(tea_towels, settings):
    settings.SHOP = {**settings.SHOP, "cod_orders_per_day": 2}
    order_move(order=order_from_cart(cart_holding(tea_towels)), to=Order.Status.CONFIRMED)
    placed_days_ago(order_from_cart(cart_holding(tea_towels)), 1.5)

    order_from_cart(cart_holding(tea_towels))
    order_from_cart(cart_holding(tea_towels))

    assert Order.objects.count() == 4


def test_a_cash_order_staff_never_confirmed_is_cancelled_once_the_customer_told_and_the_stock_back(
        tea_towels, settings, django_capture_on_commit_callbacks):
    settings.SHOP = {**settings.SHOP, "unconfirmed_cod_hours": 48}
    forgotten = placed_days_ago(order_from_cart(cart_holding(tea_towels, 3)), 3)
    confirmed = placed_days_ago(order_from_cart(cart_holding(tea_towels, 2)), 3)
    order_move(order=confirmed, to=Order.Status.CONFIRMED)
    paid_by_card = placed_days_ago(place_paying_by_card(cart_holding(tea_towels, 4)), 3)
    recent = order_from_cart(cart_holding(tea_towels, 1))

    with django_capture_on_commit_callbacks(execute=True):
        first_run = orders_cancel_unconfirmed_task.delay().get()
    second_run = orders_cancel_unconfirmed()

    assert (first_run, second_run) == (1, 0)
    statuses = dict(Order.objects.values_list("pk", "status"))
    assert statuses == {forgotten.pk: "cancelled", confirmed.pk: "confirmed", paid_by_card.pk: "placed",
                        recent.pk: "placed"}
    assert ProductVariant.objects.get(pk=tea_towels.pk).stock == 500 - 2 - 4 - 1
    assert Message.objects.filter(reference=forgotten.number, kind="cancelled").count() == 1


@only_on_postgresql
@pytest.mark.django_db(transaction=True)
def test_staff_confirming_while_the_sweeper_cancels_leaves_one_outcome_and_the_right_stock(settings):
    settings.SHOP = {**settings.SHOP, "unconfirmed_cod_hours": 48}
    towels = ProductFactory(name="Tea towel", variants=[("", 50)]).variants.get()
    orders = [placed_days_ago(order_from_cart(cart_holding(towels, 2)), 3) for _ in range(6)]

    run_together(*[lambda order=order: order_move(order=order, to=Order.Status.CONFIRMED) for order in orders],
                 orders_cancel_unconfirmed)

    statuses = list(Order.objects.values_list("status", flat=True))
    assert set(statuses) <= {"confirmed", "cancelled"} and len(statuses) == 6
    assert ProductVariant.objects.get(pk=towels.pk).stock == 50 - 2 * statuses.count("confirmed")
    assert Message.objects.filter(kind="cancelled").count() == statuses.count("cancelled")
