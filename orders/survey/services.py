"""Asking for the survey once an order has arrived, and keeping the answer once."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone

from orders.models import Notification, Order, SurveyAnswer

# Past this, the question comes too late to be answered well; it also stops a shop that turns the
# survey on from e-mailing every customer it has ever had.
ASK_AT_MOST_LATE_BY = timedelta(days=14)


def surveys_send_due(*, now=None) -> int:
    """Queue the survey e-mail for orders delivered survey_after_days ago or more and not yet asked.

    An order counts as delivered when all its parcels are, from the last parcel's arrival. The
    notification record makes sending once per order certain; this only avoids queuing needlessly.
    """
    from orders.tasks import order_notification_send_task  # the tasks module imports this one (the beat task)

    now = now or timezone.now()
    ask_after = now - timedelta(days=settings.SHOP["survey_after_days"])
    asked = Notification.objects.filter(order=OuterRef("pk"), event="survey", channel="email")
    due = (Order.objects.filter(status=Order.Status.DELIVERED, survey_answer=None)
           .annotate(delivered_at=Max("events__created_at", filter=Q(events__stage=Order.Status.DELIVERED)))
           .filter(delivered_at__lte=ask_after, delivered_at__gte=ask_after - ASK_AT_MOST_LATE_BY)
           .exclude(Exists(asked)))
    order_ids = list(due.values_list("pk", flat=True))
    for order_id in order_ids:
        order_notification_send_task.delay(order_id, "survey")
    return len(order_ids)


def survey_answer_record(*, order: Order, nps: int, csat: int, ces: int,
                         comment: str = "") -> tuple[SurveyAnswer, bool]:
    """Keep the customer's answer; a second submit (a double click, the Back button) finds the first.

    get_or_create relies on the one-answer-per-order unique key, so two submits at once still make one row.
    """
    return SurveyAnswer.objects.get_or_create(order=order, defaults={"nps": nps, "csat": csat, "ces": ces,
                                                                     "comment": comment})
