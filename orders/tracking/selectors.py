"""Reads for tracking: the order a guest's number and e-mail address point at, and what its page shows
(the steps, the parcels and the timeline)."""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from orders.models import Order, OrderEvent, Shipment
from orders.services import MOVES, Stage

# The usual way to the door, shown as numbered steps; the other stages are exceptions to it.
PROGRESS = [Stage.PLACED, Stage.CONFIRMED, Stage.PACKED, Stage.SHIPPED, Stage.OUT_FOR_DELIVERY, Stage.DELIVERED]

# What each stage means for the customer, and what (if anything) they can do about it.
MEANINGS = {
    Stage.PLACED: _("We have your order and are checking it. We will e-mail you at every step."),
    Stage.CONFIRMED: _("Your order is confirmed and we are getting it ready in our warehouse."),
    Stage.PACKED: _("Your order is packed and waiting for the courier to collect it."),
    Stage.SHIPPED: _("Your order is on its way with the courier. Follow it with the tracking link below."),
    Stage.OUT_FOR_DELIVERY: _("Your parcel is with the driver and should arrive today."),
    Stage.DELIVERED: _("Your order has been delivered. We hope you enjoy it."),
    Stage.DELAYED: _("Your parcel is running late, and we are sorry. The new delivery date is below, "
                     "with the reason when we know it."),
    Stage.DELIVERY_FAILED: _("The courier could not deliver your parcel and will try again. To arrange another "
                             "delivery, use the carrier's tracking link below or call us."),
    Stage.CANCELLED: _("This order is cancelled, so nothing more will be sent. If you paid by card, the money "
                       "goes back to that card."),
}


def order_lookup(*, number: str, email: str) -> Order | None:
    """The order with this number, if it was placed with this e-mail address (in any letter case)."""
    return Order.objects.filter(number=number, email__iexact=email).first()


# --- What the tracking page shows ----------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    label: str
    state: str  # "done", "current" or "to-come"
    exception: str = ""  # in words beside the current step: "Delayed", "Delivery failed", "Cancelled"


@dataclass(frozen=True)
class Parcel:
    shipment: Shipment
    position: int
    note: str  # why it is in its stage, when staff gave a reason (a delay, a failed delivery)


@dataclass(frozen=True)
class Entry:
    event: OrderEvent
    parcel: int | None  # which parcel, when the order travels as several


@dataclass(frozen=True)
class Tracking:
    order: Order
    steps: list[Step]
    parcels: list[Parcel]
    timeline: list[Entry]  # newest first
    expected_from: date | None
    expected_by: date | None
    delivered_at: datetime | None

    @property
    def meaning(self) -> str:
        return MEANINGS[self.order.status]

    @property
    def still_moving(self) -> bool:
        """Worth checking again: the order has not reached delivered or cancelled."""
        return bool(MOVES[self.order.status])

    @property
    def overdue(self) -> bool:
        return self.still_moving and self.expected_by is not None and self.expected_by < timezone.localdate()

    @property
    def latest(self) -> Entry | None:
        return self.timeline[0] if self.timeline else None


def order_tracking(order: Order) -> Tracking:
    """Everything the page says about an order, from its prefetched parcels and events."""
    events = list(order.events.all())
    shipments = list(order.shipments.all())
    positions = {shipment.pk: position for position, shipment in enumerate(shipments, start=1)}
    several = len(shipments) > 1
    moving = [shipment for shipment in shipments if MOVES[shipment.status]]
    delivered = [event for event in events if event.stage == Stage.DELIVERED]
    if order.status == Stage.CANCELLED:
        expected_from = expected_by = None
    elif moving:
        expected_from, expected_by = None, max((s.expected_by for s in moving if s.expected_by), default=None)
    else:
        expected_from, expected_by = order.delivered_from, order.delivered_by
    return Tracking(
        order=order, steps=_steps(order.status, events),
        parcels=[Parcel(shipment, positions[shipment.pk], _reason(shipment, events)) for shipment in shipments],
        timeline=[Entry(event, positions.get(event.shipment_id) if several else None) for event in reversed(events)],
        expected_from=expected_from, expected_by=expected_by,
        delivered_at=delivered[-1].created_at if order.status == Stage.DELIVERED and delivered else None)


def _steps(status: str, events: list[OrderEvent]) -> list[Step]:
    """The progress steps; in an exception, the furthest step reached is current, with the exception beside it."""
    if status in PROGRESS:
        current = PROGRESS.index(status)
    else:
        current = max((PROGRESS.index(event.stage) for event in events if event.stage in PROGRESS), default=0)
    steps = [Step(stage.label, "done" if index < current else "current" if index == current else "to-come")
             for index, stage in enumerate(PROGRESS)]
    if status == Stage.CANCELLED:  # the steps after this will never come
        cancelled = Stage.CANCELLED.label
        return [*[Step(step.label, "done") for step in steps[:current + 1]], Step(cancelled, "current", cancelled)]
    if status not in PROGRESS:
        steps[current] = Step(steps[current].label, "current", Stage(status).label)
    return steps


def _reason(shipment: Shipment, events: list[OrderEvent]) -> str:
    notes = [event.shown_note for event in events  # in the page's language
             if event.shipment_id == shipment.pk and event.stage == shipment.status and event.note]
    return notes[-1] if notes else ""
