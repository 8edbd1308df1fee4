from celery import shared_task

from .reviews.tasks import review_alert_staff_task  # noqa: F401 - Celery's autodiscovery reads <app>.tasks only
from .services import carts_delete_abandoned


@shared_task
def carts_delete_abandoned_task() -> int:
    """Nightly (see CELERY_BEAT_SCHEDULE): guests' carts nobody has touched for weeks."""
    return carts_delete_abandoned()
