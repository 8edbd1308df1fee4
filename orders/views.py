"""Checkout (practices P15–P17, P19, S05, S12): details → delivery → payment → review → thank you.

A card whose bank wants the payment confirmed (3-D Secure) is sent to the bank after "Place order", never
before the review: the shopper confirms the amount they have just agreed to, and the order is placed on the
bank's answer.

Guests check out without an account; signing in is offered, never required. Each step keeps what
was typed in the session (orders/checkout.py), so going back loses nothing. A step the shopper has
not reached yet sends them to the first step still to do.
"""

import uuid
from decimal import Decimal
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.sessions.backends.base import UpdateError
from django.db import DatabaseError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.services import account_link_send
from shop.delivery import delivery_estimate, delivery_method, delivery_methods_for
from shop.services import cart_for_request, cart_summary
from storefront.numbers import parse_money
from storefront.ratelimit import rate_limited

from .checkout import (
    STEPS,
    CheckoutState,
    order_remember_if_proven,
    orders_visible_to,
    placed_proof,
    step_named,
)
from .forms import CARD_MESSAGES, AddressForm, ContactAndAddressForm, DeliveryForm, PaymentForm
from .models import Order, Payment
from .payments import CARD_BRANDS
from .services import (
    CARD_PAYMENTS_FOR_AN_AMOUNT,
    OrderNotPlaced,
    Problem,
    order_check,
    order_place,
    payment_confirm,
    payment_decline_reason,
    payment_take,
)

# Forms whose fields are checked one at a time as the shopper leaves them (see templates/_field.html).
CHECKABLE_FORMS = {"details": ContactAndAddressForm, "address": AddressForm}


def _checkout_context(request, state: CheckoutState, step: str, **context):
    """What every step shows: the progress bar and the order summary beside the form."""
    cart = cart_for_request(request)
    # Until a method is chosen, delivery is priced as the first (cheapest) one offered for the address.
    offered = delivery_methods_for(state.country) if state.country else []
    method = delivery_method(state.delivery_method) if state.delivery_method else next(iter(offered), None)
    reached = STEPS.index(state.first_incomplete_step() or STEPS[-1])
    return {"steps": STEPS, "current_step": step_named(step), "reached_index": reached,
            "summary": cart_summary(cart=cart, delivery_method=method), "state": state, **context}


def _redirect_if_not_ready(request, state: CheckoutState, step: str):
    """An empty cart goes back to the cart; a step ahead of the shopper goes back to the one to do."""
    return _sent_to(request, _page_to_do_first(request, state, step))


def _sent_to(request, to_do: str | None):
    if to_do == "shop:cart":
        messages.info(request, _("Your cart is empty: add something to it before checking out."))
    return redirect(to_do) if to_do else None


def _page_to_do_first(request, state: CheckoutState, step: str) -> str | None:
    """Where the shopper must go before this step (the cart, or an earlier step), or None."""
    cart = cart_for_request(request)
    if cart is None or not cart.lines.exists():
        return "shop:cart"
    missing = state.first_incomplete_step()
    if missing is not None and STEPS.index(missing) < STEPS.index(step_named(step)):
        return missing.url_name
    return None


@require_http_methods(["GET", "HEAD"])
def checkout_start(request):
    state = CheckoutState(request.session)
    return redirect((state.first_incomplete_step() or STEPS[-1]).url_name)


@require_http_methods(["GET", "HEAD", "POST"])
def checkout_details(request):
    state = CheckoutState(request.session)
    if not_ready := _redirect_if_not_ready(request, state, "details"):
        return not_ready
    if request.method == "POST":
        form = ContactAndAddressForm(request.POST)
        if form.is_valid():
            state.save_details(form.cleaned_data)
            return redirect("orders:delivery")
    else:
        form = ContactAndAddressForm(initial=state.details or state.draft("details") or _saved_details(request))
    return render(request, "orders/details.html", _checkout_context(request, state, "details", form=form))


def _saved_details(request) -> dict:
    """A signed-in customer starts from their default address; a guest from the shop's own country."""
    initial = {"country": settings.SHOP["home_country"]}
    if request.user.is_authenticated:
        initial.update(email=request.user.email, phone=request.user.phone,
                       full_name=request.user.get_full_name())
        address = request.user.addresses.first()  # the default comes first
        if address is not None:
            initial.update({field: getattr(address, field) for field in AddressForm.base_fields
                            if getattr(address, field)})
    return initial


@require_http_methods(["GET", "HEAD", "POST"])
def checkout_delivery(request):
    state = CheckoutState(request.session)
    if not_ready := _redirect_if_not_ready(request, state, "delivery"):
        return not_ready
    if request.method == "POST":
        form = DeliveryForm(request.POST, country=state.country)
        if "back" in request.POST:
            state.save_draft("delivery", {"method": request.POST.get("method", "")})
            return redirect("orders:details")
        if form.is_valid():
            state.save_delivery_method(form.cleaned_data["method"])
            return redirect("orders:payment")
    else:
        chosen = state.delivery_method or state.draft("delivery").get("method")
        form = DeliveryForm(country=state.country)
        form.initial["method"] = chosen or form.methods[0].code
    context = _checkout_context(request, state, "delivery", form=form)
    details = state.details
    context["delivering_to"] = ", ".join([details["full_name"], details["line1"], " ".join(
        filter(None, [details["city"], details.get("region"), details.get("postcode")]))])
    products_total = context["summary"].subtotal - context["summary"].discount
    dispatch_days = max(view.line.variant.product.dispatch_days for view in context["summary"].lines)
    context["options"] = [
        {"method": method, "cost": method.cost_for(products_total),
         "estimate": delivery_estimate(dispatch_days=dispatch_days, working_days=method.working_days),
         "checked": str(form["method"].value()) == method.code}
        for method in form.methods]
    return render(request, "orders/delivery.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def checkout_payment(request):
    state = CheckoutState(request.session)
    if not_ready := _redirect_if_not_ready(request, state, "payment"):
        return not_ready
    context = _checkout_context(request, state, "payment")
    payment = state.payment()
    if request.method == "POST":
        if "back" in request.POST:
            return redirect("orders:delivery")
        form = PaymentForm(request.POST)
        if form.is_valid():
            payment = payment_take(method=form.cleaned_data["method"], amount=context["summary"].total,
                                   card=form.cleaned_data.get("card"), replacing=payment)
            state.save_payment(payment)
            if payment.status != Payment.Status.DECLINED:  # a card needing 3-D Secure is confirmed on placing
                return redirect("orders:review")
            form = PaymentForm.after_decline(request.POST, payment_decline_reason(payment))
    elif payment is not None and payment.status == Payment.Status.DECLINED:  # back from the bank's page
        form = PaymentForm.after_decline({"method": Order.PaymentMethod.CARD}, payment_decline_reason(payment))
    else:
        form = PaymentForm(initial={"method": payment.method if payment else Order.PaymentMethod.CARD})
    authorised = payment if payment is not None and payment.status in CARD_PAYMENTS_FOR_AN_AMOUNT else None
    context.update(form=form, authorised=authorised, card_brands=CARD_BRANDS, card_messages=CARD_MESSAGES)
    return render(request, "orders/payment.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def checkout_review(request):
    state = CheckoutState(request.session)
    to_do = _page_to_do_first(request, state, "review")
    # A second click shows the order the first placed. It is looked for after the cart, not before: a click
    # that read the cart while the first was still placing the order finds it empty, and the order placed.
    if request.method == "POST" and (placed := _already_placed(request, state)):
        return _thank_you_page(request, placed)
    if to_do:
        return _sent_to(request, to_do)
    problems = []
    if request.method == "POST":
        try:
            return _order_place_or_ask_the_bank(request, state, expected_total=_posted_total(request))
        except OrderNotPlaced as not_placed:
            if not_placed.step != "review":
                return _back_to_the_step(request, state, not_placed)
            problems = not_placed.problems
    context = _checkout_context(request, state, "review", problems=problems, payment=state.payment(),
                                placement_key=state.placement_key())
    if request.method != "POST" and (not_placed := order_check(summary=context["summary"],
                                                                payment=context["payment"])):
        context["problems"] = not_placed.problems  # said now, before the customer clicks "Place order"
    context["estimate"] = delivery_estimate(
        dispatch_days=max(view.line.variant.product.dispatch_days for view in context["summary"].lines),
        working_days=delivery_method(state.delivery_method).working_days)
    context["delivery"] = delivery_method(state.delivery_method)
    return render(request, "orders/review.html", context)


def _order_place_or_ask_the_bank(request, state: CheckoutState, *, expected_total: Decimal):
    """Place the order, or first send the shopper to their bank when it wants the payment confirmed (3-D
    Secure): the bank is asked only once the shopper has pressed "Place order", and the order is placed on its
    answer (checkout_payment_confirm). What would stop the order is said before the bank is troubled."""
    payment = state.payment()
    if payment is None:  # a second press of "Place order" just placed the order with it
        if placed := _placed_by_this_browser(request, state, state.placement_key_if_any() or ""):
            return _thank_you_page(request, placed)
        raise OrderNotPlaced([Problem(_("Please enter your payment details again."), reverse("orders:payment"))],
                             step="payment")
    if payment.status != Payment.Status.NEEDS_CONFIRMATION:
        return _order_place(request, state, expected_total=expected_total)
    summary = cart_summary(cart=cart_for_request(request), delivery_method=delivery_method(state.delivery_method))
    if not_placed := order_check(summary=summary, payment=payment, expected_total=expected_total):
        raise not_placed
    state.save_total_to_place(expected_total)
    return redirect("orders:payment_confirm", reference=payment.reference)


def _order_place(request, state: CheckoutState, *, expected_total: Decimal):
    order = order_place(
        cart=cart_for_request(request), customer=request.user, details=state.details,
        delivery=delivery_method(state.delivery_method), payment=state.payment(),
        placement_key=state.placement_key(), expected_total=expected_total)
    state.finish(order)
    return _thank_you_page(request, order)


def _back_to_the_step(request, state: CheckoutState, not_placed: OrderNotPlaced):
    """To the step where the shopper can put right what stopped the order, saying what it was."""
    state.save_payment(None)
    messages.error(request, not_placed.problems[0].text)
    return redirect(step_named(not_placed.step).url_name)


@require_http_methods(["GET", "HEAD", "POST"])
def checkout_payment_confirm(request, reference):
    """Demo only: the bank's 3-D Secure page, shown after "Place order"; the order is placed on its answer."""
    state = CheckoutState(request.session)
    payment = state.payment()
    if payment is None or payment.reference != reference:
        # Back to the bank's page, or its button pressed twice, after the order was placed: show that order,
        # also when the answer to the first press was lost before the session was saved.
        placed = (orders_visible_to(request).filter(payments__reference=reference).first()
                  or _placed_by_this_browser(request, state, state.placement_key_if_any() or "",
                                             payments__reference=reference))
        if placed:
            return redirect("orders:done", number=placed.number)
        raise Http404("No payment waiting for confirmation")
    if payment.status != Payment.Status.NEEDS_CONFIRMATION or (expected_total := state.total_to_place()) is None:
        return redirect("orders:payment" if payment.status == Payment.Status.DECLINED else "orders:review")
    if to_do := _page_to_do_first(request, state, "review"):  # the cart emptied in another tab, say
        return _sent_to(request, to_do)
    if request.method == "POST":
        payment = payment_confirm(payment=payment, customer_confirmed="confirm" in request.POST)
        if payment.status != Payment.Status.AUTHORISED:
            return redirect("orders:payment")
        try:
            return _order_place(request, state, expected_total=expected_total)
        except OrderNotPlaced as not_placed:
            if not_placed.step != "review":
                return _back_to_the_step(request, state, not_placed)
            for problem in not_placed.problems:
                messages.error(request, problem.text)
            return redirect(not_placed.problems[0].link or "orders:review")
    return render(request, "orders/payment_confirm.html", {"payment": payment})


def _posted_total(request) -> Decimal:
    """The total the review page showed, posted back with "Place order", so a price change is never a surprise."""
    total = parse_money(request.POST.get("expected_total", ""))
    if total is None:  # our own hidden field, cut short or altered: never guess what the customer saw
        raise OrderNotPlaced([Problem(_("We could not read the total shown on this page. "
                                        "Check the order below and place it again."))])
    return total


def _already_placed(request, state: CheckoutState) -> Order | None:
    """The order the review page's posted key placed already, if this visitor placed it."""
    try:
        key = uuid.UUID(request.POST.get("placement_key", ""))
    except ValueError:
        return None
    return _placed_by_this_browser(request, state, str(key))


def _placed_by_this_browser(request, state: CheckoutState, key: str, **lookup) -> Order | None:
    """The order placed with `key` (and matching `lookup`), if this visitor placed it.

    The key is this browser's own (it is kept in the session until the order is placed), so it proves who
    placed the order even when the answer to the first press never arrived: the process died after the
    order committed, before the session was saved. The order is then remembered for this browser now.
    """
    if not key:
        return None
    placed = orders_visible_to(request).filter(placement_key=key, **lookup).first()
    if placed is None and state.placement_key_if_any() == key:
        placed = Order.objects.filter(placement_key=key, **lookup).first()
        if placed is not None:
            state.finish(placed)
    return placed


def _thank_you_page(request, order: Order):
    """To the order's thank-you page, even when the session cannot be saved now.

    The order has committed. If the database connection drops before the session is saved, Django would
    answer 400 and the customer would not know their order exists. So the session is saved here, and if
    that fails the address carries signed proof that this browser placed the order (orders/checkout.py).
    """
    try:
        request.session.save()
    except (UpdateError, DatabaseError):
        request.session.modified = False  # saving again after the view would answer 400
        return redirect(f"{reverse('orders:done', args=[order.number])}?{urlencode({'placed': placed_proof(order)})}")
    return redirect("orders:done", number=order.number)


def _placed_order(request, number: str) -> Order:
    order_remember_if_proven(request.session, number, proof=request.GET.get("placed", ""))
    return get_object_or_404(orders_visible_to(request).prefetch_related("lines"), number=number)


@require_http_methods(["GET", "HEAD"])
def checkout_done(request, number):
    order = _placed_order(request, number)
    offer_account = not request.user.is_authenticated and order.customer_id is None
    return render(request, "orders/done.html", {"order": order, "offer_account": offer_account})


@require_POST
@rate_limited(scope="checkout-account", limit=10, per_seconds=15 * 60)
def checkout_create_account(request, number):
    """After a guest order: e-mail the order's address a link that opens the account holding the order. Knowing
    an order's number and address is not enough to open an account for it: the inbox must be read."""
    order = _placed_order(request, number)
    if not request.user.is_authenticated and order.customer_id is None:
        account_link_send(email=order.email, order=order)
        messages.success(request, _("We have sent a link to %(email)s: open it to choose your password, and your "
                                    "account opens with this order in it.") % {"email": order.email})
    return redirect("orders:done", number=number)


# --- Checking fields as the shopper goes ----------------------------------------------------------


@require_POST
def check_field(request, form_name):
    """One field's message (or none), for the field the shopper just left. See templates/_field.html."""
    form_class = CHECKABLE_FORMS.get(form_name)
    form = form_class(request.POST) if form_class else None
    if form is None or request.GET.get("field") not in form.fields:
        return HttpResponseBadRequest("Unknown form or field")
    form.is_valid()
    return render(request, "_field_error.html", {"field": form[request.GET["field"]], "check_url": True})


@require_POST
def address_fields(request):
    """The region and postcode fields for the country just chosen, keeping what was typed in them."""
    check_url = request.POST.get("check_url", "")
    allowed = {reverse("orders:check_field", args=[name]) for name in CHECKABLE_FORMS}
    return render(request, "orders/_address_fields.html#region-and-postcode", {
        "form": AddressForm(initial=request.POST.dict()),
        "check_url": check_url if check_url in allowed else ""})
