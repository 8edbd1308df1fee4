from django.utils.functional import SimpleLazyObject

from .selectors import category_tree


def navigation(request):
    """The category tree for the header, read only if the page renders it."""
    return {"category_tree": SimpleLazyObject(category_tree)}
