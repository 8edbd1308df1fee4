import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from shop.models import Cart, Coupon
from shop.services import (
    CouponError,
    cart_add_item,
    cart_apply_coupon,
    cart_merge,
    cart_remove_line,
    cart_set_quantity,
    cart_summary,
)
from shop.tasks import carts_delete_abandoned_task
from tests.factories import ProductFactory, UserFactory

pytestmark = pytest.mark.django_db


def size_of(product, size="M"):
    return product.variants.get(size=size)


@pytest.fixture
def cart():
    return Cart.objects.create()


@pytest.fixture
def shirt():
    return ProductFactory(name="Linen shirt", price=Decimal("30.00"), variants=[("M", 5), ("L", 0)])


def test_adding_the_same_size_twice_adds_up_the_quantity(cart, shirt):
    cart_add_item(cart=cart, variant=size_of(shirt), quantity=2)

    change = cart_add_item(cart=cart, variant=size_of(shirt), quantity=1)

    assert change.quantity == 3 and change.note == ""
    assert cart.lines.get().quantity == 3


def test_asking_for_more_than_is_in_stock_keeps_the_maximum_and_says_so(cart, shirt):
    change = cart_add_item(cart=cart, variant=size_of(shirt), quantity=9)

    assert change.quantity == 5
    assert change.note == "Only 5 in stock, so your cart holds 5."
    assert cart.lines.get().quantity == 5


def test_a_sold_out_size_cannot_be_added(cart, shirt):
    change = cart_add_item(cart=cart, variant=size_of(shirt, "L"), quantity=1)

    assert change.quantity == 0 and "sold out" in change.note
    assert not cart.lines.exists()


def test_setting_quantity_to_zero_removes_the_line_and_remove_returns_what_it_held(cart, shirt):
    cart_add_item(cart=cart, variant=size_of(shirt), quantity=2)
    cart_set_quantity(cart=cart, variant=size_of(shirt), quantity=0)
    assert not cart.lines.exists()

    cart_add_item(cart=cart, variant=size_of(shirt), quantity=4)
    assert cart_remove_line(cart=cart, variant=size_of(shirt)) == 4
    assert not cart.lines.exists()


def test_summary_flags_a_size_that_sold_out_and_a_price_that_changed_since_adding(cart, shirt):
    cart_add_item(cart=cart, variant=size_of(shirt), quantity=2)
    variant = size_of(shirt)
    variant.stock = 0
    variant.save()
    shirt.sale_price = Decimal("24.00")
    shirt.save()

    line = cart_summary(cart=cart).lines[0]

    assert line.unit_price == Decimal("24.00") and line.total == Decimal("48.00")
    assert line.notes == ["Sold out since you added it: remove it to check out.",
                          "The price has dropped from £30.00 to £24.00 since you added it."]


def test_summary_counts_delivery_until_the_free_delivery_threshold(cart, shirt):
    cart_add_item(cart=cart, variant=size_of(shirt), quantity=1)
    below = cart_summary(cart=cart)
    cart_add_item(cart=cart, variant=size_of(shirt), quantity=1)
    above = cart_summary(cart=cart)

    assert (below.subtotal, below.delivery, below.total, below.to_free_delivery) == (
        Decimal("30.00"), Decimal("3.95"), Decimal("33.95"), Decimal("10.00"))
    assert (above.subtotal, above.delivery, above.total, above.to_free_delivery) == (
        Decimal("60.00"), Decimal("0.00"), Decimal("60.00"), Decimal("0.00"))


def test_an_empty_cart_costs_nothing(cart):
    summary = cart_summary(cart=cart)

    assert summary.is_empty and summary.total == Decimal("0.00") and summary.delivery == Decimal("0.00")


def test_guest_cart_merges_into_the_account_cart_at_sign_in_without_losing_anything(shirt):
    other = ProductFactory(variants=[("", 3)])
    guest, customer = Cart.objects.create(), Cart.objects.create()
    cart_add_item(cart=guest, variant=size_of(shirt), quantity=4)
    cart_add_item(cart=guest, variant=other.variants.get(), quantity=1)
    cart_add_item(cart=customer, variant=size_of(shirt), quantity=3)

    notes = cart_merge(guest_cart=guest, customer_cart=customer)

    assert {line.variant_id: line.quantity for line in customer.lines.all()} == {
        size_of(shirt).pk: 5, other.variants.get().pk: 1}
    assert [note.note for note in notes] == ["Only 5 in stock, so your cart holds 5."]
    assert not Cart.objects.filter(pk=guest.pk).exists()


@pytest.fixture
def cart_of_sixty(cart, shirt):
    cart_add_item(cart=cart, variant=size_of(shirt), quantity=2)
    return cart


@pytest.mark.parametrize(("coupon", "message"), [
    ({"valid_until": timezone.now() - timedelta(days=1)}, "The code SAVE10 has expired."),
    ({"is_active": False}, "The code SAVE10 has expired."),
    ({"minimum_spend": Decimal("75.00")}, "The code SAVE10 needs a spend of £75.00; add £15.00 more to use it."),
    ({"usage_limit": 3, "times_used": 3}, "The code SAVE10 has been used up."),
])
def test_a_coupon_that_cannot_be_used_says_why(cart_of_sixty, coupon, message):
    Coupon.objects.create(code="save10", kind=Coupon.PERCENT, value=Decimal("10"), **coupon)

    with pytest.raises(CouponError, match=re.escape(message)):
        cart_apply_coupon(cart=cart_of_sixty, code="SAVE10")

    assert Cart.objects.get(pk=cart_of_sixty.pk).coupon is None


def test_an_unknown_code_is_named_back_to_the_shopper(cart_of_sixty):
    with pytest.raises(CouponError, match="We don't recognise the code NOPE"):
        cart_apply_coupon(cart=cart_of_sixty, code=" nope ")


def test_a_valid_percentage_coupon_takes_its_share_off_the_subtotal(cart_of_sixty):
    Coupon.objects.create(code="SAVE10", kind=Coupon.PERCENT, value=Decimal("10"))

    cart_apply_coupon(cart=cart_of_sixty, code="save10")
    summary = cart_summary(cart=Cart.objects.select_related("coupon").get(pk=cart_of_sixty.pk))

    assert summary.discount == Decimal("6.00")
    assert summary.total == Decimal("54.00")  # still over £40 after the discount: free delivery


def test_an_amount_coupon_never_takes_more_than_the_subtotal(cart, shirt):
    cart_add_item(cart=cart, variant=size_of(shirt), quantity=1)
    Coupon.objects.create(code="FIFTY", kind=Coupon.AMOUNT, value=Decimal("50"))
    cart_apply_coupon(cart=cart, code="fifty")

    summary = cart_summary(cart=cart)

    assert summary.discount == Decimal("30.00")
    assert summary.total == Decimal("3.95")


def test_a_coupon_that_stops_applying_after_a_change_is_flagged_not_counted(cart_of_sixty, shirt):
    Coupon.objects.create(code="BIG", kind=Coupon.AMOUNT, value=Decimal("5"), minimum_spend=Decimal("50"))
    cart_apply_coupon(cart=cart_of_sixty, code="big")

    cart_set_quantity(cart=cart_of_sixty, variant=size_of(shirt), quantity=1)
    summary = cart_summary(cart=cart_of_sixty)

    assert summary.discount == Decimal("0.00")
    assert summary.coupon_note.startswith("The code BIG needs a spend of £50.00")


def test_the_nightly_task_deletes_only_guest_carts_left_for_weeks(shirt):
    customer = UserFactory()
    old_guest, recent_guest, old_customer = Cart.objects.create(), Cart.objects.create(), Cart.objects.create(
        customer=customer)
    Cart.objects.filter(pk__in=[old_guest.pk, old_customer.pk]).update(updated_at=timezone.now() - timedelta(days=31))

    deleted = carts_delete_abandoned_task.delay().get()

    assert deleted == 1
    assert set(Cart.objects.values_list("pk", flat=True)) == {recent_guest.pk, old_customer.pk}


def test_a_cart_holds_no_more_of_one_item_than_one_order_may_take(cart, settings):
    settings.SHOP = {**settings.SHOP, "max_quantity_per_item": 10}
    plenty = ProductFactory(name="Tea towel", variants=[("", 500)]).variants.get()

    change = cart_add_item(cart=cart, variant=plenty, quantity=99)

    assert change.quantity == 10 and cart.lines.get().quantity == 10
    assert change.note == "One order can hold up to 10 of each item, so your cart holds 10."
