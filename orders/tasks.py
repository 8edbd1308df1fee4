from celery import shared_task

from .notifications import NotificationNotSent, notification_send


# A mail server that is down for a while is retried with growing waits (30 s, 1 min, 2 min… up to
# an hour); after the last try the notification is marked failed, where staff see it.
@shared_task(bind=True, autoretry_for=(NotificationNotSent,), retry_backoff=30, retry_backoff_max=3600,
             retry_jitter=True, max_retries=8)
def order_notification_send_task(self, order_id: int, event: str) -> str:
    notification = notification_send(order_id=order_id, event=event,
                                     final_attempt=self.request.retries >= self.max_retries)
    return notification.status
