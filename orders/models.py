"""Orders as placed, the payments behind them, and the messages sent about them.

An order copies everything it was placed with (names, prices, the address) rather than pointing at
the product or the saved address, so what the customer bought never changes when the catalogue does.
"""

import secrets
import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse

from .countries import address_lines

# No 0/O or 1/I/L: an order number is read out over the phone.
ORDER_NUMBER_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_order_number() -> str:
    return "FG-" + "".join(secrets.choice(ORDER_NUMBER_ALPHABET) for _ in range(6))


class Order(models.Model):
    class Status(models.TextChoices):
        PLACED = "placed", "Placed"
        CONFIRMED = "confirmed", "Confirmed"
        PACKED = "packed", "Packed"
        SHIPPED = "shipped", "Shipped"
        OUT_FOR_DELIVERY = "out_for_delivery", "Out for delivery"
        DELIVERED = "delivered", "Delivered"
        DELAYED = "delayed", "Delayed"
        DELIVERY_FAILED = "delivery_failed", "Delivery failed"
        CANCELLED = "cancelled", "Cancelled"

    class PaymentMethod(models.TextChoices):
        CARD = "card", "Card"
        CASH_ON_DELIVERY = "cod", "Cash on delivery"

    number = models.CharField(max_length=12, unique=True, default=new_order_number, editable=False)
    # Set by the checkout page, so a double click or a resubmitted form finds the order already placed.
    placement_key = models.UUIDField(unique=True, editable=False)
    customer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, related_name="orders",
                                 on_delete=models.SET_NULL)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLACED, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

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


class OrderLine(models.Model):
    order = models.ForeignKey(Order, related_name="lines", on_delete=models.CASCADE)
    variant = models.ForeignKey("shop.ProductVariant", null=True, related_name="order_lines",
                                on_delete=models.SET_NULL)
    product_name = models.CharField(max_length=200)
    size = models.CharField(max_length=40, blank=True)
    sku = models.CharField("SKU", max_length=40)
    unit_price = models.DecimalField(max_digits=10, decimal_places=2)
    quantity = models.PositiveIntegerField()

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
            return f"{self.card_brand} ending {self.card_last4}"
        return self.get_method_display()


class Notification(models.Model):
    """A message to the customer about an order. One row per order, event and channel, made before
    sending: a task that runs twice finds the row and does not send twice."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    order = models.ForeignKey(Order, related_name="notifications", on_delete=models.CASCADE)
    event = models.CharField(max_length=40)
    channel = models.CharField(max_length=10, default="email")
    recipient = models.CharField(max_length=254)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["order", "event", "channel"], name="one_message_per_event")]

    def __str__(self):
        return f"{self.event} {self.channel} to {self.recipient}: {self.get_status_display()}"
