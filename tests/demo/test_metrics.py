"""The year of figures the demo loads behind the customer-experience dashboard (demo/metrics.py)."""

import pytest

from accounts.models import User
from demo.metrics import SHOPPER_EMAILS, WEAK_CATEGORY, load_metrics_demo
from orders.models import Order, SurveyAnswer
from shop.models import MissedSearch
from workshop.metrics import period_start, survey_scores_by_category, survey_scores_by_month

pytestmark = pytest.mark.django_db

DASHBOARD = "/staff/cx/"


def test_the_demo_tells_a_story_without_touching_anyones_account(demo_shop, admin_client):
    customer = User.objects.get(email="customer@example.com")
    assert sorted(customer.orders.values_list("status", flat=True)) == ["delivered", "placed", "shipped"]
    demo_orders = Order.objects.filter(email__in=SHOPPER_EMAILS)
    assert demo_orders.count() == 300
    assert set(demo_orders.values_list("status", flat=True)) == {Order.Status.DELIVERED}
    assert not demo_orders.exclude(customer=None).exists()
    by_month = [row.scores.nps for row in survey_scores_by_month(months=12) if row.scores.answers]
    assert by_month[0] < 0 < by_month[-1]
    by_category = {row.category: row.scores.nps for row in survey_scores_by_category(since=period_start(12))}
    assert by_category[WEAK_CATEGORY] == min(by_category.values())
    assert SurveyAnswer.objects.count() > 200
    assert admin_client.get(DASHBOARD).status_code == 200


def test_the_demo_searches_really_find_nothing_and_a_second_load_adds_nothing(demo_shop, client):
    load_metrics_demo()
    counts = {model: model.objects.count() for model in (Order, SurveyAnswer, MissedSearch)}

    summary = load_metrics_demo()

    assert summary == "customer-experience figures already there"
    assert {model: model.objects.count() for model in counts} == counts
    for query in MissedSearch.objects.values_list("query", flat=True).distinct():
        assert "0 products found" in client.get("/search/", {"q": query}).content.decode(), query
