"""Demo only: the demo inbox's pages at /demo/inbox/: every e-mail and text message the shop has sent
(kept by the backends in inbox.py), newest first and filterable by recipient, each shown as the customer
receives it."""

import re

from csp.decorators import csp_replace
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_safe

from storefront.breadcrumbs import Crumb

from .models import DemoMessage

# Links in an e-mail open in a new tab: inside the frame they could not, as every shop page refuses to
# be framed. The sandbox lets that new tab (and only a click) escape; scripts in the e-mail never run.
EMAIL_SANDBOX = ["allow-popups", "allow-popups-to-escape-sandbox"]


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
    return render(request, "demo/message.html", {
        "demo_message": demo_message, "title": demo_message.subject or _untitled(demo_message),
        "trail": [Crumb(gettext("Demo inbox"), reverse("demo_inbox:inbox"))],
        "sandbox": " ".join(EMAIL_SANDBOX),
    })


def _untitled(demo_message: DemoMessage) -> str:
    """What a message without a subject (a text message) is called: who it went to."""
    if demo_message.kind == DemoMessage.Kind.SMS:
        return gettext("Text message to %(to)s") % {"to": demo_message.to}
    return gettext("E-mail to %(to)s") % {"to": demo_message.to}


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
