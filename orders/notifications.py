"""Messages to customers about their orders, each sent exactly once (practices P51, P59, S09).

Before sending, a Notification row for (order or parcel, event, channel) is created and locked; a
second task for the same message, a retry after a crash, or a duplicate delivery from the broker
finds it marked sent and stops. Each event has its e-mail templates as files:
templates/emails/<event>_subject.txt, <event>_body.txt and <event>_body.html (stage updates extend
the shared _order_update_body.* layouts), and a one-line text message in SMS_TEXTS.

Order confirmations and cancellations always go out by e-mail; progress updates follow the
customer's notification preferences (account → notifications); guests get every update by e-mail.
"""

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from shop.reviews import review_invitations
from storefront.emails import templated_email

from .models import Notification, Order, ReturnRequest, Shipment
from .sms import sms_send

ALWAYS_EMAILED = {"order_placed", Order.Status.CANCELLED, *ReturnRequest.Stage, "withdrawal_received",
                  "lines_cancelled"}
SMS_TEXTS = {
    Order.Status.SHIPPED: "{shop}: your order {number} is on its way with {carrier}. Track it: {link}",
    Order.Status.OUT_FOR_DELIVERY: "{shop}: your order {number} is out for delivery today.",
    Order.Status.DELAYED: "{shop}: sorry, your order {number} is delayed. New date and details: {link}",
    Order.Status.DELIVERY_FAILED: "{shop}: we could not deliver order {number}. Choose what happens next: {link}",
}


class NotificationNotSent(Exception):
    """Sending failed this time; the task retries, and the reason is kept for staff."""


def notification_send(*, order_id: int, event: str, shipment_id: int | None = None, return_id: int | None = None,
                      final_attempt: bool = True) -> list[Notification]:
    """Send the customer every message this event calls for (e-mail, and a text if they asked for texts).

    An event is about the order, one of its parcels (`shipment_id`) or one of its returns (`return_id`).
    """
    order = Order.objects.select_related("customer").prefetch_related("lines").get(pk=order_id)
    shipment = Shipment.objects.get(pk=shipment_id) if shipment_id else None
    return_request = ReturnRequest.objects.prefetch_related("lines__order_line").get(pk=return_id) \
        if return_id else None
    customer = order.customer
    # "lines_cancelled:12" is one of several of its kind; the kind decides whether it always goes out.
    wants_email = event.split(":", 1)[0] in ALWAYS_EMAILED or customer is None or customer.notify_by_email
    wants_sms = event in SMS_TEXTS and customer is not None and customer.notify_by_sms and bool(order.phone)
    about = {"order": order, "shipment": shipment, "return_request": return_request}
    sent = [_send_once(about, event, "email", order.email,
                       lambda: _email(about, event).send(), wanted=wants_email, final_attempt=final_attempt)]
    if event in SMS_TEXTS:
        sent.append(_send_once(about, event, "sms", order.phone,
                               lambda: sms_send(to=order.phone, text=_sms_text(about, event)),
                               wanted=wants_sms, final_attempt=final_attempt))
    if event.startswith("late:"):
        sent.append(_send_once(about, event, "staff", settings.SHOP["email"],
                               lambda: _staff_alert(order, shipment, event).send(), wanted=True,
                               final_attempt=final_attempt))
    failed = [notification for notification in sent if notification.status != Notification.Status.SENT
              and notification.status != Notification.Status.SKIPPED]
    if failed:
        raise NotificationNotSent("; ".join(notification.error for notification in failed))
    return sent


def _send_once(about: dict, event, channel, recipient, send, *, wanted: bool, final_attempt: bool) -> Notification:
    with transaction.atomic():
        notification, _ = Notification.objects.get_or_create(
            **about, event=event, channel=channel, defaults={"recipient": recipient})
        notification = Notification.objects.select_for_update().get(pk=notification.pk)
        if notification.status in {Notification.Status.SENT, Notification.Status.SKIPPED}:
            return notification
        if not wanted:
            notification.status = Notification.Status.SKIPPED
            notification.save()
            return notification
        notification.attempts += 1
        try:
            send()
        except OSError as error:  # SMTP errors are OSErrors: server down, refused, timed out
            notification.status = Notification.Status.FAILED if final_attempt else Notification.Status.PENDING
            notification.error = f"{type(error).__name__}: {error}"
        else:
            notification.status = Notification.Status.SENT
            notification.sent_at = timezone.now()
            notification.error = ""
        notification.save()
    return notification


def _context(about: dict, event: str) -> dict:
    order = about["order"]
    site_url = settings.SHOP["site_url"].rstrip("/")
    context = {**about, "shop": settings.SHOP, "site_url": site_url, "event": event,
               "tracking_page": site_url + reverse("orders:tracking", args=[order.number])}
    if event.startswith("late:"):  # "late:shipped": too long at one stage, said once per parcel and stage
        context["stage_name"] = Order.Status(event.split(":", 1)[1]).label.lower()
    if event == "survey":
        from .survey import survey_link  # the survey's views import the notification machinery

        context["survey_url"] = survey_link(order)
        context["review_invitations"] = review_invitations(order)  # P53: asked once, with the survey
    return context


def _email(about: dict, event: str) -> EmailMultiAlternatives:
    context = _context(about, event)
    order = about["order"]
    return templated_email(event.split(":", 1)[0], context, to=[order.email])


def _staff_alert(order: Order, shipment: Shipment | None, event: str) -> EmailMessage:
    stage = Order.Status(event.split(":", 1)[1]).label.lower()
    admin_link = settings.SHOP["site_url"].rstrip("/") + reverse("admin:orders_order_change", args=[order.pk])
    return EmailMessage(
        f"Late: order {order.number} has been {stage} too long",
        f"Order {order.number} ({order.full_name}, {order.email}, {order.phone}) has been at the stage "
        f"\"{stage}\" for longer than expected. The customer has been told, with an apology and the new "
        f"estimate{f' of {shipment.expected_by:%-d %B}' if shipment and shipment.expected_by else ''}.\n\n"
        f"Please check with the warehouse or carrier and move it on: {admin_link}\n",
        to=[settings.SHOP["email"]])


def _sms_text(about: dict, event: str) -> str:
    context = _context(about, event)
    order, shipment = about["order"], about["shipment"]
    return SMS_TEXTS[event].format(shop=settings.SHOP["name"], number=order.number,
                                   carrier=shipment.carrier if shipment else "our courier",
                                   link=(shipment.tracking_url if shipment and event == "shipped" else "")
                                   or context["tracking_page"])
