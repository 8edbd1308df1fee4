"""The one way the shop sends anything (practices P51, P59): write a Message, and the outbox sends it.

Writing: `email_write` and `text_write` are called inside the transaction of the change that causes the
message, render it there (so it says what was true when it happened), and queue its sending for when that
transaction commits. If the queue is down then (Redis restarting), the change still succeeds: the row waits.

Sending: `message_send` claims the row ("sending") in its own short transaction, talks to the mail server
or text provider with no database lock held, then records "sent". A failure is kept for staff and tried
again later with growing waits, up to MAX_ATTEMPTS, then the message is "failed".

Sweeping: `messages_sweep` (beat, every OUTBOX_SWEEP_SECONDS) queues again every row still waiting when
it is due, and every row left "sending" for longer than OUTBOX_SENDING_TIMEOUT: its task was lost (Redis
keeps nothing on disk) or its worker killed mid-send. That is the one window for a duplicate: a worker
that dies after the mail server accepted a message but before "sent" was written. Such rows are marked
`interrupted` and counted for staff.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Case, F, Q, Value, When
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Message
from .sms import sms_send

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
FIRST_RETRY_WAIT = timedelta(seconds=30)  # then doubled each time, up to an hour
LONGEST_RETRY_WAIT = timedelta(hours=1)


# --- Writing ----------------------------------------------------------------------------------------


def email_write(*, key: str, template: str, context: dict, to: str, kind: str = "", reference: str = "",
                reply_to: str = "", staff: bool = False, wanted: bool = True, holds_secret: bool = False) -> Message:
    """An e-mail made of templates/emails/<template>_subject.txt, _body.txt and _body.html.

    `wanted=False` records the message as skipped (the customer opted out), so staff see it was decided.
    """
    def render() -> dict:
        subject = " ".join(render_to_string(f"emails/{template}_subject.txt", context).split())
        return {"subject": subject[:300], "body_text": render_to_string(f"emails/{template}_body.txt", context),
                "body_html": render_to_string(f"emails/{template}_body.html", context)}

    return _write(key=key, channel=Message.Channel.STAFF if staff else Message.Channel.EMAIL,
                  kind=kind or template, reference=reference, to=to, reply_to=reply_to, wanted=wanted,
                  holds_secret=holds_secret, render=render)


def text_write(*, key: str, text: str, to: str, kind: str, reference: str = "", wanted: bool = True) -> Message:
    """A text message (SMS)."""
    return _write(key=key, channel=Message.Channel.SMS, kind=kind, reference=reference, to=to, reply_to="",
                  wanted=wanted, holds_secret=False, render=lambda: {"body_text": text})


def _write(*, key: str, channel: str, kind: str, reference: str, to: str, reply_to: str, wanted: bool,
           holds_secret: bool, render) -> Message:
    existing = Message.objects.filter(key=key).first()
    if existing is not None:  # the same cause again (a retried beat run, a double click): one message
        return existing
    now = timezone.now()
    with transaction.atomic():  # a savepoint: a racing twin's row makes this one a no-op, not a broken transaction
        message, created = Message.objects.get_or_create(key=key, defaults={
            "channel": channel, "kind": kind[:40], "reference": reference[:40], "to": to[:254],
            "reply_to": reply_to[:254], "holds_secret": holds_secret, "next_attempt_at": now + _first_wait(),
            "status": Message.Status.PENDING if wanted else Message.Status.SKIPPED,
            **(render() if wanted else {})})
    if created and message.status == Message.Status.PENDING:
        transaction.on_commit(lambda: message_queue(message.pk))
    return message


def _first_wait() -> timedelta:
    """The task queued at commit normally sends at once; the sweeper steps in only after this."""
    return timedelta(seconds=settings.OUTBOX_SENDING_TIMEOUT)


def message_queue(message_id: int) -> None:
    """Hand the message to a worker. The queue being down loses nothing: the sweeper finds the row later."""
    from .tasks import message_send_task  # the task module imports this one

    try:
        message_send_task.delay(message_id)
    except Exception:  # kombu's OperationalError, redis's ConnectionError: any broker trouble
        logger.warning("Message %s not queued (is Redis down?); the outbox sweeper will send it.", message_id,
                       exc_info=True)


# --- Sending ----------------------------------------------------------------------------------------


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


# --- Sweeping and staff's "send again" -------------------------------------------------------------


def messages_due(*, now=None):
    """Rows the sweeper hands to a worker: waiting and due, or left "sending" by an attempt that died."""
    now = now or timezone.now()
    stale = now - timedelta(seconds=settings.OUTBOX_SENDING_TIMEOUT)
    return Message.objects.filter(Q(status=Message.Status.PENDING, next_attempt_at__lte=now)
                                  | Q(status=Message.Status.SENDING, sending_since__lt=stale))


def messages_sweep(*, now=None, limit: int = 500) -> int:
    """Queue every message that is due; the oldest first, so a long outage drains in order."""
    message_ids = list(messages_due(now=now).order_by("created_at", "pk").values_list("pk", flat=True)[:limit])
    for message_id in message_ids:
        message_queue(message_id)
    return len(message_ids)


def messages_send_again(*, messages) -> int:
    """Staff's action on failed messages (after fixing an address, or once the mail server is back)."""
    message_ids = list(messages.filter(status=Message.Status.FAILED).values_list("pk", flat=True))
    Message.objects.filter(pk__in=message_ids).update(status=Message.Status.PENDING, attempts=0,
                                                      next_attempt_at=timezone.now())
    for message_id in message_ids:
        transaction.on_commit(lambda message_id=message_id: message_queue(message_id))
    return len(message_ids)


def messages_possibly_twice() -> int:
    """Messages whose earlier attempt was cut off mid-send and which were then sent: at most two copies."""
    return Message.objects.filter(interrupted=True, status=Message.Status.SENT).count()

