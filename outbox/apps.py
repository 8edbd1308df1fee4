from django.apps import AppConfig


class OutboxConfig(AppConfig):
    """Every message the shop sends, to customers and to staff: one table, one task, one retry policy."""

    name = "outbox"
    verbose_name = "Messages sent"
