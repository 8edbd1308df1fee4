"""What the shop tells customers (and staff) about their orders, and when (practices P51, P59, S09).

`order_notify` is called inside the transaction of each change (order placed, a parcel's stage, a
return's step, a late parcel, the survey) and writes the messages it calls for to the outbox, which
sends them once that change has committed. Each event has its e-mail templates as files:
templates/emails/<event>_subject.txt, <event>_body.txt and <event>_body.html (stage updates extend
the shared _order_update_body.* layouts), and a one-line text message in SMS_TEXTS.

Order confirmations and cancellations always go out by e-mail; progress updates follow the
customer's notification preferences (account → notifications), decided here, when the message is
written; guests get every update by e-mail.

Every message goes out in the customer's language (`order_language`), whatever language the worker or the
staff member moving the order uses: its context and text are made by the outbox inside that language, so
the links, dates and words made here are in it too. Staff's alert about a late parcel stays in English.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy, pgettext_lazy

from outbox.models import Message
from outbox.services import email_write, language_name, text_write
from shop.reviews.invitations import review_invitations

from .models import Order, ReturnRequest, Shipment
from .survey.links import survey_link

ALWAYS_EMAILED = {"order_placed", Order.Status.CANCELLED, *ReturnRequest.Stage, "withdrawal_received",
                  "lines_cancelled"}
# Text messages are short: one line, with the shop's name first and a link to follow.
SMS_TEXTS = {
    Order.Status.SHIPPED: gettext_lazy(
        "%(shop)s: your order %(number)s is on its way with %(carrier)s. Track it: %(link)s"),
    Order.Status.OUT_FOR_DELIVERY: gettext_lazy("%(shop)s: your order %(number)s is out for delivery today."),
    Order.Status.DELAYED: gettext_lazy(
        "%(shop)s: sorry, your order %(number)s is delayed. New date and details: %(link)s"),
    Order.Status.DELIVERY_FAILED: gettext_lazy(
        "%(shop)s: we could not deliver order %(number)s. Choose what happens next: %(link)s"),
}
# The stage a late parcel is stuck at, as the customer's e-mail quotes it: 'at the stage "shipped"'.
LATE_STAGE_NAMES = {
    Order.Status.PLACED: pgettext_lazy("an order's stage, quoted in a sentence", "placed"),
    Order.Status.CONFIRMED: pgettext_lazy("an order's stage, quoted in a sentence", "confirmed"),
    Order.Status.PACKED: pgettext_lazy("an order's stage, quoted in a sentence", "packed"),
    Order.Status.SHIPPED: pgettext_lazy("an order's stage, quoted in a sentence", "shipped"),
    Order.Status.OUT_FOR_DELIVERY: pgettext_lazy("an order's stage, quoted in a sentence", "out for delivery"),
    Order.Status.DELAYED: pgettext_lazy("an order's stage, quoted in a sentence", "delayed"),
}


def order_language(order: Order) -> str:
    """The language an order's messages are written in: the one its customer chose for their account, else the
    one of the page it was placed on (a guest's, or a customer's who never chose)."""
    return (order.customer.language if order.customer else "") or order.language


def order_notify(order: Order, *, event: str, shipment: Shipment | None = None,
                 return_request: ReturnRequest | None = None) -> list[Message]:
    """Write every message this event calls for (e-mail, a text if the customer asked for texts, staff's alert).

    An event is about the order, one of its parcels (`shipment`) or one of its returns (`return_request`);
    each message's key names that and the event, so the same event twice writes nothing new.
    """
    # The lines' products too: the e-mails show each line's picture and colour.
    order = Order.objects.select_related("customer").prefetch_related("lines__variant__product").get(pk=order.pk)
    customer = order.customer
    # "lines_cancelled:12" is one of several of its kind; the kind decides whether it always goes out.
    wants_email = event.split(":", 1)[0] in ALWAYS_EMAILED or customer is None or customer.notify_by_email
    wants_sms = event in SMS_TEXTS and customer is not None and customer.notify_by_sms and bool(order.phone)
    about = {"order": order, "shipment": shipment, "return_request": return_request}
    key = _key(about, event)
    language = order_language(order)
    written = [email_write(key=f"{key}:email", template=event.split(":", 1)[0], context=lambda: _context(about, event),
                           to=order.email, language=language, kind=event, reference=order.number,
                           wanted=wants_email)]
    if event in SMS_TEXTS:
        written.append(text_write(key=f"{key}:sms", text=lambda: _sms_text(about, event), to=order.phone,
                                  language=language, kind=event, reference=order.number, wanted=wants_sms))
    if event.startswith("late:"):
        written.append(email_write(key=f"{key}:staff", template="late_staff", context=lambda: _context(about, event),
                                   to=settings.SHOP["email"], kind=event, reference=order.number, staff=True))
    return written


def survey_key(order: Order) -> str:
    """The survey e-mail's key: whether an order was already asked is whether this key is in the outbox."""
    return f"{_key({'order': order, 'shipment': None, 'return_request': None}, 'survey')}:email"


def _key(about: dict, event: str) -> str:
    if about["shipment"] is not None:
        return f"shipment:{about['shipment'].pk}:{event}"
    if about["return_request"] is not None:
        return f"return:{about['return_request'].pk}:{event}"
    return f"order:{about['order'].pk}:{event}"


def _context(about: dict, event: str) -> dict:
    """The e-mail's variables, made in its language (the outbox calls this inside it)."""
    order = about["order"]
    site_url = settings.SHOP["site_url"].rstrip("/")
    context = {**about, "shop": settings.SHOP, "site_url": site_url, "event": event,
               "tracking_page": site_url + reverse("orders:tracking", args=[order.number])}
    if event.startswith("late:"):  # "late:shipped": too long at one stage, said once per parcel and stage
        stage = event.split(":", 1)[1]
        context["stage_name"] = LATE_STAGE_NAMES.get(stage) or Order.Status(stage).label.lower()
        context["admin_link"] = site_url + reverse("admin:orders_order_change", args=[order.pk])
        context["customer_language"] = language_name(order_language(order))  # staff's e-mail: call them in it
    if event == "survey":
        context["survey_url"] = survey_link(order)
        context["review_invitations"] = review_invitations(order)  # P53: asked once, with the survey
    return context


def _sms_text(about: dict, event: str) -> str:
    order, shipment = about["order"], about["shipment"]
    tracking_page = settings.SHOP["site_url"].rstrip("/") + reverse("orders:tracking", args=[order.number])
    return SMS_TEXTS[event] % {
        "shop": settings.SHOP["name"], "number": order.number,
        # Translators: in the text message "on its way with %(carrier)s", when no carrier's name was entered.
        "carrier": shipment.carrier if shipment and shipment.carrier else gettext("our courier"),
        "link": (shipment.tracking_url if shipment and event == "shipped" else "") or tracking_page}
