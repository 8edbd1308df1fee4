from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps  # the module, not its class: apps.py may hold only one default


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Customer accounts"


class StaffAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the back office's sign-in of accounts/admin_site.py as the site every app registers on."""

    default = False  # accounts' own configuration is AccountsConfig; this one is named in INSTALLED_APPS
    default_site = "accounts.admin_site.StaffAdminSite"
