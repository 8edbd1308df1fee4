from django.contrib import admin

from .models import Category, Product, ProductImage, ProductVariant


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
