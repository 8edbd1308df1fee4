"""Asking for the survey once an order has arrived, and keeping the answer once."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from orders.models import Order, SurveyAnswer
from orders.notifications import order_notify, survey_key
from outbox.models import Message

# Past this, the question comes too late to be answered well; it also stops a shop that turns the
# survey on from e-mailing every customer it has ever had.
ASK_AT_MOST_LATE_BY = timedelta(days=14)


def surveys_send_due(*, now=None) -> int:
    """Write the survey e-mail for orders delivered survey_after_days ago or more, once.

    An order counts as delivered when all its parcels are, from the last parcel's arrival. The outbox's
    key makes one survey per order certain; the check here only saves rendering it again each hour.
    """
    now = now or timezone.now()
    ask_after = now - timedelta(days=settings.SHOP["survey_after_days"])
    due = list(Order.objects.filter(status=Order.Status.DELIVERED, survey_answer=None)
               .annotate(delivered_at=Max("events__created_at", filter=Q(events__stage=Order.Status.DELIVERED)))
               .filter(delivered_at__lte=ask_after, delivered_at__gte=ask_after - ASK_AT_MOST_LATE_BY))
    asked = set(Message.objects.filter(key__in=[survey_key(order) for order in due]).values_list("key", flat=True))
    for order in due:
        if survey_key(order) not in asked:
            with transaction.atomic():
                order_notify(order, event="survey")
    return len(due) - len(asked)


def survey_answer_record(*, order: Order, nps: int, csat: int, ces: int,
                         comment: str = "") -> tuple[SurveyAnswer, bool]:
    """Keep the customer's answer; a second submit (a double click, the Back button) finds the first.

    get_or_create relies on the one-answer-per-order unique key, so two submits at once still make one row.
    """
    return SurveyAnswer.objects.get_or_create(order=order, defaults={"nps": nps, "csat": csat, "ces": ces,
                                                                     "comment": comment})
