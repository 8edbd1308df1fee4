"""Writing messages, inside the transaction of the change that causes them (see outbox/__init__.py).

Every message is written in one language, stored on it: the customer's (their account's choice, or for a guest
the language of the page they ordered on: orders.notifications.order_language), whatever language the worker,
or the staff member whose click caused it, is using. Everything in it is made inside that language: its words,
its subject, its links (reverse() under i18n_patterns gives /ko/… addresses), its dates (the `dates` filters)
and its prices. That is why the caller hands over a function that makes the template's context (or the text
message's text) rather than the finished values: it is called here, in the message's language.

Staff's e-mails stay in English, as the back office does: late_staff, question_staff, ticket_staff and
review_low (`staff=True`) are written in settings.LANGUAGE_CODE whoever's action caused them, and their
templates are not marked for translation. Staff see each customer's language beside their messages instead.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from storefront import money

from .models import Message
from .tasks import message_queue

# --- Writing ----------------------------------------------------------------------------------------


def email_write(*, key: str, template: str, context: Callable[[], dict], to: str, language: str = "",
                kind: str = "", reference: str = "", reply_to: str = "", staff: bool = False, wanted: bool = True,
                holds_secret: bool = False) -> Message:
    """An e-mail made of templates/emails/<template>_subject.txt, _body.txt and _body.html, in `language`.

    `context` makes the templates' variables; it is called in the e-mail's language (see above). A customer's
    e-mail must name its language; staff's (`staff=True`) are in the shop's own. `wanted=False` records the
    message as skipped (the customer opted out), so staff see it was decided.
    """
    if staff:
        language = settings.LANGUAGE_CODE
    elif not language:
        raise ValueError(f"The {template} e-mail to a customer needs the customer's language.")

    def render() -> dict:
        made = context()
        subject = " ".join(render_to_string(f"emails/{template}_subject.txt", made).split())
        return {"subject": subject[:300], "body_text": render_to_string(f"emails/{template}_body.txt", made),
                "body_html": render_to_string(f"emails/{template}_body.html", made)}

    return _write(key=key, channel=Message.Channel.STAFF if staff else Message.Channel.EMAIL,
                  kind=kind or template, reference=reference, to=to, reply_to=reply_to, language=language,
                  wanted=wanted, holds_secret=holds_secret, render=render)


def text_write(*, key: str, text: Callable[[], str], to: str, kind: str, language: str, reference: str = "",
               wanted: bool = True) -> Message:
    """A text message (SMS) in the customer's language; `text` makes it, called in that language."""
    return _write(key=key, channel=Message.Channel.SMS, kind=kind, reference=reference, to=to, reply_to="",
                  language=language, wanted=wanted, holds_secret=False, render=lambda: {"body_text": text()})


def _write(*, key: str, channel: str, kind: str, reference: str, to: str, reply_to: str, language: str,
           wanted: bool, holds_secret: bool, render: Callable[[], dict]) -> Message:
    existing = Message.objects.filter(key=key).first()
    if existing is not None:  # the same cause again (a retried beat run, a double click): one message
        return existing
    language = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE  # one since removed
    now = timezone.now()
    with written_in(language):
        written = render() if wanted else {}
    with transaction.atomic():  # a savepoint: a racing twin's row makes this one a no-op, not a broken transaction
        message, created = Message.objects.get_or_create(key=key, defaults={
            "channel": channel, "kind": kind[:40], "reference": reference[:40], "to": to[:254],
            "reply_to": reply_to[:254], "language": language, "holds_secret": holds_secret,
            "next_attempt_at": now + _first_wait(),
            "status": Message.Status.PENDING if wanted else Message.Status.SKIPPED, **written})
    if created and message.status == Message.Status.PENDING:
        transaction.on_commit(lambda: message_queue(message.pk))
    return message


@contextmanager
def written_in(language: str) -> Iterator[None]:
    """Words, links, dates and prices in `language`, whoever is running the code: a worker, or a request for a
    page in another language. Prices too: on a page they follow the visitor's browser (storefront/money.py),
    which has nothing to say about a message read later, elsewhere."""
    with money.prices_written_in(language), translation.override(language):
        yield


def language_name(code: str) -> str:
    """A customer's language as staff read it, in the back office and in their e-mails: "Korean (한국어)"."""
    info = translation.get_language_info(code)
    return info["name"] if info["name"] == info["name_local"] else f"{info['name']} ({info['name_local']})"


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
