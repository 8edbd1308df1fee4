"""Telling staff about a low rating, from Celery; shop/tasks.py imports this task so the worker finds it."""

from celery import shared_task

from .alerts import review_alert_staff


# A mail server that is down is retried with growing waits (30 s, 1 min, 2 min… up to an hour).
@shared_task(autoretry_for=(OSError,), retry_backoff=30, retry_backoff_max=3600, retry_jitter=True, max_retries=8)
def review_alert_staff_task(review_id: int) -> bool:
    return review_alert_staff(review_id=review_id)
