"""Orders as placed, the payments behind them, and the messages sent about them.

An order copies everything it was placed with (names, prices, the address) rather than pointing at
the product or the saved address, so what the customer bought never changes when the catalogue does.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from shop.delivery import delivery_method
from storefront.references import spoken_reference

from .countries import address_lines
from .notes import NOTES, note_in_words

# The carriers the shop hands parcels to, with where a customer follows a parcel by its number.
CARRIERS = {
    "Royal Mail": "https://www.royalmail.com/track-your-item#/tracking-results/{number}",
    "DPD": "https://track.dpd.co.uk/parcels/{number}",
    "Evri": "https://www.evri.com/track/parcel/{number}",
    "DHL": "https://www.dhl.com/gb-en/home/tracking.html?tracking-id={number}",
}

def new_order_number() -> str:
    return spoken_reference("FG-")


def new_return_number() -> str:
    return spoken_reference("RA-")


class Order(models.Model):
    class Status(models.TextChoices):
        # Translators: the stages of an order and of a parcel, shown as a status ("Status: Shipped"), as a
        # step of the tracking page's progress, and on the order's timeline.
        PLACED = "placed", pgettext_lazy("order status", "Placed")
        CONFIRMED = "confirmed", pgettext_lazy("order status", "Confirmed")
        PACKED = "packed", pgettext_lazy("order status", "Packed")
        SHIPPED = "shipped", pgettext_lazy("order status", "Shipped")
        OUT_FOR_DELIVERY = "out_for_delivery", pgettext_lazy("order status", "Out for delivery")
        DELIVERED = "delivered", pgettext_lazy("order status", "Delivered")
        DELAYED = "delayed", pgettext_lazy("order status", "Delayed")
        DELIVERY_FAILED = "delivery_failed", pgettext_lazy("order status", "Delivery failed")
        CANCELLED = "cancelled", pgettext_lazy("order status", "Cancelled")

    class PaymentMethod(models.TextChoices):
        # Translators: a way to pay, offered at checkout.
        CARD = "card", pgettext_lazy("way to pay", "Card")
        CASH_ON_DELIVERY = "cod", _("Cash on delivery")

    number = models.CharField(max_length=12, unique=True, default=new_order_number, editable=False)
    # Set by the checkout page, so a double click or a resubmitted form finds the order already placed.
    placement_key = models.UUIDField(unique=True, editable=False)
    customer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, related_name="orders",
                                 on_delete=models.SET_NULL)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLACED, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # The language of the page it was placed on: a guest's messages are written in it (orders/notifications.py).
    language = models.CharField(max_length=16, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)

    # Contact and delivery address, as typed at checkout.
    email = models.EmailField("e-mail address")
    phone = models.CharField("phone number", max_length=32)
    full_name = models.CharField(max_length=100)
    line1 = models.CharField("address line 1", max_length=100)
    line2 = models.CharField("address line 2", max_length=100, blank=True)
    city = models.CharField("town or city", max_length=60)
    region = models.CharField(max_length=60, blank=True)
    postcode = models.CharField(max_length=16, blank=True)
    country = models.CharField(max_length=2)

    delivery_method = models.CharField(max_length=20)
    delivery_name = models.CharField(max_length=60)
    dispatch_on = models.DateField()
    delivered_from = models.DateField()
    delivered_by = models.DateField()

    payment_method = models.CharField(max_length=4, choices=PaymentMethod.choices)
    currency = models.CharField(max_length=3)
    subtotal = models.DecimalField(max_digits=10, decimal_places=2)
    coupon_code = models.CharField(max_length=32, blank=True)
    discount = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal("0.00"))
    delivery_cost = models.DecimalField(max_digits=10, decimal_places=2)
    total = models.DecimalField(max_digits=10, decimal_places=2)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("accounts:order", args=[self.number])

    @property
    def address_lines(self) -> list[str]:
        return address_lines(self)

    @property
    def delivery_method_name(self) -> str:
        """The delivery method's name in the page's language; the name it was placed with when the shop no
        longer offers the method (delivery_name keeps it as it was when the order was placed)."""
        method = delivery_method(self.delivery_method)
        return method.name if method else self.delivery_name


class Shipment(models.Model):
    """One parcel. Most orders travel as one; staff can split an order into several."""

    order = models.ForeignKey(Order, related_name="shipments", on_delete=models.CASCADE)
    lines = models.ManyToManyField("OrderLine", related_name="shipments", blank=True)
    status = models.CharField(max_length=20, choices=Order.Status.choices, default=Order.Status.PACKED)
    carrier = models.CharField(max_length=40, blank=True, choices=[(name, name) for name in CARRIERS])
    tracking_number = models.CharField(max_length=40, blank=True)
    expected_by = models.DateField(null=True, blank=True, help_text="The delivery date the customer was last told.")
    stage_changed_at = models.DateTimeField(default=timezone.now)
    # The stage for which the customer and staff were told it is taking too long: told once per stage.
    late_alert_for = models.CharField(max_length=20, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Parcel {self.pk} of {self.order}"

    @property
    def tracking_url(self) -> str:
        template = CARRIERS.get(self.carrier, "")
        return template.format(number=self.tracking_number) if template and self.tracking_number else ""


class ReturnRequest(models.Model):
    """Items going back (practices S03, S13): a return, or a withdrawal from the contract (EU Directive
    2023/2673, Art. 11a), each with an authorisation number the customer writes on the parcel."""

    class Kind(models.TextChoices):
        # Translators: what a return request is, shown before its number ("Return RA-7KX2MQ").
        RETURN = "return", pgettext_lazy("kind of return request", "Return")
        WITHDRAWAL = "withdrawal", _("Withdrawal from the contract")

    class Stage(models.TextChoices):
        # Translators: the stages of a return, shown as its status and on the order's timeline.
        REQUESTED = "return_requested", _("Return requested")
        APPROVED = "return_approved", _("Return approved")
        RECEIVED = "return_received", _("Return received")
        REFUNDED = "refunded", pgettext_lazy("return status", "Refunded")
        REJECTED = "return_rejected", _("Return rejected")

    class Outcome(models.TextChoices):
        # Translators: what the customer would like for a return, in their own words ("I would like: …").
        REFUND = "refund", _("Refund my money")
        EXCHANGE = "exchange", _("Exchange for another size or colour")

    class Reason(models.TextChoices):
        # Translators: why an item is sent back, chosen by the customer ("Why are you sending it back?").
        TOO_SMALL = "too_small", _("Too small")
        TOO_BIG = "too_big", _("Too big")
        NOT_AS_DESCRIBED = "not_as_described", _("Not as described or pictured")
        FAULTY = "faulty", _("Faulty or damaged")
        WRONG_ITEM = "wrong_item", _("Not what I ordered")
        ARRIVED_LATE = "arrived_late", _("Arrived too late")
        CHANGED_MIND = "changed_mind", _("Changed my mind")
        OTHER = "other", _("Another reason")

    order = models.ForeignKey(Order, related_name="returns", on_delete=models.CASCADE)
    number = models.CharField("authorisation number", max_length=12, unique=True, editable=False,
                              default=new_return_number)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.RETURN)
    status = models.CharField(max_length=20, choices=Stage.choices, default=Stage.REQUESTED, db_index=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.REFUND)
    reason = models.CharField(max_length=20, choices=Reason.choices, blank=True)
    reason_text = models.CharField("in your words", max_length=500, blank=True)
    refund_amount = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal("0.00"))
    rejection_reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    stage_changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.number} ({self.get_kind_display().lower()} of {self.order})"


class ReturnLine(models.Model):
    return_request = models.ForeignKey(ReturnRequest, related_name="lines", on_delete=models.CASCADE)
    order_line = models.ForeignKey("OrderLine", related_name="return_lines", on_delete=models.PROTECT)
    quantity = models.PositiveIntegerField()

    def __str__(self):
        return f"{self.quantity} × {self.order_line.product_name}"


# Every stage an order's timeline can show: its own and its parcels', and those of its returns.
TIMELINE_STAGES = [*Order.Status.choices, *ReturnRequest.Stage.choices]


class OrderEvent(models.Model):
    """A line on the order's timeline: what happened, when, and who did it."""

    order = models.ForeignKey(Order, related_name="events", on_delete=models.CASCADE)
    shipment = models.ForeignKey(Shipment, null=True, blank=True, related_name="events", on_delete=models.CASCADE)
    return_request = models.ForeignKey(ReturnRequest, null=True, blank=True, related_name="events",
                                       on_delete=models.CASCADE)
    stage = models.CharField(max_length=20, choices=TIMELINE_STAGES)
    note = models.CharField(max_length=300, blank=True)  # in English: the back office's record
    # For the shop's own notes with values: the message's name and its values (orders/notes.py).
    note_values = models.JSONField(default=dict, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.order} {self.get_stage_display()} at {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def shown_note(self) -> str:
        """The note in the reader's language: the shop's own written from its values, a fixed one translated
        (it is its own msgid), and staff's free text (or an old row's) as it was typed."""
        if self.note_values.get("message") in NOTES:
            return note_in_words(self.note_values)
        return gettext(self.note) if self.note else ""


class OrderLine(models.Model):
    order = models.ForeignKey(Order, related_name="lines", on_delete=models.CASCADE)
    variant = models.ForeignKey("shop.ProductVariant", null=True, related_name="order_lines",
                                on_delete=models.SET_NULL)
    product_name = models.CharField(max_length=200)
    size = models.CharField(max_length=40, blank=True)
    sku = models.CharField("SKU", max_length=40)
    unit_price = models.DecimalField(max_digits=10, decimal_places=2)
    quantity = models.PositiveIntegerField()
    cancelled_quantity = models.PositiveIntegerField(default=0, help_text="Cancelled before dispatch.")

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.quantity} × {self.product_name}" + (f" ({self.size})" if self.size else "")

    @property
    def total(self) -> Decimal:
        return self.unit_price * self.quantity


class Payment(models.Model):
    """One attempt to pay: made at the payment step, attached to the order when it is placed."""

    class Status(models.TextChoices):
        AUTHORISED = "authorised", "Authorised"
        NEEDS_CONFIRMATION = "needs_confirmation", "Waiting for the bank's confirmation (3-D Secure)"
        DECLINED = "declined", "Declined"
        VOIDED = "voided", "Voided: the authorisation was released without an order"
        CASH_ON_DELIVERY = "cod", "To be paid on delivery"

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    order = models.ForeignKey(Order, null=True, blank=True, related_name="payments", on_delete=models.PROTECT)
    method = models.CharField(max_length=4, choices=Order.PaymentMethod.choices)
    status = models.CharField(max_length=20, choices=Status.choices)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    currency = models.CharField(max_length=3)
    card_brand = models.CharField(max_length=20, blank=True)
    card_last4 = models.CharField(max_length=4, blank=True)
    provider_reference = models.CharField(max_length=64, blank=True)
    decline_message = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        if self.method == Order.PaymentMethod.CARD:
            # Translators: a card named as receipts name it, "Visa ending 4242". The brand is the card's own name.
            brand = self.card_brand if self.card_brand != "Card" else pgettext("way to pay", "Card")
            return gettext("%(brand)s ending %(last4)s") % {"brand": brand, "last4": self.card_last4}
        return str(self.get_method_display())


class SurveyAnswer(models.Model):
    """How it went, asked a few days after delivery (practice S18): one answer per order."""

    order = models.OneToOneField(Order, related_name="survey_answer", on_delete=models.CASCADE)
    nps = models.PositiveSmallIntegerField("how likely to recommend us (0–10)",
                                           validators=[MinValueValidator(0), MaxValueValidator(10)])
    csat = models.PositiveSmallIntegerField("satisfaction (1–5)", validators=[MinValueValidator(1),
                                                                              MaxValueValidator(5)])
    ces = models.PositiveSmallIntegerField("effort (1–7, lower is easier)",
                                           validators=[MinValueValidator(1), MaxValueValidator(7)])
    comment = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Survey for {self.order}: NPS {self.nps}, CSAT {self.csat}, CES {self.ces}"
