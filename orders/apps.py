from django.apps import AppConfig


class OrdersConfig(AppConfig):
    """Checkout, orders, shipments, notifications and returns: filled in by the orders issues."""

    name = "orders"
