"""Where is my order? (practices S02, S09): the tracking page and the guest lookup that opens it.

A signed-in customer sees their own orders; a guest proves an order is theirs with its number and the
e-mail address it was placed with, and this browser may then see it for the rest of the session. An
unknown number and a known number with the wrong e-mail get the same answer, so the page cannot be
used to find out which orders exist. The timeline is a named partial that htmx fetches again every
minute (and when the customer comes back to the tab, static/js/tracking.js) until the order is
delivered or cancelled.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django import forms
from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from django.views.decorators.vary import vary_on_headers

from accounts.forms import EMAIL_MESSAGES
from storefront.breadcrumbs import Crumb
from storefront.ratelimit import rate_limited

from .checkout import REMEMBERED_ORDERS, order_remember, orders_visible_to
from .models import Order, OrderEvent, Shipment
from .services import MOVES, Stage

# The usual way to the door, shown as numbered steps; the other stages are exceptions to it.
PROGRESS = [Stage.PLACED, Stage.CONFIRMED, Stage.PACKED, Stage.SHIPPED, Stage.OUT_FOR_DELIVERY, Stage.DELIVERED]

# What each stage means for the customer, and what (if anything) they can do about it.
MEANINGS = {
    Stage.PLACED: "We have your order and are checking it. We will e-mail you at every step.",
    Stage.CONFIRMED: "Your order is confirmed and we are getting it ready in our warehouse.",
    Stage.PACKED: "Your order is packed and waiting for the courier to collect it.",
    Stage.SHIPPED: "Your order is on its way with the courier. Follow it with the tracking link below.",
    Stage.OUT_FOR_DELIVERY: "Your parcel is with the driver and should arrive today.",
    Stage.DELIVERED: "Your order has been delivered. We hope you enjoy it.",
    Stage.DELAYED: "Your parcel is running late, and we are sorry. The new delivery date is below, "
                   "with the reason when we know it.",
    Stage.DELIVERY_FAILED: "The courier could not deliver your parcel and will try again. To arrange another "
                           "delivery, use the carrier's tracking link below or call us.",
    Stage.CANCELLED: "This order is cancelled, so nothing more will be sent. If you paid by card, the money "
                     "goes back to that card.",
}


NOT_FOUND = ("We could not find an order with that number and e-mail address. Check both against your order "
             "confirmation e-mail, or call us on {hotline} and we will look it up for you.")

TRACK_YOUR_ORDER = Crumb("Track your order", reverse_lazy("orders:tracking_lookup"))


class TrackingLookupForm(forms.Form):
    number = forms.CharField(
        label="Order number", max_length=20,
        help_text="It is in your order confirmation e-mail, for example FG-7KX2MQ.",
        error_messages={"required": "Enter your order number: it starts with FG- and is in your confirmation e-mail.",
                        "max_length": "Enter the order number as it is in your e-mail, for example FG-7KX2MQ."},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}))
    email = forms.EmailField(
        label="E-mail address", max_length=254, help_text="The one you gave when you ordered.",
        error_messages=EMAIL_MESSAGES,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}))

    def clean_number(self) -> str:
        """Read out over the phone or copied from an e-mail, a number may come with spaces or in lower case."""
        return "".join(self.cleaned_data["number"].split()).upper()


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
    notes = [event.note for event in events
             if event.shipment_id == shipment.pk and event.stage == shipment.status and event.note]
    return notes[-1] if notes else ""


# --- Views ---------------------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited(scope="order-tracking", limit=10, per_seconds=15 * 60)
def tracking_lookup(request):
    """Order number and e-mail in, the tracking page out; or the orders this visitor may already follow."""
    form = TrackingLookupForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        order = Order.objects.filter(number=form.cleaned_data["number"],
                                     email__iexact=form.cleaned_data["email"]).first()
        if order is not None:
            order_remember(request.session, order.number)
            return redirect("orders:tracking", number=order.number)
        form.add_error(None, NOT_FOUND.format(hotline=settings.SHOP["hotline"]))
    return _lookup_page(request, form)


@require_safe
@never_cache
@vary_on_headers("HX-Request")
def tracking(request, number):
    """The order's progress; htmx asks for just the timeline when it checks for news."""
    order = orders_visible_to(request).prefetch_related("events", "shipments__lines", "lines").filter(
        number=number).first()
    if order is None:
        # Not found, whether there is no such order or it is not this visitor's. The lookup comes with the
        # number filled in, so a guest opening our e-mail's link on another device only adds the e-mail address.
        return _lookup_page(request, TrackingLookupForm(initial={"number": number}), asked_for=number, status=404)
    template = "orders/tracking.html#timeline" if request.htmx else "orders/tracking.html"
    return render(request, template, {"order": order, "tracking": order_tracking(order),
                                      "trail": [TRACK_YOUR_ORDER]})


def _lookup_page(request, form: TrackingLookupForm, *, asked_for: str = "", status: int = 200):
    known = orders_visible_to(request).order_by("-created_at")[:REMEMBERED_ORDERS]
    return render(request, "orders/tracking_lookup.html", {"form": form, "orders": known, "asked_for": asked_for},
                  status=status)
