from django.contrib import admin
from django.db.models import Case, Q, Value, When
from django.utils.html import format_html

from .images import renditions_make
from .models import Category, Coupon, MissedSearch, Product, ProductImage, ProductVariant, Review, ReviewPhoto
from .reviews.selectors import LOW_RATING
from .reviews.services import review_staff_save, reviews_delete, reviews_moderate


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "position", "is_featured"]
    list_editable = ["position", "is_featured"]
    list_select_related = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class ProductVariantInline(admin.TabularInline):
    model = ProductVariant
    extra = 0
    fields = ["size", "sku", "stock", "position"]


class ProductImageInline(admin.TabularInline):
    model = ProductImage
    extra = 0
    fields = ["image", "alt", "position"]


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "sku", "category", "price", "sale_price", "is_active", "is_featured"]
    list_filter = ["is_active", "is_featured", "category"]
    list_editable = ["price", "sale_price", "is_active"]
    list_select_related = ["category"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "sku", "model_number", "variants__sku"]
    autocomplete_fields = ["category"]
    inlines = [ProductVariantInline, ProductImageInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "category", "summary", "description"]}),
        ("Price and dispatch", {"fields": ["price", "sale_price", "dispatch_days"]}),
        ("Specifications", {"fields": ["sku", "model_number", "colour", "weight_grams", "material"]}),
        ("Main picture", {"fields": ["image", "image_alt"]}),
        ("Visibility", {"fields": ["is_active", "is_featured", "created_at"]}),
    ]

    # Each uploaded picture gets its smaller copies at once (shop/images.py), so the page that shows it
    # next never links to a file that is not there. A few hundred milliseconds, once per upload.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "image" in form.changed_data:
            renditions_make(obj.image.name)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is ProductImage:
            replaced = [image for image, fields in formset.changed_objects if "image" in fields]
            for image in [*formset.new_objects, *replaced]:
                renditions_make(image.image.name)


@admin.register(Coupon)
class CouponAdmin(admin.ModelAdmin):
    list_display = ["code", "kind", "value", "minimum_spend", "valid_from", "valid_until", "times_used", "usage_limit",
                    "is_active"]
    list_filter = ["is_active", "kind"]
    search_fields = ["code"]
    readonly_fields = ["times_used"]


# --- Reviews (practices P56, S10) ------------------------------------------------------------------
# Imported here rather than at the top while the top of this file is being edited by others.


NEEDS_FOLLOW_UP = Q(rating__lte=LOW_RATING, followed_up_at=None)


class FollowUpFilter(admin.SimpleListFilter):
    """S10: unhappy customers are followed up. A low rating stays in "Needs follow-up" until staff record
    what they did (the public reply is separate: not every follow-up belongs on the page)."""

    title = "follow-up"
    parameter_name = "follow_up"

    def lookups(self, request, model_admin):
        return [("needed", f"Needs follow-up ({LOW_RATING}★ or fewer, nothing recorded yet)"),
                ("done", "Followed up")]

    def queryset(self, request, queryset):
        if self.value() == "needed":
            return queryset.filter(NEEDS_FOLLOW_UP)
        if self.value() == "done":
            return queryset.exclude(followed_up_at=None)
        return queryset


class ReviewPhotoInline(admin.TabularInline):
    model = ReviewPhoto
    extra = 0
    fields = ["preview", "alt"]
    readonly_fields = ["preview"]

    @admin.display(description="photo")
    def preview(self, photo):
        return format_html('<a href="{}"><img src="{}" alt="{}" width="96"></a>', photo.image.url, photo.image.url,
                           photo.alt)


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    """Read daily (S10): reviews waiting for moderation come first, and low ratings without a reply say so."""

    list_display = ["stars", "title", "product", "display_name", "reviewer", "verified", "status", "follow_up",
                    "created_at"]
    list_display_links = ["stars", "title"]
    list_filter = [FollowUpFilter, "status", "rating", "created_at"]
    list_select_related = ["product", "customer", "order_line__order"]
    search_fields = ["title", "text", "display_name", "product__name", "product__sku", "customer__email",
                     "order_line__order__number", "order_line__order__email"]
    ordering = [Case(When(status=Review.Status.PENDING, then=Value(0)), default=Value(1)), "-created_at"]
    date_hierarchy = "created_at"
    actions = ["publish", "reject"]
    inlines = [ReviewPhotoInline]
    readonly_fields = ["product", "reviewer", "order_line", "helpful_count", "created_at", "shop_reply_at",
                       "followed_up_at"]
    fieldsets = [
        (None, {"fields": ["product", "reviewer", "order_line", "status"]}),
        ("The review", {"fields": ["rating", "title", "text", "display_name", "helpful_count", "created_at"]}),
        ("Your public reply", {"fields": ["shop_reply", "shop_reply_at"],
                               "description": "Shown under the review as the shop's reply, dated when saved. "
                                              "Reply to every low rating: say sorry, what you have done about it, "
                                              "and how to reach you."}),
        ("Follow-up (staff only)", {"fields": ["follow_up_note", "followed_up_at"],
                                    "description": "Write down what you did about a poor review; it leaves the "
                                                   "'Needs follow-up' list once you have."}),
    ]

    @admin.display(description="rating", ordering="rating")
    def stars(self, review):
        return f"{'★' * review.rating}{'☆' * (5 - review.rating)} {review.rating}/5"

    @admin.display(description="reviewer", ordering="customer__email")
    def reviewer(self, review):
        """The account; a guest who reviewed through the invitation sent after delivery has only the order."""
        if review.customer_id:
            return review.customer.email
        return f"Guest (order {review.order_line.order.number})" if review.order_line_id else "Guest"

    @admin.display(description="verified", boolean=True)
    def verified(self, review):
        return review.is_verified_purchase

    @admin.display(description="follow-up")
    def follow_up(self, review):
        if review.followed_up_at:
            return "Followed up"
        if review.rating <= LOW_RATING:
            return format_html("<strong>{}</strong>", "⚠ Needs follow-up")
        return ""

    def has_add_permission(self, request):
        return False  # reviews are written by customers

    def save_model(self, request, obj, form, change):
        review_staff_save(review=obj, changed_fields=form.changed_data)

    def delete_model(self, request, obj):
        reviews_delete(reviews=Review.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        reviews_delete(reviews=queryset)

    @admin.action(description="Publish the selected reviews")
    def publish(self, request, queryset):
        count = reviews_moderate(reviews=queryset, status=Review.Status.PUBLISHED)
        self.message_user(request, f"Published {count} review{'s' if count != 1 else ''}; product ratings updated.")

    @admin.action(description="Reject the selected reviews (not shown)")
    def reject(self, request, queryset):
        count = reviews_moderate(reviews=queryset, status=Review.Status.REJECTED)
        self.message_user(request, f"Rejected {count} review{'s' if count != 1 else ''}; product ratings updated.")


@admin.register(MissedSearch)
class MissedSearchAdmin(admin.ModelAdmin):
    """Searches that found nothing, counted per day; the customer-experience dashboard sums the last 30 days."""

    list_display = ["query", "day", "count"]
    search_fields = ["query"]
    date_hierarchy = "day"
    ordering = ["-day", "-count"]
    readonly_fields = ["query", "day", "count"]

    def has_add_permission(self, request):
        return False  # made by the search page, never by hand
