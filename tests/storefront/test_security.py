import re

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_pages_forbid_framing_sniffing_and_foreign_scripts(client):
    response = client.get("/help/")

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_htmx_requests_carry_the_csrf_token_so_posts_are_accepted_only_with_it():
    shopper = UserFactory()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(shopper)
    page = browser.get("/account/").content.decode()
    token = re.search(r'hx-headers=\'\{"X-CSRFToken": "([^"]+)"\}\'', page).group(1)

    forged = browser.post("/account/sign-out/", HTTP_HX_REQUEST="true")
    genuine = browser.post("/account/sign-out/", HTTP_HX_REQUEST="true", HTTP_X_CSRFTOKEN=token)

    assert forged.status_code == 403
    assert genuine.status_code == 302


def test_health_check_reports_database_and_cache(client):
    response = client.get("/healthz")

    assert response.json() == {"status": "ok", "down": [], "database": "ok", "cache": "ok"}


def test_account_page_asks_visitors_to_sign_in_first(client):
    response = client.get("/account/")

    assert response.status_code == 302
    assert response["Location"].startswith("/account/sign-in/")


def test_wrong_password_keeps_the_email_and_says_what_went_wrong(client):
    UserFactory(email="ann@example.com")

    page = client.post("/account/sign-in/", {"username": "ann@example.com", "password": "nope"}).content.decode()

    assert 'value="ann@example.com"' in page
    assert "do not match an account" in page


def test_sign_in_pauses_after_ten_tries_at_one_account_but_not_for_other_accounts(client):
    attempt = {"username": "ann@example.com", "password": "guess"}
    for _ in range(10):
        assert client.post("/account/sign-in/", attempt).status_code == 200

    blocked = client.post("/account/sign-in/", attempt)
    other_account = client.post("/account/sign-in/", {**attempt, "username": "bob@example.com"})

    assert blocked.status_code == 429
    assert "try again in about" in blocked.content.decode()
    assert other_account.status_code == 200


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(email=st.text(max_size=300), password=st.text(max_size=300), next_url=st.text(max_size=100))
def test_sign_in_form_answers_any_input_without_an_error_page(client, email, password, next_url):
    cache.clear()  # keep the rate limit out of the way: this is about the form, not the limit

    response = client.post("/account/sign-in/", {"username": email, "password": password, "next": next_url})

    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="field__error"' in page or "do not match an account" in page


def test_mistyped_email_is_pointed_at_beside_the_field_and_kept(client):
    page = client.post("/account/sign-in/", {"username": "ann.example.com", "password": "x"}).content.decode()

    assert 'id="id_username_error"' in page and "Enter a valid email address." in page
    assert 'aria-invalid="true"' in page and 'aria-describedby="id_username_error"' in page
    assert 'value="ann.example.com"' in page
