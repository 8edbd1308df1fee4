from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse

from outbox.admin import messages_table
from outbox.models import Message
from outbox.services import language_name

from .models import (
    Order,
    OrderEvent,
    OrderLine,
    Payment,
    ReturnLine,
    ReturnRequest,
    Shipment,
    SurveyAnswer,
)
from .notifications import order_language
from .returns.selectors import REASON_COLUMNS, return_reasons_by_product
from .returns.services import return_approve, return_receive, return_refund, return_reject
from .services import StageError, order_advance, order_move, shipment_add, shipment_move


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


class OrderEventInline(ReadOnlyInline):
    """The order's timeline, oldest first: what happened, to which parcel, who did it."""

    model = OrderEvent
    fields = ["created_at", "stage", "shipment", "note", "by"]
    verbose_name_plural = "timeline"


class ShipmentInline(admin.TabularInline):
    """Parcels: staff type the carrier, tracking number and expected date here; stages move by the actions."""

    model = Shipment
    extra = 0
    fields = ["status", "carrier", "tracking_number", "expected_by", "stage_changed_at"]
    readonly_fields = ["status", "stage_changed_at"]

    def has_add_permission(self, request, obj=None):
        return obj is not None and obj.status not in {Order.Status.PLACED, Order.Status.CONFIRMED}


def _move_each(modeladmin, request, items, move) -> None:
    """Apply a move to each selected item, telling staff what happened to every one."""
    moved = 0
    for item in items:
        try:
            move(item)
            moved += 1
        except StageError as refusal:
            modeladmin.message_user(request, str(refusal), messages.WARNING)
    if moved:
        modeladmin.message_user(request, f"{moved} moved on; each customer is being told.", messages.SUCCESS)


@admin.action(description="Move to the next stage (confirm, pack, ship, out for delivery, delivered)")
def advance(modeladmin, request, queryset):
    _move_each(modeladmin, request, queryset, lambda order: order_advance(order=order, by=request.user))


@admin.action(description="Cancel (before dispatch; stock goes back on sale)")
def cancel(modeladmin, request, queryset):
    _move_each(modeladmin, request, queryset,
               lambda order: order_move(order=order, to=Order.Status.CANCELLED, by=request.user))


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ["number", "created_at", "full_name", "email", "customer_language", "status", "payment_method",
                    "total"]
    list_filter = ["status", "payment_method", "delivery_method", "language", "created_at"]
    list_select_related = ["customer"]  # the customer's language is their account's, when they chose one
    search_fields = ["number", "email", "full_name", "postcode"]
    date_hierarchy = "created_at"
    inlines = [ShipmentInline, OrderEventInline, OrderLineInline, PaymentInline]
    actions = [advance, cancel]

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is Shipment:
            for shipment in formset.new_objects:  # a second parcel: on the timeline, and the customer told
                shipment_add(shipment=shipment, by=request.user)
    readonly_fields = ["number", "created_at", "customer", "subtotal", "coupon_code", "discount", "delivery_cost",
                       "total", "currency", "payment_method", "delivery_method", "delivery_name", "dispatch_on",
                       "delivered_from", "delivered_by", "customer_language", "messages_sent"]
    fieldsets = [
        (None, {"fields": ["number", "created_at", "status", "customer", "customer_language"]}),
        ("Contact and address", {"fields": ["email", "phone", "full_name", "line1", "line2", "city", "region",
                                            "postcode", "country"]}),
        ("Delivery", {"fields": ["delivery_name", "delivery_method", "dispatch_on", "delivered_from",
                                 "delivered_by"]}),
        ("Money", {"fields": ["payment_method", "currency", "subtotal", "coupon_code", "discount", "delivery_cost",
                              "total"]}),
        ("Messages to the customer", {"fields": ["messages_sent"]}),
    ]

    @admin.display(description="language")
    def customer_language(self, order: Order) -> str:
        """The language the customer reads (their messages are written in it), so staff can answer in it too."""
        return language_name(order_language(order))

    @admin.display(description="messages")
    def messages_sent(self, order: Order) -> str:
        return messages_table(Message.objects.filter(reference=order.number))


def _parcel_action(stage: str, description: str):
    @admin.action(description=description)
    def action(modeladmin, request, queryset):
        _move_each(modeladmin, request, queryset,
                   lambda shipment: shipment_move(shipment=shipment, to=stage, by=request.user))

    action.__name__ = f"mark_{stage}"
    return action


@admin.register(Shipment)
class ShipmentAdmin(admin.ModelAdmin):
    """Parcels across all orders: the warehouse's and customer service's daily list."""

    list_display = ["__str__", "status", "carrier", "tracking_number", "expected_by", "stage_changed_at"]
    list_editable = ["carrier", "tracking_number", "expected_by"]
    list_filter = ["status", "carrier"]
    search_fields = ["order__number", "tracking_number", "order__email"]
    readonly_fields = ["order", "status", "stage_changed_at", "late_alert_for"]
    actions = [_parcel_action(stage, description) for stage, description in [
        (Order.Status.SHIPPED, "Mark shipped (carrier and tracking number entered)"),
        (Order.Status.OUT_FOR_DELIVERY, "Mark out for delivery"),
        (Order.Status.DELIVERED, "Mark delivered"),
        (Order.Status.DELAYED, "Mark delayed (set the new expected date first)"),
        (Order.Status.DELIVERY_FAILED, "Mark delivery failed"),
    ]]

    def has_add_permission(self, request):
        return False  # parcels are made by packing an order, or added on the order's page


@admin.register(SurveyAnswer)
class SurveyAnswerAdmin(admin.ModelAdmin):
    """What customers said after delivery (practice S18); low scores first, to follow them up."""

    list_display = ["order", "created_at", "nps", "csat", "ces", "comment"]
    list_filter = ["nps", "csat", "ces", "created_at"]
    search_fields = ["order__number", "order__email", "comment"]
    ordering = ["nps", "-created_at"]
    readonly_fields = ["order", "nps", "csat", "ces", "comment", "created_at"]

    def has_add_permission(self, request):
        return False


# --- Returns and withdrawals (orders/returns/) ---------------------------------------------------------------
# Staff approve, receive, refund or reject; the reasons per product are summed under the list.




class ReturnLineInline(ReadOnlyInline):
    model = ReturnLine
    fields = ["order_line", "quantity"]


class ReturnEventInline(ReadOnlyInline):
    model = OrderEvent
    fk_name = "return_request"
    fields = ["created_at", "stage", "note", "by"]
    verbose_name_plural = "timeline"


def _return_action(move, description: str):
    @admin.action(description=description)
    def action(modeladmin, request, queryset):
        _move_each(modeladmin, request, queryset, lambda return_request: move(return_request=return_request,
                                                                              by=request.user))

    action.__name__ = move.__name__
    return action


@admin.action(description="Reject (asks for the reason, which the customer reads)")
def reject_returns(modeladmin, request, queryset):
    """First an intermediate page for the reason; its form comes back here with the reason filled in."""
    reason = request.POST.get("rejection_reason", "").strip()
    if "apply" in request.POST and reason:
        _move_each(modeladmin, request, queryset, lambda return_request: return_reject(
            return_request=return_request, reason=reason, by=request.user))
        return None
    return TemplateResponse(request, "orders/return_admin_reject.html", {
        **modeladmin.admin_site.each_context(request), "opts": modeladmin.model._meta, "title": "Reject returns",
        "returns": queryset.prefetch_related("lines__order_line"), "missing_reason": "apply" in request.POST,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME})


@admin.register(ReturnRequest)
class ReturnRequestAdmin(admin.ModelAdmin):
    """Returns and withdrawals; filter by status "Return requested" for the ones waiting for a decision."""

    list_display = ["number", "order", "kind", "status", "items", "reason", "outcome", "refund_amount", "created_at"]
    list_filter = ["status", "kind", "reason", "outcome", "created_at"]
    search_fields = ["number", "order__number", "order__email", "lines__order_line__product_name"]
    readonly_fields = ["number", "order", "kind", "status", "outcome", "reason", "reason_text", "refund_amount",
                       "rejection_reason", "created_at", "stage_changed_at"]
    fields = readonly_fields
    inlines = [ReturnLineInline, ReturnEventInline]
    actions = [_return_action(return_approve, "Approve (the customer gets the label)"),
               _return_action(return_receive, "Mark received (the parcel has reached us)"),
               _return_action(return_refund, "Mark refunded (or the exchange sent)"),
               reject_returns]
    change_list_template = "orders/return_admin_changelist.html"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("order").prefetch_related("lines__order_line")

    @admin.display(description="items")
    def items(self, return_request) -> str:
        return ", ".join(str(line) for line in return_request.lines.all())

    def has_add_permission(self, request):
        return False  # customers start returns from their order's page

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:  # the list itself, not a redirect after an action
            response.context_data.update(reason_columns=[label for _, label in REASON_COLUMNS],
                                         reasons_by_product=return_reasons_by_product(changelist.queryset))
        return response
