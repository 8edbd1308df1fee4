from celery import shared_task

from storefront.queueing import task_queue

from .selectors import messages_due
from .sending import message_send

SWEEP_AT_MOST = 500  # messages queued per run; a longer backlog drains over the next runs, oldest first


# No retries here: a failed send is recorded on the row and the sweeper queues it again when due, so a
# retry survives Redis losing its queue. Results are not kept: the row is the result.
@shared_task(ignore_result=True)
def message_send_task(message_id: int) -> str:
    return message_send(message_id=message_id)


def message_queue(message_id: int) -> None:
    """Hand the message to a worker. The queue being down loses nothing: the sweeper finds the row later."""
    task_queue(message_send_task, message_id)


@shared_task(ignore_result=True)
def messages_sweep_task() -> int:
    """Every OUTBOX_SWEEP_SECONDS (CELERY_BEAT_SCHEDULE): queue again what is due or was cut off mid-send."""
    message_ids = list(messages_due().order_by("created_at", "pk").values_list("pk", flat=True)[:SWEEP_AT_MOST])
    for message_id in message_ids:
        message_queue(message_id)
    return len(message_ids)
