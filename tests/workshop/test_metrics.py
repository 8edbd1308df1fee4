"""The dashboard's measures (workshop/metrics.py): the survey scores worked out by hand, by month and by
category from a few orders, and the dashboard's query count whatever the amount of data."""

from datetime import date, datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from orders.models import Order, ReturnLine, ReturnRequest, SurveyAnswer
from shop.models import MissedSearch
from support.models import ArticleVote, HelpArticle, HelpTopic
from tests.factories import CategoryFactory, MessageFactory, OrderFactory, ProductFactory, UserFactory
from workshop.metrics import (
    ces,
    csat,
    nps,
    period_months_list,
    period_start,
    survey_scores,
    survey_scores_by_category,
    survey_scores_by_month,
)

pytestmark = pytest.mark.django_db


# --- Helpers the dashboard tests share ---------------------------------------------------------------------


def answered_order(*products, nps: int, csat: int = 4, ces: int = 2, at: datetime | None = None) -> Order:
    """A delivered guest order of one of each product, with its survey answer (given `at`, or now)."""
    order = OrderFactory(customer=None, status=Order.Status.DELIVERED,
                         lines=[(product.name, "M", 1) for product in products])
    for line, product in zip(order.lines.order_by("pk"), products, strict=True):
        line.variant = product.variants.get()
        line.save(update_fields=["variant"])
    answer = SurveyAnswer.objects.create(order=order, nps=nps, csat=csat, ces=ces)
    if at:
        SurveyAnswer.objects.filter(pk=answer.pk).update(created_at=at)
    return order


def in_month(first_day: date, day: int = 3) -> datetime:
    """Noon, local time, on `day` of the month that starts on `first_day`."""
    return timezone.make_aware(datetime.combine(first_day.replace(day=day), time(12)))


def help_article(title: str, *, yes: int, no: int) -> HelpArticle:
    topic, _ = HelpTopic.objects.get_or_create(slug="delivery", defaults={"name": "Delivery"})
    article = HelpArticle.objects.create(topic=topic, title=title, slug=title.lower().replace(" ", "-"),
                                         summary="A summary.", body="A body.", author="Priya")
    ArticleVote.objects.bulk_create([ArticleVote(article=article, visitor=f"visitor-{number}", helpful=number < yes)
                                     for number in range(yes + no)])
    return article


def a_bit_of_everything(products, *, numbers: range) -> None:
    """An answered order for each number, in one category or several, with a failed message and a return;
    a search with no results and a help article voted on."""
    for number in numbers:
        order = answered_order(*products[:1 + number % len(products)], nps=number % 11)
        MessageFactory(reference=order.number, to=order.email, status="failed", error="550 Mailbox does not exist")
        returned = ReturnRequest.objects.create(order=order, reason=ReturnRequest.Reason.TOO_SMALL)
        ReturnLine.objects.create(return_request=returned, order_line=order.lines.first(), quantity=1)
        MissedSearch.objects.create(query=f"wish {number}")
        help_article(f"Article {number}", yes=3, no=3)


# --- The scores, worked out by hand ---------------------------------------------------------------------------


def test_nps_is_percent_promoters_minus_percent_detractors():
    assert nps([10, 9, 9, 8, 3]) == 40  # 3 of 5 promoters (60%) − 1 of 5 detractors (20%)
    assert nps([10, 9, 8, 7, 6, 0]) == 0  # 2 promoters, 2 passives, 2 detractors


def test_nps_below_zero_when_detractors_outnumber_promoters():
    assert nps([9, 7, 6, 5]) == -25  # 25% promoters − 50% detractors


def test_nps_of_all_promoters_and_of_all_detractors():
    assert nps([9, 10, 10]) == 100
    assert nps([0, 3, 6]) == -100


def test_passives_count_in_the_total_only():
    assert nps([7, 8, 7, 8]) == 0
    assert nps([10, 7, 8, 7]) == 25


def test_csat_is_the_percent_answering_four_or_five():
    assert csat([5, 4, 3, 2, 1]) == 40
    assert csat([5, 5, 4, 4]) == 100
    assert csat([1, 3, 2]) == 0


def test_ces_is_the_mean_effort_to_one_decimal():
    assert ces([1, 2, 3, 6]) == 3.0
    assert ces([2, 3]) == 2.5
    assert ces([1, 1, 2]) == 1.3


def test_no_answers_yet_gives_no_score_rather_than_zero():
    assert nps([]) is None
    assert csat([]) is None
    assert ces([]) is None
    assert survey_scores(since=period_start(12)).nps is None


# --- From the database ------------------------------------------------------------------------------------------


@pytest.fixture
def shirt_and_pan(category_tree_three_levels):
    """A dress in Clothing › Women › Dresses (three levels down) and a pan in Kitchen (a top-level category)."""
    dress = ProductFactory(name="Linen dress", category=category_tree_three_levels[2])
    pan = ProductFactory(name="Carbon steel pan", category=CategoryFactory(name="Kitchen"))
    return dress, pan


def test_database_scores_match_the_hand_worked_ones(shirt_and_pan):
    dress, _ = shirt_and_pan
    answers = [(10, 5, 1), (9, 4, 2), (6, 2, 6), (3, 1, 7), (8, 4, 3)]
    for score, satisfaction, effort in answers:
        answered_order(dress, nps=score, csat=satisfaction, ces=effort)

    scores = survey_scores(since=period_start(3))

    assert scores.answers == 5
    assert scores.nps == nps([10, 9, 6, 3, 8]) == 0
    assert scores.csat == csat([5, 4, 2, 1, 4]) == 60
    assert scores.ces == ces([1, 2, 6, 7, 3]) == 3.8


def test_by_month_lists_every_month_of_the_period_with_its_own_answers(shirt_and_pan):
    dress, _ = shirt_and_pan
    months = period_months_list(12)
    answered_order(dress, nps=2, at=in_month(months[0]))  # the oldest month: one detractor
    answered_order(dress, nps=10, at=in_month(months[0], day=20))  # … and a promoter
    answered_order(dress, nps=3, at=in_month(months[0]) - timedelta(days=40))  # before the period: left out
    answered_order(dress, nps=9, at=in_month(months[-1], day=1))  # this month
    answered_order(dress, nps=4, at=in_month(months[6]))
    answered_order(dress, nps=5, at=in_month(months[6]))

    by_month = survey_scores_by_month(months=12)

    assert [row.month for row in by_month] == months
    assert [(row.scores.answers, row.scores.nps) for row in by_month] == (
        [(2, 0)] + [(0, None)] * 5 + [(2, -100)] + [(0, None)] * 4 + [(1, 100)])


def test_a_shorter_period_starts_later(shirt_and_pan):
    dress, _ = shirt_and_pan
    months = period_months_list(12)
    answered_order(dress, nps=0, at=in_month(months[0]))
    answered_order(dress, nps=10, at=in_month(months[-1], day=1))

    assert survey_scores(since=period_start(12)).nps == 0
    assert survey_scores(since=period_start(3)).nps == 100
    assert len(survey_scores_by_month(months=3)) == 3


def test_an_order_counts_once_for_each_top_level_category_it_bought_from(shirt_and_pan):
    dress, pan = shirt_and_pan
    second_dress = ProductFactory(name="Wrap dress", category=dress.category)
    answered_order(dress, pan, nps=10, csat=5, ces=1)  # both categories
    answered_order(dress, second_dress, nps=2, csat=2, ces=5)  # Clothing twice over: counted once
    answered_order(pan, nps=6, csat=3, ces=3)

    by_category = {row.category: row.scores for row in survey_scores_by_category(since=period_start(12))}

    assert set(by_category) == {"Clothing", "Kitchen"}
    assert (by_category["Clothing"].answers, by_category["Clothing"].nps, by_category["Clothing"].csat,
            by_category["Clothing"].ces) == (2, 0, 50, 3.0)
    assert (by_category["Kitchen"].answers, by_category["Kitchen"].nps, by_category["Kitchen"].csat,
            by_category["Kitchen"].ces) == (2, 0, 50, 2.0)


def test_lines_whose_product_was_deleted_count_for_no_category(shirt_and_pan):
    dress, _ = shirt_and_pan
    order = answered_order(dress, nps=10)
    order.lines.update(variant=None)

    assert survey_scores_by_category(since=period_start(12)) == []
    assert survey_scores(since=period_start(12)).answers == 1


# --- The dashboard page's queries ----------------------------------------------------------------------------


def test_dashboard_runs_the_same_queries_however_much_there_is_to_count(client, shirt_and_pan,
                                                                       django_assert_max_num_queries):
    client.force_login(UserFactory(is_staff=True))
    products = [*shirt_and_pan, ProductFactory(category=CategoryFactory(name="Garden"))]
    a_bit_of_everything(products, numbers=range(3))
    with CaptureQueriesContext(connection) as few:
        assert client.get("/staff/cx/").status_code == 200
    few_count = len(few.captured_queries)  # read now: the next request clears the query log
    a_bit_of_everything(products[::-1], numbers=range(3, 43))

    with django_assert_max_num_queries(few_count):
        response = client.get("/staff/cx/")

    assert response.status_code == 200
    assert "43 answers in the period" in response.content.decode()
