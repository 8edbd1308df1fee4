"""Writing to us (practices P16, P21, P71): the contact form, complaints included, and feedback from any page.

Contact: a message becomes a Ticket with a reference; a complaint is the same form with the topic "A complaint",
marked priority so staff see it first. With the ticket, two e-mails are written to the outbox: staff's copy
(complaints marked URGENT) and the customer's acknowledgement.

Spam is kept out without puzzles: a field only robots fill (a honeypot) and a rate limit per address. A robot
that fills the honeypot is thanked as usual and nothing is stored, so it learns nothing. There is no "sent too
fast" check: a person whose browser fills in the name and e-mail address, with a message pasted, sends within a
second, while a robot that knows about such a check simply waits, so it refused people and kept out no robot.

Feedback: the "Feedback" control on every page (templates/support/_feedback.html) posts here with the page it
was sent from, which must be an address on this shop.
"""

from datetime import date
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.humanize.templatetags.humanize import apnumber
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from accounts.forms import EMAIL_MESSAGES
from orders.models import Order
from outbox.services import email_write
from shop.delivery import add_working_days
from storefront.ratelimit import rate_limited
from storefront.redirects import safe_next_path

from .models import Feedback, Ticket

# How soon we answer, in working days: the contact page, the thank-you page and both e-mails say it from here.
COMPLAINT_REPLY_DAYS = 1
REPLY_DAYS = 2

HONEYPOT = "website"  # a name robots like to fill
PAGE_URL_LENGTH = 500  # as stored; a longer address (a long search) is cut, never refused
THANKED_TICKETS = "contact_tickets"  # session: the references this browser may see the thank-you page for
REMEMBERED_TICKETS = 10

ORDER_NOT_FOUND = "We can't find that order number. Check it in your confirmation e-mail, or leave it empty."
FEEDBACK_THANKS = "Thank you for your feedback: we read every note."


def reply_time(*, is_priority: bool) -> str:
    """How soon we answer, in words: "one working day"."""
    days = COMPLAINT_REPLY_DAYS if is_priority else REPLY_DAYS
    return f"{apnumber(days)} working day{pluralize(days)}"


def reply_by(ticket: Ticket) -> date:
    """The last day of our promise, counted from the day the message came (weekends do not count)."""
    days = COMPLAINT_REPLY_DAYS if ticket.is_priority else REPLY_DAYS
    return add_working_days(timezone.localdate(ticket.created_at or timezone.now()), days)


def filled_by_robot(data) -> bool:
    """People never see the honeypot field (templates/support/_spam_trap.html); robots fill every field."""
    return bool(data.get(HONEYPOT))


# --- The contact form ----------------------------------------------------------------------------------


class ContactForm(forms.Form):
    name = forms.CharField(
        label="Your name", max_length=100,
        error_messages={"required": "Enter your name, so we know who we are answering.",
                        "max_length": "Use at most 100 characters for your name."},
        widget=forms.TextInput(attrs={"autocomplete": "name", "autocapitalize": "words"}))
    email = forms.EmailField(
        label="E-mail address", max_length=254, help_text="We send our answer here.", error_messages=EMAIL_MESSAGES,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}))
    topic = forms.ChoiceField(
        label="What is it about?", choices=[("", "Choose a topic"), *Ticket.Topic.choices],
        error_messages={"required": "Choose what your message is about, so it reaches the right person.",
                        "invalid_choice": "Choose one of the topics in the list."})
    order_number = forms.CharField(
        label="Order number", required=False, max_length=40,
        help_text="If it is about an order: the number is in your confirmation e-mail, for example FG-7KX2MQ.",
        error_messages={"max_length": ORDER_NOT_FOUND},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}))
    message = forms.CharField(
        label="Your message", max_length=5000,
        help_text="What happened, and what you would like us to do.",
        error_messages={"required": "Write your message: what happened, and what you would like us to do.",
                        "max_length": "Shorten your message to at most %(limit_value)d characters "
                                      "(it has %(show_value)d)."},
        widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args, customer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.customer = customer

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())  # one line: it goes into the staff e-mail's subject

    def clean_order_number(self) -> str:
        """Read out over the phone or copied from an e-mail, a number may come with spaces or in lower case."""
        return "".join(self.cleaned_data["order_number"].split()).upper()

    def clean(self):
        cleaned = super().clean()
        number, email = cleaned.get("order_number"), cleaned.get("email")
        if number and (email or self.customer):  # without a usable e-mail address, that message comes first
            cleaned["order"] = _order_for(number, customer=self.customer, email=email or "")
            if cleaned["order"] is None:
                self.add_error("order_number", ORDER_NOT_FOUND)
        return cleaned


def _order_for(number: str, *, customer, email: str) -> Order | None:
    """The order, if the person writing may name it: a signed-in customer's own (placed signed in, or as a
    guest with the account's address); for a guest, one placed with the e-mail address they give. Anyone
    else's order is "not found", exactly like a made-up number, so the form reveals no one's orders."""
    orders = Order.objects.filter(number=number)
    if customer is not None:
        return orders.filter(Q(customer=customer) | Q(customer=None, email__iexact=customer.email)).first()
    return orders.filter(email__iexact=email).first()


def ticket_open(*, name: str, email: str, topic: str, message: str, order: Order | None = None,
                customer=None, page_url: str = "") -> Ticket:
    """Store the message, with staff's copy and the customer's acknowledgement in the outbox beside it."""
    with transaction.atomic():
        ticket = Ticket.objects.create(
            name=name, email=email, topic=topic, message=message, is_priority=topic == Ticket.Topic.COMPLAINT,
            order=order, order_number=order.number if order else "", customer=customer,
            page_url=page_url[:PAGE_URL_LENGTH])
        context = _email_context(ticket)
        email_write(key=f"ticket:{ticket.pk}:staff", template="ticket_staff", context=context,
                    to=settings.SHOP["email"], reply_to=ticket.email, reference=ticket.reference, staff=True)
        email_write(key=f"ticket:{ticket.pk}:acknowledgement", template="ticket_acknowledgement", context=context,
                    to=ticket.email, reply_to=settings.SHOP["email"], reference=ticket.reference)
    return ticket


def _email_context(ticket: Ticket) -> dict:
    return {"ticket": ticket, "shop": settings.SHOP, "site_url": settings.SHOP["site_url"].rstrip("/"),
            "reply_time": reply_time(is_priority=ticket.is_priority), "reply_by": reply_by(ticket)}


# --- Views -----------------------------------------------------------------------------------------------


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


class FeedbackForm(forms.Form):
    message = forms.CharField(
        label="Your feedback", max_length=2000,
        error_messages={"required": "Write your feedback: what works, what doesn't, or what is missing.",
                        "max_length": "Shorten your feedback to at most %(limit_value)d characters "
                                      "(it has %(show_value)d)."})
    email = forms.EmailField(label="Your e-mail", required=False, max_length=254, error_messages=EMAIL_MESSAGES)

    def __init__(self, *args, **kwargs):
        # Names and ids as written in templates/support/_feedback.html ("feedback-message"): apart from the
        # fields of the page's own forms.
        super().__init__(*args, prefix="feedback", auto_id="%s", **kwargs)


def feedback_record(*, page_url: str, message: str, email: str = "", customer=None) -> Feedback:
    return Feedback.objects.create(page_url=page_url[:PAGE_URL_LENGTH], message=message, email=email,
                                   customer=customer)


@require_POST
@rate_limited(scope="feedback", limit=10, per_seconds=15 * 60)
def feedback(request):
    """htmx swaps the form for a thank-you; without JavaScript, back to the page with the thank-you on top."""
    page_url = safe_next_path(request.POST.get("page", ""))
    if not page_url:  # only a changed form sends another site's address: there is nothing a person can fix
        return HttpResponseBadRequest("Feedback is about a page of this shop: send it from that page.")
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
        return render(request, "support/_feedback.html#feedback-thanks", {"feedback_thanks": FEEDBACK_THANKS})
    messages.success(request, FEEDBACK_THANKS)
    return redirect(page_url)
