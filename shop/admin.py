from django.contrib import admin

from .models import Category, Product


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "position"]
    list_editable = ["position"]
    list_select_related = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "sku", "category", "price", "sale_price", "stock", "is_active", "is_featured"]
    list_filter = ["is_active", "is_featured", "category"]
    list_editable = ["price", "sale_price", "stock", "is_active"]
    list_select_related = ["category"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "sku", "model_number"]
    autocomplete_fields = ["category"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "category", "summary", "description"]}),
        ("Price and stock", {"fields": ["price", "sale_price", "stock", "dispatch_days"]}),
        ("Specifications", {"fields": ["sku", "model_number", "size", "colour", "weight_grams", "material"]}),
        ("Pictures", {"fields": ["image", "thumbnail"]}),
        ("Visibility", {"fields": ["is_active", "is_featured", "created_at"]}),
    ]
