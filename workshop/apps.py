from django.apps import AppConfig


class WorkshopConfig(AppConfig):
    """Workshop mode: the shop's practice catalogue, badges on the pages that show each practice, a
    guided tour, and the customer-experience measures for staff."""

    name = "workshop"
    verbose_name = "Workshop"

    def ready(self):
        from . import checks  # noqa: F401 - registers the catalogue check
