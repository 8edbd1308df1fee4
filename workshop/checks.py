"""`manage.py check` refuses a practice catalogue that would mislead a workshop: gaps, bad ids, unknown places."""

from django.core.checks import Error, register

from .catalogue import catalogue_problems


@register()
def practice_catalogue_sound(app_configs, **kwargs):
    return [Error(problem, hint="Edit workshop/catalogue/*.toml (format: workshop/catalogue.py).", id="workshop.E001")
            for problem in catalogue_problems()]
