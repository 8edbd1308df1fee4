"""Reviews' work done by a worker; shop/tasks.py imports this module so the worker finds it."""

from celery import shared_task

from shop.models import ReviewPhoto

from .photos import review_photo_renditions_make


@shared_task
def review_photo_renditions_task(photo_id: int) -> bool:
    """Queued when a review with a new photo commits: its smaller copies, once."""
    return review_photo_renditions_make(photo_id=photo_id)


@shared_task
def review_photos_renditions_sweep_task() -> int:
    """Hourly (CELERY_BEAT_SCHEDULE): photos whose task was never queued (Redis was down when the review was
    saved) or was lost get their smaller copies all the same."""
    waiting = list(ReviewPhoto.objects.filter(renditions_made=False).values_list("pk", flat=True)[:200])
    return sum(review_photo_renditions_make(photo_id=photo_id) for photo_id in waiting)
