"""The customer-experience measures staff watch (practice S18): what customers said after delivery, whether
our messages reached them, why things came back, what they searched for in vain, and which help articles
did not help.

The scores are the survey's (orders/survey.py): NPS is % promoters (9–10) minus % detractors (0–6), CSAT is
% answering 4 or 5, CES is the mean effort (1–7, lower is better). The database adds the answers up, one
query per group of figures, so the dashboard runs the same few queries for fifty orders or fifty thousand;
`nps`, `csat` and `ces` work the same measures out from a plain list of answers.
"""

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta

from django.db.models import Count, DateField, F, FloatField, Q, Sum
from django.db.models.functions import Cast, Coalesce, TruncMonth
from django.utils import timezone

from orders.models import ReturnRequest, SurveyAnswer
from orders.returns.selectors import REASON_COLUMNS, return_reasons_by_product
from outbox.models import Message
from shop.models import MissedSearch
from storefront.dates import month_and_year
from support.models import HelpArticle

PROMOTER_FROM = 9  # 9 and 10 recommend us
DETRACTOR_UP_TO = 6  # 0 to 6 would not
SATISFIED_FROM = 4  # 4 and 5 of 5
EFFORT_SCORES = range(1, 8)

PERIODS = (3, 6, 12)  # months the dashboard offers
DEFAULT_PERIOD = 12
MISSED_SEARCH_DAYS = 30
ARTICLE_MIN_VOTES = 5  # fewer votes say more about the voters than about the article
RECENT_FAILURES = 10
TOP_RETURNED_PRODUCTS = 5
TOP_MISSED_SEARCHES = 15
LEAST_HELPFUL_ARTICLES = 5


# --- The measures -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scores:
    """Survey answers added up: all it takes to work out NPS, CSAT and CES. Each is None without answers."""

    answers: int = 0
    promoters: int = 0
    detractors: int = 0
    satisfied: int = 0
    effort_total: int = 0

    @property
    def nps(self) -> int | None:
        """From −100 (everyone a detractor) to 100 (everyone a promoter), to the nearest whole number."""
        return round(100 * (self.promoters - self.detractors) / self.answers) if self.answers else None

    @property
    def csat(self) -> int | None:
        """The % of answers that were satisfied, to the nearest whole number."""
        return round(100 * self.satisfied / self.answers) if self.answers else None

    @property
    def ces(self) -> float | None:
        """The mean effort to one decimal place: 1 very easy, 7 very difficult."""
        return round(self.effort_total / self.answers, 1) if self.answers else None


def nps(scores: Iterable[int]) -> int | None:
    """Net Promoter Score of answers from 0 to 10."""
    scores = list(scores)
    return Scores(answers=len(scores), promoters=sum(score >= PROMOTER_FROM for score in scores),
                  detractors=sum(score <= DETRACTOR_UP_TO for score in scores)).nps


def csat(scores: Iterable[int]) -> int | None:
    """Customer satisfaction of answers from 1 to 5."""
    scores = list(scores)
    return Scores(answers=len(scores), satisfied=sum(score >= SATISFIED_FROM for score in scores)).csat


def ces(scores: Iterable[int]) -> float | None:
    """Customer effort of answers from 1 to 7."""
    scores = list(scores)
    return Scores(answers=len(scores), effort_total=sum(scores)).ces


def _score_counts() -> dict:
    """What the database adds up for `Scores`, one row per group.

    Counted distinct, and the effort per score rather than summed: in the by-category query an answer meets
    each of its order's lines, and a distinct count still counts it once where a sum would not.
    """
    return {
        "answers": Count("pk", distinct=True),
        "promoters": Count("pk", distinct=True, filter=Q(nps__gte=PROMOTER_FROM)),
        "detractors": Count("pk", distinct=True, filter=Q(nps__lte=DETRACTOR_UP_TO)),
        "satisfied": Count("pk", distinct=True, filter=Q(csat__gte=SATISFIED_FROM)),
        "effort_total": sum(effort * Count("pk", distinct=True, filter=Q(ces=effort)) for effort in EFFORT_SCORES),
    }


def _scores(row: dict) -> Scores:
    return Scores(**{count.name: row[count.name] or 0 for count in fields(Scores)})  # a sum of no rows is None


# --- The period ---------------------------------------------------------------------------------------------


def period_months(raw: str | None) -> int:
    """The period the query string asks for, in months; anything else gives the default."""
    return int(raw) if raw in {str(months) for months in PERIODS} else DEFAULT_PERIOD


def _first_of_month(day: date, months_back: int) -> date:
    index = day.year * 12 + day.month - 1 - months_back
    return date(index // 12, index % 12 + 1, 1)


def period_months_list(months: int) -> list[date]:
    """The first day of each month in the period, oldest first; the last is this month, so far."""
    today = timezone.localdate()
    return [_first_of_month(today, back) for back in range(months - 1, -1, -1)]


def period_start(months: int) -> datetime:
    """Midnight, local time, on the first day of the period: whole months, this one included."""
    return timezone.make_aware(datetime.combine(period_months_list(months)[0], time.min))


# --- Survey answers -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthScores:
    month: date  # its first day
    scores: Scores

    @property
    def label(self) -> str:
        return month_and_year(self.month)


@dataclass(frozen=True)
class CategoryScores:
    category: str
    scores: Scores

    @property
    def label(self) -> str:
        return self.category


def survey_scores(*, since: datetime) -> Scores:
    return _scores(SurveyAnswer.objects.filter(created_at__gte=since).aggregate(**_score_counts()))


def survey_scores_by_month(*, months: int) -> list[MonthScores]:
    """Every month of the period, oldest first, by when the answer came; a month without answers is there too."""
    month_starts = period_months_list(months)
    rows = (SurveyAnswer.objects.filter(created_at__gte=period_start(months))
            .values(month=TruncMonth("created_at", output_field=DateField()))
            .annotate(**_score_counts()))
    by_month = {row["month"]: _scores(row) for row in rows}
    return [MonthScores(month=month, scores=by_month.get(month, Scores())) for month in month_starts]


# The top-level category of an order line's product, which may sit on any of the tree's three levels.
_LINE_CATEGORY = "order__lines__variant__product__category"
_TOP_CATEGORY_NAME = Coalesce(f"{_LINE_CATEGORY}__parent__parent__name", f"{_LINE_CATEGORY}__parent__name",
                              f"{_LINE_CATEGORY}__name")
_TOP_CATEGORY_ID = Coalesce(f"{_LINE_CATEGORY}__parent__parent", f"{_LINE_CATEGORY}__parent", _LINE_CATEGORY)


def survey_scores_by_category(*, since: datetime) -> list[CategoryScores]:
    """Scores by top-level product category, in alphabetical order. An order counts once for each top-level
    category it bought from; lines whose product has since been deleted count for none."""
    rows = (SurveyAnswer.objects.filter(created_at__gte=since)
            .values(category_id=_TOP_CATEGORY_ID, category=_TOP_CATEGORY_NAME)
            .annotate(**_score_counts()).order_by("category", "category_id"))
    return [CategoryScores(category=row["category"], scores=_scores(row)) for row in rows if row["category_id"]]


# --- Messages to customers -------------------------------------------------------------------------------------


def channel_name(channel: str) -> str:
    return Message.Channel(channel).label


@dataclass(frozen=True)
class ChannelDelivery:
    channel: str
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    pending: int = 0
    sending: int = 0
    possibly_twice: int = 0  # sent after an attempt was cut off mid-send (outbox/services.py)

    @property
    def name(self) -> str:
        return channel_name(self.channel)

    @property
    def total(self) -> int:
        return self.sent + self.failed + self.skipped + self.waiting

    @property
    def waiting(self) -> int:
        return self.pending + self.sending

    @property
    def failure_rate(self) -> float | None:
        """% of the messages tried that failed: skipped and waiting ones were not tried yet. None when none were."""
        tried = self.sent + self.failed
        return round(100 * self.failed / tried, 1) if tried else None


def notification_delivery(*, since: datetime) -> list[ChannelDelivery]:
    """Every message the outbox holds, by channel (email, sms, staff) and how it went, the busiest first."""
    counts: dict[str, dict[str, int]] = {}
    rows = (Message.objects.filter(created_at__gte=since).order_by()
            .values_list("channel", "status").annotate(messages=Count("pk"),
                                                       twice=Count("pk", filter=Q(interrupted=True))))
    for channel, status, messages, twice in rows:
        by_status = counts.setdefault(channel, {"possibly_twice": 0})
        by_status[status] = messages
        if status == Message.Status.SENT:
            by_status["possibly_twice"] = twice
    channels = [ChannelDelivery(channel=channel, **by_status) for channel, by_status in counts.items()]
    return sorted(channels, key=lambda channel: (-channel.total, channel.channel))


@dataclass(frozen=True)
class FailedMessage:
    message_id: int
    reference: str  # the order or ticket, as the customer knows it
    about: str  # the event in words: "Order placed", "Late: shipped"
    channel: str
    error: str
    created_at: datetime


def notification_recent_failures(*, since: datetime) -> list[FailedMessage]:
    """The latest messages that failed for good, for staff to reach the customer another way."""
    failures = (Message.objects.filter(status=Message.Status.FAILED, created_at__gte=since)
                .order_by("-created_at", "-pk")[:RECENT_FAILURES])
    return [FailedMessage(message_id=failure.pk, reference=failure.reference,
                          about=failure.kind.replace("_", " ").replace(":", ": ").capitalize(),
                          channel=channel_name(failure.channel), error=failure.error,
                          created_at=failure.created_at) for failure in failures]


# --- Returns ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReasonCount:
    reason: str
    items: int


@dataclass(frozen=True)
class ReturnedProduct:
    product: str
    items: int
    main_reason: str  # the reason given most for it


@dataclass(frozen=True)
class Returns:
    by_reason: list[ReasonCount]  # every reason given, the most frequent first
    top_products: list[ReturnedProduct]

    @property
    def items(self) -> int:
        return sum(reason.items for reason in self.by_reason)


def return_reasons(*, since: datetime) -> Returns:
    """Items sent back in the period by reason, and the products sent back most (the admin's summary, shared)."""
    products = return_reasons_by_product(ReturnRequest.objects.filter(created_at__gte=since))
    by_reason = [ReasonCount(reason=label, items=sum(product.by_reason[column] for product in products))
                 for column, (_, label) in enumerate(REASON_COLUMNS)]
    top_products = [ReturnedProduct(product=product.product, items=product.total,
                                    main_reason=REASON_COLUMNS[product.by_reason.index(max(product.by_reason))][1])
                    for product in products[:TOP_RETURNED_PRODUCTS]]
    return Returns(by_reason=sorted((reason for reason in by_reason if reason.items), key=lambda r: -r.items),
                   top_products=top_products)


# --- Searches and help ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MissedQuery:
    query: str
    searches: int


def missed_searches_top() -> list[MissedQuery]:
    """What shoppers searched for most over the last MISSED_SEARCH_DAYS days and found nothing."""
    since = timezone.localdate() - timedelta(days=MISSED_SEARCH_DAYS - 1)
    rows = (MissedSearch.objects.filter(day__gte=since).values("query").annotate(searches=Sum("count"))
            .order_by("-searches", "query")[:TOP_MISSED_SEARCHES])
    return [MissedQuery(query=row["query"], searches=row["searches"]) for row in rows]


def articles_least_helpful(*, since: datetime) -> list[HelpArticle]:
    """Help articles with at least one "No" among ARTICLE_MIN_VOTES votes or more, the lowest % helpful first.

    Each has `vote_count`, `helpful_count` and `helpful_percent`.
    """
    in_period = Q(votes__created_at__gte=since)
    articles = list(
        HelpArticle.objects.annotate(vote_count=Count("votes", filter=in_period),
                                     helpful_count=Count("votes", filter=in_period & Q(votes__helpful=True)))
        .filter(vote_count__gte=ARTICLE_MIN_VOTES, helpful_count__lt=F("vote_count"))
        .annotate(helpful_share=Cast("helpful_count", FloatField()) / F("vote_count"))
        .order_by("helpful_share", "-vote_count", "title")[:LEAST_HELPFUL_ARTICLES])
    for article in articles:
        article.helpful_percent = round(100 * article.helpful_share)
    return articles


# --- Everything on the dashboard ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dashboard:
    months: int
    since: datetime
    scores: Scores
    by_month: list[MonthScores]
    by_category: list[CategoryScores]
    delivery: list[ChannelDelivery]
    recent_failures: list[FailedMessage]
    returns: Returns
    missed_searches: list[MissedQuery]
    unhelpful_articles: list[HelpArticle]


def dashboard_figures(*, months: int) -> Dashboard:
    """Every figure on the staff dashboard for the last `months` months: one query for each group of figures."""
    since = period_start(months)
    return Dashboard(
        months=months, since=since, scores=survey_scores(since=since), by_month=survey_scores_by_month(months=months),
        by_category=survey_scores_by_category(since=since), delivery=notification_delivery(since=since),
        recent_failures=notification_recent_failures(since=since), returns=return_reasons(since=since),
        missed_searches=missed_searches_top(), unhelpful_articles=articles_least_helpful(since=since))
