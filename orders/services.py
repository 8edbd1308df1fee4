"""Orders' rules: paying, placing, and moving through the stages to the customer's door.

`order_place` follows the steps of django-oscar's OrderCreator: refuse an empty cart, then in one
transaction lock the cart (so a double click waits and then finds the order already placed), lock
the sizes in id order (so two orders for the same items cannot deadlock), check stock, coupon and
total, write the order and take the stock. The confirmation e-mail is written to the outbox in the
same transaction: a customer is never told about an order that was rolled back, and never left
without the confirmation of one that committed, whatever fails afterwards.

After that, every change of stage (placed → confirmed → packed → shipped → out for delivery →
delivered, and the exceptions) goes through `order_move` or `shipment_move`, which refuse a move the
rules do not allow, write the event on the order's timeline and the customer's message.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from shop.delivery import DeliveryMethod, add_working_days, delivery_estimate
from shop.models import Cart, Coupon, ProductVariant
from shop.selectors import catalogue_changed
from shop.services import CartSummary, cart_summary, coupon_problem
from storefront.money import format_money

from .models import Order, OrderEvent, OrderLine, Payment, Shipment
from .notes import shop_note
from .notifications import order_notify
from .payments import DECLINED, CardDetails, Outcome, ProviderAnswer, payment_provider


@dataclass(frozen=True)
class Problem:
    """Something stopping the order, in words for the customer, with where to put it right."""

    text: str
    link: str = ""


class OrderNotPlaced(Exception):
    def __init__(self, problems: list[Problem], *, step: str = "review"):
        super().__init__("; ".join(problem.text for problem in problems))
        self.problems = problems
        self.step = step  # the checkout step where the customer can fix it


# --- Payment -----------------------------------------------------------------------------------------


def payment_take(*, method: str, amount: Decimal, card: CardDetails | None = None,
                 replacing: Payment | None = None) -> Payment:
    """Authorise a card for the amount (or record cash on delivery). A declined card is recorded too.

    The payment this one replaces in the checkout (the shopper paid again, say after changing the cart) is
    voided: one checkout holds at most one authorisation on the customer's card.
    """
    if replacing is not None:
        payment_void(payment=replacing)
    currency = settings.SHOP["currency"]
    if method == Order.PaymentMethod.CASH_ON_DELIVERY:
        return Payment.objects.create(method=method, status=Payment.Status.CASH_ON_DELIVERY, amount=amount,
                                      currency=currency)
    payment = Payment(method=method, amount=amount, currency=currency, card_brand=card.brand, card_last4=card.last4)
    answer = payment_provider().authorise(card=card, amount=amount, currency=currency,
                                          reference=str(payment.reference))
    return _payment_record(payment, answer)


def payment_confirm(*, payment: Payment, customer_confirmed: bool) -> Payment:
    """The customer's answer on the bank's 3-D Secure page, passed to the bank once.

    The payment's row stays locked during the provider's call: a second press of the bank's button waits, then
    finds the payment answered and leaves it (and the order the first press placed with it) as it is.
    """
    with transaction.atomic():
        waiting = (Payment.objects.select_for_update()
                   .filter(pk=payment.pk, status=Payment.Status.NEEDS_CONFIRMATION).first())
        if waiting is None:
            payment.refresh_from_db()
            return payment
        answer = payment_provider().confirm(provider_reference=waiting.provider_reference,
                                            customer_confirmed=customer_confirmed)
        return _payment_record(waiting, answer)


def payment_decline_reason(payment: Payment) -> str:
    """The bank's answer in the page's language. The payment keeps the provider's words (the demo's are the
    English of DECLINED and NOT_CONFIRMED, which the catalogue translates); any other text is shown as it came."""
    return _(payment.decline_message or DECLINED)


def payment_void(*, payment: Payment) -> bool:
    """Release a card authorisation that has not become an order; True when this call released it.

    The payment's row stays locked during the provider's call, so an order being placed with it at that
    moment waits and then finds it voided (no order is placed on a released authorisation), and two voids of
    one payment make one call to the provider.
    """
    with transaction.atomic():
        payment = (Payment.objects.select_for_update()
                   .filter(pk=payment.pk, status=Payment.Status.AUTHORISED, order=None).first())
        if payment is None:
            return False
        payment_provider().void(provider_reference=payment.provider_reference)
        payment.status = Payment.Status.VOIDED
        payment.save(update_fields=["status"])
    return True


def payments_void_abandoned(*, now=None) -> int:
    """Void authorisations left without an order for PAYMENT_ABANDONED_MINUTES: the shopper left checkout."""
    cutoff = (now or timezone.now()) - timedelta(minutes=settings.PAYMENT_ABANDONED_MINUTES)
    abandoned = Payment.objects.filter(status=Payment.Status.AUTHORISED, order=None, created_at__lt=cutoff)
    return sum(payment_void(payment=payment) for payment in abandoned)


def _payment_record(payment: Payment, answer: ProviderAnswer) -> Payment:
    payment.status = {Outcome.APPROVED: Payment.Status.AUTHORISED, Outcome.DECLINED: Payment.Status.DECLINED,
                      Outcome.NEEDS_CONFIRMATION: Payment.Status.NEEDS_CONFIRMATION}[answer.outcome]
    payment.provider_reference = answer.provider_reference
    payment.decline_message = answer.message
    payment.save()
    return payment


# --- Placing the order -------------------------------------------------------------------------------


def order_place(*, cart: Cart, customer, details: dict, delivery: DeliveryMethod, payment: Payment,
                placement_key: str, expected_total: Decimal | None = None) -> Order:
    """Turn the cart into an order, exactly once per placement key, or raise OrderNotPlaced saying why.

    A refused order's card authorisation is voided at once: the cart must change, and with it the amount, before
    another try, and the customer's bank should not hold their money meanwhile.
    """
    try:
        return _order_write(cart=cart, customer=customer, details=details, delivery=delivery, payment=payment,
                            placement_key=placement_key, expected_total=expected_total)
    except OrderNotPlaced:
        payment_void(payment=payment)
        raise


@transaction.atomic
def _order_write(*, cart: Cart, customer, details: dict, delivery: DeliveryMethod, payment: Payment,
                 placement_key: str, expected_total: Decimal | None) -> Order:
    Cart.objects.select_for_update().filter(pk=cart.pk).first()
    already_placed = Order.objects.filter(placement_key=placement_key).first()
    if already_placed is not None:
        return already_placed
    # Locked, so the sweeper of abandoned authorisations cannot void it while it becomes this order.
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if payment.order_id is not None or payment.status not in PAYMENTS_THAT_PLACE_ORDERS:
        raise OrderNotPlaced([Problem(
            _("The hold on your card was released, so no money has been taken. Please enter your card again."),
            reverse("orders:payment"))], step="payment")
    if payment.status == Payment.Status.CASH_ON_DELIVERY and (too_many := _cash_orders_waiting(details)):
        raise too_many

    summary = cart_summary(cart=cart, delivery_method=delivery)
    if summary.is_empty:
        raise OrderNotPlaced([Problem(_("Your cart is empty, so there is nothing to order."), reverse("shop:cart"))])
    quantities = {view.line.variant_id: view.line.quantity for view in summary.lines}
    variants = ProductVariant.objects.select_for_update().filter(pk__in=quantities).order_by("pk")
    coupon_note = ""
    if summary.coupon is not None:  # locked too, so two orders cannot both take a code's last use
        coupon = Coupon.objects.select_for_update().get(pk=summary.coupon.pk)
        coupon_note = coupon_problem(coupon, subtotal=summary.subtotal)
    if not_placed := _problems(summary, payment, variants=variants.select_related("product"), coupon_note=coupon_note):
        raise not_placed
    if total_changed := _total_changed(expected_total, summary):
        raise total_changed

    estimate = delivery_estimate(dispatch_days=max(view.line.variant.product.dispatch_days for view in summary.lines),
                                 working_days=delivery.working_days)
    # delivery.name is kept as the customer read it, in the checkout's language; pages show the method's name in
    # their own language (Order.delivery_method_name).
    order = Order.objects.create(
        placement_key=placement_key, customer=customer if customer and customer.is_authenticated else None,
        language=translation.get_language() or settings.LANGUAGE_CODE,  # the page's: a guest's messages are in it
        **{field: details.get(field, "") for field in ORDER_ADDRESS_FIELDS},
        delivery_method=delivery.code, delivery_name=delivery.name, dispatch_on=estimate.dispatch_on,
        delivered_from=estimate.delivered_from, delivered_by=estimate.delivered_by,
        payment_method=payment.method, currency=payment.currency, subtotal=summary.subtotal,
        coupon_code=summary.coupon.code if summary.coupon else "", discount=summary.discount,
        delivery_cost=summary.delivery, total=summary.total)
    OrderLine.objects.bulk_create([
        OrderLine(order=order, variant=view.line.variant, product_name=view.line.variant.product.name,
                  size=view.line.variant.size, sku=view.line.variant.sku, unit_price=view.unit_price,
                  quantity=view.line.quantity)
        for view in summary.lines])
    for variant_id, quantity in quantities.items():
        ProductVariant.objects.filter(pk=variant_id).update(stock=F("stock") - quantity)
    transaction.on_commit(catalogue_changed)  # listings' "in stock" filters are cached; update() sends no signal
    if summary.coupon is not None:
        Coupon.objects.filter(pk=summary.coupon.pk).update(times_used=F("times_used") + 1)
    Payment.objects.filter(pk=payment.pk).update(order=order)
    OrderEvent.objects.create(order=order, stage=Order.Status.PLACED)
    cart.lines.all().delete()
    Cart.objects.filter(pk=cart.pk).update(coupon=None)

    order_notify(order, event="order_placed")
    return order


def _cash_orders_waiting(details: dict) -> OrderNotPlaced | None:
    """Cash-on-delivery orders hold stock before anyone pays, so one person may have only a few waiting at once."""
    limit = settings.SHOP["cod_orders_per_day"]
    waiting = Order.objects.filter(
        Q(email__iexact=details.get("email", "")) | Q(phone=details.get("phone", "")),
        payment_method=Order.PaymentMethod.CASH_ON_DELIVERY, status=Order.Status.PLACED,
        created_at__gte=timezone.now() - timedelta(days=1)).count()
    if waiting < limit:
        return None
    return OrderNotPlaced([Problem(ngettext(
        "You already have %(count)d order waiting to be paid on delivery. Please pay for this one by card, "
        "or place it once we have confirmed it: we e-mail you when we do.",
        "You already have %(count)d orders waiting to be paid on delivery. Please pay for this one by card, "
        "or place it once we have confirmed those: we e-mail you when we do.", waiting) % {"count": waiting},
        reverse("orders:payment"))], step="payment")


def order_check(*, summary: CartSummary, payment: Payment,
                expected_total: Decimal | None = None) -> OrderNotPlaced | None:
    """What would stop this order now: for the review page to show before the customer clicks, and to say
    before the customer is sent to confirm the payment with their bank."""
    return (_problems(summary, payment, variants=[view.line.variant for view in summary.lines],
                      coupon_note=summary.coupon_note)
            or _total_changed(expected_total, summary))


def _total_changed(expected_total: Decimal | None, summary: CartSummary) -> OrderNotPlaced | None:
    if expected_total is None or expected_total == summary.total:
        return None
    return OrderNotPlaced([Problem(
        _("The total has changed from %(before)s to %(now)s since this page was opened, because a price changed. "
          "Check the order below and place it again.") % {"before": format_money(expected_total),
                                                          "now": format_money(summary.total)})])


def _problems(summary: CartSummary, payment: Payment, *, variants, coupon_note: str) -> OrderNotPlaced | None:
    quantities = {view.line.variant_id: view.line.quantity for view in summary.lines}
    problems = [problem for variant in variants if (problem := _stock_problem(variant, quantities[variant.pk]))]
    if coupon_note:
        # Translators: %(problem)s is what is wrong with the discount code, a sentence of its own.
        problems.append(Problem(_("%(problem)s Remove it from your cart to order without it.") % {
            "problem": coupon_note}, reverse("shop:cart")))
    if problems:
        return OrderNotPlaced(problems)
    if payment.status in CARD_PAYMENTS_FOR_AN_AMOUNT and payment.amount != summary.total:
        return OrderNotPlaced([Problem(
            _("Your cart has changed since you entered your card: the total is now %(total)s. "
              "Please confirm your payment again.") % {"total": format_money(summary.total)},
            reverse("orders:payment"))], step="payment")
    return None


PAYMENTS_THAT_PLACE_ORDERS = {Payment.Status.AUTHORISED, Payment.Status.CASH_ON_DELIVERY}
# A card authorised, or waiting for the bank's confirmation, for one amount: a changed cart needs it again.
CARD_PAYMENTS_FOR_AN_AMOUNT = {Payment.Status.AUTHORISED, Payment.Status.NEEDS_CONFIRMATION}
ORDER_ADDRESS_FIELDS = ["email", "phone", "full_name", "line1", "line2", "city", "region", "postcode", "country"]


def _stock_problem(variant: ProductVariant, wanted: int) -> Problem | None:
    limit = settings.SHOP["max_quantity_per_item"]
    if variant.stock >= wanted and wanted <= limit:
        return None
    name = product_and_size(variant.product.name, variant.size)
    if variant.stock >= wanted:  # a cart filled before the limit, or by hand: one order may not hold the shelf
        text = ngettext("One order can hold up to %(limit)d of %(name)s, and your cart has %(wanted)d. Lower the "
                        "quantity to order.",
                        "One order can hold up to %(limit)d of %(name)s, and your cart has %(wanted)d. Lower the "
                        "quantity to order.", limit) % {"limit": limit, "name": name, "wanted": wanted}
    elif variant.stock == 0:
        text = _("%(name)s sold out while you were checking out. Remove it from your cart to order the rest.") % {
            "name": name}
    else:
        text = ngettext("Only %(count)d of %(name)s left now, and your cart has %(wanted)d. Lower the quantity in "
                        "your cart to order.",
                        "Only %(count)d of %(name)s left now, and your cart has %(wanted)d. Lower the quantity in "
                        "your cart to order.", variant.stock) % {"count": variant.stock, "name": name, "wanted": wanted}
    return Problem(text, reverse("shop:cart"))


def product_and_size(product_name: str, size: str) -> str:
    """"Linen shirt (size M)", or the name alone for a product in one size."""
    # Translators: a product's name and the size chosen, as in "Linen shirt (size M)".
    return _("%(product)s (size %(size)s)") % {"product": product_name, "size": size} if size else product_name


# --- Stages: from placed to the customer's door --------------------------------------------------------

Stage = Order.Status

# Where each stage may go next. The first is the usual next step ("advance"); the rest are exceptions.
MOVES = {
    Stage.PLACED: [Stage.CONFIRMED, Stage.CANCELLED],
    Stage.CONFIRMED: [Stage.PACKED, Stage.CANCELLED],
    Stage.PACKED: [Stage.SHIPPED, Stage.CANCELLED],
    Stage.SHIPPED: [Stage.OUT_FOR_DELIVERY, Stage.DELAYED, Stage.DELIVERED],
    Stage.OUT_FOR_DELIVERY: [Stage.DELIVERED, Stage.DELAYED, Stage.DELIVERY_FAILED],
    Stage.DELAYED: [Stage.OUT_FOR_DELIVERY, Stage.DELIVERED, Stage.DELIVERY_FAILED],
    Stage.DELIVERY_FAILED: [Stage.OUT_FOR_DELIVERY, Stage.CANCELLED],
    Stage.DELIVERED: [],
    Stage.CANCELLED: [],
}
# Stages an order passes through before it is parcelled up; from packing on, its parcels move.
ORDER_STAGES = {Stage.PLACED, Stage.CONFIRMED}
# A parcel in an exception shows on the order before parcels that are moving normally.
SHOWN_FIRST = [Stage.DELIVERY_FAILED, Stage.DELAYED, Stage.PACKED, Stage.SHIPPED, Stage.OUT_FOR_DELIVERY,
               Stage.DELIVERED, Stage.CANCELLED]


class StageError(Exception):
    """A move the rules do not allow; the message says why, for staff."""


def order_move(*, order: Order, to: str, by=None, note: str = "", note_values: dict | None = None) -> Order:
    """Confirm, pack (making the parcel) or cancel a whole order. `note_values`: for one of the shop's own
    notes (orders/notes.py `shop_note`), written in each reader's language."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if order.status not in ORDER_STAGES and to != Stage.CANCELLED:
            raise StageError(f"Order {order.number} is already in its parcels; move the parcels instead.")
        _check_move(order.status, to, what=f"Order {order.number}")
        if to == Stage.CANCELLED:
            return _order_cancel(order, by=by, note=note, note_values=note_values)
        if to == Stage.PACKED:
            shipment = Shipment.objects.create(order=order, status=Stage.PACKED, expected_by=order.delivered_by)
            shipment.lines.set(order.lines.all())
            return shipment_add(shipment=shipment, by=by, note=note).order
        order.status = to
        order.save(update_fields=["status"])
        OrderEvent.objects.create(order=order, stage=to, by=by, note=note, note_values=note_values or {})
        order_notify(order, event=to)
    return order


def shipment_move(*, shipment: Shipment, to: str, by=None, note: str = "", carrier: str = "",
                  tracking_number: str = "", expected_by=None, _new: bool = False) -> Shipment:
    """Move one parcel to its next stage; the order's own stage follows its parcels."""
    with transaction.atomic():
        shipment = Shipment.objects.select_for_update().select_related("order").get(pk=shipment.pk)
        if not _new:
            _check_move(shipment.status, to, what=f"Parcel {shipment.pk} of order {shipment.order.number}")
        if to == Stage.SHIPPED:
            shipment.carrier = carrier or shipment.carrier
            shipment.tracking_number = tracking_number or shipment.tracking_number
            if not (shipment.carrier and shipment.tracking_number):
                raise StageError(f"Enter the carrier and tracking number of parcel {shipment.pk} "
                                 f"(order {shipment.order.number}) before marking it shipped.")
        if expected_by is not None:
            shipment.expected_by = expected_by
        shipment.status = to
        shipment.stage_changed_at = timezone.now()
        shipment.save()
        OrderEvent.objects.create(order=shipment.order, shipment=shipment, stage=to, by=by, note=note)
        _order_follow_shipments(shipment.order)
        order_notify(shipment.order, event=to, shipment=shipment)
    return shipment


def shipment_add(*, shipment: Shipment, by=None, note: str = "") -> Shipment:
    """A parcel just made (by packing, or by staff splitting an order): on the timeline, and the customer told."""
    return shipment_move(shipment=shipment, to=Stage.PACKED, by=by, note=note, _new=True)


def order_advance(*, order: Order, by=None) -> Order:
    """The usual next step for the order, or for each of its parcels still on their way (admin's bulk action)."""
    order = Order.objects.get(pk=order.pk)  # as it is now, not as the caller last saw it
    if order.status in ORDER_STAGES:
        return order_move(order=order, to=MOVES[order.status][0], by=by)
    moving = [shipment for shipment in order.shipments.all() if MOVES[shipment.status]]
    if not moving:
        raise StageError(f"Order {order.number} is {order.get_status_display().lower()}: it has no next stage.")
    for shipment in moving:
        shipment_move(shipment=shipment, to=MOVES[shipment.status][0], by=by)
    order.refresh_from_db()
    return order


def _check_move(current: str, to: str, *, what: str) -> None:
    if to not in MOVES[current]:
        allowed = " or ".join(Stage(stage).label.lower() for stage in MOVES[current]) or "nothing: it is final"
        raise StageError(f"{what} is {Stage(current).label.lower()}; it can go to {allowed}, "
                         f"not {Stage(to).label.lower()}.")


def _order_follow_shipments(order: Order) -> None:
    stages = set(order.shipments.values_list("status", flat=True))
    shown = next(stage for stage in SHOWN_FIRST if stage in stages)
    if {Stage.DELIVERED, Stage.CANCELLED} >= stages and Stage.DELIVERED in stages:
        shown = Stage.DELIVERED  # everything that was sent has arrived
    Order.objects.filter(pk=order.pk).update(status=shown)
    order.status = shown


def _order_cancel(order: Order, *, by, note: str, note_values: dict | None) -> Order:
    """Cancel before dispatch (or after a failed delivery came back): the stock goes back on sale."""
    for line in order.lines.exclude(variant=None):  # lines cancelled earlier already went back
        still_ordered = line.quantity - line.cancelled_quantity
        ProductVariant.objects.filter(pk=line.variant_id).update(stock=F("stock") + still_ordered)
    transaction.on_commit(catalogue_changed)
    order.shipments.exclude(status=Stage.DELIVERED).update(status=Stage.CANCELLED, stage_changed_at=timezone.now())
    order.status = Stage.CANCELLED
    order.save(update_fields=["status"])
    OrderEvent.objects.create(order=order, stage=Stage.CANCELLED, by=by, note=note, note_values=note_values or {})
    order_notify(order, event=Stage.CANCELLED)
    return order


def orders_cancel_unconfirmed(*, now=None) -> int:
    """Cancel cash-on-delivery orders staff have not confirmed within SHOP_UNCONFIRMED_COD_HOURS.

    Nobody has paid for them, yet they hold stock other customers could buy. Each is cancelled the way staff
    would cancel it (order_move): the customer is e-mailed and the stock goes back on sale. The order is
    locked and looked at again first, so one confirmed by staff meanwhile is left alone, and a second run
    finds nothing left to do.
    """
    cutoff = (now or timezone.now()) - timedelta(hours=settings.SHOP["unconfirmed_cod_hours"])
    unconfirmed = dict(payment_method=Order.PaymentMethod.CASH_ON_DELIVERY, status=Stage.PLACED, created_at__lt=cutoff)
    cancelled = 0
    for order in Order.objects.filter(**unconfirmed):
        with transaction.atomic():
            order = Order.objects.select_for_update().filter(pk=order.pk, **unconfirmed).first()
            if order is None:
                continue  # confirmed or cancelled meanwhile
            order_move(order=order, to=Stage.CANCELLED,
                       **shop_note("cod_not_confirmed", count=settings.SHOP["unconfirmed_cod_hours"]))
        cancelled += 1
    return cancelled


def shipments_alert_late(*, now=None) -> int:
    """Parcels in a stage for longer than STAGE_EXPECTED_HOURS: tell the customer (with an apology and a
    new estimate) and staff, once per parcel and stage, before the customer has to ask (practice S09)."""
    now = now or timezone.now()
    alerted = 0
    for stage, hours in settings.STAGE_EXPECTED_HOURS.items():
        late = (Shipment.objects.filter(status=stage, stage_changed_at__lt=now - timedelta(hours=hours))
                .exclude(late_alert_for=stage))
        for shipment in late:
            with transaction.atomic():
                shipment = Shipment.objects.select_for_update().get(pk=shipment.pk)
                if shipment.late_alert_for == stage or shipment.status != stage:
                    continue  # another run got here first, or it moved on meanwhile
                new_estimate = add_working_days(timezone.localdate(now), settings.SHOP["delivery_working_days"][1])
                shipment.expected_by = max(filter(None, [shipment.expected_by, new_estimate]))
                shipment.late_alert_for = stage
                shipment.save(update_fields=["expected_by", "late_alert_for"])
                OrderEvent.objects.create(order=shipment.order, shipment=shipment, stage=stage,
                                          **shop_note("late", date=shipment.expected_by))
                order_notify(shipment.order, event=f"late:{stage}", shipment=shipment)
            alerted += 1
    return alerted

