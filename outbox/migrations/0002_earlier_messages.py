"""Bring the messages recorded before the outbox into it, so nothing already sent is sent again and staff
keep the history: orders' Notification rows, and the "sent at" stamps of tickets, questions and low-rating
reviews. Their text was never kept, so the rows have none. A message that had not gone out when the shop
was upgraded cannot be written again here (its templates may have changed since): it comes in as failed,
with the reason, so staff see it and can reach the customer."""

from django.conf import settings
from django.db import migrations
from django.db.models import F

NOT_SENT_BEFORE = "Not sent before the shop moved to the outbox; its text was not kept. Contact the customer."


def bring_in(apps, schema_editor):
    Message = apps.get_model("outbox", "Message")
    Notification = apps.get_model("orders", "Notification")
    Ticket = apps.get_model("support", "Ticket")
    ProductQuestion = apps.get_model("support", "ProductQuestion")
    Review = apps.get_model("shop", "Review")
    messages = []
    for notification in Notification.objects.select_related("order").iterator():
        about = (f"shipment:{notification.shipment_id}" if notification.shipment_id else
                 f"return:{notification.return_request_id}" if notification.return_request_id else
                 f"order:{notification.order_id}")
        status = notification.status if notification.status in {"sent", "skipped", "failed"} else "failed"
        messages.append(Message(
            key=f"{about}:{notification.event}:{notification.channel}", channel=notification.channel,
            kind=notification.event[:40], reference=notification.order.number, to=notification.recipient,
            status=status, attempts=notification.attempts, sent_at=notification.sent_at,
            error=notification.error or (NOT_SENT_BEFORE if status == "failed" else ""),
            next_attempt_at=notification.created_at))
    stamps = [(Ticket, "ticket", "staff_notified_at", "staff", "staff"),
              (Ticket, "ticket", "acknowledged_at", "acknowledgement", "email"),
              (ProductQuestion, "question", "staff_notified_at", "staff", "staff"),
              (ProductQuestion, "question", "asker_emailed_at", "answered", "email"),
              (Review, "review", "staff_alerted_at", "low_rating", "staff")]
    for model, prefix, stamp, kind, channel in stamps:
        rows = model.objects.all()
        if prefix == "question":
            rows = rows.exclude(answered_at=None) if kind == "answered" else rows
        if prefix == "review":
            rows = rows.filter(rating__lte=2)
        for row in rows.iterator():
            sent_at = getattr(row, stamp)
            messages.append(Message(
                key=f"{prefix}:{row.pk}:{kind}", channel=channel, kind=f"{prefix}_{kind}",
                reference=getattr(row, "reference", ""), to=settings.SHOP["email"] if channel == "staff" else row.email,
                status="sent" if sent_at else "failed", attempts=1 if sent_at else 0, sent_at=sent_at,
                error="" if sent_at else NOT_SENT_BEFORE, next_attempt_at=row.created_at))
    Message.objects.bulk_create(messages, batch_size=500, ignore_conflicts=True)
    # created_at is set on insert: give each the date it really had (the table held nothing before).
    Message.objects.update(created_at=F("next_attempt_at"))


class Migration(migrations.Migration):

    dependencies = [
        ("outbox", "0001_messages"),
        ("orders", "0003_returns_and_cancelled_lines"),
        ("support", "0001_help_contact_questions_feedback"),
        ("shop", "0007_guest_reviews_and_missed_searches"),
    ]

    operations = [migrations.RunPython(bring_in, migrations.RunPython.noop)]
