"""Loose extras only: keep cached values (the category tree, listing facets) in step with the database.

Bulk changes (`QuerySet.update`, `bulk_create`) send no signals: code that makes them calls
`catalogue_changed()` itself, as `load_demo` does.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Category, Product, ProductVariant, Review
from .reviews.services import product_rating_recompute
from .selectors import catalogue_changed, category_tree_forget


@receiver([post_save, post_delete], sender=Category)
def forget_category_tree(**kwargs):
    category_tree_forget()


@receiver([post_save, post_delete], sender=Product)
@receiver([post_save, post_delete], sender=ProductVariant)
def forget_catalogue_summaries(**kwargs):
    catalogue_changed()


@receiver(post_delete, sender=Review)
def recount_ratings(instance, **kwargs):
    """A review deleted along with its author's account (not through the review rules) still leaves the
    product's average and count right."""
    product_rating_recompute(product_id=instance.product_id)
