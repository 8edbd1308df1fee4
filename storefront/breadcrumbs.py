"""A step of a breadcrumb trail that is not a model, such as "Your account" or "Help centre".

`templates/_breadcrumbs.html` asks every step for `name` and `get_absolute_url`, as it asks a category,
so a trail can mix categories and these steps.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Crumb:
    name: str
    url: str  # a path; a trail built at import time passes reverse_lazy(...), resolved when the page renders

    def get_absolute_url(self) -> str:
        return str(self.url)
