"""Sending one message: claim it, talk to the mail server or text provider with no lock held, record how
it went. A failure waits longer each time before the sweeper tries it again (see outbox/__init__.py)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from .models import Message
from .sms import sms_send

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
FIRST_RETRY_WAIT = timedelta(seconds=30)  # then doubled each time, up to an hour
LONGEST_RETRY_WAIT = timedelta(hours=1)


def message_send(*, message_id: int, now=None) -> str:
    """Send the message if it is due and nobody else is sending it; return its status afterwards."""
    now = now or timezone.now()
    stale = now - timedelta(seconds=settings.OUTBOX_SENDING_TIMEOUT)
    due = Q(status=Message.Status.PENDING) & (Q(attempts=0) | Q(next_attempt_at__lte=now))
    cut_off = Q(status=Message.Status.SENDING, sending_since__lt=stale)
    # One conditional UPDATE is the claim: of two workers holding the same id, only one changes the row.
    claimed = Message.objects.filter(Q(pk=message_id) & (due | cut_off)).update(
        status=Message.Status.SENDING, sending_since=now, attempts=F("attempts") + 1,
        interrupted=Case(When(status=Message.Status.SENDING, then=Value(True)), default=F("interrupted")))
    if not claimed:  # sent, failed, skipped, being sent right now, or not due yet
        return Message.objects.filter(pk=message_id).values_list("status", flat=True).first() or "missing"
    message = Message.objects.get(pk=message_id)

    try:
        _deliver(message)  # no transaction, no lock: the mail server may take up to EMAIL_TIMEOUT
    except Exception as error:  # SMTP errors are OSErrors; a provider's SDK raises its own
        logger.warning("Message %s (%s) not sent: %s", message.pk, message.kind, error)
        return _record_failure(message, error, now=timezone.now())
    sent = {"status": Message.Status.SENT, "sent_at": timezone.now(), "error": ""}
    if message.holds_secret:
        sent |= {"body_text": "", "body_html": ""}
    # Only the attempt that claimed it may say how it went (a stale claim may have been taken over since).
    Message.objects.filter(pk=message.pk, status=Message.Status.SENDING, attempts=message.attempts).update(**sent)
    return Message.Status.SENT


def _deliver(message: Message) -> None:
    if message.channel == Message.Channel.SMS:
        sms_send(to=message.to, text=message.body_text)
        return
    email = EmailMultiAlternatives(message.subject, message.body_text, to=[message.to],
                                   reply_to=[message.reply_to] if message.reply_to else None,
                                   headers={"Message-ID": message_id_header(message)})
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    email.send()


def message_id_header(message: Message) -> str:
    """The same Message-ID on every attempt, so a mail system that sees a copy twice can drop one."""
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or "localhost"
    return f"<outbox.{message.pk}.{message.created_at:%Y%m%d%H%M%S}@{domain}>"


def _record_failure(message: Message, error: Exception, *, now) -> str:
    final = message.attempts >= MAX_ATTEMPTS
    status = Message.Status.FAILED if final else Message.Status.PENDING
    wait = min(FIRST_RETRY_WAIT * 2 ** (message.attempts - 1), LONGEST_RETRY_WAIT)
    Message.objects.filter(pk=message.pk, status=Message.Status.SENDING, attempts=message.attempts).update(
        status=status, error=f"{type(error).__name__}: {error}"[:2000], next_attempt_at=now + wait)
    return status
