"""Loose extras only: keep the cached category tree in step with the database."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Category
from .selectors import category_tree_forget


@receiver([post_save, post_delete], sender=Category)
def forget_category_tree(**kwargs):
    category_tree_forget()
