"""The pages of changing one's mind, each in two steps: cancel, return, withdraw, and a return's own page.

Every page is reached from the order's page (the account's, or the tracking page a guest opened with the
lookup), and shows only an order this visitor may see.
"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from orders.checkout import orders_visible_to
from orders.models import Order
from storefront.breadcrumbs import Crumb
from storefront.dates import clock_time, long_date
from storefront.money import format_money

from .forms import CancelForm, ReturnForm
from .selectors import (
    CANCELLABLE,
    DELIVERY_REFUNDED_FOR,
    ZERO,
    LineLeft,
    Outcome,
    Reason,
    Refund,
    Stage,
    Window,
    cancel_refund_amount,
    lines_left,
    lines_refund,
    return_progress,
    return_refund_amount,
    return_window,
    too_late_to_cancel,
    withdrawal_closed_reason,
    withdrawal_window,
)
from .services import NotAllowed, order_cancel_lines, order_withdraw, return_request_create


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
        trail = [Crumb(_("Your account"), reverse("accounts:account")),
                 Crumb(_("Your orders"), reverse("accounts:orders"))]
    else:
        trail = [Crumb(_("Track your order"), reverse("orders:tracking_lookup"))]
    trail.append(Crumb(_("Order %(number)s") % {"number": order.number}, _order_page(request, order)))
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
                 unit_refunds=[(line_left, field, lines_refund(order, {line_left.line.pk: 1}, delivery=ZERO,
                                                              delivery_note="").total)
                               for line_left, field in form.rows()])


def _cancelled_message(order: Order, refund: Refund) -> str:
    words = {"number": order.number, "amount": format_money(refund.total)}
    by_card = order.payment_method == Order.PaymentMethod.CARD
    if order.status == Order.Status.CANCELLED:
        return (_("Order %(number)s is cancelled: nothing more will be sent, and nothing is taken from your card. "
                  "We have e-mailed you a confirmation.") if by_card else
                _("Order %(number)s is cancelled: nothing more will be sent, and nothing to pay on delivery. "
                  "We have e-mailed you a confirmation.")) % words
    return (_("Done: those items are cancelled and %(amount)s less is taken from your card. The rest of your order "
              "is still coming. We have e-mailed you a confirmation.") if by_card else
            _("Done: those items are cancelled and %(amount)s less to pay on delivery. The rest of your order is "
              "still coming. We have e-mailed you a confirmation.")) % words


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
        messages.success(request, _("Your return %(number)s is approved. Print the label below and send the parcel "
                                    "within 14 days. We have e-mailed you the details.") % {
            "number": return_request.number})
    else:
        messages.success(request, _("We have your return request %(number)s. We check it within one working day and "
                                    "e-mail you: please wait for our e-mail before sending anything.") % {
            "number": return_request.number})
    return redirect("orders:return_detail", number=order.number, return_number=return_request.number)


def _no_return(order: Order, window: Window, lines: list[LineLeft]) -> str:
    """Why nothing can be returned from this order now; empty when something can."""
    days = settings.SHOP["return_days"]
    if order.status in CANCELLABLE:
        return _("Order %(number)s has not left us yet, so there is nothing to return. You can cancel it instead, "
                 "from this order's page.") % {"number": order.number}
    if window.delivered_on is None:
        # Translators: %(status)s is the order's status in lower case, such as "shipped" or "delayed".
        return _("Order %(number)s is %(status)s. You can start a return once it has been delivered, during the "
                 "%(days)d days after.") % {"number": order.number, "status": order.get_status_display().lower(),
                                            "days": days}
    if not window.is_open:
        return _("The %(days)d days to return this order ended on %(last_day)s.") % {
            "days": days, "last_day": long_date(window.last_day)}
    if not any(line_left.left and not line_left.not_returnable_reason for line_left in lines):
        return _("Nothing in this order can be sent back now. Beside each item below is why.")
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
            messages.success(request, _("We received your withdrawal on %(day)s at %(time)s. An acknowledgement is on "
                                        "its way to %(email)s.") % {"day": long_date(withdrawal.created_at),
                                                                    "time": clock_time(withdrawal.created_at),
                                                                    "email": order.email})
            return redirect("orders:return_detail", number=order.number, return_number=withdrawal.number)
    lines = [line_left for line_left in lines_left(order) if line_left.left]
    if not problem and not window.is_open:
        problem = withdrawal_closed_reason(order, window)
    elif not problem and not lines:
        problem = _("Everything in order %(number)s is already on its way back to us or cancelled.") % {
            "number": order.number}
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
