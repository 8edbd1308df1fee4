"""Writing messages, inside the transaction of the change that causes them (see outbox/__init__.py)."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Message
from .tasks import message_queue

# --- Writing ----------------------------------------------------------------------------------------


def email_write(*, key: str, template: str, context: dict, to: str, kind: str = "", reference: str = "",
                reply_to: str = "", staff: bool = False, wanted: bool = True, holds_secret: bool = False) -> Message:
    """An e-mail made of templates/emails/<template>_subject.txt, _body.txt and _body.html.

    `wanted=False` records the message as skipped (the customer opted out), so staff see it was decided.
    """
    def render() -> dict:
        # E-mails are not translated yet: written in English, with English links and lang="en-GB", whatever
        # the language of the page whose action wrote them.
        with translation.override(settings.LANGUAGE_CODE):
            return _render()

    def _render() -> dict:
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


# --- Staff's "send again" ---------------------------------------------------------------------------


def messages_send_again(*, messages) -> int:
    """Staff's action on failed messages (after fixing an address, or once the mail server is back). Messages
    brought in from before the outbox have no text (outbox/migrations/0002): never sent again, empty."""
    message_ids = list(messages.filter(status=Message.Status.FAILED).exclude(body_text="")
                       .values_list("pk", flat=True))
    Message.objects.filter(pk__in=message_ids).update(status=Message.Status.PENDING, attempts=0,
                                                      next_attempt_at=timezone.now())
    for message_id in message_ids:
        transaction.on_commit(lambda message_id=message_id: message_queue(message_id))
    return len(message_ids)
