import re

import pytest
from django.test import Client

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

    assert response.json() == {"database": "ok", "cache": "ok"}


def test_account_page_asks_visitors_to_sign_in_first(client):
    response = client.get("/account/")

    assert response.status_code == 302
    assert response["Location"].startswith("/account/sign-in/")


def test_wrong_password_keeps_the_email_and_says_what_went_wrong(client):
    UserFactory(email="ann@example.com")

    page = client.post("/account/sign-in/", {"username": "ann@example.com", "password": "nope"}).content.decode()

    assert 'value="ann@example.com"' in page
    assert "Please enter a correct e-mail address and password" in page


def test_sign_in_pauses_after_ten_tries_from_one_address_but_not_for_others(client):
    attempt = {"username": "ann@example.com", "password": "guess"}
    for _ in range(10):
        assert client.post("/account/sign-in/", attempt).status_code == 200

    blocked = client.post("/account/sign-in/", attempt)
    elsewhere = client.post("/account/sign-in/", attempt, REMOTE_ADDR="203.0.113.9")

    assert blocked.status_code == 429
    assert "try again in about" in blocked.content.decode()
    assert elsewhere.status_code == 200
