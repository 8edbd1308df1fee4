"""Messages to customers about their orders, each sent exactly once (practices P51, P59, S09).

Before sending, a Notification row for (order, event, channel) is created and locked; a second task
for the same message, a retry after a crash, or a duplicate delivery from the broker finds it marked
sent and stops. Each event has its e-mail templates as files: templates/emails/<event>_subject.txt,
<event>_body.txt and <event>_body.html.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Notification, Order


class NotificationNotSent(Exception):
    """Sending failed this time; the task retries, and the reason is kept for staff."""


def notification_send(*, order_id: int, event: str, final_attempt: bool = True) -> Notification:
    order = Order.objects.prefetch_related("lines").get(pk=order_id)
    failure = None
    with transaction.atomic():
        notification, _ = Notification.objects.get_or_create(
            order=order, event=event, channel="email", defaults={"recipient": order.email})
        notification = Notification.objects.select_for_update().get(pk=notification.pk)
        if notification.status == Notification.Status.SENT:
            return notification
        notification.attempts += 1
        try:
            _email(order, event).send()
        except OSError as error:  # SMTP errors are OSErrors: server down, refused, timed out
            failure = error
            notification.status = Notification.Status.FAILED if final_attempt else Notification.Status.PENDING
            notification.error = f"{type(error).__name__}: {error}"
        else:
            notification.status = Notification.Status.SENT
            notification.sent_at = timezone.now()
            notification.error = ""
        notification.save()
    if failure is not None:
        raise NotificationNotSent(notification.error) from failure
    return notification


def _email(order: Order, event: str) -> EmailMultiAlternatives:
    context = {"order": order, "shop": settings.SHOP, "site_url": settings.SHOP["site_url"].rstrip("/")}
    subject = " ".join(render_to_string(f"emails/{event}_subject.txt", context).split())
    message = EmailMultiAlternatives(subject, render_to_string(f"emails/{event}_body.txt", context),
                                     to=[order.email])
    message.attach_alternative(render_to_string(f"emails/{event}_body.html", context), "text/html")
    return message
