import re
from urllib.parse import quote_from_bytes

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from support.models import ArticleVote, FaqEntry, HelpArticle, HelpTopic, Poll, PollChoice, PollVote
from tests.factories import UserFactory
from tests.html import internal_links, read_page

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def make_article(slug, *, topic=None, **fields):
    topic = topic or HelpTopic.objects.get_or_create(slug="returns", defaults={"name": "Returns and refunds"})[0]
    return HelpArticle.objects.create(**{
        "topic": topic, "slug": slug, "title": slug.replace("-", " ").capitalize(), "summary": "A summary.",
        "body": "Some text.", "author": "Priya, customer service", **fields})


@pytest.fixture
def returns_article():
    return make_article("sending-things-back", title="Sending things back", summary="Within 30 days, for any reason.",
                        body="## Steps\n\n1. Write to us.\n2. Post the parcel.", sources="Consumer Contracts "
                        "Regulations 2013: https://www.legislation.gov.uk/uksi/2013/3134/contents")


@pytest.fixture
def poll():
    poll = Poll.objects.create(question="What would make shopping here easier?")
    PollChoice.objects.bulk_create([PollChoice(poll=poll, text="Faster delivery", position=1),
                                    PollChoice(poll=poll, text="More ways to pay", position=2)])
    return poll


def choice(poll, text):
    return poll.choices.get(text=text).pk


# --- Search ---------------------------------------------------------------------------------------


def test_search_marks_the_words_found_and_escapes_html_in_the_query_and_the_article(client):
    make_article("refunds-fast", title="Refunds & <b>fast</b> returns", summary="How <i>refunds</i> work.")

    page = client.get("/help/search/", {"q": "refunds <b>"}).content.decode()

    assert "<mark>Refunds</mark> &amp; &lt;<mark>b</mark>&gt;fast&lt;/<mark>b</mark>&gt; returns" in page
    assert "How &lt;i&gt;<mark>refunds</mark>&lt;/i&gt; work." in page
    assert "Help articles for “refunds &lt;b&gt;”" in page
    assert "<b>" not in page and "<i>" not in page


def test_search_reads_the_article_text_and_shows_where_the_word_was_found(client, returns_article):
    make_article("paying", title="Ways to pay", summary="Cards.", body="We take **Visa** and Mastercard.")

    page = client.get("/help/search/", {"q": "parcel"}).content.decode()

    assert "1 article found." in page
    assert "Post the <mark>parcel</mark>." in page
    assert "Ways to pay" not in page


def test_search_lists_title_matches_first(client):
    make_article("about-delivery", title="About delivery", body="Nothing else.")
    make_article("tracking", title="Tracking", body="Follow your delivery.")

    page = client.get("/help/search/", {"q": "delivery"}).content.decode()

    assert page.index("About <mark>delivery</mark>") < page.index("Tracking")


def test_search_never_shows_unpublished_articles(client):
    make_article("draft-returns", title="Draft returns", is_published=False)

    page = client.get("/help/search/", {"q": "returns"}).content.decode()

    assert "No help articles found for “returns”." in page


def test_an_empty_search_or_one_finding_nothing_offers_topics_and_a_person(client, returns_article):
    empty = client.get("/help/search/", {"q": "  "})
    nothing = client.get("/help/search/", {"q": "zeppelin"})

    for response in (empty, nothing):
        links = [href for href, _ in internal_links(response, within_id="main")]
        assert "/help/#topic-returns" in links and "/faq/" in links
    assert "Type a question or a few words" in empty.content.decode()
    assert "No help articles found for “zeppelin”." in nothing.content.decode()
    assert "/contact/" in [href for href, _ in internal_links(nothing, within_id="main")]


@hypothesis_settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(query=st.text(max_size=300), raw=st.binary(max_size=60))
def test_no_search_query_causes_an_error_page(client, returns_article, query, raw):
    typed = client.get("/help/search/", {"q": query})
    mangled = client.get("/help/search/?q=" + quote_from_bytes(raw, safe="=&%+"))

    assert typed.status_code == 200 and mangled.status_code == 200


# --- "Was this helpful?" --------------------------------------------------------------------------


def test_helpful_votes_count_once_per_visitor_and_a_second_vote_changes_it(client, returns_article):
    path = "/help/sending-things-back/vote/"

    client.post(path, {"helpful": "yes"}, **HTMX)
    client.post(path, {"helpful": "no"}, **HTMX)
    Client().post(path, {"helpful": "yes"}, **HTMX)

    assert ArticleVote.objects.count() == 2
    assert sorted(ArticleVote.objects.values_list("helpful", flat=True)) == [False, True]


def test_with_htmx_the_answer_replaces_the_question_with_a_thank_you(client, returns_article):
    response = client.post("/help/sending-things-back/vote/", {"helpful": "no"}, **HTMX)
    page = response.content.decode()

    assert response.status_code == 200 and "<html" not in page
    assert "Thank you for telling us" in page and "Was this helpful?" not in page
    assert 'href="/contact/"' in page  # an unhelpful article leads on to a person


def test_without_javascript_a_vote_comes_back_to_the_article_with_the_thank_you(client, returns_article):
    response = client.post("/help/sending-things-back/vote/", {"helpful": "yes"})
    article = client.get("/help/sending-things-back/").content.decode()

    assert response.status_code == 302 and response["Location"] == "/help/sending-things-back/#article-vote"
    assert "Thank you for telling us" in article and "We are glad it helped." in article


def test_viewing_the_help_centre_starts_no_session_and_writes_nothing(client, returns_article, poll):
    for path in ("/help/", "/help/sending-things-back/", "/help/search/?q=parcel", "/faq/"):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)

        assert response.status_code == 200, path
        assert "sessionid" not in response.cookies, path
        assert not [query for query in queries if query["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")], path


def test_help_home_reads_topics_articles_and_poll_in_a_fixed_number_of_queries(client, returns_article, poll):
    client.post(f"/help/poll/{poll.pk}/", {"choice": choice(poll, "Faster delivery")})
    client.get("/help/")  # warm the category tree cache, as on a running shop

    with CaptureQueriesContext(connection) as few:
        client.get("/help/")
    for number in range(10):
        make_article(f"more-{number}")
    with CaptureQueriesContext(connection) as many:
        client.get("/help/")

    assert len(few) == len(many) <= 4


@hypothesis_settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(slug=st.sampled_from(["sending-things-back", "no-such-article", "x"]),
       data=st.dictionaries(st.sampled_from(["helpful", "choice", "next"]),
                            st.one_of(st.text(max_size=40), st.sampled_from(["yes", "no", "YES", "", "\x00", "٣",
                                                                             "99999999999999999999999", "-1"]))),
       htmx=st.booleans(), poll_id=st.sampled_from(["1", "0", "99999999999999999999"]))
def test_no_garbage_posted_to_the_votes_causes_an_error_page(client, returns_article, poll, slug, data, htmx,
                                                             poll_id):
    headers = HTMX if htmx else {}

    article_vote = client.post(f"/help/{slug}/vote/", data, **headers)
    poll_vote = client.post(f"/help/poll/{poll_id}/", data, **headers)
    this_poll = client.post(f"/help/poll/{poll.pk}/", data, **headers)

    assert {article_vote.status_code, poll_vote.status_code, this_poll.status_code} <= {200, 302, 404}
    # One visitor throughout: whatever arrives, never more than one vote each
    assert ArticleVote.objects.count() <= 1 and PollVote.objects.count() <= 1


def test_htmx_votes_are_refused_without_the_csrf_token(returns_article, poll):
    browser = Client(enforce_csrf_checks=True)
    page = browser.get("/help/").content.decode()
    token = re.search(r'hx-headers=\'\{"X-CSRFToken": "([^"]+)"\}\'', page).group(1)

    forged_article = browser.post("/help/sending-things-back/vote/", {"helpful": "yes"}, **HTMX)
    forged_poll = browser.post(f"/help/poll/{poll.pk}/", {"choice": choice(poll, "Faster delivery")}, **HTMX)
    genuine = browser.post("/help/sending-things-back/vote/", {"helpful": "yes"}, **HTMX, HTTP_X_CSRFTOKEN=token)

    assert forged_article.status_code == 403 and forged_poll.status_code == 403
    assert genuine.status_code == 200
    assert ArticleVote.objects.count() == 1 and not PollVote.objects.exists()


# --- The poll -------------------------------------------------------------------------------------


def test_poll_counts_one_vote_per_visitor_and_then_shows_the_results(client, poll):
    path = f"/help/poll/{poll.pk}/"
    Client().post(path, {"choice": choice(poll, "More ways to pay")})

    first = client.post(path, {"choice": choice(poll, "Faster delivery")}, **HTMX).content.decode()
    second = client.post(path, {"choice": choice(poll, "More ways to pay")}, **HTMX).content.decode()

    assert PollVote.objects.count() == 2
    assert "2 votes so far" in first
    assert re.search(r"Faster delivery <strong>\(your answer\)</strong>\s*</span>\s*"
                     r'<span class="poll__count">50% \(1 vote\)', first)
    assert "You had already answered this one, so your first answer still counts." in second
    assert "Faster delivery <strong>(your answer)</strong>" in second


def test_help_home_shows_the_poll_question_until_this_visitor_votes(client, poll):
    before = client.get("/help/").content.decode()
    vote = client.post(f"/help/poll/{poll.pk}/", {"choice": choice(poll, "Faster delivery")})
    after = client.get("/help/").content.decode()

    assert 'type="radio" name="choice"' in before and "What would make shopping here easier?" in before
    assert vote.status_code == 302 and vote["Location"] == "/help/#poll"
    assert 'type="radio"' not in after and "1 vote so far" in after and "100% (1 vote)" in after


def test_a_poll_vote_without_a_choice_asks_for_one(client, poll):
    page = client.post(f"/help/poll/{poll.pk}/", {"choice": "banana"}, **HTMX).content.decode()

    assert "Choose one of the answers, then press Vote." in page
    assert not PollVote.objects.exists()


def test_one_address_voting_again_and_again_with_fresh_cookies_is_paused_with_a_message_in_place(poll):
    path = f"/help/poll/{poll.pk}/"
    for _ in range(10):  # a household or an office: ten people, one address
        Client().post(path, {"choice": choice(poll, "Faster delivery")}, **HTMX)

    stuffed = Client().post(path, {"choice": choice(poll, "Faster delivery")}, **HTMX)
    without_javascript = Client().post(path, {"choice": choice(poll, "Faster delivery")}, follow=True)

    assert stuffed.status_code == 200 and "please try again in about" in stuffed.content.decode()
    assert 'id="poll-error"' in stuffed.content.decode()
    assert "please try again in about" in without_javascript.content.decode()
    assert PollVote.objects.count() == 10


def test_helpful_votes_from_one_address_are_paused_after_thirty_with_a_message_in_place(returns_article):
    path = "/help/sending-things-back/vote/"
    for _ in range(30):
        Client().post(path, {"helpful": "yes"}, **HTMX)

    stuffed = Client().post(path, {"helpful": "no"}, **HTMX)

    assert stuffed.status_code == 200 and "please try again in about" in stuffed.content.decode()
    assert ArticleVote.objects.count() == 30 and not ArticleVote.objects.filter(helpful=False).exists()


def test_a_closed_poll_takes_no_votes(client, poll):
    Poll.objects.filter(pk=poll.pk).update(is_active=False)

    response = client.post(f"/help/poll/{poll.pk}/", {"choice": choice(poll, "Faster delivery")})

    assert response.status_code == 404 and not PollVote.objects.exists()


# --- Articles and the FAQ -------------------------------------------------------------------------


def test_article_shows_author_date_sources_related_and_still_need_help(client, returns_article):
    refunds = make_article("refunds", title="When will I get my refund?")
    returns_article.related.add(refunds)
    make_article("same-topic-only", title="Same topic, not linked")

    response = client.get("/help/sending-things-back/")
    page = response.content.decode()
    more_help = dict((text, href) for href, text in internal_links(response, within_id="main"))

    assert "By Priya, customer service" in page
    assert f"Last updated <time datetime=\"{returns_article.updated_at:%Y-%m-%d}\">" in page
    assert "<h2>Steps</h2>" in page
    assert 'href="https://www.legislation.gov.uk/uksi/2013/3134/contents"' in page
    assert more_help["When will I get my refund?"] == "/help/refunds/" and "Same topic, not linked" not in page
    assert "Still need help?" in page and more_help["Write to us"] == "/contact/"
    assert 'href="tel:+442079460321"' in page
    assert read_page(response).title.startswith("Sending things back · Help centre")


def test_article_sources_read_as_their_titles_linking_to_their_addresses(client):
    make_article("refunds", sources="The Consumer Rights Act 2015: https://www.legislation.gov.uk/ukpga/2015/15/contents\n"
                 "https://ico.org.uk/for-the-public/\n"
                 "Consumer Contracts Regulations 2013, https://www.legislation.gov.uk/uksi/2013/3134.\n"
                 "Our returns handbook, second edition")

    response = client.get("/help/refunds/")

    outside = [(href, text) for href, text in read_page(response).links if href.startswith("https://")]
    assert outside == [("https://www.legislation.gov.uk/ukpga/2015/15/contents", "The Consumer Rights Act 2015"),
                       ("https://ico.org.uk/for-the-public/", "https://ico.org.uk/for-the-public/"),
                       ("https://www.legislation.gov.uk/uksi/2013/3134", "Consumer Contracts Regulations 2013")]
    assert "<li>Our returns handbook, second edition</li>" in response.content.decode()


def test_a_table_in_an_article_labels_each_cell_with_its_column_for_phones(client):
    make_article("costs", body="| Option | Cost |\n|---|---|\n| Standard | £3.95 |\n")

    page = client.get("/help/costs/").content.decode()

    assert '<td data-label="Option">Standard</td>' in page
    assert '<td data-label="Cost">£3.95</td>' in page


def test_article_without_chosen_links_suggests_others_on_its_topic(client, returns_article):
    make_article("refunds", title="When will I get my refund?")

    page = client.get("/help/sending-things-back/").content.decode()

    assert 'href="/help/refunds/"' in page


def test_article_breadcrumbs_lead_to_the_help_centre_and_its_topic(client, returns_article):
    response = client.get("/help/sending-things-back/")

    crumbs = internal_links(response, within_id="main")[:3]

    assert crumbs == [("/", "Home"), ("/help/", "Help centre"), ("/help/#topic-returns", "Returns and refunds")]
    assert '<span aria-current="page">Sending things back</span>' in response.content.decode()


def test_unpublished_articles_are_not_found(client):
    make_article("draft", is_published=False)

    assert client.get("/help/draft/").status_code == 404
    assert client.post("/help/draft/vote/", {"helpful": "yes"}).status_code == 404


def test_article_text_is_sanitised(client):
    make_article("unsafe", body="Hello <script>alert(1)</script> [click](javascript:alert(1))")

    page = client.get("/help/unsafe/").content.decode()

    assert "<script>alert(1)" not in page and "javascript:" not in page


def test_help_home_lists_topics_with_their_articles_and_links_to_faq_and_contact(client, returns_article):
    make_article("unseen", title="Not yet published", is_published=False)

    response = client.get("/help/")
    links = dict((href, text) for href, text in internal_links(response, within_id="main"))

    assert links["/help/sending-things-back/"] == "Sending things back"
    assert "/faq/" in links and "/contact/" in links and "/returns-policy/" in links
    assert 'id="topic-returns"' in response.content.decode()
    assert "Not yet published" not in response.content.decode()
    assert 'action="/help/search/"' in response.content.decode()


def test_faq_answers_open_from_details_and_summary_grouped_by_topic(client):
    delivery = HelpTopic.objects.create(slug="delivery", name="Delivery", position=1)
    FaqEntry.objects.create(question="How much is delivery?", answer="**Free** over £40.", topic=delivery)
    FaqEntry.objects.create(question="How do I reach a person?", answer="Call us.")

    page = client.get("/faq/").content.decode()

    assert re.search(r"<details[^>]*>\s*<summary>How much is delivery\?</summary>\s*"
                     r'<div class="faq__answer"><p><strong>Free</strong> over £40.</p></div>', page)
    assert page.index("<h2 id=\"faq-group-1\">Delivery</h2>") < page.index("How much is delivery?")
    assert page.index("Other questions") < page.index("How do I reach a person?")


# --- Staff ----------------------------------------------------------------------------------------


def test_staff_see_how_helpful_each_article_is_least_helpful_first(client, returns_article):
    liked = make_article("liked", title="A liked article")
    for number, helpful in enumerate([True, True, False]):
        ArticleVote.objects.create(article=returns_article, visitor=f"v{number}", helpful=helpful)
    ArticleVote.objects.create(article=liked, visitor="v9", helpful=True)
    make_article("unread", title="Nobody voted")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    page = client.get("/admin/support/helparticle/").content.decode()
    column = re.search(r'<a href="\?o=(\d+)[.\d]*">% helpful</a>', page).group(1)
    least_helpful_first = client.get("/admin/support/helparticle/", {"o": column}).content.decode()

    assert re.search(r'field-helpful_yes">2<.*field-helpful_no">1<.*field-percent_helpful">67%<', page, re.S)
    assert "no votes yet" in page
    assert (least_helpful_first.index("Sending things back") < least_helpful_first.index("A liked article")
            < least_helpful_first.index("Nobody voted"))


def test_staff_see_the_votes_for_each_poll_answer(client, poll):
    Client().post(f"/help/poll/{poll.pk}/", {"choice": choice(poll, "Faster delivery")})
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    listing = client.get("/admin/support/poll/").content.decode()
    change = client.get(f"/admin/support/poll/{poll.pk}/change/").content.decode()

    assert re.search(r'field-vote_count">1<', listing)
    assert re.search(r'field-vote_count">\s*<p>1</p>', change)
    assert client.get("/admin/support/poll/add/").status_code == 200  # a choice being added has no votes yet

