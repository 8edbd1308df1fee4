"""The cart's rules: what may be added, how much, which coupon applies, and what everything costs.

Views call these functions and show their messages; no view changes a cart line itself. Every change
checks the stock of the size concerned, so a cart can never hold more than the shop can send.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from storefront.dates import day_and_month
from storefront.money import format_money

from .delivery import DeliveryMethod, delivery_methods
from .models import Cart, CartLine, Coupon, ProductVariant

PENNY = Decimal("0.01")
SESSION_CART_KEY = "cart_id"
MAX_QUANTITY_PER_LINE = 99  # what the quantity box accepts; SHOP["max_quantity_per_item"] is what one order may take
GUEST_CART_DAYS = 30  # a guest's session lasts two weeks; their cart is kept a little longer


class CouponError(Exception):
    """A coupon cannot be used; the message says why, in words for the shopper (in the page's language)."""


@dataclass(frozen=True)
class LineChange:
    """What a cart change did: the quantity now in the cart, and a note when it differs from the wish."""

    variant: ProductVariant
    quantity: int
    note: str = ""


@dataclass
class CartLineView:
    line: CartLine
    unit_price: Decimal
    total: Decimal
    notes: list[str] = field(default_factory=list)


@dataclass
class CartSummary:
    """Everything the cart page, the mini-cart and checkout show, worked out in one place."""

    lines: list[CartLineView]
    item_count: int
    subtotal: Decimal
    discount: Decimal
    coupon: Coupon | None
    coupon_note: str
    delivery: Decimal
    total: Decimal
    free_delivery_threshold: Decimal
    to_free_delivery: Decimal  # 0 once delivery is free

    @property
    def is_empty(self) -> bool:
        return not self.lines


# --- Finding the cart --------------------------------------------------------------------------------


def cart_for_request(request, *, create: bool = False) -> Cart | None:
    """The shopper's cart: the account's when signed in, else the one the session points at.

    Reading never creates a cart (a page view writes nothing); adding to the cart creates one.
    """
    carts = Cart.objects.select_related("coupon")
    if request.user.is_authenticated:
        if create:
            return carts.get_or_create(customer=request.user)[0]
        return carts.filter(customer=request.user).first()
    cart_id = request.session.get(SESSION_CART_KEY)
    cart = carts.filter(pk=cart_id, customer=None).first() if cart_id else None
    if cart is None and create:
        cart = Cart.objects.create()
        request.session[SESSION_CART_KEY] = cart.pk
    return cart


def cart_item_count(request) -> int:
    """For the header: one small query, and none at all for a visitor who has never added anything."""
    if not request.user.is_authenticated and SESSION_CART_KEY not in request.session:
        return 0
    lines = CartLine.objects.filter(cart__customer=request.user) if request.user.is_authenticated else \
        CartLine.objects.filter(cart_id=request.session[SESSION_CART_KEY], cart__customer=None)
    return sum(lines.values_list("quantity", flat=True))


# --- Changing lines ----------------------------------------------------------------------------------


def _capped(variant: ProductVariant, wanted: int) -> LineChange:
    """Hold a wished-for quantity to what is in stock and to the most one order may take, saying which."""
    limit = settings.SHOP["max_quantity_per_item"]
    available = min(variant.stock, limit)
    if wanted <= available:
        return LineChange(variant, wanted)
    if available == 0:
        return LineChange(variant, 0, gettext("Sorry, this is now sold out."))
    if available == limit:
        return LineChange(variant, limit, ngettext(
            "One order can hold up to %(limit)s of each item, so your cart holds %(limit)s.",
            "One order can hold up to %(limit)s of each item, so your cart holds %(limit)s.", limit) % {"limit": limit})
    return LineChange(variant, available, ngettext(
        "Only %(count)s in stock, so your cart holds %(count)s.",
        "Only %(count)s in stock, so your cart holds %(count)s.", available) % {"count": available})


@transaction.atomic
def cart_add_item(*, cart: Cart, variant: ProductVariant, quantity: int) -> LineChange:
    """Add to what the cart already holds of this size, up to the stock."""
    if quantity < 1:
        raise ValueError("quantity must be at least 1")
    line = CartLine.objects.select_for_update().filter(cart=cart, variant=variant).first()
    change = _capped(variant, (line.quantity if line else 0) + quantity)
    if change.quantity == 0:
        if line:
            line.delete()
    elif line:
        line.quantity = change.quantity
        line.save(update_fields=["quantity"])
    else:
        CartLine.objects.create(cart=cart, variant=variant, quantity=change.quantity,
                                price_when_added=variant.product.current_price)
    _touch(cart)
    return change


@transaction.atomic
def cart_set_quantity(*, cart: Cart, variant: ProductVariant, quantity: int) -> LineChange:
    """Set a line to a quantity; zero removes it. A line not in the cart is left alone."""
    line = CartLine.objects.select_for_update().filter(cart=cart, variant=variant).first()
    if line is None:
        return LineChange(variant, 0)
    change = _capped(variant, max(quantity, 0))
    if change.quantity == 0:
        line.delete()
    else:
        line.quantity = change.quantity
        line.price_when_added = variant.product.current_price  # the shopper has now seen today's price
        line.save(update_fields=["quantity", "price_when_added"])
    _touch(cart)
    return change


def cart_remove_line(*, cart: Cart, variant: ProductVariant) -> int:
    """Remove a size from the cart; returns the quantity it held, so the shopper can undo."""
    line = CartLine.objects.filter(cart=cart, variant=variant).first()
    if line is None:
        return 0
    line.delete()
    _touch(cart)
    return line.quantity


@transaction.atomic
def cart_merge(*, guest_cart: Cart, customer_cart: Cart) -> list[LineChange]:
    """At sign-in, move a guest's lines into the account's cart: quantities add up, stock still rules.

    Nothing is silently dropped: every line whose quantity had to change comes back with a note.
    """
    notes = []
    for line in guest_cart.lines.select_related("variant__product"):
        change = cart_add_item(cart=customer_cart, variant=line.variant, quantity=line.quantity)
        if change.note:
            notes.append(change)
    if customer_cart.coupon_id is None and guest_cart.coupon_id is not None:
        customer_cart.coupon_id = guest_cart.coupon_id
        customer_cart.save(update_fields=["coupon", "updated_at"])
    guest_cart.delete()
    return notes


def carts_delete_abandoned() -> int:
    """Delete guests' carts untouched for GUEST_CART_DAYS; customers' carts stay with their account."""
    cutoff = timezone.now() - timedelta(days=GUEST_CART_DAYS)
    deleted, _ = Cart.objects.filter(customer=None, updated_at__lt=cutoff).delete()
    return deleted


def _touch(cart: Cart) -> None:
    Cart.objects.filter(pk=cart.pk).update(updated_at=timezone.now())


# --- Coupons -----------------------------------------------------------------------------------------


def coupon_problem(coupon: Coupon, *, subtotal: Decimal) -> str:
    """Why this coupon cannot be used on a cart of this subtotal now, or "" when it can."""
    now = timezone.now()
    if not coupon.is_active or (coupon.valid_until and coupon.valid_until < now):
        return gettext("The code %(code)s has expired.") % {"code": coupon.code}
    if coupon.valid_from > now:
        return gettext("The code %(code)s starts on %(day)s.") % {"code": coupon.code,
                                                                 "day": day_and_month(coupon.valid_from)}
    if coupon.usage_limit is not None and coupon.times_used >= coupon.usage_limit:
        return gettext("The code %(code)s has been used up.") % {"code": coupon.code}
    if subtotal < coupon.minimum_spend:
        return gettext("The code %(code)s needs a spend of %(minimum)s; add %(missing)s more to use it.") % {
            "code": coupon.code, "minimum": format_money(coupon.minimum_spend),
            "missing": format_money(coupon.minimum_spend - subtotal)}
    return ""


def cart_apply_coupon(*, cart: Cart, code: str) -> Coupon:
    """Attach a coupon to the cart, or raise CouponError saying why it cannot be used."""
    code = code.strip().upper()
    if not code:
        raise CouponError(gettext("Type the code from your voucher or e-mail."))
    coupon = Coupon.objects.filter(code=code).first()
    if coupon is None:
        raise CouponError(gettext("We don't recognise the code %(code)s. Check for typing mistakes.") % {"code": code})
    problem = coupon_problem(coupon, subtotal=cart_summary(cart=cart).subtotal)
    if problem:
        raise CouponError(problem)
    cart.coupon = coupon
    cart.save(update_fields=["coupon", "updated_at"])
    return coupon


def cart_remove_coupon(*, cart: Cart) -> None:
    cart.coupon = None
    cart.save(update_fields=["coupon", "updated_at"])


def coupon_discount(coupon: Coupon, *, subtotal: Decimal) -> Decimal:
    if coupon.kind == Coupon.PERCENT:
        return (subtotal * coupon.value / 100).quantize(PENNY, rounding=ROUND_HALF_UP)
    return min(coupon.value, subtotal)


# --- Totals ------------------------------------------------------------------------------------------


def cart_summary(*, cart: Cart | None, delivery_method: DeliveryMethod | None = None) -> CartSummary:
    """Lines with their notes, subtotal, discount, delivery and total, in two queries however long the cart.

    Delivery is priced by the method chosen at checkout; before that, by standard delivery.
    """
    lines = []
    if cart is not None:
        rows = (CartLine.objects.filter(cart=cart).select_related("variant__product")
                .annotate(stock=F("variant__stock")))
        for line in rows:
            unit_price = line.variant.product.current_price
            notes = []
            limit = settings.SHOP["max_quantity_per_item"]
            if line.stock == 0:
                notes.append(gettext("Sold out since you added it: remove it to check out."))
            elif line.quantity > line.stock:
                notes.append(ngettext("Only %(count)s left now: change the quantity to check out.",
                                      "Only %(count)s left now: change the quantity to check out.",
                                      line.stock) % {"count": line.stock})
            elif line.quantity > limit:
                notes.append(ngettext(
                    "One order can hold up to %(limit)s of each item: change the quantity to check out.",
                    "One order can hold up to %(limit)s of each item: change the quantity to check out.",
                    limit) % {"limit": limit})
            if unit_price != line.price_when_added:
                prices = {"was": format_money(line.price_when_added), "now": format_money(unit_price)}
                notes.append(gettext("The price has dropped from %(was)s to %(now)s since you added it.") % prices
                             if unit_price < line.price_when_added else
                             gettext("The price has gone up from %(was)s to %(now)s since you added it.") % prices)
            lines.append(CartLineView(line=line, unit_price=unit_price, total=unit_price * line.quantity,
                                      notes=notes))
    subtotal = sum((view.total for view in lines), Decimal("0.00"))

    coupon = cart.coupon if cart is not None and cart.coupon_id else None
    coupon_note, discount = "", Decimal("0.00")
    if coupon is not None:
        coupon_note = coupon_problem(coupon, subtotal=subtotal)
        discount = Decimal("0.00") if coupon_note else coupon_discount(coupon, subtotal=subtotal)

    threshold = Decimal(settings.SHOP["free_delivery_over"])
    after_discount = subtotal - discount
    method = delivery_method or delivery_methods()[0]
    delivery = method.cost_for(after_discount) if lines else Decimal("0.00")
    free = after_discount >= threshold
    return CartSummary(
        lines=lines, item_count=sum(view.line.quantity for view in lines), subtotal=subtotal, discount=discount,
        coupon=coupon, coupon_note=coupon_note, delivery=delivery, total=after_discount + delivery,
        free_delivery_threshold=threshold,
        to_free_delivery=Decimal("0.00") if free else threshold - after_discount,
    )
