"""Questions on product pages (P20, P58): asked on the page, answered in the back office, shown in the
shop's name and e-mailed to the asker; staff told at once; each e-mail sent once; robots kept out."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from outbox.models import Message
from outbox.tasks import message_send_task
from support.models import ProductQuestion
from support.questions.services import question_ask
from tests.factories import ProductFactory, UserFactory
from tests.html import read_page

pytestmark = pytest.mark.django_db

QUESTION = {"question": "Does the navy shirt fade in the wash?", "email": "ada@example.com", "name": "Ada Lovelace"}
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def shop_at_a_known_address(settings):
    settings.SHOP = {**settings.SHOP, "site_url": "https://shop.example", "email": "help@shop.example"}


@pytest.fixture
def shirt():
    return ProductFactory(name="Navy linen shirt", slug="navy-linen-shirt")


@pytest.fixture
def staff(client):
    client.force_login(UserFactory(email="sam@shop.example", first_name="Sam", is_staff=True, is_superuser=True))
    return client


def ask_url(product) -> str:
    return reverse("support:ask_question", args=[product.slug])


def text(response) -> str:
    """The page's HTML with spaces evened out and entities read (Django writes ' as &#x27;)."""
    return unescape(" ".join(response.content.decode().split()))


def words(response) -> str:
    """What a reader sees: the page's text without its tags."""
    return " ".join(re.sub(r"<[^>]+>", " ", text(response)).split())


def asked(product, **fields) -> ProductQuestion:
    return ProductQuestion.objects.create(product=product, **{"question": "Is it machine washable?",
                                                              "email": "ada@example.com", **fields})


def answer_in_admin(client, question, answer: str):
    return client.post(f"/admin/support/productquestion/{question.pk}/change/", {
        "question": question.question, "asker_name": question.asker_name, "answer": answer,
        "is_published": "on", "_save": "Save"})


# --- Asking -------------------------------------------------------------------------------------------


def test_a_guest_asks_with_htmx_and_the_form_becomes_a_thank_you(client, shirt, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ask_url(shirt), QUESTION, **HTMX)

    question = ProductQuestion.objects.get()
    assert (question.product, question.question, question.email, question.asker_name, question.customer) == (
        shirt, QUESTION["question"], "ada@example.com", "Ada Lovelace", None)
    assert "We'll e-mail the answer to ada@example.com, usually within a working day." in text(response)
    assert 'id="questions-ask"' in text(response) and "<html" not in text(response)


def test_without_javascript_the_shopper_returns_to_the_product_page_and_sees_the_question(client, shirt):
    response = client.post(ask_url(shirt), QUESTION, follow=True)

    assert response.redirect_chain == [(shirt.get_absolute_url(), 302)]
    page = text(response)
    assert "Thank you for your question. We'll e-mail the answer to ada@example.com" in page
    assert "Does the navy shirt fade in the wash?" in page and "We'll answer soon." in page


def test_a_signed_in_customer_is_not_asked_for_their_email_again(client, shirt):
    ann = UserFactory(email="ann@example.com", first_name="Ann")
    client.force_login(ann)

    page = text(client.get(shirt.get_absolute_url()))
    response = client.post(ask_url(shirt), {"question": "Is there a matching skirt?", "name": "Ann"}, **HTMX)

    assert "We'll e-mail the answer to ann@example.com." in page
    assert 'name="email"' not in page and 'name="name" value="Ann"' in page
    question = ProductQuestion.objects.get()
    assert (question.customer, question.email) == (ann, "ann@example.com")
    assert "We'll e-mail the answer to ann@example.com" in text(response)


def test_mistakes_are_shown_beside_their_fields_with_everything_typed_kept(client, shirt):
    typed = {"question": "  ", "email": "ada@example", "name": "Ada"}

    with_htmx = text(client.post(ask_url(shirt), typed, **HTMX))
    without = client.post(ask_url(shirt), typed)

    for page in (with_htmx, text(without)):
        assert "Type your question about this product." in page
        assert "Enter an e-mail address in the format name@example.com." in page
        assert 'value="ada@example"' in page and 'value="Ada"' in page
        assert "novalidate" in page
    assert re.search(r'<textarea name="question"[^>]* autofocus', with_htmx)  # htmx focuses the first to fix
    assert read_page(without).title.startswith("Error: Ask about Navy linen shirt")
    assert not ProductQuestion.objects.exists()


def test_a_question_too_long_says_how_long_it_may_be_and_keeps_it(client, shirt):
    page = text(client.post(ask_url(shirt), {**QUESTION, "question": "Why? " * 201}, **HTMX))

    assert "Shorten your question to at most 1000 characters (it has 1004)." in page
    assert "Why? Why? Why?" in page


def test_a_robot_filling_the_hidden_field_is_thanked_but_nothing_is_kept_or_sent(
        client, shirt, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ask_url(shirt), {**QUESTION, "website": "http://cheap-pills.example"}, **HTMX)

    assert "We'll e-mail the answer to ada@example.com" in text(response)
    assert not ProductQuestion.objects.exists()
    assert mailoutbox == []


def test_many_questions_from_one_address_are_paused_with_or_without_javascript(client, shirt):
    statuses = [client.post(ask_url(shirt), {"question": ""}).status_code for _ in range(10)]

    plain = client.post(ask_url(shirt), QUESTION)
    with_htmx = client.post(ask_url(shirt), QUESTION, **HTMX)

    assert statuses == [200] * 10
    assert plain.status_code == 429
    assert with_htmx.status_code == 200 and "paused this form" in text(with_htmx)
    assert not ProductQuestion.objects.exists()


def test_the_htmx_post_is_refused_without_the_csrf_token(shirt):
    browser = Client(enforce_csrf_checks=True)
    token = browser.get(shirt.get_absolute_url()).cookies["csrftoken"].value

    forged = browser.post(ask_url(shirt), QUESTION, **HTMX)
    genuine = browser.post(ask_url(shirt), QUESTION, HTTP_X_CSRFTOKEN=token, **HTMX)  # as base.html's hx-headers

    assert forged.status_code == 403
    assert genuine.status_code == 200
    assert ProductQuestion.objects.count() == 1


garbage = st.dictionaries(
    st.sampled_from(["question", "email", "name", "website", "csrfmiddlewaretoken"]),
    st.one_of(st.text(max_size=60), st.sampled_from(["", " ", "\x00", "a@b", "ada@example.com", "x" * 1100,
                                                      "<script>alert(1)</script>", "é" * 61])))


@hypothesis_settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(data=garbage, htmx=st.booleans())
def test_no_garbage_posted_as_a_question_causes_an_error_page_or_a_bad_question(client, shirt, data, htmx):
    cache.clear()  # each example is a new visitor: the rate limit would stop the run after ten

    response = client.post(ask_url(shirt), data, **(HTMX if htmx else {}))

    assert response.status_code in {200, 302}
    for question in ProductQuestion.objects.all():
        assert question.question.strip() and len(question.question) <= 1000 and "@" in question.email


# --- Telling staff ------------------------------------------------------------------------------------


def test_staff_are_emailed_the_question_with_a_link_to_answer_it_once_it_is_committed(
        shirt, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as waiting:
        question = question_ask(product=shirt, question="Does it come in XL?", email="ada@example.com")
    assert mailoutbox == []  # nothing is said before the question is committed

    for callback in waiting:
        callback()

    [message] = mailoutbox
    assert message.to == ["help@shop.example"]
    assert message.subject == "Question about Navy linen shirt: please answer"
    assert "Does it come in XL?" in message.body
    assert f"https://shop.example/admin/support/productquestion/{question.pk}/change/" in message.body
    assert Message.objects.get(key=f"question:{question.pk}:staff").status == Message.Status.SENT


def test_staff_are_told_once_however_often_the_task_runs(shirt, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        question = question_ask(product=shirt, question="Does it come in XL?", email="ada@example.com")
    staff_email = Message.objects.get(key=f"question:{question.pk}:staff")

    again = [message_send_task.delay(staff_email.pk).get() for _ in range(2)]

    staff_email.refresh_from_db()
    assert again == ["sent", "sent"] and staff_email.attempts == 1
    assert len(mailoutbox) == 1


# --- Answering ----------------------------------------------------------------------------------------


def test_an_answer_typed_in_the_back_office_shows_on_the_page_from_the_shop_and_is_emailed_once(
        client, staff, shirt, mailoutbox, django_capture_on_commit_callbacks):
    question = asked(shirt, question="Does it shrink?", asker_name="Ada Lovelace")

    form = staff.get(f"/admin/support/productquestion/{question.pk}/change/")
    with django_capture_on_commit_callbacks(execute=True):
        saved = answer_in_admin(staff, question, "Less than 2% at 40 °C; we wash every batch to check.")
    with django_capture_on_commit_callbacks(execute=True):
        answer_in_admin(staff, question, "Less than 2% at 40 °C: we wash a shirt from every batch to check.")
    page = words(Client().get(shirt.get_absolute_url()))

    assert 'name="answer"' in text(form) and saved.status_code == 302
    question.refresh_from_db()
    assert question.answered_by.first_name == "Sam" and question.answered_at
    assert "Answer from Fernhill Goods · Sam" in page
    assert "Less than 2% at 40 °C: we wash a shirt from every batch to check." in page  # the correction shows
    [message] = mailoutbox
    assert message.to == ["ada@example.com"]
    assert message.subject == "Your question about Navy linen shirt: our answer"
    assert "Does it shrink?" in message.body and "Less than 2% at 40 °C; we wash every batch" in message.body
    assert "https://shop.example/products/navy-linen-shirt/#questions" in message.body
    assert "Answer from Fernhill Goods · Sam" in message.alternatives[0].content


def test_the_asker_is_emailed_once_however_often_the_task_runs(staff, shirt, mailoutbox,
                                                                django_capture_on_commit_callbacks):
    question = asked(shirt)
    with django_capture_on_commit_callbacks(execute=True):
        answer_in_admin(staff, question, "Yes, at 40 °C.")

    answered = Message.objects.get(key=f"question:{question.pk}:answered")
    again = message_send_task.delay(answered.pk).get()  # a duplicate task

    answered.refresh_from_db()
    assert again == "sent" and answered.attempts == 1
    assert len(mailoutbox) == 1


def test_saving_without_an_answer_emails_nobody_and_leaves_it_unanswered(staff, shirt, mailoutbox,
                                                                          django_capture_on_commit_callbacks):
    question = asked(shirt)

    with django_capture_on_commit_callbacks(execute=True):
        answer_in_admin(staff, question, "   ")

    question.refresh_from_db()
    assert question.answered_at is None and mailoutbox == []


def test_staff_see_unanswered_questions_first_newest_first(staff, shirt):
    now = timezone.now()
    answered = asked(shirt, question="Answered long ago?", answer="Yes.", answered_at=now)
    old = asked(shirt, question="Old and waiting?")
    asked(shirt, question="New and waiting?")
    ProductQuestion.objects.filter(pk=old.pk).update(created_at=now - timedelta(days=2))
    ProductQuestion.objects.filter(pk=answered.pk).update(created_at=now - timedelta(days=3))

    page = text(staff.get("/admin/support/productquestion/"))

    assert page.index("New and waiting?") < page.index("Old and waiting?") < page.index("Answered long ago?")


def test_hide_from_the_product_page_takes_questions_off_it(staff, shirt):
    spam = asked(shirt, question="Buy cheap watches at example.net")

    response = staff.post("/admin/support/productquestion/", {
        "action": "hide_from_product_page", "_selected_action": [spam.pk]}, follow=True)

    assert "1 question hidden from the product page." in text(response)
    assert "cheap watches" not in text(Client().get(shirt.get_absolute_url()))


def test_customers_cannot_answer_questions(client, shirt):
    question = asked(shirt)
    client.force_login(UserFactory())

    response = answer_in_admin(client, question, "Anything I like.")

    assert response.status_code == 302 and "/admin/login/" in response.url
    question.refresh_from_db()
    assert question.answer == ""


# --- On the product page ------------------------------------------------------------------------------


def test_answered_questions_come_before_waiting_ones_and_hidden_ones_are_not_shown(client, shirt):
    asked(shirt, question="Waiting for an answer?")
    asked(shirt, question="Answered?", answer="It is.", answered_at=timezone.now())
    asked(shirt, question="Hidden by staff?", is_published=False)
    asked(ProductFactory(), question="About another product?")

    page = text(client.get(shirt.get_absolute_url()))

    assert page.index("Answered?") < page.index("Waiting for an answer?")
    assert "Hidden by staff?" not in page and "About another product?" not in page


def test_askers_are_shown_by_first_name_or_as_a_shopper_and_their_words_are_not_run_as_html(client, shirt):
    asked(shirt, question="<b>Bold</b> question?", asker_name="Ada Lovelace")
    asked(shirt, question="Anonymous question?", asker_name="")

    response = client.get(shirt.get_absolute_url())

    page = text(response)
    assert "&lt;b&gt;Bold&lt;/b&gt; question?" in response.content.decode()
    assert re.search(r'qa__meta">Ada · <time', page) and "Lovelace" not in page
    assert re.search(r'qa__meta">A shopper · <time', page)


def test_the_questions_take_one_query_however_many_there_are(client, shirt):
    staff_member = UserFactory(first_name="Sam", is_staff=True)
    asked(shirt, answer="Yes.", answered_by=staff_member, answered_at=timezone.now())
    client.get(shirt.get_absolute_url())  # warm the category tree cache, as on a running shop
    with CaptureQueriesContext(connection) as one:
        client.get(shirt.get_absolute_url())

    for number in range(30):
        asked(shirt, question=f"Question {number}?", answer="Yes." if number % 2 else "",
              answered_by=staff_member if number % 2 else None, answered_at=timezone.now() if number % 2 else None)
    with CaptureQueriesContext(connection) as many:
        page = text(client.get(shirt.get_absolute_url()))

    assert "Question 29?" in page
    assert len(many) == len(one)
    assert len([query for query in many.captured_queries if "support_productquestion" in query["sql"]]) == 1
