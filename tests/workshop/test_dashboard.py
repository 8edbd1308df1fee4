"""The customer-experience dashboard at /staff/cx/ (workshop/views.py): who may see it, what it shows,
its period filter, and the searches that found nothing it lists. The demo's figures: tests/demo/test_metrics.py."""

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from shop.models import MissedSearch
from shop.search import missed_search_record
from tests.factories import MessageFactory, OrderFactory, ProductFactory, UserFactory
from tests.storefront.test_sqlite_under_load import run
from tests.workshop.test_metrics import answered_order, help_article, in_month
from workshop.metrics import period_months_list

pytestmark = pytest.mark.django_db

DASHBOARD = "/staff/cx/"
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True))
    return client


def text_of(response) -> str:
    """The page's words, tags taken out and spaces squeezed, as a reader sees them."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


# --- Who may see it ------------------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(DASHBOARD)

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    assert "next=/staff/cx/" in response.url


def test_a_signed_in_customer_who_is_not_staff_sees_no_figures(client):
    answered_order(ProductFactory(), nps=10)
    client.force_login(UserFactory())

    response = client.get(DASHBOARD, follow=True)

    assert response.redirect_chain[0][0].startswith(reverse("admin:login"))
    assert "Net Promoter Score" not in response.content.decode()


def test_the_back_office_home_page_links_to_the_dashboard(staff_client):
    page = staff_client.get(reverse("admin:index")).content.decode()

    assert f'href="{DASHBOARD}"' in page and "Customer-experience dashboard" in page


# --- What staff see --------------------------------------------------------------------------------------------


def test_staff_see_the_scores_charts_and_tables(staff_client):
    product = ProductFactory()
    for score in (10, 9, 2, 7):  # 50% promoters − 25% detractors
        answered_order(product, nps=score, csat=5 if score > 6 else 2, ces=2)

    response = staff_client.get(DASHBOARD)
    page, words = response.content.decode(), text_of(response)

    assert response.status_code == 200
    assert "Net Promoter Score (NPS) 25 " in words
    assert "Satisfaction (CSAT) 75% " in words
    assert "Effort (CES) 2.0 " in words
    assert "4 answers in the period" in words
    assert page.count('role="img"') == 2
    assert '<svg class="cx-chart" id="cx-chart-months"' in page and "<title>Net Promoter Score by month</title>" in page
    assert page.count("Show the figures as a table") == 2


def test_with_no_answers_yet_the_page_says_so(staff_client):
    response = staff_client.get(DASHBOARD)

    assert "Net Promoter Score (NPS) No answers yet" in text_of(response)
    assert "Satisfaction (CSAT) No answers yet" in text_of(response)
    assert 'role="img"' not in response.content.decode()


def test_a_month_below_zero_hangs_under_the_zero_line_striped(staff_client):
    months = period_months_list(12)
    answered_order(ProductFactory(), nps=2, at=in_month(months[-2]))

    page = staff_client.get(DASHBOARD).content.decode()

    assert 'fill="url(#cx-chart-months-stripes)"' in page
    assert re.search(r"<text class=\"cx-chart__value\"[^>]*>-100</text>", page)
    assert f"{months[-2]:%B %Y}: -100 (1 answer)" in page  # in the chart's description


def test_every_message_counts_and_failed_ones_link_to_the_back_office(staff_client):
    order = OrderFactory(customer=None)
    failed = MessageFactory(kind="late:shipped", reference=order.number, status="failed",
                            error="550 Mailbox does not exist")
    MessageFactory(kind="order_placed", reference=order.number, status="sent")
    MessageFactory(kind="ticket_acknowledgement", reference="T-ABC123", status="sent", interrupted=True)
    MessageFactory(kind="review_low", channel="staff", to="help@shop.example", status="pending")

    response = staff_client.get(DASHBOARD)

    assert reverse("admin:outbox_message_change", args=[failed.pk]) in response.content.decode()
    assert ("E-mail E-mail to staff Sent 2 0 Failed 1 0 Skipped 0 0 Waiting 0 1 Possibly sent twice 1 0 "
            "Failure rate 33.3% –") in text_of(response)
    assert f"{order.number} : Late: shipped (e-mail)" in text_of(response)


def test_unhelpful_help_articles_are_listed_with_votes_and_a_link_to_edit_them(staff_client):
    weak = help_article("Payment declined", yes=2, no=6)
    help_article("Tracking your parcel", yes=9, no=1)
    help_article("Too few votes", yes=0, no=3)

    response = staff_client.get(DASHBOARD)

    assert reverse("admin:support_helparticle_change", args=[weak.pk]) in response.content.decode()
    assert "Payment declined 8 25% Tracking your parcel 10 90%" in text_of(response)
    assert "Too few votes" not in text_of(response)


def test_the_period_leaves_out_older_answers(staff_client):
    months = period_months_list(12)
    product = ProductFactory()
    answered_order(product, nps=0, at=in_month(months[0]))
    answered_order(product, nps=10, at=in_month(months[-1], day=1))

    assert "2 answers in the period" in text_of(staff_client.get(DASHBOARD, {"months": "12"}))
    assert "1 answer in the period" in text_of(staff_client.get(DASHBOARD, {"months": "3"}))


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(months=st.text(max_size=20) | st.integers().map(str) | st.sampled_from(["3", "6", "12", "", "0", "-6"]))
def test_any_period_parameter_shows_a_page(staff_client, months):
    response = staff_client.get(DASHBOARD, {"months": months})

    assert response.status_code == 200
    chosen = re.search(r'<option value="(\d+)" selected>', response.content.decode()).group(1)
    assert chosen == (months if months in {"3", "6", "12"} else "12")


# --- Searches that found nothing -------------------------------------------------------------------------------


def missed() -> dict[str, int]:
    return dict(MissedSearch.objects.values_list("query", "count"))


def test_a_search_that_finds_nothing_is_counted_once_per_search(client):
    ProductFactory(name="Harbour linen shirt")

    client.get("/search/", {"q": "Gift card"})
    client.get("/search/", {"q": "  gift CARD "})

    assert missed() == {"gift card": 2}


def test_searches_with_results_suggestions_paging_and_empty_queries_are_not_counted(client):
    ProductFactory(name="Harbour linen shirt", variants=[("M", 0)])

    client.get("/search/", {"q": "linen"})  # found something
    client.get("/search/suggest/", {"q": "gift card"}, **HTMX)  # suggestions while typing
    client.get("/search/", {"q": "gift card", "page": "2"}, **HTMX)  # htmx asking again for the same search
    client.get("/search/", {"q": "linen", "in_stock": "1"})  # the shopper's own filter emptied the page
    client.get("/search/", {"q": "   "})
    client.head("/search/", {"q": "gift card"})

    assert missed() == {}


def test_searching_costs_the_same_queries_whether_it_is_the_first_miss_today_or_not(
        client, django_assert_max_num_queries):
    client.get("/search/", {"q": "warm up"})  # the category tree is now cached, as on a running shop
    MissedSearch.objects.all().delete()
    with django_assert_max_num_queries(20) as first:
        client.get("/search/", {"q": "gift card"})

    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get("/search/", {"q": "gift card"})

    assert missed() == {"gift card": 2}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite is tried with processes, below")
@pytest.mark.django_db(transaction=True)
def test_simultaneous_misses_on_postgresql_are_each_counted():
    start = threading.Barrier(8)

    def search_five_times():
        start.wait()  # all at once, so that several find no row for today and try to make it
        try:
            for _ in range(5):
                missed_search_record("gift card")
        finally:
            connection.close()  # this thread's own connection

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda _: search_five_times(), range(8)))

    assert missed() == {"gift card": 40}


SEARCHER = """
import django
django.setup()
from shop.search import missed_search_record
for _ in range(25):
    missed_search_record("gift card")
"""


def test_simultaneous_misses_on_sqlite_from_six_processes_are_each_counted(tmp_path):
    database_file = tmp_path / "shop.sqlite3"
    assert run(database_file, "manage.py", "migrate", "--noinput").returncode == 0

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(lambda _: run(database_file, "-c", SEARCHER), range(6)))

    assert [result.stderr for result in results if result.returncode != 0] == []
    counted = run(database_file, "-c", "import django; django.setup(); from shop.models import MissedSearch; "
                                       "print(MissedSearch.objects.get(query='gift card').count)")
    assert counted.stdout.strip() == str(6 * 25)


def test_staff_see_the_searches_that_found_nothing_most_searched_first(staff_client):
    for query in ["bamboo socks", "gift card", "gift card"]:
        staff_client.get("/search/", {"q": query})

    assert "Search Times gift card 2 bamboo socks 1" in text_of(staff_client.get(DASHBOARD))

