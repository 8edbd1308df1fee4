"""For tests whose transaction never commits (pytest-django rolls each test back): send what the outbox
holds, as the worker would once the change had committed."""

from outbox.models import Message
from outbox.sending import message_send


def outbox_send_waiting() -> list[str]:
    """Send every message waiting to be sent; the statuses they end in."""
    waiting = Message.objects.filter(status=Message.Status.PENDING).order_by("pk").values_list("pk", flat=True)
    return [message_send(message_id=message_id) for message_id in waiting]
