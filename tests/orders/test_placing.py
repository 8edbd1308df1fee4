"""Placing an order: exactly once, never overselling, and the confirmation written with it, sent after commit."""

import threading
import uuid
from decimal import Decimal

import pytest
from django.db import connection

from orders.models import Order, Payment
from orders.services import OrderNotPlaced, order_place
from outbox.models import Message
from shop.delivery import delivery_method
from shop.models import ProductVariant
from tests.factories import CHECKOUT_DETAILS, ProductFactory, cart_holding, order_from_cart

only_on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks under real concurrency need PostgreSQL (run in the suite's PostgreSQL pass)")


def run_together(*calls):
    """Start the calls in threads at the same moment; each gets its own database connection."""
    start = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            start.wait()
            outcomes[index] = call()
        except Exception as error:  # noqa: BLE001 - the outcome is what the test checks
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@only_on_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_customers_racing_for_the_last_unit_get_one_order_and_one_clear_refusal():
    last_one = ProductFactory(name="Wool scarf", price=Decimal("25.00"), variants=[("", 1)]).variants.get()
    first_cart, second_cart = cart_holding(last_one), cart_holding(last_one)

    outcomes = run_together(lambda: order_from_cart(first_cart), lambda: order_from_cart(second_cart))

    orders = [outcome for outcome in outcomes if isinstance(outcome, Order)]
    refusals = [outcome for outcome in outcomes if isinstance(outcome, OrderNotPlaced)]
    assert len(orders) == 1 and len(refusals) == 1, outcomes
    assert "Wool scarf sold out while you were checking out" in refusals[0].problems[0].text
    assert ProductVariant.objects.get(pk=last_one.pk).stock == 0


@only_on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_double_click_placing_the_same_cart_at_once_makes_one_order():
    variant = ProductFactory(price=Decimal("25.00"), variants=[("M", 5)]).variants.get()
    cart = cart_holding(variant, 2)
    key = str(uuid.uuid4())

    outcomes = run_together(lambda: order_from_cart(cart, key=key), lambda: order_from_cart(cart, key=key))

    assert all(isinstance(outcome, Order) for outcome in outcomes), outcomes
    assert outcomes[0].pk == outcomes[1].pk and Order.objects.count() == 1
    assert ProductVariant.objects.get(pk=variant.pk).stock == 3


@pytest.mark.django_db
def test_the_confirmation_is_written_with_the_order_and_sent_once_it_is_committed(django_capture_on_commit_callbacks,
                                                                                  mailoutbox):
    variant = ProductFactory(variants=[("M", 5)]).variants.get()

    with django_capture_on_commit_callbacks() as waiting:
        order = order_from_cart(cart_holding(variant))
        written = Message.objects.get(reference=order.number)
        assert mailoutbox == []  # nothing is said before the order is safely stored
    for callback in waiting:
        callback()

    assert written.kind == "order_placed" and written.status == Message.Status.PENDING
    assert len(mailoutbox) == 1 and order.number in mailoutbox[0].subject
    assert mailoutbox[0].alternatives[0].mimetype == "text/html"
    assert "What happens next" in mailoutbox[0].body


@pytest.mark.django_db
def test_an_order_that_is_rolled_back_writes_and_sends_nothing(django_capture_on_commit_callbacks, mailoutbox):
    variant = ProductFactory(variants=[("M", 0)]).variants.get()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(OrderNotPlaced):
        order_from_cart(cart_holding(variant))

    assert mailoutbox == [] and not Order.objects.exists() and not Message.objects.exists()


@pytest.mark.django_db
def test_a_card_payment_taken_for_an_older_total_is_asked_for_again():
    variant = ProductFactory(price=Decimal("25.00"), variants=[("M", 5)]).variants.get()
    cart = cart_holding(variant)
    card_payment = Payment.objects.create(method="card", status=Payment.Status.AUTHORISED, amount=Decimal("1.00"),
                                          currency="GBP", card_brand="Visa", card_last4="4242")

    with pytest.raises(OrderNotPlaced) as not_placed:
        order_place(cart=cart, customer=None, details=CHECKOUT_DETAILS, delivery=delivery_method("standard"),
                    payment=card_payment, placement_key=str(uuid.uuid4()))

    assert not_placed.value.step == "payment" and "confirm your payment again" in not_placed.value.problems[0].text


@only_on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_crowd_racing_by_card_for_a_few_units_leaves_no_authorisation_without_its_order():
    from tests.orders.test_payments import place_paying_by_card

    scarf = ProductFactory(name="Wool scarf", price=Decimal("25.00"), variants=[("", 3)]).variants.get()
    carts = [cart_holding(scarf) for _ in range(12)]

    outcomes = run_together(*[lambda cart=cart: place_paying_by_card(cart) for cart in carts])

    assert sum(isinstance(outcome, Order) for outcome in outcomes) == 3, outcomes
    assert sum(isinstance(outcome, OrderNotPlaced) for outcome in outcomes) == 9, outcomes
    assert not Payment.objects.filter(status=Payment.Status.AUTHORISED, order=None).exists()
    assert Payment.objects.filter(status=Payment.Status.VOIDED).count() == 9
