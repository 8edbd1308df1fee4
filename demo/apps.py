from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "demo"

    def ready(self):
        from . import checks  # noqa: F401 - registers the deploy check that refuses the demo in production
