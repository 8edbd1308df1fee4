from celery import shared_task

from .services import message_send, messages_sweep


# No retries here: a failed send is recorded on the row and the sweeper queues it again when due, so a
# retry survives Redis losing its queue. Results are not kept: the row is the result.
@shared_task(ignore_result=True)
def message_send_task(message_id: int) -> str:
    return message_send(message_id=message_id)


@shared_task(ignore_result=True)
def messages_sweep_task() -> int:
    """Every OUTBOX_SWEEP_SECONDS (CELERY_BEAT_SCHEDULE): queue again what is due or was cut off."""
    return messages_sweep()
