from celery import shared_task

from .services import orders_cancel_unconfirmed, payments_void_abandoned, shipments_alert_late
from .survey.services import surveys_send_due


@shared_task
def shipments_alert_late_task() -> int:
    """Hourly (CELERY_BEAT_SCHEDULE): tell customers and staff about parcels running late, once."""
    return shipments_alert_late()


@shared_task
def surveys_send_due_task() -> int:
    """Hourly: ask customers how it went, a few days after delivery."""
    return surveys_send_due()


@shared_task
def payments_void_abandoned_task() -> int:
    """Every 15 minutes: release card authorisations that checkout left without an order."""
    return payments_void_abandoned()


@shared_task
def orders_cancel_unconfirmed_task() -> int:
    """Hourly: cancel cash-on-delivery orders staff have not confirmed in time, so their stock goes back on sale."""
    return orders_cancel_unconfirmed()
