"""Where the shopper is in checkout, kept in their session so every step can be revisited (practice P19).

Each step's answers are stored once the step is valid; a step left with "Back" keeps what was typed
as a draft, shown again (without error messages) on return. Card numbers are never kept: only the
payment's id, whose record holds the brand and last four digits.
"""

import uuid
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.core import signing
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from shop.delivery import delivery_methods_for

from .models import Order, Payment

SESSION_KEY = "checkout"
PLACED_ORDERS_SESSION_KEY = "placed_orders"  # orders this browser placed or looked up: it may see them
REMEMBERED_ORDERS = 10  # the orders one browser session may follow, newest kept
PLACED_PROOF_SALT = "orders.placed"
PLACED_PROOF_VALID_FOR = timedelta(hours=1)  # long enough to reach the thank-you page, short if the link is shared


@dataclass(frozen=True)
class Step:
    name: str
    title: str
    url_name: str


STEPS = [
    Step("details", pgettext_lazy("checkout step", "Your details"), "orders:details"),
    Step("delivery", pgettext_lazy("checkout step", "Delivery"), "orders:delivery"),
    Step("payment", _("Payment"), "orders:payment"),
    Step("review", _("Review and place order"), "orders:review"),
]


class CheckoutState:
    """A thin wrapper over the session's checkout dictionary."""

    def __init__(self, session):
        self.session = session
        self.data = session.setdefault(SESSION_KEY, {})

    def _save(self):
        self.session.modified = True

    @property
    def details(self) -> dict:
        return self.data.get("details", {})

    @property
    def country(self) -> str:
        return self.details.get("country", "")

    @property
    def delivery_method(self) -> str:
        """The chosen method, if it is still offered for the address's country."""
        code = self.data.get("delivery_method", "")
        return code if code in {method.code for method in delivery_methods_for(self.country)} else ""

    @property
    def payment_id(self) -> int | None:
        return self.data.get("payment_id")

    def draft(self, step: str) -> dict:
        return self.data.get("drafts", {}).get(step, {})

    def save_details(self, details: dict) -> None:
        self.data["details"] = details
        self.data.setdefault("drafts", {}).pop("details", None)
        self._save()

    def save_draft(self, step: str, typed: dict) -> None:
        self.data.setdefault("drafts", {})[step] = typed
        self._save()

    def save_delivery_method(self, code: str) -> None:
        self.data["delivery_method"] = code
        self.data.setdefault("drafts", {}).pop("delivery", None)
        self._save()

    def save_payment(self, payment: Payment | None) -> None:
        self.data["payment_id"] = payment.pk if payment else None
        self._save()

    def save_total_to_place(self, total: Decimal) -> None:
        """The total the review page showed when "Place order" sent the shopper to their bank (3-D Secure):
        the order is placed on the bank's answer, for this total and no other."""
        self.data["total_to_place"] = str(total)
        self._save()

    def total_to_place(self) -> Decimal | None:
        total = self.data.get("total_to_place")
        return Decimal(total) if total is not None else None

    def placement_key(self) -> str:
        """One key per attempt to place an order: every submit of the same review page carries it."""
        if "placement_key" not in self.data:
            self.data["placement_key"] = str(uuid.uuid4())
            self._save()
        return self.data["placement_key"]

    def placement_key_if_any(self) -> str | None:
        return self.data.get("placement_key")

    def payment(self) -> Payment | None:
        if self.payment_id is None:
            return None
        return Payment.objects.filter(pk=self.payment_id, order=None).first()

    def first_incomplete_step(self) -> Step | None:
        """The earliest step still to do, or None when the order is ready to review."""
        payment = self.payment()
        done = {
            "details": bool(self.details),
            "delivery": bool(self.delivery_method),
            # A card the bank wants confirmed is confirmed when the order is placed, not before the review.
            "payment": payment is not None and payment.status in {Payment.Status.AUTHORISED,
                                                                  Payment.Status.NEEDS_CONFIRMATION,
                                                                  Payment.Status.CASH_ON_DELIVERY},
        }
        return next((step for step in STEPS[:3] if not done[step.name]), None)

    def finish(self, order: Order) -> None:
        """The order is placed: forget the checkout, let this browser see the order (thank-you page, tracking)."""
        self.session.pop(SESSION_KEY, None)
        order_remember(self.session, order.number)


def step_named(name: str) -> Step:
    return next(step for step in STEPS if step.name == name)


# --- Who may see which order ---------------------------------------------------------------------------


def orders_visible_to(request) -> QuerySet[Order]:
    """The signed-in customer's orders, and those this browser placed or looked up in this session."""
    allowed = Q(number__in=request.session.get(PLACED_ORDERS_SESSION_KEY, []))
    if request.user.is_authenticated:
        allowed |= Q(customer=request.user)
    return Order.objects.filter(allowed)


def order_remember(session, number: str) -> None:
    """Let this browser see the order (checkout does the same for the thank-you page)."""
    others = [known for known in session.get(PLACED_ORDERS_SESSION_KEY, []) if known != number]
    session[PLACED_ORDERS_SESSION_KEY] = [*others[-(REMEMBERED_ORDERS - 1):], number]


def placed_proof(order: Order) -> str:
    """Signed proof that this browser placed the order, for a thank-you address that must work without the
    session (it could not be saved when the order was placed)."""
    return signing.TimestampSigner(salt=PLACED_PROOF_SALT).sign(order.number)


def order_remember_if_proven(session, number: str, *, proof: str) -> None:
    """Let this browser see the order if `proof` is `placed_proof`'s for it, recent enough."""
    if not proof:
        return
    try:
        proven = signing.TimestampSigner(salt=PLACED_PROOF_SALT).unsign(proof, max_age=PLACED_PROOF_VALID_FOR)
    except signing.BadSignature:
        return
    if proven == number:
        order_remember(session, number)
