"""Demo only: the e-mail and SMS backends behind the demo inbox at /demo/inbox/, which keep every e-mail and
text message the shop sends (DemoMessage) instead of sending it, so a workshop can follow the customer's
side of an order. The inbox's pages are in views.py.

settings.py points EMAIL_BACKEND and SMS_BACKEND at the two backends below while the demo app is
installed (DEMO, the default with DEBUG; never in production), and storefront/urls.py serves the pages
(urls.py) only then.
"""

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.urls import reverse

from .models import DemoMessage


def _keep(*, kind: str, to: str, subject: str, text: str, html: str = "") -> None:
    message = DemoMessage.objects.create(kind=kind, to=to[:254], subject=subject[:300], body_text=text,
                                         body_html=html)
    # The terminal running the demo shows that something was sent, and where to read it.
    link = settings.SHOP["site_url"] + reverse("demo_inbox:message", args=[message.pk])
    summary = " ".join((subject or text).split())
    print(f"{message.get_kind_display()} to {to}: {summary} (demo inbox: {link})")  # noqa: T201


def _parts(email) -> tuple[str, str]:
    """The plain-text and HTML parts; an e-mail sent as HTML only has no plain-text part."""
    html = next((content for content, mimetype in getattr(email, "alternatives", []) if mimetype == "text/html"), "")
    if email.content_subtype == "html":
        return "", html or email.body
    return email.body, html


class DemoInboxEmailBackend(BaseEmailBackend):
    """Keeps each e-mail for the demo inbox instead of sending it: one copy per recipient, so filtering by
    recipient shows exactly one person's inbox."""

    def send_messages(self, email_messages) -> int:
        kept = 0
        for email in email_messages:
            text, html = _parts(email)
            try:
                # A savepoint, so a failure swallowed under fail_silently leaves the caller's transaction usable.
                with transaction.atomic():
                    for recipient in email.recipients():
                        _keep(kind=DemoMessage.Kind.EMAIL, to=recipient, subject=str(email.subject),
                              text=text, html=html)
            except Exception:
                if not self.fail_silently:
                    raise
            else:
                kept += 1
        return kept


class DemoInboxSmsBackend:
    """The same for text messages (see outbox/sms.py for the interface)."""

    def send(self, *, to: str, text: str) -> None:
        _keep(kind=DemoMessage.Kind.SMS, to=to, subject="", text=text)
