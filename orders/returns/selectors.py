"""Reads of an order's returns: what is left of each line, the windows after delivery, the refund worked
out before confirming, why something cannot be done, where a return has got to, and for staff which products
come back and why."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from orders.models import Order, OrderLine, ReturnLine, ReturnRequest
from orders.services import product_and_size
from shop.delivery import add_working_days
from storefront.dates import long_date
from storefront.money import format_money

# Short names for a return's choices, used by every part of returns.
Stage = ReturnRequest.Stage
Reason = ReturnRequest.Reason
Kind = ReturnRequest.Kind
Outcome = ReturnRequest.Outcome

WITHDRAWAL_DAYS = 14  # the law's cooling-off period, counted from delivery
CANCELLABLE = {Order.Status.PLACED, Order.Status.CONFIRMED, Order.Status.PACKED}  # not yet handed to the carrier
# Our mistake, so the delivery is ours to pay (and the return postage too).
DELIVERY_REFUNDED_FOR = {Reason.FAULTY, Reason.WRONG_ITEM}
ZERO = Decimal("0.00")


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
        return product.not_returnable_reason or _("This item cannot be returned. If it arrived faulty, contact us.")

    @property
    def name(self) -> str:
        return product_and_size(self.line.product_name, self.line.size)


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


def delivered_on(order: Order) -> date | None:
    """The day the (last) parcel was delivered, as the delivered event records it; None before delivery."""
    if order.status != Order.Status.DELIVERED:
        return None
    delivered_at = (order.events.filter(stage=Order.Status.DELIVERED).order_by("-created_at")
                    .values_list("created_at", flat=True).first())
    return timezone.localdate(delivered_at) if delivered_at else None


def window_from(day: date | None, *, days: int) -> Window:
    return Window(day, day + timedelta(days=days)) if day else Window(None, None)


def order_window(order: Order, *, days: int) -> Window:
    return window_from(delivered_on(order), days=days)


def return_window(order: Order) -> Window:
    return order_window(order, days=settings.SHOP["return_days"])


def withdrawal_window(order: Order) -> Window:
    return order_window(order, days=WITHDRAWAL_DAYS)


@dataclass(frozen=True)
class AfterDelivery:
    """What an order's page offers once it has arrived: each way back only while it is open, with its last day."""

    returns: Window
    withdrawal: Window


def after_delivery(order: Order) -> AfterDelivery | None:
    """None before delivery (the page offers cancelling instead). One query: both windows start the same day."""
    day = delivered_on(order)
    if day is None:
        return None
    return AfterDelivery(returns=window_from(day, days=settings.SHOP["return_days"]),
                         withdrawal=window_from(day, days=WITHDRAWAL_DAYS))


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


def lines_refund(order: Order, chosen: dict[int, int], *, delivery: Decimal, delivery_note: str) -> Refund:
    """The lines' prices less their share of the order's discount, in proportion to what they cost."""
    prices = dict(OrderLine.objects.filter(order=order, pk__in=chosen).values_list("pk", "unit_price"))
    items = sum((prices[line_id] * quantity for line_id, quantity in chosen.items() if line_id in prices), ZERO)
    share = ZERO
    if order.discount and order.subtotal:
        share = min(order.discount, (order.discount * items / order.subtotal).quantize(Decimal("0.01"), ROUND_HALF_UP))
    return Refund(items=items, discount_share=share, delivery=delivery, delivery_note=delivery_note)


def everything_left(order: Order, chosen: dict[int, int]) -> bool:
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
    whole_in_time = everything_left(order, lines) and withdrawal_window(order).is_open
    if not cost:
        delivery, note = ZERO, ""
    elif earlier:
        delivery, note = ZERO, _("The delivery cost was refunded with your earlier return.")
    elif reason in DELIVERY_REFUNDED_FOR:
        delivery, note = cost, _("The delivery cost is refunded too, because the item is faulty or not what you "
                                 "ordered.")
    elif whole_in_time:
        delivery, note = cost, _("The delivery cost is refunded too, because the whole order is coming back within "
                                 "%(days)d days of delivery.") % {"days": WITHDRAWAL_DAYS}
    else:
        delivery, note = ZERO, _("The delivery cost (%(cost)s) is not refunded: it is when the whole order comes back "
                                 "within %(days)d days of delivery, or when an item is faulty or not what you "
                                 "ordered.") % {"cost": format_money(cost), "days": WITHDRAWAL_DAYS}
    return lines_refund(order, lines, delivery=delivery, delivery_note=note)


def cancel_refund_amount(*, order: Order, lines: dict[int, int]) -> Refund:
    """Cancelling everything that is left takes the delivery charge off too: nothing will be delivered."""
    if everything_left(order, lines) and order.delivery_cost:
        return lines_refund(order, lines, delivery=order.delivery_cost,
                       delivery_note=_("The delivery charge comes off too: nothing will be sent."))
    return lines_refund(order, lines, delivery=ZERO, delivery_note="")


# --- Why something cannot be done ----------------------------------------------------------------------


def withdrawal_closed_reason(order: Order, window: Window) -> str:
    if window.delivered_on is None:
        return _("Order %(number)s has not been delivered yet. You can withdraw from the contract during the "
                 "%(days)d days after it arrives; before it leaves us you can simply cancel it.") % {
            "number": order.number, "days": WITHDRAWAL_DAYS}
    return _("The %(days)d days to withdraw from this contract ended on %(last_day)s. Contact us if something is "
             "wrong with what you received.") % {"days": WITHDRAWAL_DAYS, "last_day": long_date(window.last_day)}


def too_late_to_cancel(order: Order) -> str:
    number = {"number": order.number}
    if order.status == Order.Status.CANCELLED:
        return _("Order %(number)s is already cancelled, so there is nothing more to cancel.") % number
    if order.status == Order.Status.DELIVERED:
        return _("Order %(number)s has been delivered, so it can no longer be cancelled. You can return it or "
                 "withdraw from the contract instead.") % number
    return _("Order %(number)s has left us, so it can no longer be cancelled. You can return it when it arrives: "
             "returns are started from this order's page.") % number


# --- Where a return has got to -------------------------------------------------------------------------


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


# --- For staff: which products come back, and why ------------------------------------------------------------

# A withdrawal asks no reason, so it has a column of its own.
REASON_COLUMNS = [*Reason.choices, ("", gettext_lazy("Withdrawal (no reason asked)"))]


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
