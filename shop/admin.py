from django.contrib import admin

from .images import renditions_make
from .models import Category, Coupon, Product, ProductImage, ProductVariant


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
