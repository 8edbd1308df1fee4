"""Orders and parcels move through their stages only as the rules allow, and the customer hears of each."""

from datetime import timedelta

import pytest
from django.utils import timezone

from orders.models import Order, OrderEvent, Shipment
from orders.services import (
    MOVES,
    ORDER_STAGES,
    StageError,
    order_advance,
    order_move,
    shipment_move,
    shipments_alert_late,
)
from outbox.models import Message
from shop.models import ProductVariant
from tests.factories import UserFactory, parcel_at, placed_order

pytestmark = pytest.mark.django_db
Stage = Order.Status

PARCEL_STAGES = [stage for stage in MOVES if stage not in ORDER_STAGES and stage != Stage.CANCELLED]


@pytest.mark.parametrize(("stage", "to"), [(stage, to) for stage in ORDER_STAGES for to in MOVES[stage]])
def test_every_allowed_move_of_an_order_is_made_and_written_on_its_timeline(stage, to):
    order = placed_order()
    if stage == Stage.CONFIRMED:
        order_move(order=order, to=Stage.CONFIRMED)

    moved = order_move(order=order, to=to)

    assert moved.status == to
    assert order.events.last().stage == to


@pytest.mark.parametrize(("stage", "to"), [(stage, to) for stage in PARCEL_STAGES for to in MOVES[stage]])
def test_every_allowed_move_of_a_parcel_is_made_and_the_order_follows(stage, to):
    shipment = parcel_at(stage)

    moved = shipment_move(shipment=shipment, to=to, carrier="DPD", tracking_number="15501234567890")

    assert moved.status == to
    assert Order.objects.get(pk=shipment.order_id).status == to
    assert OrderEvent.objects.filter(shipment=shipment).last().stage == to


@pytest.mark.parametrize(("stage", "to"), [(stage, to) for stage in PARCEL_STAGES for to in Stage
                                           if to not in MOVES[stage]])
def test_every_move_the_rules_forbid_is_refused_and_changes_nothing(stage, to):
    shipment = parcel_at(stage)
    events_before = OrderEvent.objects.count()

    with pytest.raises(StageError, match=f"is {Stage(stage).label.lower()}"):
        shipment_move(shipment=shipment, to=to)

    assert Shipment.objects.get(pk=shipment.pk).status == stage
    assert OrderEvent.objects.count() == events_before


def test_a_delivered_order_cannot_go_back_to_packed_or_be_cancelled():
    shipment = parcel_at(Stage.DELIVERED)

    with pytest.raises(StageError, match="it can go to nothing: it is final"):
        shipment_move(shipment=shipment, to=Stage.PACKED)
    with pytest.raises(StageError):
        order_move(order=shipment.order, to=Stage.CANCELLED)


def test_an_order_cannot_skip_confirmation_straight_to_packed():
    order = placed_order()

    with pytest.raises(StageError, match="it can go to confirmed or cancelled, not packed"):
        order_move(order=order, to=Stage.PACKED)


def test_a_parcel_is_not_shipped_without_carrier_and_tracking_number():
    shipment = parcel_at(Stage.PACKED)

    with pytest.raises(StageError, match="Enter the carrier and tracking number"):
        shipment_move(shipment=shipment, to=Stage.SHIPPED)

    assert Shipment.objects.get(pk=shipment.pk).status == Stage.PACKED


def test_advancing_walks_the_usual_path_to_the_door():
    order = placed_order()
    seen = []
    for _ in range(2):
        seen.append(order_advance(order=order).status)
    shipment = order.shipments.get()
    Shipment.objects.filter(pk=shipment.pk).update(carrier="DPD", tracking_number="1550")
    for _ in range(3):
        seen.append(order_advance(order=order).status)

    assert seen == [Stage.CONFIRMED, Stage.PACKED, Stage.SHIPPED, Stage.OUT_FOR_DELIVERY, Stage.DELIVERED]
    with pytest.raises(StageError, match="it has no next stage"):
        order_advance(order=order)


def test_an_order_in_two_parcels_shows_the_one_needing_attention_and_is_delivered_when_both_are():
    shipment = parcel_at(Stage.SHIPPED)
    second = Shipment.objects.create(order=shipment.order, status=Stage.PACKED)
    shipment_move(shipment=second, to=Stage.SHIPPED, carrier="Royal Mail", tracking_number="AB123456789GB")

    shipment_move(shipment=shipment, to=Stage.DELAYED)
    assert Order.objects.get(pk=shipment.order_id).status == Stage.DELAYED
    shipment_move(shipment=shipment, to=Stage.DELIVERED)
    assert Order.objects.get(pk=shipment.order_id).status == Stage.SHIPPED
    shipment_move(shipment=second, to=Stage.DELIVERED)
    assert Order.objects.get(pk=shipment.order_id).status == Stage.DELIVERED


def test_cancelling_before_dispatch_puts_the_stock_back_and_tells_the_customer(mailoutbox,
                                                                                django_capture_on_commit_callbacks):
    order = placed_order(quantity=2)
    assert ProductVariant.objects.get().stock == 3

    with django_capture_on_commit_callbacks(execute=True):
        order_move(order=order, to=Stage.CANCELLED, note="Customer asked by phone")

    assert ProductVariant.objects.get().stock == 5
    assert order.events.last().note == "Customer asked by phone"
    assert [message.subject for message in mailoutbox] == [f"Your order {order.number} is cancelled"]


def test_each_stage_sends_its_email_once_after_commit_with_tracking_and_help_links(
        mailoutbox, django_capture_on_commit_callbacks):
    shipment = parcel_at(Stage.PACKED)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks() as waiting:
        shipment_move(shipment=shipment, to=Stage.SHIPPED, carrier="DPD", tracking_number="15501234567890")
        assert mailoutbox == []
    for callback in [*waiting, *waiting]:  # the task delivered twice
        callback()

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.subject == f"Your order {shipment.order.number} is on its way"
    assert "https://track.dpd.co.uk/parcels/15501234567890" in message.body
    assert f"/track/{shipment.order.number}/" in message.body and "/help/" in message.body
    assert "tracking number 15501234567890" in message.alternatives[0].content


def test_a_move_rolled_back_sends_nothing(mailoutbox, django_capture_on_commit_callbacks):
    from django.db import transaction

    shipment = parcel_at(Stage.SHIPPED)
    mailoutbox.clear()

    def move_then_fail():
        with transaction.atomic():
            shipment_move(shipment=shipment, to=Stage.OUT_FOR_DELIVERY)
            raise RuntimeError("the warehouse system failed")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError, match="warehouse"):
        move_then_fail()

    assert mailoutbox == [] and Shipment.objects.get(pk=shipment.pk).status == Stage.SHIPPED


def test_a_customer_who_turned_updates_off_gets_no_stage_email_but_still_their_confirmation(
        mailoutbox, django_capture_on_commit_callbacks):
    customer = UserFactory(notify_by_email=False)

    with django_capture_on_commit_callbacks(execute=True):
        order = placed_order(customer=customer)
        order_move(order=order, to=Stage.CONFIRMED)

    assert [message.subject for message in mailoutbox] == [f"Your Fernhill Goods order {order.number} is confirmed"]
    assert Message.objects.get(kind=Stage.CONFIRMED).status == Message.Status.SKIPPED


def test_a_customer_who_asked_for_texts_gets_one_when_the_parcel_leaves(settings, capsys,
                                                                         django_capture_on_commit_callbacks):
    settings.SMS_BACKEND = "outbox.sms.ConsoleSmsBackend"
    customer = UserFactory(notify_by_sms=True)
    order = placed_order(customer=customer)
    order_move(order=order, to=Stage.CONFIRMED)
    order_move(order=order, to=Stage.PACKED)

    with django_capture_on_commit_callbacks(execute=True):
        shipment_move(shipment=order.shipments.get(), to=Stage.SHIPPED, carrier="DPD", tracking_number="1550")

    assert f"SMS to +44 7400 123456: Fernhill Goods: your order {order.number} is on its way with DPD" in \
        capsys.readouterr().out
    assert Message.objects.get(kind=Stage.SHIPPED, channel="sms").status == Message.Status.SENT


def test_a_parcel_stuck_too_long_alerts_customer_and_staff_once_with_a_new_estimate(
        mailoutbox, django_capture_on_commit_callbacks, settings):
    shipment = parcel_at(Stage.SHIPPED)
    mailoutbox.clear()
    Shipment.objects.filter(pk=shipment.pk).update(stage_changed_at=timezone.now() - timedelta(hours=80),
                                                   expected_by=timezone.localdate() - timedelta(days=1))

    with django_capture_on_commit_callbacks(execute=True):
        first = shipments_alert_late()
        second = shipments_alert_late()

    shipment.refresh_from_db()
    assert (first, second) == (1, 0)
    assert sorted(message.to[0] for message in mailoutbox) == sorted(["ada@example.com", settings.SHOP["email"]])
    assert shipment.expected_by > timezone.localdate()
    customer_mail = next(message for message in mailoutbox if message.to == ["ada@example.com"])
    assert "Sorry" in customer_mail.subject and f"{shipment.expected_by:%-d %B}" in customer_mail.body


def test_a_parcel_within_its_expected_time_raises_no_alert(mailoutbox):
    parcel_at(Stage.SHIPPED)

    assert shipments_alert_late() == 0
