"""Paying and placing orders: the rules checkout follows, whatever page or task calls them.

`order_place` follows the steps of django-oscar's OrderCreator: refuse an empty cart, then in one
transaction lock the cart (so a double click waits and then finds the order already placed), lock
the sizes in id order (so two orders for the same items cannot deadlock), check stock, coupon and
total, write the order and take the stock. The confirmation e-mail is queued only once the
transaction has committed, so a customer is never told about an order that was rolled back.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse

from shop.delivery import DeliveryMethod, delivery_estimate
from shop.models import Cart, Coupon, ProductVariant
from shop.services import CartSummary, cart_summary, coupon_problem
from storefront.money import format_money

from .models import Order, OrderLine, Payment
from .payments import CardDetails, Outcome, ProviderAnswer, payment_provider


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


def payment_take(*, method: str, amount: Decimal, card: CardDetails | None = None) -> Payment:
    """Authorise a card for the amount (or record cash on delivery). A declined card is recorded too."""
    currency = settings.SHOP["currency"]
    if method == Order.PaymentMethod.CASH_ON_DELIVERY:
        return Payment.objects.create(method=method, status=Payment.Status.CASH_ON_DELIVERY, amount=amount,
                                      currency=currency)
    payment = Payment(method=method, amount=amount, currency=currency, card_brand=card.brand, card_last4=card.last4)
    answer = payment_provider().authorise(card=card, amount=amount, currency=currency,
                                          reference=str(payment.reference))
    return _payment_record(payment, answer)


def payment_confirm(*, payment: Payment, customer_confirmed: bool) -> Payment:
    """The customer's answer on the bank's 3-D Secure page."""
    if payment.status != Payment.Status.NEEDS_CONFIRMATION:
        return payment
    answer = payment_provider().confirm(provider_reference=payment.provider_reference,
                                        customer_confirmed=customer_confirmed)
    return _payment_record(payment, answer)


def payment_decline_reason(payment: Payment) -> str:
    return payment.decline_message or "Your bank declined this card. No money has been taken."


def _payment_record(payment: Payment, answer: ProviderAnswer) -> Payment:
    payment.status = {Outcome.APPROVED: Payment.Status.AUTHORISED, Outcome.DECLINED: Payment.Status.DECLINED,
                      Outcome.NEEDS_CONFIRMATION: Payment.Status.NEEDS_CONFIRMATION}[answer.outcome]
    payment.provider_reference = answer.provider_reference
    payment.decline_message = answer.message
    payment.save()
    return payment


# --- Placing the order -------------------------------------------------------------------------------


@transaction.atomic
def order_place(*, cart: Cart, customer, details: dict, delivery: DeliveryMethod, payment: Payment,
                placement_key: str, expected_total: Decimal | None = None) -> Order:
    """Turn the cart into an order, exactly once per placement key, or raise OrderNotPlaced saying why."""
    Cart.objects.select_for_update().filter(pk=cart.pk).first()
    already_placed = Order.objects.filter(placement_key=placement_key).first()
    if already_placed is not None:
        return already_placed

    summary = cart_summary(cart=cart, delivery_method=delivery)
    if summary.is_empty:
        raise OrderNotPlaced([Problem("Your cart is empty, so there is nothing to order.", reverse("shop:cart"))])
    quantities = {view.line.variant_id: view.line.quantity for view in summary.lines}
    variants = ProductVariant.objects.select_for_update().filter(pk__in=quantities).order_by("pk")
    coupon_note = ""
    if summary.coupon is not None:  # locked too, so two orders cannot both take a code's last use
        coupon = Coupon.objects.select_for_update().get(pk=summary.coupon.pk)
        coupon_note = coupon_problem(coupon, subtotal=summary.subtotal)
    if not_placed := _problems(summary, payment, variants=variants.select_related("product"), coupon_note=coupon_note):
        raise not_placed
    if expected_total is not None and expected_total != summary.total:
        raise OrderNotPlaced([Problem(
            f"The total has changed from {format_money(expected_total)} to {format_money(summary.total)} since "
            "this page was opened, because a price changed. Check the order below and place it again.")])

    estimate = delivery_estimate(dispatch_days=max(view.line.variant.product.dispatch_days for view in summary.lines),
                                 working_days=delivery.working_days)
    order = Order.objects.create(
        placement_key=placement_key, customer=customer if customer and customer.is_authenticated else None,
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
    if summary.coupon is not None:
        Coupon.objects.filter(pk=summary.coupon.pk).update(times_used=F("times_used") + 1)
    Payment.objects.filter(pk=payment.pk).update(order=order)
    cart.lines.all().delete()
    Cart.objects.filter(pk=cart.pk).update(coupon=None)

    from .tasks import order_notification_send_task  # tasks import services; import here to avoid a cycle

    transaction.on_commit(lambda: order_notification_send_task.delay(order.pk, "order_placed"))
    return order


def order_check(*, summary: CartSummary, payment: Payment) -> OrderNotPlaced | None:
    """What would stop this order now, for the review page to show before the customer clicks."""
    return _problems(summary, payment, variants=[view.line.variant for view in summary.lines],
                     coupon_note=summary.coupon_note)


def _problems(summary: CartSummary, payment: Payment, *, variants, coupon_note: str) -> OrderNotPlaced | None:
    quantities = {view.line.variant_id: view.line.quantity for view in summary.lines}
    problems = [problem for variant in variants if (problem := _stock_problem(variant, quantities[variant.pk]))]
    if coupon_note:
        problems.append(Problem(f"{coupon_note} Remove it from your cart to order without it.", reverse("shop:cart")))
    if problems:
        return OrderNotPlaced(problems)
    if payment.status == Payment.Status.AUTHORISED and payment.amount != summary.total:
        return OrderNotPlaced([Problem(
            f"Your cart has changed since you entered your card: the total is now {format_money(summary.total)}. "
            "Please confirm your payment again.", reverse("orders:payment"))], step="payment")
    return None


ORDER_ADDRESS_FIELDS = ["email", "phone", "full_name", "line1", "line2", "city", "region", "postcode", "country"]


def _stock_problem(variant: ProductVariant, wanted: int) -> Problem | None:
    if variant.stock >= wanted:
        return None
    name = f"{variant.product.name}" + (f" (size {variant.size})" if variant.size else "")
    if variant.stock == 0:
        text = f"{name} sold out while you were checking out. Remove it from your cart to order the rest."
    else:
        text = (f"Only {variant.stock} of {name} left now, and your cart has {wanted}. "
                "Lower the quantity in your cart to order.")
    return Problem(text, reverse("shop:cart"))
