"""Changing one's mind (practices S03, S13): cancel before dispatch, return or withdraw after delivery.

Three ways back, each reached from the order's page (the account's, or the tracking page a guest
opened with the lookup), and each in two steps so that nothing happens on a stray click:

- **Cancel** while the order is still with us (placed, confirmed or packed): all of it or some items.
  The stock goes back on sale at once.
- **Return** within SHOP["return_days"] of delivery: choose items, a reason and refund or exchange, see
  the refund worked out, confirm. The return gets an authorisation number and a printable label.
- **Withdraw from the contract** within 14 days of delivery, the button EU law requires since June 2026
  (Directive 2023/2673, Art. 11a): everything still here goes back, no reason asked, and the e-mail
  acknowledgement states the date and time the withdrawal was received.

A return moves requested → approved → received → refunded, or is rejected with a reason. It is approved
at once when the rules allow (every item returnable, inside the window); otherwise staff decide in the
back office. Each move writes the order's timeline and writes the customer's e-mail once (orders/notifications.py).
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.db.models import F, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from shop.delivery import add_working_days
from shop.models import ProductVariant
from shop.selectors import catalogue_changed
from storefront.money import format_money

from .checkout import orders_visible_to
from .models import Order, OrderEvent, OrderLine, ReturnLine, ReturnRequest
from .notifications import order_notify
from .services import StageError, order_move

Stage = ReturnRequest.Stage
Reason = ReturnRequest.Reason
Kind = ReturnRequest.Kind
Outcome = ReturnRequest.Outcome

WITHDRAWAL_DAYS = 14  # the law's cooling-off period, counted from delivery
CANCELLABLE = {Order.Status.PLACED, Order.Status.CONFIRMED, Order.Status.PACKED}  # not yet handed to the carrier
# Our mistake, so the delivery is ours to pay (and the return postage too).
DELIVERY_REFUNDED_FOR = {Reason.FAULTY, Reason.WRONG_ITEM}
RETURN_MOVES = {
    Stage.REQUESTED: [Stage.APPROVED, Stage.REJECTED],
    Stage.APPROVED: [Stage.RECEIVED, Stage.REJECTED],
    Stage.RECEIVED: [Stage.REFUNDED, Stage.REJECTED],  # rejected on arrival: worn, or not what was sent
    Stage.REFUNDED: [],
    Stage.REJECTED: [],
}
WITHDRAWAL_RECEIVED = "withdrawal_received"  # the acknowledgement e-mail's event
ZERO = Decimal("0.00")


class NotAllowed(Exception):
    """What the customer asked for cannot be done; the message says why and what to do instead."""


# --- What is left of an order, and until when ------------------------------------------------------------


@dataclass(frozen=True)
class LineLeft:
    """One line of the order as it stands now."""

    line: OrderLine
    left: int  # bought, less what was cancelled and what is already on a return (rejected ones do not count)
    on_returns: int

    @property
    def not_returnable_reason(self) -> str:
        """Why this item cannot come back, in the merchant's words; empty when it can."""
        product = self.line.variant.product if self.line.variant else None
        if product is None or product.is_returnable:
            return ""
        return product.not_returnable_reason or "This item cannot be returned. If it arrived faulty, contact us."

    @property
    def name(self) -> str:
        return self.line.product_name + (f" (size {self.line.size})" if self.line.size else "")


def lines_left(order: Order) -> list[LineLeft]:
    on_returns = dict(ReturnLine.objects.filter(order_line__order=order).exclude(return_request__status=Stage.REJECTED)
                      .order_by().values("order_line").annotate(total=Sum("quantity"))
                      .values_list("order_line", "total"))
    return [LineLeft(line, line.quantity - line.cancelled_quantity - on_returns.get(line.pk, 0),
                     on_returns.get(line.pk, 0))
            for line in OrderLine.objects.filter(order=order).select_related("variant__product")]


@dataclass(frozen=True)
class Window:
    """The days after delivery in which something may be done; closed until the order is delivered."""

    delivered_on: date | None
    last_day: date | None

    @property
    def is_open(self) -> bool:
        return self.last_day is not None and timezone.localdate() <= self.last_day


def order_window(order: Order, *, days: int) -> Window:
    """Counted from the day the (last) parcel was delivered, as the delivered event records it."""
    delivered_at = None
    if order.status == Order.Status.DELIVERED:
        delivered_at = (order.events.filter(stage=Order.Status.DELIVERED).order_by("-created_at")
                        .values_list("created_at", flat=True).first())
    if delivered_at is None:
        return Window(None, None)
    delivered_on = timezone.localdate(delivered_at)
    return Window(delivered_on, delivered_on + timedelta(days=days))


def return_window(order: Order) -> Window:
    return order_window(order, days=settings.SHOP["return_days"])


def withdrawal_window(order: Order) -> Window:
    return order_window(order, days=WITHDRAWAL_DAYS)


# --- Refunds -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Refund:
    """What goes back to the customer, with why delivery is or is not part of it (shown before confirming)."""

    items: Decimal
    discount_share: Decimal
    delivery: Decimal
    delivery_note: str

    @property
    def total(self) -> Decimal:
        return self.items - self.discount_share + self.delivery


def _refund(order: Order, chosen: dict[int, int], *, delivery: Decimal, delivery_note: str) -> Refund:
    """The lines' prices less their share of the order's discount, in proportion to what they cost."""
    prices = dict(OrderLine.objects.filter(order=order, pk__in=chosen).values_list("pk", "unit_price"))
    items = sum((prices[line_id] * quantity for line_id, quantity in chosen.items() if line_id in prices), ZERO)
    share = ZERO
    if order.discount and order.subtotal:
        share = min(order.discount, (order.discount * items / order.subtotal).quantize(Decimal("0.01"), ROUND_HALF_UP))
    return Refund(items=items, discount_share=share, delivery=delivery, delivery_note=delivery_note)


def _everything_left(order: Order, chosen: dict[int, int]) -> bool:
    return all(chosen.get(left.line.pk, 0) >= left.left for left in lines_left(order))


def return_refund_amount(*, order: Order, lines: dict[int, int], reason: str = "") -> Refund:
    """The refund for sending back `lines` ({order line id: quantity}); `.total` is the amount.

    Delivery comes back too, once per order, when the item is faulty or not what was ordered, or when the
    whole order comes back within the 14 days the law gives to withdraw. That is so whether the customer
    used the return form or the withdrawal button: the law (and our returns policy) treats them alike.
    """
    cost = order.delivery_cost
    earlier = (ReturnRequest.objects.filter(order=order, reason__in=DELIVERY_REFUNDED_FOR)
               .exclude(status=Stage.REJECTED).exists())
    whole_in_time = _everything_left(order, lines) and withdrawal_window(order).is_open
    if not cost:
        delivery, note = ZERO, ""
    elif earlier:
        delivery, note = ZERO, "The delivery cost was refunded with your earlier return."
    elif reason in DELIVERY_REFUNDED_FOR:
        delivery, note = cost, "The delivery cost is refunded too, because the item is faulty or not what you ordered."
    elif whole_in_time:
        delivery, note = cost, ("The delivery cost is refunded too, because the whole order is coming back within "
                                f"{WITHDRAWAL_DAYS} days of delivery.")
    else:
        delivery, note = ZERO, (f"The delivery cost ({format_money(cost)}) is not refunded: it is when the whole order "
                                f"comes back within {WITHDRAWAL_DAYS} days of delivery, or when an item is faulty or "
                                "not what you ordered.")
    return _refund(order, lines, delivery=delivery, delivery_note=note)


def cancel_refund_amount(*, order: Order, lines: dict[int, int]) -> Refund:
    """Cancelling everything that is left takes the delivery charge off too: nothing will be delivered."""
    if _everything_left(order, lines) and order.delivery_cost:
        return _refund(order, lines, delivery=order.delivery_cost,
                       delivery_note="The delivery charge comes off too: nothing will be sent.")
    return _refund(order, lines, delivery=ZERO, delivery_note="")


def _checked(order: Order, lines: dict[int, int], *, verb: str) -> tuple[dict[int, LineLeft], dict[int, int]]:
    """The quantities asked for, each within what is left of its line; NotAllowed names the first that is not."""
    left = {line_left.line.pk: line_left for line_left in lines_left(order)}
    chosen = {line_id: quantity for line_id, quantity in lines.items() if quantity}
    if not chosen:
        raise NotAllowed(f"Choose at least one item to {verb}, and how many.")
    for line_id, quantity in chosen.items():
        if line_id not in left:
            raise NotAllowed(f"That item is not part of order {order.number}. Choose from the items listed.")
        line_left = left[line_id]
        if not 0 < quantity <= line_left.left:
            raise NotAllowed(f"You can {verb} at most {line_left.left} of {line_left.name}: the rest is already "
                             "cancelled or on a return. Your returns are listed on the order's page.")
    return left, chosen


def _in_words(left: dict[int, LineLeft], chosen: dict[int, int]) -> str:
    return ", ".join(f"{quantity} × {left[line_id].name}" for line_id, quantity in chosen.items())


# --- Returns and withdrawals -------------------------------------------------------------------------------


def return_request_create(*, order: Order, lines: dict[int, int], reason: str = "", reason_text: str = "",
                          outcome: str = Outcome.REFUND, kind: str = Kind.RETURN, by=None) -> ReturnRequest:
    """Record a return (or a withdrawal) of `lines` ({order line id: quantity}).

    Approved at once when every item is returnable and the window is open; otherwise left requested, for
    staff to decide (an earring that may still be sealed, a return staff take after the window).
    """
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)  # two tabs cannot both send back the last one
        if order.status != Order.Status.DELIVERED:
            raise NotAllowed(f"Order {order.number} has not been delivered yet, so there is nothing to send back. "
                             "You can start a return once it arrives.")
        left, chosen = _checked(order, lines, verb="send back")
        if kind == Kind.RETURN and reason not in Reason.values:
            raise NotAllowed("Choose the reason for the return from the list.")
        if reason == Reason.OTHER and not reason_text.strip():
            raise NotAllowed("Tell us the reason in a few words: you chose “Another reason”.")
        if outcome not in Outcome.values:
            raise NotAllowed("Choose a refund or an exchange.")
        refund = return_refund_amount(order=order, lines=chosen, reason=reason)
        return_request = ReturnRequest.objects.create(order=order, kind=kind, reason=reason,
                                                      reason_text=reason_text.strip(), outcome=outcome,
                                                      refund_amount=refund.total)
        ReturnLine.objects.bulk_create([ReturnLine(return_request=return_request, order_line=left[line_id].line,
                                                   quantity=quantity) for line_id, quantity in chosen.items()])
        what = "Withdrawal from the contract received" if kind == Kind.WITHDRAWAL else "Return requested"
        _stage_write(return_request, Stage.REQUESTED, by=by,
                     note=f"{what} ({return_request.number}): {_in_words(left, chosen)}. "
                          f"Refund {format_money(refund.total)}.")
        window = withdrawal_window(order) if kind == Kind.WITHDRAWAL else return_window(order)
        if window.is_open and not any(left[line_id].not_returnable_reason for line_id in chosen):
            _stage_write(return_request, Stage.APPROVED, by=by,
                         note="Approved automatically: every item can be returned and it is within the time allowed.")
        # One message to start with: the withdrawal's acknowledgement, or the return's approval (with the
        # label) or receipt; an approval made on the spot is not announced twice.
        order_notify(order, event=WITHDRAWAL_RECEIVED if kind == Kind.WITHDRAWAL else return_request.status,
                     return_request=return_request)
    return return_request


def order_withdraw(*, order: Order, by=None) -> ReturnRequest:
    """Withdraw from the contract: everything not yet cancelled or on a return goes back, no reason asked."""
    window = withdrawal_window(order)
    if not window.is_open:
        raise NotAllowed(_withdrawal_closed(order, window))
    everything = {line_left.line.pk: line_left.left for line_left in lines_left(order) if line_left.left}
    if not everything:
        raise NotAllowed(f"Everything in order {order.number} is already on its way back to us or cancelled, "
                         "so there is nothing left to withdraw from. Your returns are listed on the order's page.")
    return return_request_create(order=order, lines=everything, kind=Kind.WITHDRAWAL, by=by)


def _withdrawal_closed(order: Order, window: Window) -> str:
    if window.delivered_on is None:
        return (f"Order {order.number} has not been delivered yet. You can withdraw from the contract during the "
                f"{WITHDRAWAL_DAYS} days after it arrives; before it leaves us you can simply cancel it.")
    return (f"The {WITHDRAWAL_DAYS} days to withdraw from this contract ended on {window.last_day:%-d %B %Y}. "
            "Contact us if something is wrong with what you received.")


def return_approve(*, return_request: ReturnRequest, by=None, note: str = "") -> ReturnRequest:
    return _return_move(return_request, Stage.APPROVED, by=by, note=note or "Approved: the label is ready to print.")


def return_receive(*, return_request: ReturnRequest, by=None, note: str = "") -> ReturnRequest:
    return _return_move(return_request, Stage.RECEIVED, by=by, note=note or "The parcel has reached us.")


def return_refund(*, return_request: ReturnRequest, by=None, note: str = "") -> ReturnRequest:
    default = (f"Refunded {format_money(return_request.refund_amount)}."
               if return_request.outcome == Outcome.REFUND else "The exchange is on its way.")
    return _return_move(return_request, Stage.REFUNDED, by=by, note=note or default)


def return_reject(*, return_request: ReturnRequest, reason: str, by=None) -> ReturnRequest:
    """Rejected, with the reason the customer reads in their e-mail."""
    reason = " ".join(reason.split())
    if not reason:
        raise StageError(f"Say why return {return_request.number} is rejected: the customer reads it in the e-mail.")
    return _return_move(return_request, Stage.REJECTED, by=by, note=reason, rejection_reason=reason[:300])


def _return_move(return_request: ReturnRequest, to: str, *, by, note: str, **changes) -> ReturnRequest:
    with transaction.atomic():
        return_request = ReturnRequest.objects.select_for_update().select_related("order").get(pk=return_request.pk)
        if to not in RETURN_MOVES[return_request.status]:
            allowed = " or ".join(f"“{Stage(stage).label}”" for stage in RETURN_MOVES[return_request.status])
            raise StageError(f"Return {return_request.number} is at “{return_request.get_status_display()}”; "
                             f"it can go to {allowed or 'nothing: it is final'}, not “{Stage(to).label}”.")
        for field, value in changes.items():
            setattr(return_request, field, value)
        _stage_write(return_request, to, by=by, note=note)
        order_notify(return_request.order, event=to, return_request=return_request)
    return return_request


def _stage_write(return_request: ReturnRequest, to: str, *, by, note: str) -> None:
    return_request.status = to
    return_request.stage_changed_at = timezone.now()
    return_request.save()
    OrderEvent.objects.create(order=return_request.order, return_request=return_request, stage=to, by=by,
                              note=note[:300])


# --- For staff: which products come back, and why ------------------------------------------------------------

# A withdrawal asks no reason, so it has a column of its own.
REASON_COLUMNS = [*Reason.choices, ("", "Withdrawal (no reason asked)")]


@dataclass(frozen=True)
class ProductReasons:
    product: str
    total: int
    by_reason: list[int]  # items sent back for each reason, in the order of REASON_COLUMNS


def return_reasons_by_product(returns) -> list[ProductReasons]:
    """Items on `returns` (a queryset of ReturnRequest) by product and reason, the most returned first."""
    counts: dict[str, dict[str, int]] = {}
    rows = (ReturnLine.objects.filter(return_request__in=returns.values("pk")).order_by()
            .values_list("order_line__product_name", "return_request__reason").annotate(items=Sum("quantity")))
    for product, reason, items in rows:
        counts.setdefault(product, {})[reason] = items
    summary = [ProductReasons(product, sum(by_reason.values()), [by_reason.get(code, 0) for code, _ in REASON_COLUMNS])
               for product, by_reason in counts.items()]
    return sorted(summary, key=lambda row: (-row.total, row.product))


# --- Cancelling before dispatch ----------------------------------------------------------------------------


def order_cancel_lines(*, order: Order, lines: dict[int, int], by=None) -> Refund:
    """Cancel some items, or everything left (then the whole order is cancelled); their stock goes back on sale."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if order.status not in CANCELLABLE:
            raise NotAllowed(too_late_to_cancel(order))
        left, chosen = _checked(order, lines, verb="cancel")
        refund = cancel_refund_amount(order=order, lines=chosen)
        if _everything_left(order, chosen):
            order_move(order=order, to=Order.Status.CANCELLED, by=by,
                       note=f"Cancelled at the customer's request. {format_money(refund.total)} off the total.")
            OrderLine.objects.filter(order=order).update(cancelled_quantity=F("quantity"))
            return refund
        for line_id, quantity in chosen.items():
            OrderLine.objects.filter(pk=line_id).update(cancelled_quantity=F("cancelled_quantity") + quantity)
            if left[line_id].line.variant_id:
                ProductVariant.objects.filter(pk=left[line_id].line.variant_id).update(stock=F("stock") + quantity)
        transaction.on_commit(catalogue_changed)  # cached "in stock" filters; update() sends no signal
        packed = " It was already packed: take it out of the parcel." if order.status == Order.Status.PACKED else ""
        event = OrderEvent.objects.create(
            order=order, stage=Order.Status.CANCELLED, by=by,
            note=f"Part of the order cancelled at the customer's request: {_in_words(left, chosen)}. "
                 f"{format_money(refund.total)} off the total; the rest is still coming.{packed}")
        # Named after the event, so a second partial cancellation is acknowledged too (one e-mail per event).
        order_notify(order, event=f"lines_cancelled:{event.pk}")
    return refund


def too_late_to_cancel(order: Order) -> str:
    if order.status == Order.Status.CANCELLED:
        return f"Order {order.number} is already cancelled, so there is nothing more to cancel."
    if order.status == Order.Status.DELIVERED:
        return (f"Order {order.number} has been delivered, so it can no longer be cancelled. "
                "You can return it or withdraw from the contract instead.")
    return (f"Order {order.number} has left us, so it can no longer be cancelled. "
            "You can return it when it arrives: returns are started from this order's page.")


# --- Forms -------------------------------------------------------------------------------------------------


class LinesForm(forms.Form):
    """A quantity for each line with any left to choose from: 0 up to what is left."""

    verb = "send back"

    def __init__(self, *args, lines: list[LineLeft], **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line_left in lines:
            if self.offers(line_left):
                message = f"Choose how many of {line_left.name} to {self.verb}: from 0 to {line_left.left}."
                self.fields[f"quantity_{line_left.line.pk}"] = forms.TypedChoiceField(
                    label=f"How many of {line_left.name} to {self.verb}", coerce=int, empty_value=0,
                    required=False, initial=0, choices=[(n, str(n)) for n in range(line_left.left + 1)],
                    error_messages={"invalid_choice": message})

    def offers(self, line_left: LineLeft) -> bool:
        return line_left.left > 0

    def rows(self) -> list[tuple[LineLeft, forms.BoundField | None]]:
        """Each line with its quantity field, or None where nothing can be chosen (the page says why)."""
        return [(line_left, self[f"quantity_{line_left.line.pk}"] if self.offers(line_left) else None)
                for line_left in self.lines]

    def quantities(self) -> dict[int, int]:
        return {line_left.line.pk: self.cleaned_data.get(f"quantity_{line_left.line.pk}") or 0
                for line_left in self.lines if self.offers(line_left)}

    def _require_some(self, message: str) -> None:
        if not any(self.quantities().values()):
            first = next((name for name in self.fields if name.startswith("quantity_")), None)
            self.add_error(first, message)


class ReturnForm(LinesForm):
    reason = forms.ChoiceField(
        label="Why are you sending it back?", choices=Reason.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose the reason for the return: it helps us put things right.",
                        "invalid_choice": "Choose one of the reasons listed."})
    reason_text = forms.CharField(
        label="In your words", required=False, max_length=500,
        help_text="Needed if you chose “Another reason”; welcome for any other.",
        error_messages={"max_length": "Shorten this to at most %(limit_value)d characters (it has %(show_value)d)."},
        widget=forms.Textarea(attrs={"rows": 3}))
    outcome = forms.ChoiceField(
        label="What would you like?", choices=Outcome.choices, widget=forms.RadioSelect, initial=Outcome.REFUND,
        error_messages={"required": "Choose a refund or an exchange.",
                        "invalid_choice": "Choose a refund or an exchange."})

    def offers(self, line_left: LineLeft) -> bool:
        return line_left.left > 0 and not line_left.not_returnable_reason

    def clean(self):
        cleaned = super().clean()
        self._require_some("Choose how many of at least one item to send back.")
        if cleaned.get("reason") == Reason.OTHER and not cleaned.get("reason_text", "").strip():
            self.add_error("reason_text", "Tell us the reason in a few words: you chose “Another reason”.")
        return cleaned


class CancelForm(LinesForm):
    verb = "cancel"
    what = forms.ChoiceField(
        choices=[("everything", "Cancel the whole order"), ("some", "Cancel the items chosen")],
        error_messages={"required": "Choose “Cancel the whole order” or “Cancel the items chosen”.",
                        "invalid_choice": "Choose “Cancel the whole order” or “Cancel the items chosen”."})

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("what") == "some":
            self._require_some("Choose how many of at least one item to cancel, or cancel the whole order.")
        return cleaned

    def quantities(self) -> dict[int, int]:
        if self.cleaned_data.get("what") == "everything":
            return {line_left.line.pk: line_left.left for line_left in self.lines if line_left.left}
        return super().quantities()


# --- Views -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """A page above this one in the breadcrumb trail."""

    name: str
    url: str

    def get_absolute_url(self) -> str:
        return self.url


def _visible_order(request, number: str) -> Order:
    """Only an order this visitor may see (their own, or one this browser placed or looked up): 404 otherwise."""
    return get_object_or_404(orders_visible_to(request), number=number)


def _order_page(request, order: Order) -> str:
    if request.user.is_authenticated and order.customer_id == request.user.pk:
        return order.get_absolute_url()
    return reverse("orders:tracking", args=[order.number])


def _page(request, template: str, order: Order, **context):
    """Every page here: the order, and the trail back to the order's page."""
    if request.user.is_authenticated and order.customer_id == request.user.pk:
        trail = [Link("Your account", reverse("accounts:account")), Link("Your orders", reverse("accounts:orders"))]
    else:
        trail = [Link("Track your order", reverse("orders:tracking_lookup"))]
    trail.append(Link(f"Order {order.number}", _order_page(request, order)))
    return render(request, template, {"order": order, "trail": trail, "order_page": _order_page(request, order),
                                      **context})


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def cancel(request, number):
    """The confirmation step after the order page's "Cancel order": everything, or some items."""
    order = _visible_order(request, number)
    if order.status not in CANCELLABLE:
        return _page(request, "orders/cancel.html", order, refusal=too_late_to_cancel(order))
    lines = lines_left(order)
    form = CancelForm(request.POST if request.method == "POST" else None, lines=lines)
    if form.is_valid():
        try:
            refund = order_cancel_lines(order=order, lines=form.quantities())
        except NotAllowed as problem:
            form.add_error(None, str(problem))
        else:
            messages.success(request, _cancelled_message(Order.objects.get(pk=order.pk), refund))
            return redirect(_order_page(request, order))
    everything = {line_left.line.pk: line_left.left for line_left in lines if line_left.left}
    return _page(request, "orders/cancel.html", order, form=form,
                 refund=cancel_refund_amount(order=order, lines=everything),
                 unit_refunds=[(line_left, field, _refund(order, {line_left.line.pk: 1}, delivery=ZERO,
                                                          delivery_note="").total)
                               for line_left, field in form.rows()])


def _cancelled_message(order: Order, refund: Refund) -> str:
    pays = "is taken from your card" if order.payment_method == Order.PaymentMethod.CARD else "to pay on delivery"
    if order.status == Order.Status.CANCELLED:
        return f"Order {order.number} is cancelled: nothing more will be sent, and nothing {pays}. " \
               "We have e-mailed you a confirmation."
    return (f"Done: those items are cancelled and {format_money(refund.total)} less {pays}. The rest of your order "
            "is still coming. We have e-mailed you a confirmation.")


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def return_start(request, number):
    """Choose → review with the refund → confirm; the choices ride along in the review page's form."""
    order = _visible_order(request, number)
    window = return_window(order)
    lines = lines_left(order)
    if refusal := _no_return(order, window, lines):
        return _page(request, "orders/return_start.html", order, refusal=refusal, window=window, lines=lines)
    form = ReturnForm(request.POST if request.method == "POST" else None, lines=lines)
    if not form.is_valid() or "change" in request.POST:
        return _page(request, "orders/return_start.html", order, form=form, window=window)
    choice = {"order": order, "lines": form.quantities(), "reason": form.cleaned_data["reason"]}
    if "confirm" not in request.POST:
        chosen = [(line_left, quantity) for line_left in lines if (quantity := choice["lines"].get(line_left.line.pk))]
        return _page(request, "orders/return_review.html", order, form=form, chosen=chosen, window=window,
                     refund=return_refund_amount(**choice), reason_label=Reason(choice["reason"]).label,
                     outcome_label=Outcome(form.cleaned_data["outcome"]).label)
    try:
        return_request = return_request_create(**choice, reason_text=form.cleaned_data["reason_text"],
                                               outcome=form.cleaned_data["outcome"])
    except NotAllowed as problem:
        form.add_error(None, str(problem))
        return _page(request, "orders/return_start.html", order, form=form, window=window)
    if return_request.status == Stage.APPROVED:
        messages.success(request, f"Your return {return_request.number} is approved. Print the label below and "
                                  "send the parcel within 14 days. We have e-mailed you the details.")
    else:
        messages.success(request, f"We have your return request {return_request.number}. We check it within one "
                                  "working day and e-mail you: please wait for our e-mail before sending anything.")
    return redirect("orders:return_detail", number=order.number, return_number=return_request.number)


def _no_return(order: Order, window: Window, lines: list[LineLeft]) -> str:
    """Why nothing can be returned from this order now; empty when something can."""
    if order.status in CANCELLABLE:
        return (f"Order {order.number} has not left us yet, so there is nothing to return. "
                "You can cancel it instead, from this order's page.")
    if window.delivered_on is None:
        return (f"Order {order.number} is {order.get_status_display().lower()}. You can start a return once it "
                f"has been delivered, during the {settings.SHOP['return_days']} days after.")
    if not window.is_open:
        return (f"The {settings.SHOP['return_days']} days to return this order ended on "
                f"{window.last_day:%-d %B %Y}.")
    if not any(line_left.left and not line_left.not_returnable_reason for line_left in lines):
        return "Nothing in this order can be sent back now. Beside each item below is why."
    return ""


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def withdraw(request, number):
    """The confirmation step after "Withdraw from contract here" (EU Directive 2023/2673, Art. 11a)."""
    order = _visible_order(request, number)
    window = withdrawal_window(order)
    problem = ""
    if request.method == "POST":
        try:
            withdrawal = order_withdraw(order=order)
        except NotAllowed as refusal:
            problem = str(refusal)
        else:
            received = timezone.localtime(withdrawal.created_at)
            messages.success(request, f"We received your withdrawal on {received:%-d %B %Y at %H:%M}. "
                                      f"An acknowledgement is on its way to {order.email}.")
            return redirect("orders:return_detail", number=order.number, return_number=withdrawal.number)
    lines = [line_left for line_left in lines_left(order) if line_left.left]
    if not problem and not window.is_open:
        problem = _withdrawal_closed(order, window)
    elif not problem and not lines:
        problem = f"Everything in order {order.number} is already on its way back to us or cancelled."
    everything = {line_left.line.pk: line_left.left for line_left in lines}
    return _page(request, "orders/withdraw.html", order, problem=problem, window=window, lines=lines,
                 refund=return_refund_amount(order=order, lines=everything) if lines else None,
                 return_window=return_window(order))


@require_safe
@never_cache
def return_detail(request, number, return_number):
    """The authorisation number, the printable label and packing slip, and where the return has got to."""
    order = _visible_order(request, number)
    return_request = get_object_or_404(order.returns.prefetch_related("lines__order_line", "events"),
                                       number=return_number)
    return _page(request, "orders/return_detail.html", order, return_request=return_request,
                 progress=return_progress(return_request),
                 postage_paid=settings.SHOP["returns_free"] or return_request.reason in DELIVERY_REFUNDED_FOR,
                 return_address=settings.SHOP["address"].split(", "))


@dataclass(frozen=True)
class Step:
    label: str
    state: str  # "done", "current" or "to-come"


@dataclass(frozen=True)
class Progress:
    steps: list[Step]
    refund_by: date | None  # the latest day the refund is due, once we can say it
    send_by: date | None  # the day to post the parcel by, once approved


def return_progress(return_request: ReturnRequest) -> Progress:
    """The usual path as steps (a rejection replaces the step it happened at), and the dates to keep."""
    path = [Stage.REQUESTED, Stage.APPROVED, Stage.RECEIVED, Stage.REFUNDED]
    if return_request.status == Stage.REJECTED:
        reached = [event.stage for event in return_request.events.all() if event.stage in path]
        current = len(reached)
        path = [*path[:current], Stage.REJECTED]
    else:
        current = path.index(return_request.status)
    steps = [Step(Stage(stage).label, "done" if index < current or (stage == Stage.REFUNDED and index == current)
                  else "current" if index == current else "to-come") for index, stage in enumerate(path)]
    changed_on = timezone.localdate(return_request.stage_changed_at)
    refund_by = None
    if return_request.status == Stage.RECEIVED:
        refund_by = add_working_days(changed_on, settings.SHOP["refund_days"])
    elif return_request.kind == Kind.WITHDRAWAL and return_request.status in {Stage.REQUESTED, Stage.APPROVED}:
        # The law's limit: 14 days from the withdrawal (we may wait for the parcel or proof of posting).
        refund_by = timezone.localdate(return_request.created_at) + timedelta(days=WITHDRAWAL_DAYS)
    send_by = changed_on + timedelta(days=14) if return_request.status == Stage.APPROVED else None
    return Progress(steps=steps, refund_by=refund_by, send_by=send_by)
