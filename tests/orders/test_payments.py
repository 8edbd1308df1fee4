"""Card authorisations never outlive checkout: each one becomes an order or is voided (orders/services.py)."""

import uuid
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from orders.models import Payment
from orders.payments import CardDetails
from orders.services import OrderNotPlaced, order_place, payment_take, payments_void_abandoned
from shop.delivery import delivery_method
from shop.services import cart_summary
from tests.factories import CHECKOUT_DETAILS, ProductFactory, cart_holding, order_from_cart

pytestmark = pytest.mark.django_db

APPROVED_CARD = CardDetails(number="4242424242424242", name="Ada Lovelace", expiry=date(2039, 4, 30),
                            security_code="123", brand="Visa")


def card_payment_for(cart) -> Payment:
    return payment_take(method="card", card=APPROVED_CARD,
                        amount=cart_summary(cart=cart, delivery_method=delivery_method("standard")).total)


def place_paying_by_card(cart, payment=None) -> object:
    payment = payment or card_payment_for(cart)
    return order_place(cart=cart, customer=None, details=CHECKOUT_DETAILS, delivery=delivery_method("standard"),
                       payment=payment, placement_key=str(uuid.uuid4()))


def test_an_order_refused_because_an_item_sold_out_releases_the_hold_on_the_card():
    scarf = ProductFactory(name="Wool scarf", variants=[("", 1)]).variants.get()
    cart = cart_holding(scarf)
    payment = card_payment_for(cart)
    scarf.stock = 0
    scarf.save()

    with pytest.raises(OrderNotPlaced, match="sold out"):
        place_paying_by_card(cart, payment)

    assert Payment.objects.get(pk=payment.pk).status == Payment.Status.VOIDED


def test_an_order_is_not_placed_on_an_authorisation_already_voided():
    cart = cart_holding(ProductFactory(variants=[("M", 5)]).variants.get())
    payment = card_payment_for(cart)
    payments_void_abandoned(now=timezone.now() + timedelta(days=1))

    with pytest.raises(OrderNotPlaced, match="The hold on your card was released") as not_placed:
        place_paying_by_card(cart, payment)

    assert not_placed.value.step == "payment"


def test_paying_again_in_checkout_voids_the_payment_it_replaces(client):
    from tests.orders.test_checkout import GOOD_CARD, add_to_cart, fill_in_up_to_review

    add_to_cart(client, ProductFactory(price=Decimal("30.00"), variants=[("M", 5)]))
    fill_in_up_to_review(client)
    first = Payment.objects.get()

    client.post("/checkout/payment/", GOOD_CARD)  # back to the payment step, the card entered again

    assert Payment.objects.get(pk=first.pk).status == Payment.Status.VOIDED
    assert Payment.objects.exclude(pk=first.pk).get().status == Payment.Status.AUTHORISED


def test_the_sweeper_voids_authorisations_left_without_an_order_once_and_leaves_the_rest():
    variant = ProductFactory(variants=[("M", 5)]).variants.get()
    abandoned = card_payment_for(cart_holding(variant))
    just_made = card_payment_for(cart_holding(variant))
    ordered_cart = cart_holding(variant)
    ordered = card_payment_for(ordered_cart)
    place_paying_by_card(ordered_cart, ordered)
    Payment.objects.filter(pk__in=[abandoned.pk, ordered.pk]).update(created_at=timezone.now() - timedelta(hours=2))

    first_run, second_run = payments_void_abandoned(), payments_void_abandoned()

    assert (first_run, second_run) == (1, 0)
    statuses = dict(Payment.objects.values_list("pk", "status"))
    assert statuses == {abandoned.pk: Payment.Status.VOIDED, just_made.pk: Payment.Status.AUTHORISED,
                        ordered.pk: Payment.Status.AUTHORISED}


def test_cash_on_delivery_has_nothing_to_void():
    variant = ProductFactory(variants=[("M", 0)]).variants.get()

    with pytest.raises(OrderNotPlaced):
        order_from_cart(cart_holding(variant))

    assert Payment.objects.get().status == Payment.Status.CASH_ON_DELIVERY
