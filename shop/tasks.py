from celery import shared_task

from .reviews.tasks import review_photo_renditions_task  # noqa: F401 - so the worker finds it
from .services import carts_delete_abandoned


@shared_task
def carts_delete_abandoned_task() -> int:
    """Nightly (see CELERY_BEAT_SCHEDULE): guests' carts nobody has touched for weeks."""
    return carts_delete_abandoned()
