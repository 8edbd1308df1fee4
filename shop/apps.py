from django.apps import AppConfig


class ShopConfig(AppConfig):
    name = "shop"
    verbose_name = "Catalogue"

    def ready(self):
        from . import signals  # noqa: F401  (connects cache clearing)
