"""`manage.py check` refuses a practice catalogue that would mislead a workshop: gaps, bad ids, unknown places,
and a language's copy of the catalogue or the tour that says something other than the English."""

from django.core.checks import Error, register

from .catalogue import catalogue_problems


@register()
def practice_catalogue_sound(app_configs, **kwargs):
    return [Error(problem, hint="Edit workshop/catalogue/*.toml, a language's copy in workshop/catalogue/<locale>/ "
                                   "or workshop/tour*.toml (format: workshop/catalogue.py).",
                  id="workshop.E001")
            for problem in catalogue_problems()]
