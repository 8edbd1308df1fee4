"""Feedback from any page (P21): the control on every page, the page it came from, never another site's."""

import html
import re

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from support.contact.views import FEEDBACK_THANKS
from support.models import Feedback
from tests.factories import UserFactory
from tests.html import read_page

pytestmark = pytest.mark.django_db

FEEDBACK = "/feedback/"


def control_on(page: str) -> str:
    found = re.search(r'<aside class="feedback".*?</aside>', page, re.S)
    assert found, "the Feedback control is missing: base.html includes templates/support/_feedback.html"
    return found.group(0)


def page_field(page: str) -> str:
    return html.unescape(re.search(r'name="page" value="([^"]*)"', control_on(page)).group(1))


HTMX = {"HX-Request": "true"}


def send(client, page="/delivery/", message="The size guide is hard to find.", email="", headers=None, **fields):
    return client.post(FEEDBACK, {"page": page, "feedback-message": message, "feedback-email": email, "website": "",
                                  **fields}, headers=headers)


def test_every_page_carries_a_labelled_feedback_control_that_works_without_javascript(client):
    control = control_on(client.get("/delivery/").content.decode())

    assert "<details" in control and '<summary class="feedback__toggle">Feedback</summary>' in control
    assert 'action="/feedback/"' in control and 'method="post"' in control and 'hx-post="/feedback/"' in control
    assert '<label for="feedback-message">Your feedback</label>' in control
    assert 'id="feedback-email"' in control and "(optional)" in control
    assert 'name="website"' in control and 'tabindex="-1"' in control  # the honeypot
    assert 'name="csrfmiddlewaretoken"' in control


@pytest.mark.parametrize("path", ["/contact/", "/search/?q=linen&sort=price"])
def test_feedback_sent_from_a_page_records_that_page(client, path):
    recorded = page_field(client.get(path).content.decode())

    send(client, page=recorded, message=f"About {path}")

    assert recorded == path
    assert Feedback.objects.get().page_url == path


def test_feedback_from_two_pages_records_each_page(client):
    for path in ["/delivery/", "/contact/"]:
        send(client, page=page_field(client.get(path).content.decode()), message=f"About {path}")

    assert {(feedback.page_url, feedback.message) for feedback in Feedback.objects.all()} == {
        ("/delivery/", "About /delivery/"), ("/contact/", "About /contact/")}


def test_with_htmx_the_form_is_swapped_for_a_thank_you_without_leaving_the_page(client):
    response = send(client, headers=HTMX, email="ann@example.com")

    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    assert 'data-feedback-thanks' in response.content.decode() and FEEDBACK_THANKS in html.unescape(
        response.content.decode())
    feedback = Feedback.objects.get()
    assert (feedback.page_url, feedback.email) == ("/delivery/", "ann@example.com")


def test_without_javascript_the_visitor_goes_back_to_the_page_with_a_thank_you(client):
    response = send(client, page="/returns-policy/?from=cart")

    assert response.status_code == 302 and response.url == "/returns-policy/?from=cart"
    assert FEEDBACK_THANKS in html.unescape(client.get(response.url).content.decode())


def test_a_signed_in_customer_is_recorded_with_the_feedback(client):
    customer = UserFactory()
    client.force_login(customer)

    send(client)

    assert Feedback.objects.get().customer == customer


@pytest.mark.parametrize("page", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)",
                                  "http:/evil.example", "", "delivery/", "/delivery/\n"])
def test_another_sites_address_or_anything_but_a_local_path_is_refused(client, page):
    response = send(client, page=page)

    assert response.status_code == 400
    assert not Feedback.objects.exists()


def test_an_empty_message_is_pointed_out_in_the_control_with_what_was_typed(client):
    response = send(client, headers=HTMX, message="  ", email="ann@example")
    form = html.unescape(response.content.decode())

    assert response.status_code == 200 and form.lstrip().startswith("<form")
    assert "Write your feedback: what works, what doesn't, or what is missing." in form
    assert "Enter an e-mail address in the format name@example.com." in form
    assert 'value="ann@example"' in form and 'aria-invalid="true"' in form
    assert 'name="page" value="/delivery/"' in form  # still about the page it came from
    assert not Feedback.objects.exists()


def test_without_javascript_a_mistake_gets_a_page_with_the_form_and_a_way_back(client):
    response = send(client, message="", email="ann@example")
    page = response.content.decode()

    assert response.status_code == 200
    assert read_page(response).title.startswith("Error: ")
    assert 'id="error-summary"' in page and 'href="#feedback-message"' in page
    assert 'value="ann@example"' in page and 'href="/delivery/"' in page
    assert page.count('id="feedback-message"') == 1  # the control at the bottom stays away from this page


def test_a_robot_filling_the_honeypot_is_thanked_but_nothing_is_kept(client):
    response = send(client, website="https://cheap-pills.example", headers=HTMX)

    assert FEEDBACK_THANKS in html.unescape(response.content.decode())
    assert not Feedback.objects.exists()


def test_one_address_may_send_ten_notes_in_fifteen_minutes_then_pauses(client):
    for _ in range(10):
        assert send(client).status_code == 302

    assert send(client).status_code == 429
    assert Feedback.objects.count() == 10


def test_feedback_refuses_a_post_from_another_site():
    response = send(Client(enforce_csrf_checks=True))

    assert response.status_code == 403 and not Feedback.objects.exists()


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(page=st.one_of(st.text(max_size=600), st.text(max_size=600).map(lambda text: "/" + text)),
       message=st.text(max_size=2100), email=st.text(max_size=300), htmx=st.booleans())
def test_garbage_posted_as_feedback_gets_an_answer_not_an_error(client, page, message, email, htmx):
    cache.clear()  # keep the rate limit out of the way

    response = send(client, page=page, message=message, email=email, headers=HTMX if htmx else None)

    assert response.status_code in {200, 302, 400}
    assert all(len(feedback.page_url) <= 500 for feedback in Feedback.objects.all())
