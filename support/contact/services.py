"""Opening a ticket and keeping feedback, and how soon we promise to answer."""

from datetime import date

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import apnumber
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import get_language, ngettext

from orders.models import Order
from outbox.services import email_write, language_name
from shop.delivery import add_working_days
from support.models import Feedback, Ticket

# How soon we answer, in working days: the contact page, the thank-you page and both e-mails say it from here.
COMPLAINT_REPLY_DAYS = 1
REPLY_DAYS = 2

PAGE_URL_LENGTH = 500  # as stored; a longer address (a long search) is cut, never refused


def reply_time(*, is_priority: bool) -> str:
    """How soon we answer, in words, in the page's language: "one working day", "영업일 기준 1일"."""
    days = COMPLAINT_REPLY_DAYS if is_priority else REPLY_DAYS
    # English spells a small number out ("two working days"); Chinese and Korean write the digit here.
    number = apnumber(days) if (get_language() or "").startswith("en") else days
    # Translators: how soon we answer a message, inside a sentence ("we answer within …"). %(days)s is a number.
    return ngettext("%(days)s working day", "%(days)s working days", days) % {"days": number}


def reply_by(ticket: Ticket) -> date:
    """The last day of our promise, counted from the day the message came (weekends do not count)."""
    days = COMPLAINT_REPLY_DAYS if ticket.is_priority else REPLY_DAYS
    return add_working_days(timezone.localdate(ticket.created_at or timezone.now()), days)


def ticket_open(*, name: str, email: str, topic: str, message: str, order: Order | None = None,
                customer=None, page_url: str = "") -> Ticket:
    """Store the message, with staff's copy and the customer's acknowledgement in the outbox beside it."""
    with transaction.atomic():
        ticket = Ticket.objects.create(
            name=name, email=email, topic=topic, message=message, is_priority=topic == Ticket.Topic.COMPLAINT,
            order=order, order_number=order.number if order else "", customer=customer,
            page_url=page_url[:PAGE_URL_LENGTH])
        # The customer's language: their account's choice, else the one of the page they wrote on. Staff read it
        # in their (English) e-mail, to answer in it.
        language = (customer.language if customer else "") or translation.get_language()
        email_write(key=f"ticket:{ticket.pk}:staff", template="ticket_staff", context=lambda: {
                        **_email_context(ticket), "customer_language": language_name(language)},
                    to=settings.SHOP["email"], reply_to=ticket.email, reference=ticket.reference, staff=True)
        email_write(key=f"ticket:{ticket.pk}:acknowledgement", template="ticket_acknowledgement",
                    context=lambda: _email_context(ticket), to=ticket.email, reply_to=settings.SHOP["email"],
                    reference=ticket.reference, language=language)
    return ticket


def _email_context(ticket: Ticket) -> dict:
    return {"ticket": ticket, "shop": settings.SHOP, "site_url": settings.SHOP["site_url"].rstrip("/"),
            "reply_time": reply_time(is_priority=ticket.is_priority), "reply_by": reply_by(ticket)}


def feedback_record(*, page_url: str, message: str, email: str = "", customer=None) -> Feedback:
    return Feedback.objects.create(page_url=page_url[:PAGE_URL_LENGTH], message=message, email=email,
                                   customer=customer)
