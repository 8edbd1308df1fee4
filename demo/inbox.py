"""Demo only: the demo inbox at /demo/inbox/, every e-mail and text message the shop has sent, shown as
the customer receives it, so a workshop can follow the customer's side of an order.

settings.py points EMAIL_BACKEND and SMS_BACKEND at the two backends below while the demo app is
installed (DEMO, the default with DEBUG; never in production), and storefront/urls.py serves these pages
only then.
"""

import re

from csp.decorators import csp_replace
from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_safe

from storefront.breadcrumbs import Crumb

from .models import DemoMessage

# Links in an e-mail open in a new tab: inside the frame they could not, as every shop page refuses to
# be framed. The sandbox lets that new tab (and only a click) escape; scripts in the e-mail never run.
EMAIL_SANDBOX = ["allow-popups", "allow-popups-to-escape-sandbox"]


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




@require_safe
def inbox(request):
    chosen = request.GET.get("to", "")
    demo_messages = DemoMessage.objects.filter(to=chosen) if chosen else DemoMessage.objects.all()
    recipients = DemoMessage.objects.order_by("to").values_list("to", flat=True).distinct()
    return render(request, "demo/inbox.html",
                  {"demo_messages": demo_messages, "recipients": recipients, "chosen": chosen})


@require_safe
def message(request, pk: int):
    demo_message = get_object_or_404(DemoMessage, pk=pk)
    title = demo_message.subject or f"{demo_message.get_kind_display()} to {demo_message.to}"
    return render(request, "demo/message.html", {
        "demo_message": demo_message, "title": title,
        "trail": [Crumb("Demo inbox", reverse("demo_inbox:inbox"))],
        "sandbox": " ".join(EMAIL_SANDBOX),
    })


@require_safe
@xframe_options_sameorigin
# An e-mail styles itself inline, which our pages' policy forbids. This response alone allows inline
# styles, may be framed by our own pages, and is sandboxed even when opened on its own (an
# about:srcdoc frame would inherit the page's policy and lose the e-mail's styles).
@csp_replace({"style-src": ["'unsafe-inline'"], "script-src": ["'none'"], "frame-ancestors": ["'self'"],
              "sandbox": EMAIL_SANDBOX})
def message_html(request, pk: int):
    demo_message = get_object_or_404(DemoMessage, pk=pk, kind=DemoMessage.Kind.EMAIL)
    if not demo_message.body_html:
        raise Http404("This e-mail has no HTML part.")
    return HttpResponse(_links_open_in_a_new_tab(demo_message.body_html))


def _links_open_in_a_new_tab(html: str) -> str:
    head = re.search(r"<head\b[^>]*>", html, flags=re.IGNORECASE)
    at = head.end() if head else 0
    return f'{html[:at]}<base target="_blank">{html[at:]}'


app_name = "demo_inbox"
urlpatterns = [
    path("", inbox, name="inbox"),
    path("<int:pk>/", message, name="message"),
    path("<int:pk>/html/", message_html, name="message_html"),
]
