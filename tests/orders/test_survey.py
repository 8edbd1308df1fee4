"""The survey a few days after delivery (S18): a signed link, one answer per order, garbage refused."""

import re
import time
from datetime import timedelta

import pytest
from django.core import signing
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from orders.models import Order, OrderEvent, Shipment, SurveyAnswer
from orders.survey.links import SIGNING_SALT, survey_link
from orders.survey.services import surveys_send_due
from outbox.models import Message
from tests.factories import OrderFactory, UserFactory
from tests.html import read_page
from tests.messages import outbox_send_waiting

pytestmark = pytest.mark.django_db


def surveys_asked() -> int:
    """The beat task's run, then the worker sending what it wrote."""
    asked = surveys_send_due()
    outbox_send_waiting()
    return asked

GOOD_ANSWER = {"nps": "9", "csat": "5", "ces": "2", "comment": "Arrived a day early, lovely shirt."}


@pytest.fixture(autouse=True)
def survey_three_days_after_delivery(settings):
    settings.SHOP = {**settings.SHOP, "survey_after_days": 3, "site_url": "https://shop.example"}


def survey_path(order) -> str:
    return survey_link(order).removeprefix("https://shop.example")


def survey_path_signed_days_ago(order, days: int) -> str:
    """The link as it was e-mailed `days` ago: signed with that day's timestamp."""

    class SignerThen(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - days * 24 * 60 * 60)

    return reverse("orders:survey", args=[SignerThen(salt=SIGNING_SALT).sign(str(order.pk))])


def delivered_order(*, days_ago: float, **kwargs) -> Order:
    """An order whose one parcel arrived `days_ago`, as the stage services record it."""
    order = OrderFactory(status=Order.Status.DELIVERED, **kwargs)
    shipment = Shipment.objects.create(order=order, status=Order.Status.DELIVERED)
    OrderEvent.objects.create(order=order, shipment=shipment, stage=Order.Status.DELIVERED,
                              created_at=timezone.now() - timedelta(days=days_ago))
    return order


# --- The link -------------------------------------------------------------------------------------------


def test_the_link_opens_the_survey_without_signing_in(client):
    order = OrderFactory()

    page = client.get(survey_path(order)).content.decode()

    assert order.number in page
    assert "<legend>How likely are you to recommend us to a friend?</legend>" in page
    assert "0 = not at all likely, 10 = extremely likely" in page
    assert page.count('type="radio" name="nps"') == 11
    assert page.count('type="radio" name="csat"') == 5
    assert page.count('type="radio" name="ces"') == 7
    assert "1 = very easy" in page
    assert 'name="comment"' in page and "novalidate" in page


def test_the_link_is_absolute_for_the_email():
    assert survey_link(OrderFactory()).startswith("https://shop.example/survey/")


@pytest.mark.parametrize("change", [
    lambda token: token.replace(token.split(":")[0], str(int(token.split(":")[0]) + 1), 1),  # another order
    lambda token: token[:-4],  # cut short when copied
    lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # one character changed
    lambda token: token.split(":")[0],  # the order id alone
    lambda token: "garbage",
])
def test_a_changed_link_is_refused_with_a_way_to_reach_us(client, change):
    order = OrderFactory()
    OrderFactory()  # the "another order" a changed id would point at
    token = survey_path(order).split("/")[2]

    response = client.get(reverse("orders:survey", args=[change(token)]))

    assert response.status_code == 404
    assert "This survey link does not work" in response.content.decode()
    assert reverse("support:contact") in [href for href, _ in read_page(response).links]
    assert client.post(reverse("orders:survey", args=[change(token)]), GOOD_ANSWER).status_code == 404
    assert not SurveyAnswer.objects.exists()


def test_a_link_signed_for_something_else_is_refused(client):
    order = OrderFactory()
    token = signing.TimestampSigner(salt="accounts.something-else").sign(str(order.pk))

    response = client.get(reverse("orders:survey", args=[token]))

    assert response.status_code == 404


def test_a_link_for_a_deleted_order_is_refused(client):
    order = OrderFactory()
    path = survey_path(order)
    order.delete()

    assert client.get(path).status_code == 404


def test_an_old_link_has_expired_and_says_so(client):
    order = OrderFactory()

    fresh_enough = client.get(survey_path_signed_days_ago(order, 59))
    expired = client.get(survey_path_signed_days_ago(order, 61))

    assert fresh_enough.status_code == 200
    assert expired.status_code == 404
    assert "This survey link has expired" in expired.content.decode()
    assert client.post(survey_path_signed_days_ago(order, 61), GOOD_ANSWER).status_code == 404
    assert not SurveyAnswer.objects.exists()


# --- Answering ----------------------------------------------------------------------------------------


def test_an_answer_is_recorded_and_thanked_with_a_link_back_to_the_shop(client):
    order = OrderFactory()

    response = client.post(survey_path(order), GOOD_ANSWER)

    answer = SurveyAnswer.objects.get()
    assert (answer.order, answer.nps, answer.csat, answer.ces) == (order, 9, 5, 2)
    assert answer.comment == "Arrived a day early, lovely shirt."
    assert read_page(response).title.startswith("Thank you for your answers")
    assert reverse("shop:home") in [href for href, _ in read_page(response).links]


def test_a_second_submit_keeps_the_first_answer_and_says_so(client):
    order = OrderFactory()
    client.post(survey_path(order), GOOD_ANSWER)

    again = client.post(survey_path(order), {**GOOD_ANSWER, "nps": "2", "comment": "Changed my mind"})

    assert SurveyAnswer.objects.count() == 1
    assert SurveyAnswer.objects.get().nps == 9
    assert again.status_code == 200
    assert "You have already answered" in again.content.decode()


def test_opening_the_link_after_answering_shows_the_thanks_not_the_form(client):
    order = OrderFactory()
    client.post(survey_path(order), GOOD_ANSWER)

    page = client.get(survey_path(order)).content.decode()

    assert "You have already answered" in page
    assert 'name="nps"' not in page


def test_an_unhappy_customer_is_offered_help_on_the_thank_you_page(client):
    order = OrderFactory()

    response = client.post(survey_path(order), {"nps": "3", "csat": "2", "ces": "6", "comment": ""})

    assert "We are sorry it was not as good as it should have been" in response.content.decode()
    assert reverse("support:contact") in [href for href, _ in read_page(response).links]


def test_a_happy_customer_is_simply_thanked(client):
    response = client.post(survey_path(OrderFactory()), GOOD_ANSWER)

    assert "We are sorry" not in response.content.decode()


def test_answers_out_of_range_are_refused_with_a_message_beside_each_question(client):
    order = OrderFactory()

    response = client.post(survey_path(order), {"nps": "11", "csat": "0", "ces": "8", "comment": "Great <b>shop</b>"})

    page = response.content.decode()
    assert response.status_code == 200
    assert read_page(response).title.startswith("Error: ")
    assert '<p class="field__error" id="id_nps_error">Choose a number from 0 to 10' in page
    assert '<p class="field__error" id="id_csat_error">Choose a number from 1 to 5' in page
    assert '<p class="field__error" id="id_ces_error">Choose a number from 1 to 7' in page
    assert 'href="#id_nps_0"' in page  # the summary at the top leads to the question
    assert "Great &lt;b&gt;shop&lt;/b&gt;</textarea>" in page  # what was typed is kept, safely
    assert not SurveyAnswer.objects.exists()


def test_a_missing_answer_keeps_the_others_chosen(client):
    order = OrderFactory()

    page = client.post(survey_path(order), {"nps": "7", "ces": "3"}).content.decode()

    assert 'value="7" id="id_nps_7" required checked' in page
    assert 'value="3" id="id_ces_2" required checked' in page
    assert "Choose a number from 1 to 5: how satisfied you are." in page
    assert not SurveyAnswer.objects.exists()


def test_a_comment_too_long_says_how_long_it_may_be(client):
    page = client.post(survey_path(OrderFactory()), {**GOOD_ANSWER, "comment": "x" * 2001}).content.decode()

    assert "Shorten your comment to at most 2000 characters (it has 2001)." in page
    assert not SurveyAnswer.objects.exists()


garbage = st.dictionaries(
    st.sampled_from(["nps", "csat", "ces", "comment", "order", "csrfmiddlewaretoken"]),
    st.one_of(st.text(max_size=40), st.integers(-3, 13).map(str),
              st.sampled_from(["", " 5", "5.0", "1e1", "NaN", "٣", "\x00", "x" * 2100])))


@hypothesis_settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(data=garbage)
def test_no_garbage_posted_to_the_survey_causes_an_error_page_or_a_bad_answer(client, data):
    cache.clear()  # each example is a new visitor: the rate limit would stop the run after twenty
    order = OrderFactory()

    response = client.post(survey_path(order), data)

    assert response.status_code == 200
    answer = SurveyAnswer.objects.filter(order=order).first()
    if answer is None:
        assert read_page(response).title.startswith("Error: ")
    else:
        assert 0 <= answer.nps <= 10 and 1 <= answer.csat <= 5 and 1 <= answer.ces <= 7


def test_many_posts_from_one_address_are_paused(client):
    path = survey_path(OrderFactory())

    statuses = [client.post(path, {"nps": "eleven"}).status_code for _ in range(21)]

    assert statuses[:20] == [200] * 20
    assert statuses[20] == 429


# --- Asking, a few days after delivery ------------------------------------------------------------------


def survey_emails(mailoutbox):
    return [message for message in mailoutbox if "How did your" in message.subject]


def test_the_survey_is_emailed_once_to_orders_delivered_long_enough_ago(mailoutbox):
    due = delivered_order(days_ago=4)
    delivered_order(days_ago=2)  # too soon: give it time to be used
    delivered_order(days_ago=30)  # too late to ask well
    OrderFactory(status=Order.Status.SHIPPED)

    first_run = surveys_asked()
    second_run = surveys_asked()

    assert (first_run, second_run) == (1, 0)
    assert [message.to for message in survey_emails(mailoutbox)] == [[due.email]]
    message = survey_emails(mailoutbox)[0]
    assert due.number in message.subject
    assert Message.objects.get(kind="survey").reference == due.number


def test_the_emailed_link_opens_the_survey(client, mailoutbox):
    order = delivered_order(days_ago=4)

    surveys_asked()

    message = survey_emails(mailoutbox)[0]
    link = re.search(r"https://shop\.example(/survey/\S+/)", message.body).group(1)
    assert link in message.alternatives[0].content
    assert client.get(link).status_code == 200
    assert client.post(link, GOOD_ANSWER).status_code == 200
    assert SurveyAnswer.objects.get().order == order


def test_an_order_becomes_due_when_its_days_have_passed(settings, mailoutbox):
    order = delivered_order(days_ago=2)
    assert surveys_asked() == 0

    settings.SHOP = {**settings.SHOP, "survey_after_days": 1}

    assert surveys_asked() == 1
    assert [message.to for message in survey_emails(mailoutbox)] == [[order.email]]


def test_an_order_counts_as_delivered_from_its_last_parcel(mailoutbox):
    order = delivered_order(days_ago=6)
    second = Shipment.objects.create(order=order, status=Order.Status.DELIVERED)
    OrderEvent.objects.create(order=order, shipment=second, stage=Order.Status.DELIVERED,
                              created_at=timezone.now() - timedelta(days=1))

    assert surveys_asked() == 0
    assert survey_emails(mailoutbox) == []


def test_a_customer_who_turned_emails_off_is_not_asked(mailoutbox):
    customer = UserFactory(notify_by_email=False)
    order = delivered_order(days_ago=4, customer=customer)

    surveys_asked()
    surveys_asked()

    assert survey_emails(mailoutbox) == []
    assert Message.objects.get(reference=order.number, kind="survey").status == Message.Status.SKIPPED


def test_a_guest_is_asked_too(mailoutbox):
    order = delivered_order(days_ago=4, customer=None)

    surveys_asked()

    assert [message.to for message in survey_emails(mailoutbox)] == [[order.email]]
    assert "Change your choices" not in survey_emails(mailoutbox)[0].body  # a guest has no settings page
