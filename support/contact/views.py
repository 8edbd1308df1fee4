"""The contact form's pages (the form, the thank-you) and feedback from any page: parse, call one service,
render."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext, gettext_noop
from django.views.decorators.http import require_http_methods, require_POST

from storefront.ratelimit import rate_limited
from storefront.redirects import safe_next_path
from support.models import Ticket

from .forms import ContactForm, FeedbackForm, filled_by_robot
from .services import feedback_record, reply_by, reply_time, ticket_open

THANKED_TICKETS = "contact_tickets"  # session: the references this browser may see the thank-you page for
REMEMBERED_TICKETS = 10

FEEDBACK_THANKS = gettext_noop("Thank you for your feedback: we read every note.")  # translated where it is said


# Every send counts, including those returned for a correction, so the limit leaves room for a few.
@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited(scope="contact", limit=8, per_seconds=15 * 60)
def contact(request):
    customer = request.user if request.user.is_authenticated else None
    if request.method != "POST":
        form = ContactForm(initial=_initial(request, customer))
        return _contact_page(request, form, came_from=_came_from(request))
    form = ContactForm(request.POST, customer=customer)
    page_url = safe_next_path(request.POST.get("page", ""))
    if filled_by_robot(request.POST):
        return _thanks_page(request, Ticket(name=request.POST.get("name", ""), email=request.POST.get("email", "")))
    if not form.is_valid():
        return _contact_page(request, form, came_from=page_url)
    data = form.cleaned_data
    ticket = ticket_open(name=data["name"], email=data["email"], topic=data["topic"], message=data["message"],
                         order=data.get("order"), customer=customer, page_url=page_url)
    thanked = [reference for reference in request.session.get(THANKED_TICKETS, []) if reference != ticket.reference]
    request.session[THANKED_TICKETS] = [*thanked[-(REMEMBERED_TICKETS - 1):], ticket.reference]
    return redirect("support:contact_thanks", reference=ticket.reference)


@require_http_methods(["GET", "HEAD"])
def contact_thanks(request, reference):
    """Only for a message sent from this browser: a reference is not a key to anyone else's message."""
    if reference not in request.session.get(THANKED_TICKETS, []):
        raise Http404
    return _thanks_page(request, get_object_or_404(Ticket, reference=reference))


def _initial(request, customer) -> dict:
    """A signed-in customer's name and e-mail address; a topic or order number a link asked for (?topic=complaint)."""
    initial = {"topic": request.GET.get("topic", ""), "order_number": request.GET.get("order", "")}
    if customer is not None:
        initial.update(name=customer.get_full_name(), email=customer.email)
    return initial


def _came_from(request) -> str:
    """The shop page the customer was on before opening the form, for staff to see."""
    referer = urlsplit(request.META.get("HTTP_REFERER", ""))
    if referer.netloc != request.get_host():
        return ""
    return safe_next_path(referer.path + (f"?{referer.query}" if referer.query else ""))


def _contact_page(request, form: ContactForm, *, came_from: str):
    return render(request, "support/contact.html", {
        "form": form, "came_from": came_from,
        "complaint_reply_time": reply_time(is_priority=True), "reply_time": reply_time(is_priority=False)})


def _thanks_page(request, ticket: Ticket):
    return render(request, "support/contact_thanks.html", {
        "ticket": ticket, "reply_time": reply_time(is_priority=ticket.is_priority), "reply_by": reply_by(ticket)})


# --- Feedback from any page ------------------------------------------------------------------------------


@require_POST
@rate_limited(scope="feedback", limit=10, per_seconds=15 * 60)
def feedback(request):
    """htmx swaps the form for a thank-you; without JavaScript, back to the page with the thank-you on top."""
    page_url = safe_next_path(request.POST.get("page", ""))
    if not page_url:  # only a changed form sends another site's address: there is nothing a person can fix
        return HttpResponseBadRequest(gettext("Feedback is about a page of this shop: send it from that page."))
    form = FeedbackForm(request.POST)
    if not filled_by_robot(request.POST):  # a robot is thanked all the same, and nothing is kept
        if not form.is_valid():
            context = {"feedback_form": form, "feedback_page_url": page_url}
            if request.htmx:
                return render(request, "support/_feedback.html#feedback-form", context)
            return render(request, "support/feedback.html", {**context, "hide_feedback_control": True})
        feedback_record(page_url=page_url, message=form.cleaned_data["message"], email=form.cleaned_data["email"],
                        customer=request.user if request.user.is_authenticated else None)
    if request.htmx:
        return render(request, "support/_feedback.html#feedback-thanks", {"feedback_thanks": gettext(FEEDBACK_THANKS)})
    messages.success(request, gettext(FEEDBACK_THANKS))
    return redirect(page_url)
