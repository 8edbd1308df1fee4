from django.contrib import admin

from .models import Notification, Order, OrderLine, Payment


class ReadOnlyInline(admin.TabularInline):
    """What was ordered, paid and sent is a record: staff read it here and never edit it."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return self.fields


class OrderLineInline(ReadOnlyInline):
    model = OrderLine
    fields = ["product_name", "size", "sku", "unit_price", "quantity"]


class PaymentInline(ReadOnlyInline):
    model = Payment
    fields = ["created_at", "method", "status", "amount", "card_brand", "card_last4", "provider_reference"]


class NotificationInline(ReadOnlyInline):
    model = Notification
    fields = ["created_at", "event", "channel", "recipient", "status", "attempts", "sent_at", "error"]


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ["number", "created_at", "full_name", "email", "status", "payment_method", "total"]
    list_filter = ["status", "payment_method", "delivery_method", "created_at"]
    search_fields = ["number", "email", "full_name", "postcode"]
    date_hierarchy = "created_at"
    inlines = [OrderLineInline, PaymentInline, NotificationInline]
    readonly_fields = ["number", "created_at", "customer", "subtotal", "coupon_code", "discount", "delivery_cost",
                       "total", "currency", "payment_method", "delivery_method", "delivery_name", "dispatch_on",
                       "delivered_from", "delivered_by"]
    fieldsets = [
        (None, {"fields": ["number", "created_at", "status", "customer"]}),
        ("Contact and address", {"fields": ["email", "phone", "full_name", "line1", "line2", "city", "region",
                                            "postcode", "country"]}),
        ("Delivery", {"fields": ["delivery_name", "delivery_method", "dispatch_on", "delivered_from",
                                 "delivered_by"]}),
        ("Money", {"fields": ["payment_method", "currency", "subtotal", "coupon_code", "discount", "delivery_cost",
                              "total"]}),
    ]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Messages to customers; failed ones first, so staff can step in (call the customer, fix the address)."""

    list_display = ["order", "event", "channel", "recipient", "status", "attempts", "sent_at"]
    list_filter = ["status", "event", "channel"]
    search_fields = ["order__number", "recipient"]
    readonly_fields = [field.name for field in Notification._meta.fields]

    def get_ordering(self, request):
        return ["status", "-created_at"]  # alphabetically "failed" and "pending" come before "sent"

    def has_add_permission(self, request):
        return False
