from functools import cache

from django.utils.functional import SimpleLazyObject

from .selectors import category_tree
from .services import cart_item_count


def navigation(request):
    """The category tree and the cart count for the header, each read only if the page shows it."""
    return {"category_tree": SimpleLazyObject(category_tree), "cart_count": cache(lambda: cart_item_count(request))}
