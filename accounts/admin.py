from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from outbox.services import language_name

from .models import Address, User


class AddressInline(admin.StackedInline):
    model = Address
    extra = 0
    fields = ["full_name", "line1", "line2", "city", "region", "postcode", "country", "phone", "is_default"]
    readonly_fields = ["is_default"]  # the customer chooses it, and accounts.services keeps it to exactly one


@admin.register(User)
class CustomerAdmin(UserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "chosen_language", "is_staff", "date_joined"]
    list_filter = [*UserAdmin.list_filter, "language"]
    search_fields = ["email", "first_name", "last_name", "phone"]
    readonly_fields = ["terms_accepted_at", "last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Personal details", {"fields": ["first_name", "last_name", "phone", "language"]}),
        ("Order updates", {"fields": ["notify_by_email", "notify_by_sms"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        ("Dates", {"fields": ["terms_accepted_at", "last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    inlines = [AddressInline]

    @admin.display(description="language", ordering="language")
    def chosen_language(self, customer: User) -> str:
        """The language their messages are written in, once they chose one; until then, the page's they were on."""
        return language_name(customer.language) if customer.language else "Not chosen"


@admin.register(Address)
class AddressAdmin(admin.ModelAdmin):
    list_display = ["full_name", "customer", "city", "postcode", "country", "is_default"]
    list_filter = ["country", "is_default"]
    search_fields = ["full_name", "customer__email", "line1", "city", "postcode"]
    raw_id_fields = ["customer"]
    readonly_fields = ["is_default"]
