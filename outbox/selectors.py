from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .models import Message


def messages_due(*, now=None):
    """Rows the sweeper hands to a worker: waiting and due, or left "sending" by an attempt that died."""
    now = now or timezone.now()
    stale = now - timedelta(seconds=settings.OUTBOX_SENDING_TIMEOUT)
    return Message.objects.filter(Q(status=Message.Status.PENDING, next_attempt_at__lte=now)
                                  | Q(status=Message.Status.SENDING, sending_since__lt=stale))


def messages_possibly_twice() -> int:
    """Messages whose earlier attempt was cut off mid-send and which were then sent: at most two copies."""
    return Message.objects.filter(interrupted=True, status=Message.Status.SENT).count()
