from celery import shared_task

from .notifications import NotificationNotSent, notification_send
from .services import shipments_alert_late
from .survey import surveys_send_due


# A mail server that is down for a while is retried with growing waits (30 s, 1 min, 2 min… up to
# an hour); after the last try the notification is marked failed, where staff see it.
@shared_task(bind=True, autoretry_for=(NotificationNotSent,), retry_backoff=30, retry_backoff_max=3600,
             retry_jitter=True, max_retries=8)
def order_notification_send_task(self, order_id: int, event: str, shipment_id: int | None = None,
                                 return_id: int | None = None) -> list[str]:
    notifications = notification_send(order_id=order_id, event=event, shipment_id=shipment_id, return_id=return_id,
                                       final_attempt=self.request.retries >= self.max_retries)
    return [notification.status for notification in notifications]


@shared_task
def shipments_alert_late_task() -> int:
    """Hourly (CELERY_BEAT_SCHEDULE): tell customers and staff about parcels running late, once."""
    return shipments_alert_late()


@shared_task
def surveys_send_due_task() -> int:
    """Hourly: ask customers how it went, a few days after delivery."""
    return surveys_send_due()
