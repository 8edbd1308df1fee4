"""Reviews' work done by a worker; shop/tasks.py imports this module so the worker finds it."""

from celery import shared_task

from .photos import review_photo_renditions_make


@shared_task
def review_photo_renditions_task(photo_id: int) -> bool:
    """Queued when a review with a new photo commits: its smaller copies, once."""
    return review_photo_renditions_make(photo_id=photo_id)
