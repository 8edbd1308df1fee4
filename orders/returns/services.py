"""The rules of changing one's mind: returns and withdrawals and their stages, and cancelling before dispatch.

Each writes inside one transaction, with the order locked, and writes the customer's e-mail with it (`order_notify`).
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from orders.models import Order, OrderEvent, OrderLine, ReturnLine, ReturnRequest
from orders.notes import items_kept, shop_note
from orders.notifications import order_notify
from orders.services import StageError, order_move
from shop.models import ProductVariant
from shop.selectors import catalogue_changed

from .selectors import (
    CANCELLABLE,
    Kind,
    LineLeft,
    Outcome,
    Reason,
    Refund,
    Stage,
    cancel_refund_amount,
    everything_left,
    lines_left,
    return_refund_amount,
    return_window,
    too_late_to_cancel,
    withdrawal_closed_reason,
    withdrawal_window,
)

RETURN_MOVES = {
    Stage.REQUESTED: [Stage.APPROVED, Stage.REJECTED],
    Stage.APPROVED: [Stage.RECEIVED, Stage.REJECTED],
    Stage.RECEIVED: [Stage.REFUNDED, Stage.REJECTED],  # rejected on arrival: worn, or not what was sent
    Stage.REFUNDED: [],
    Stage.REJECTED: [],
}
WITHDRAWAL_RECEIVED = "withdrawal_received"  # the acknowledgement e-mail's event


# The shop's own notes on the timeline are the back office's record, kept in English like the rest of it. The
# customer reads them in their language (OrderEvent.shown_note): the fixed ones are their own msgid, marked here
# with gettext_noop; those with an amount or items in them keep their values too (orders/notes.py).
APPROVED_AUTOMATICALLY = gettext_noop("Approved automatically: every item can be returned and it is within the time "
                                      "allowed.")
APPROVED = gettext_noop("Approved: the label is ready to print.")
RECEIVED = gettext_noop("The parcel has reached us.")
EXCHANGE_SENT = gettext_noop("The exchange is on its way.")


class NotAllowed(Exception):
    """What the customer asked for cannot be done; the message says why and what to do instead."""


def _checked(order: Order, lines: dict[int, int], *, verb: str) -> tuple[dict[int, LineLeft], dict[int, int]]:
    """The quantities asked for, each within what is left of its line; NotAllowed names the first that is not.

    `verb` is "send back" or "cancel": each has its own sentences."""
    left = {line_left.line.pk: line_left for line_left in lines_left(order)}
    chosen = {line_id: quantity for line_id, quantity in lines.items() if quantity}
    if not chosen:
        raise NotAllowed(_("Choose at least one item to cancel, and how many.") if verb == "cancel"
                         else _("Choose at least one item to send back, and how many."))
    for line_id, quantity in chosen.items():
        if line_id not in left:
            raise NotAllowed(_("That item is not part of order %(number)s. Choose from the items listed.") % {
                "number": order.number})
        line_left = left[line_id]
        if not 0 < quantity <= line_left.left:
            at_most = {"count": line_left.left, "item": line_left.name}
            if verb == "cancel":
                raise NotAllowed(ngettext(
                    "You can cancel at most %(count)d of %(item)s: the rest is already cancelled or on a return. "
                    "Your returns are listed on the order's page.",
                    "You can cancel at most %(count)d of %(item)s: the rest is already cancelled or on a return. "
                    "Your returns are listed on the order's page.", line_left.left) % at_most)
            raise NotAllowed(ngettext(
                "You can send back at most %(count)d of %(item)s: the rest is already cancelled or on a return. "
                "Your returns are listed on the order's page.",
                "You can send back at most %(count)d of %(item)s: the rest is already cancelled or on a return. "
                "Your returns are listed on the order's page.", line_left.left) % at_most)
    return left, chosen


def _items(left: dict[int, LineLeft], chosen: dict[int, int]) -> list[dict]:
    """The items for a timeline note, as data each reader's language lists ("1 × Wool scarf and 2 × …")."""
    return items_kept(chosen, {line_id: line_left.line for line_id, line_left in left.items()})


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
            raise NotAllowed(_("Order %(number)s has not been delivered yet, so there is nothing to send back. "
                               "You can start a return once it arrives.") % {"number": order.number})
        left, chosen = _checked(order, lines, verb="send back")
        if kind == Kind.RETURN and reason not in Reason.values:
            raise NotAllowed(_("Choose the reason for the return from the list."))
        if reason == Reason.OTHER and not reason_text.strip():
            raise NotAllowed(_("Tell us the reason in a few words: you chose “Another reason”."))
        if outcome not in Outcome.values:
            raise NotAllowed(_("Choose a refund or an exchange."))
        refund = return_refund_amount(order=order, lines=chosen, reason=reason)
        return_request = ReturnRequest.objects.create(order=order, kind=kind, reason=reason,
                                                      reason_text=reason_text.strip(), outcome=outcome,
                                                      refund_amount=refund.total)
        ReturnLine.objects.bulk_create([ReturnLine(return_request=return_request, order_line=left[line_id].line,
                                                   quantity=quantity) for line_id, quantity in chosen.items()])
        _stage_write(return_request, Stage.REQUESTED, by=by, **shop_note(
            "withdrawal_received" if kind == Kind.WITHDRAWAL else "return_requested",
            number=return_request.number, items=_items(left, chosen), amount=refund.total))
        window = withdrawal_window(order) if kind == Kind.WITHDRAWAL else return_window(order)
        if window.is_open and not any(left[line_id].not_returnable_reason for line_id in chosen):
            _stage_write(return_request, Stage.APPROVED, by=by, note=APPROVED_AUTOMATICALLY)
        # One message to start with: the withdrawal's acknowledgement, or the return's approval (with the
        # label) or receipt; an approval made on the spot is not announced twice.
        order_notify(order, event=WITHDRAWAL_RECEIVED if kind == Kind.WITHDRAWAL else return_request.status,
                     return_request=return_request)
    return return_request


def order_withdraw(*, order: Order, by=None) -> ReturnRequest:
    """Withdraw from the contract: everything not yet cancelled or on a return goes back, no reason asked."""
    window = withdrawal_window(order)
    if not window.is_open:
        raise NotAllowed(withdrawal_closed_reason(order, window))
    everything = {line_left.line.pk: line_left.left for line_left in lines_left(order) if line_left.left}
    if not everything:
        raise NotAllowed(_("Everything in order %(number)s is already on its way back to us or cancelled, so there "
                           "is nothing left to withdraw from. Your returns are listed on the order's page.") % {
            "number": order.number})
    return return_request_create(order=order, lines=everything, kind=Kind.WITHDRAWAL, by=by)


def return_approve(*, return_request: ReturnRequest, by=None, note: str = "") -> ReturnRequest:
    return _return_move(return_request, Stage.APPROVED, by=by, note=note or APPROVED)


def return_receive(*, return_request: ReturnRequest, by=None, note: str = "") -> ReturnRequest:
    return _return_move(return_request, Stage.RECEIVED, by=by, note=note or RECEIVED)


def return_refund(*, return_request: ReturnRequest, by=None, note: str = "") -> ReturnRequest:
    if note:
        return _return_move(return_request, Stage.REFUNDED, by=by, note=note)
    if return_request.outcome == Outcome.REFUND:
        return _return_move(return_request, Stage.REFUNDED, by=by,
                            **shop_note("refunded", amount=return_request.refund_amount))
    return _return_move(return_request, Stage.REFUNDED, by=by, note=EXCHANGE_SENT)


def return_reject(*, return_request: ReturnRequest, reason: str, by=None) -> ReturnRequest:
    """Rejected, with the reason the customer reads in their e-mail."""
    reason = " ".join(reason.split())
    if not reason:
        raise StageError(f"Say why return {return_request.number} is rejected: the customer reads it in the e-mail.")
    return _return_move(return_request, Stage.REJECTED, by=by, note=reason, rejection_reason=reason[:300])


def _return_move(return_request: ReturnRequest, to: str, *, by, note: str, note_values: dict | None = None,
                 **changes) -> ReturnRequest:
    with transaction.atomic():
        return_request = ReturnRequest.objects.select_for_update().select_related("order").get(pk=return_request.pk)
        if to not in RETURN_MOVES[return_request.status]:
            allowed = " or ".join(f"“{Stage(stage).label}”" for stage in RETURN_MOVES[return_request.status])
            raise StageError(f"Return {return_request.number} is at “{return_request.get_status_display()}”; "
                             f"it can go to {allowed or 'nothing: it is final'}, not “{Stage(to).label}”.")
        for field, value in changes.items():
            setattr(return_request, field, value)
        _stage_write(return_request, to, by=by, note=note, note_values=note_values)
        order_notify(return_request.order, event=to, return_request=return_request)
    return return_request


def _stage_write(return_request: ReturnRequest, to: str, *, by, note: str, note_values: dict | None = None) -> None:
    return_request.status = to
    return_request.stage_changed_at = timezone.now()
    return_request.save()
    OrderEvent.objects.create(order=return_request.order, return_request=return_request, stage=to, by=by,
                              note=note[:300], note_values=note_values or {})


# --- Cancelling before dispatch ----------------------------------------------------------------------------


def order_cancel_lines(*, order: Order, lines: dict[int, int], by=None) -> Refund:
    """Cancel some items, or everything left (then the whole order is cancelled); their stock goes back on sale."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if order.status not in CANCELLABLE:
            raise NotAllowed(too_late_to_cancel(order))
        left, chosen = _checked(order, lines, verb="cancel")
        refund = cancel_refund_amount(order=order, lines=chosen)
        if everything_left(order, chosen):
            order_move(order=order, to=Order.Status.CANCELLED, by=by, **shop_note("cancelled", amount=refund.total))
            OrderLine.objects.filter(order=order).update(cancelled_quantity=F("quantity"))
            return refund
        for line_id, quantity in chosen.items():
            OrderLine.objects.filter(pk=line_id).update(cancelled_quantity=F("cancelled_quantity") + quantity)
            if left[line_id].line.variant_id:
                ProductVariant.objects.filter(pk=left[line_id].line.variant_id).update(stock=F("stock") + quantity)
        transaction.on_commit(catalogue_changed)  # cached "in stock" filters; update() sends no signal
        event = OrderEvent.objects.create(order=order, stage=Order.Status.CANCELLED, by=by, **shop_note(
            "packed_lines_cancelled" if order.status == Order.Status.PACKED else "lines_cancelled",
            items=_items(left, chosen), amount=refund.total))
        # Named after the event, so a second partial cancellation is acknowledged too (one e-mail per event).
        order_notify(order, event=f"lines_cancelled:{event.pk}")
    return refund
