"""Cancelling before dispatch (all or some items) and withdrawing from the contract after delivery."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.html import strip_tags

from orders.models import Order, OrderLine, ReturnRequest
from orders.returns.services import NotAllowed, order_cancel_lines, order_withdraw, return_request_create
from orders.services import order_move, shipment_move
from shop.models import ProductVariant
from storefront.dates import full_date
from tests.factories import (
    ProductFactory,
    UserFactory,
    as_guest_who_looked_it_up,
    deliver,
    delivered_order,
    placed_order,
)
from tests.html import read_page

pytestmark = pytest.mark.django_db

Stage = Order.Status


def stock() -> int:
    return ProductVariant.objects.get(product__name="Wool scarf").stock


def cancel(client, order, what, quantities=None):
    data = {"what": what, **{f"quantity_{line.pk}": quantity for line, quantity in (quantities or {}).items()}}
    return client.post(f"/orders/{order.number}/cancel/", data)


# --- Cancelling before dispatch ------------------------------------------------------------------------


def test_the_order_page_offers_cancelling_until_the_parcel_leaves_and_then_says_why_not(client):
    customer = UserFactory()
    order = placed_order(customer=customer)
    client.force_login(customer)

    before = read_page(client.get(f"/account/orders/{order.number}/")).links
    order_move(order=order, to=Stage.CONFIRMED)
    order_move(order=order, to=Stage.PACKED)
    shipment_move(shipment=order.shipments.get(), to=Stage.SHIPPED, carrier="DPD", tracking_number="1550")
    after = client.get(f"/account/orders/{order.number}/").content.decode()

    assert (f"/orders/{order.number}/cancel/", "Cancel order") in before
    assert f"/orders/{order.number}/cancel/" not in after
    assert "It can no longer be cancelled: it has left us. You can return it when it arrives." in after


def test_the_cancel_page_shows_what_comes_off_and_changes_nothing_until_a_button_is_pressed(client):
    order = placed_order(quantity=1)  # £25 and £3.95 delivery
    as_guest_who_looked_it_up(client, order)

    page = client.get(f"/orders/{order.number}/cancel/").content.decode()

    assert f"you pay nothing: <strong>£{order.total:.2f} less</strong>, delivery included" in page
    assert "Cancel the whole order" in page and "Cancel the items chosen" in page
    assert Order.objects.get(pk=order.pk).status == Stage.PLACED and stock() == 4


def test_cancelling_the_whole_order_puts_the_stock_back_and_sends_the_acknowledgement(
        client, mailoutbox, django_capture_on_commit_callbacks):
    order = placed_order(quantity=2)
    as_guest_who_looked_it_up(client, order)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        done = cancel(client, order, "everything")

    order.refresh_from_db()
    assert done.status_code == 302 and done["Location"] == f"/track/{order.number}/"
    assert order.status == Stage.CANCELLED and stock() == 5
    assert order.lines.get().cancelled_quantity == 2
    assert [message.subject for message in mailoutbox] == [f"Your order {order.number} is cancelled"]
    assert "is cancelled: nothing more will be sent" in client.get(done["Location"]).content.decode()


def test_cancelling_some_items_puts_their_stock_back_and_the_rest_still_comes(
        client, mailoutbox, django_capture_on_commit_callbacks):
    order = placed_order(quantity=3)
    line = order.lines.get()
    as_guest_who_looked_it_up(client, order)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        done = cancel(client, order, "some", {line: 1})

    order.refresh_from_db()
    line.refresh_from_db()
    assert done.status_code == 302
    assert order.status == Stage.PLACED and line.cancelled_quantity == 1 and stock() == 3
    assert [message.subject for message in mailoutbox] == [f"Items cancelled from your order {order.number}"]
    assert "1 × Wool scarf" in mailoutbox[0].body and "(1 cancelled)" in mailoutbox[0].body
    assert "Part of the order cancelled at the customer's request: 1 × Wool scarf" in order.events.last().note


def test_each_partial_cancellation_is_acknowledged_once_even_when_the_task_runs_twice(
        mailoutbox, django_capture_on_commit_callbacks):
    order = placed_order(quantity=3)
    line = order.lines.get()
    mailoutbox.clear()

    for _ in range(2):
        with django_capture_on_commit_callbacks() as waiting:
            order_cancel_lines(order=order, lines={line.pk: 1})
        for callback in [*waiting, *waiting]:
            callback()

    assert len(mailoutbox) == 2
    assert mailoutbox[1].body.count("Part of the order cancelled") == 2  # the second lists both


def test_cancelling_some_items_takes_off_their_price_less_their_share_of_the_discount():
    order = placed_order(quantity=4)
    Order.objects.filter(pk=order.pk).update(subtotal=Decimal("100.00"), discount=Decimal("10.00"))
    order.refresh_from_db()

    refund = order_cancel_lines(order=order, lines={order.lines.get().pk: 1})

    assert (refund.items, refund.discount_share, refund.delivery, refund.total) == (
        Decimal("25.00"), Decimal("2.50"), Decimal("0.00"), Decimal("22.50"))


def test_cancelling_everything_takes_the_delivery_charge_off_too():
    order = placed_order(quantity=1)  # £25: under the free-delivery threshold

    refund = order_cancel_lines(order=order, lines={order.lines.get().pk: 1})

    assert order.delivery_cost > 0 and refund.delivery == order.delivery_cost and refund.total == order.total


def test_a_customer_cannot_cancel_more_than_is_left():
    order = placed_order(quantity=2)
    line = order.lines.get()
    order_cancel_lines(order=order, lines={line.pk: 1})

    with pytest.raises(NotAllowed, match="You can cancel at most 1 of Wool scarf"):
        order_cancel_lines(order=order, lines={line.pk: 2})

    assert stock() == 4


def test_choosing_some_items_but_none_asks_for_a_quantity(client):
    order = placed_order(quantity=2)
    as_guest_who_looked_it_up(client, order)

    response = cancel(client, order, "some", {order.lines.get(): 0})

    assert read_page(response).title.startswith("Error: ")
    assert "Choose how many of at least one item to cancel, or cancel the whole order." in response.content.decode()
    assert stock() == 3


def test_cancelling_the_rest_after_some_items_puts_each_unit_back_once():
    order = placed_order(quantity=3)
    line = order.lines.get()
    order_cancel_lines(order=order, lines={line.pk: 1})

    order_cancel_lines(order=order, lines={line.pk: 2})

    assert Order.objects.get(pk=order.pk).status == Stage.CANCELLED
    assert stock() == 5


def test_after_dispatch_the_cancel_page_explains_and_a_post_changes_nothing(client):
    order = placed_order()
    order_move(order=order, to=Stage.CONFIRMED)
    order_move(order=order, to=Stage.PACKED)
    shipment_move(shipment=order.shipments.get(), to=Stage.SHIPPED, carrier="DPD", tracking_number="1550")
    as_guest_who_looked_it_up(client, order)

    page = client.get(f"/orders/{order.number}/cancel/").content.decode()
    posted = cancel(client, order, "everything")

    assert "has left us, so it can no longer be cancelled. You can return it when it arrives" in page
    assert 'name="what"' not in page
    assert posted.status_code == 200 and Order.objects.get(pk=order.pk).status == Stage.SHIPPED and stock() == 4
    with pytest.raises(NotAllowed, match="has left us"):
        order_cancel_lines(order=order, lines={order.lines.get().pk: 1})


def test_a_packed_order_can_still_be_cancelled_and_staff_are_told_to_unpack_the_items():
    order = placed_order(quantity=2)
    order_move(order=order, to=Stage.CONFIRMED)
    order_move(order=order, to=Stage.PACKED)

    order_cancel_lines(order=order, lines={order.lines.get().pk: 1})

    assert "It was already packed: take it out of the parcel." in order.events.last().note


# --- Withdrawing from the contract after delivery ------------------------------------------------------


def test_a_delivered_order_offers_the_withdrawal_button_on_the_account_and_the_tracking_page(client):
    customer = UserFactory()
    order = delivered_order(customer=customer)
    client.force_login(customer)

    account = read_page(client.get(f"/account/orders/{order.number}/")).links
    tracking = read_page(client.get(f"/track/{order.number}/")).links

    button = (f"/orders/{order.number}/withdraw/", "Withdraw from contract here")
    assert button in account and button in tracking


def test_the_withdrawal_button_shows_only_while_its_14_days_run_with_its_last_day(client):
    customer = UserFactory()
    fresh, later, old = (delivered_order(customer=customer, days_ago=days) for days in (3, 20, 40))
    client.force_login(customer)

    def offered(order) -> tuple[set[str], str]:
        response = client.get(f"/account/orders/{order.number}/")
        return {name for _, name in read_page(response).links}, " ".join(strip_tags(response.content.decode()).split())

    fresh_links, fresh_text = offered(fresh)
    later_links, later_text = offered(later)
    old_links, old_text = offered(old)

    withdraw, return_items = "Withdraw from contract here", "Return items"
    withdraw_by = timezone.localdate() - timedelta(days=3) + timedelta(days=14)
    return_by = timezone.localdate() - timedelta(days=20) + timedelta(days=30)
    assert {withdraw, return_items} <= fresh_links
    assert f"without giving a reason until {full_date(withdraw_by)}" in fresh_text
    assert return_items in later_links and withdraw not in later_links
    assert f"Send items back until {full_date(return_by)}" in later_text
    assert "without giving a reason" not in later_text
    assert not {withdraw, return_items} & old_links and "Write to us" in old_links
    assert "days to return items ended on" in old_text


def test_the_confirmation_step_says_what_it_means_which_items_and_until_when(client):
    order = delivered_order(quantity=2, days_ago=3)
    as_guest_who_looked_it_up(client, order)

    page = client.get(f"/orders/{order.number}/withdraw/").content.decode()

    last_day = timezone.localdate() - timedelta(days=3) + timedelta(days=14)
    assert f"so you can withdraw until <strong>{full_date(last_day)}</strong>" in page
    assert "What withdrawing means" in page and "Wool scarf" in page and order.email in page
    assert '<button type="submit" class="button button--primary button--large">Confirm withdrawal</button>' in page
    assert not ReturnRequest.objects.exists()


def test_confirming_the_withdrawal_records_it_for_everything_left_and_acknowledges_it_with_date_and_time(
        client, mailoutbox, django_capture_on_commit_callbacks):
    order = delivered_order(quantity=2)
    as_guest_who_looked_it_up(client, order)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(f"/orders/{order.number}/withdraw/")

    withdrawal = ReturnRequest.objects.get()
    received = timezone.localtime(withdrawal.created_at)
    assert done["Location"] == f"/orders/{order.number}/returns/{withdrawal.number}/"
    assert (withdrawal.kind, withdrawal.status) == ("withdrawal", "return_approved")
    assert [(line.order_line, line.quantity) for line in withdrawal.lines.all()] == [(order.lines.get(), 2)]
    assert [message.subject for message in mailoutbox] == [
        f"We have received your withdrawal from order {order.number}"]
    body = mailoutbox[0].body
    assert f"on {received:%A %-d %B %Y} at {received:%H:%M}" in body
    assert order.number in body and "2 × Wool scarf" in body and "What happens next" in body
    assert f"{received:%A %-d %B %Y} at {received:%H:%M}" in mailoutbox[0].alternatives[0].content


def test_withdrawing_the_whole_order_within_14_days_refunds_the_delivery_too():
    order = delivered_order(quantity=1)

    withdrawal = order_withdraw(order=order)

    assert withdrawal.refund_amount == order.total


def test_withdrawing_covers_only_what_is_not_already_on_a_return():
    order = delivered_order(quantity=3)
    line = order.lines.get()
    return_request_create(order=order, lines={line.pk: 1}, reason="too_big")

    withdrawal = order_withdraw(order=order)

    assert withdrawal.lines.get().quantity == 2


def test_a_withdrawal_including_an_item_that_cannot_normally_be_returned_waits_for_staff(
        mailoutbox, django_capture_on_commit_callbacks):
    order = delivered_order()
    earrings = ProductFactory(name="Silver earrings", is_returnable=False)
    OrderLine.objects.create(order=order, variant=earrings.variants.get(), product_name="Silver earrings",
                             sku="E-1", unit_price=Decimal("18.00"), quantity=1)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        withdrawal = order_withdraw(order=order)

    assert withdrawal.status == "return_requested" and withdrawal.lines.count() == 2
    assert "We check with you within one working day" in mailoutbox[0].body


def test_after_14_days_the_withdrawal_is_refused_with_the_date_and_a_return_offered_instead(client, settings):
    settings.SHOP = {**settings.SHOP, "return_days": 30}
    order = delivered_order(days_ago=15)
    as_guest_who_looked_it_up(client, order)

    page = client.get(f"/orders/{order.number}/withdraw/").content.decode()
    posted = client.post(f"/orders/{order.number}/withdraw/")

    last_day = timezone.localdate() - timedelta(days=15) + timedelta(days=14)
    assert f"The 14 days to withdraw from this contract ended on {last_day:%-d %B %Y}." in page
    assert f'href="/orders/{order.number}/return/">return items</a>' in page
    assert "Confirm withdrawal" not in page
    assert posted.status_code == 200 and not ReturnRequest.objects.exists()


def test_an_order_not_yet_delivered_cannot_be_withdrawn_from_here_but_can_be_cancelled():
    order = placed_order()

    with pytest.raises(NotAllowed, match="before it leaves us you can simply cancel it"):
        order_withdraw(order=order)


def test_withdrawing_twice_finds_nothing_left_and_says_so(client):
    order = delivered_order()
    as_guest_who_looked_it_up(client, order)
    client.post(f"/orders/{order.number}/withdraw/")

    again = client.post(f"/orders/{order.number}/withdraw/")

    assert ReturnRequest.objects.count() == 1
    assert "already on its way back to us or cancelled" in again.content.decode()


def test_the_withdrawal_page_shows_the_time_it_was_received_and_the_refund_deadline(client):
    order = delivered_order()
    withdrawal = order_withdraw(order=order)
    as_guest_who_looked_it_up(client, order)

    page = client.get(f"/orders/{order.number}/returns/{withdrawal.number}/").content.decode()

    deadline = timezone.localdate(withdrawal.created_at) + timedelta(days=14)
    assert "Withdrawal for order" in page and withdrawal.number in page
    assert f"at the latest 14 days after we received your withdrawal (by {deadline:%-d %B %Y})" in page


def test_a_delivered_order_cannot_be_cancelled_and_the_page_says_to_return_or_withdraw(client):
    order = deliver(placed_order())
    as_guest_who_looked_it_up(client, order)

    page = client.get(f"/orders/{order.number}/cancel/").content.decode()

    assert "has been delivered, so it can no longer be cancelled. You can return it or withdraw" in page
