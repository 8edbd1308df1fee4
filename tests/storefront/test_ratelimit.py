"""Who a visitor is behind nginx, and the sign-in limits per address and per account (issue 15, finding 1)."""

import json
import re

import pytest
from django.test import RequestFactory

from storefront.ratelimit import client_address
from tests.factories import UserFactory
from tests.storefront.test_settings import PRODUCTION, run_with_environment

pytestmark = pytest.mark.django_db

PROXY = "127.0.0.1"  # nginx, on the same machine as gunicorn
PASSWORD = "tawny mill lantern"


def sign_in(client, email: str, password: str, **headers):
    return client.post("/account/sign-in/", {"username": email, "password": password}, **headers)


def through_nginx(client_ip: str) -> dict:
    """What gunicorn sees of a request nginx passed on: nginx's address, and the client's appended."""
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": client_ip}


def test_behind_a_proxy_ten_wrong_passwords_from_one_client_leave_another_clients_sign_in_working(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    UserFactory(email="bob@example.com", password=PASSWORD)
    for _ in range(11):
        sign_in(client, "ann@example.com", "guess", **through_nginx("198.51.100.7"))

    other_client = sign_in(client, "bob@example.com", PASSWORD, **through_nginx("203.0.113.9"))

    assert other_client.status_code == 302


def test_a_forged_x_forwarded_for_does_not_dodge_the_limit_when_no_proxy_is_trusted(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for number in range(100):  # a different account and a different forged address each time
        sign_in(client, f"ann{number}@example.com", "guess", REMOTE_ADDR="198.51.100.7",
                HTTP_X_FORWARDED_FOR=f"10.0.{number}.1")

    forged = sign_in(client, "bob@example.com", "guess", REMOTE_ADDR="198.51.100.7",
                     HTTP_X_FORWARDED_FOR="10.9.9.9")

    assert forged.status_code == 429


@pytest.mark.parametrize("forwarded_for, trusted, seen", [
    ("203.0.113.9", 0, "127.0.0.1"),  # no proxy trusted: the header is anyone's
    ("203.0.113.9", 1, "203.0.113.9"),
    ("6.6.6.6, 203.0.113.9", 1, "203.0.113.9"),  # the client's own entry, left of nginx's, is ignored
    ("203.0.113.9, 10.0.0.2", 2, "203.0.113.9"),  # a load balancer, then nginx
    ("203.0.113.9", 2, "127.0.0.1"),  # fewer entries than proxies: only who connected is known
    ("not an address", 1, "127.0.0.1"),
    ("", 1, "127.0.0.1"),
])
def test_the_client_address_is_read_only_from_the_trusted_proxies_entries(settings, forwarded_for, trusted, seen):
    settings.TRUSTED_PROXY_COUNT = trusted
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for)

    assert client_address(request) == seen


def test_thirty_customers_behind_one_address_all_sign_in_even_after_a_mistyped_password(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    room = [UserFactory(email=f"pupil{number}@example.com", password=PASSWORD) for number in range(30)]

    answers = []
    for pupil in room:
        sign_in(client, pupil.email, "mistyped", REMOTE_ADDR="198.51.100.7")
        answers.append(sign_in(client, pupil.email, PASSWORD, REMOTE_ADDR="198.51.100.7").status_code)
        client.logout()

    assert answers == [302] * 30


def test_guessing_one_account_is_stopped_whatever_the_addresses_the_guesses_come_from(client):
    UserFactory(email="ann@example.com", password=PASSWORD)
    for number in range(10):
        sign_in(client, "ann@example.com", f"guess {number}", REMOTE_ADDR=f"198.51.100.{number}")

    eleventh = sign_in(client, " ANN@example.com", PASSWORD, REMOTE_ADDR="203.0.113.9")

    assert eleventh.status_code == 429
    assert "try again in about" in eleventh.content.decode()


class Clock:
    """Stands in for the `time` module in storefront.ratelimit, so a test can say when a quarter hour turns."""

    def __init__(self, now: float):
        self.now = now

    def time(self) -> float:
        return self.now


def test_guesses_just_before_the_quarter_hour_turns_still_count_just_after_it(client, monkeypatch):
    quarter_hour = 15 * 60
    clock = Clock(now=1_800_000 * quarter_hour - 5)
    monkeypatch.setattr("storefront.ratelimit.time", clock)
    UserFactory(email="ann@example.com", password=PASSWORD)
    for number in range(10):
        sign_in(client, "ann@example.com", f"guess {number}")

    clock.now += 10
    eleventh = sign_in(client, "ann@example.com", PASSWORD)
    minutes_told = int(re.search(r"try again in about (\d+) minute", eleventh.content.decode())[1])
    clock.now += minutes_told * 60
    after_waiting_as_told = sign_in(client, "ann@example.com", PASSWORD)

    assert eleventh.status_code == 429
    assert after_waiting_as_told.status_code == 302


def https_header_believed(environment: dict) -> bool:
    """Whether the app takes X-Forwarded-Proto: https as proof the request came over HTTPS."""
    report = ("import django, json; django.setup(); from django.conf import settings as s; "
              "print(json.dumps(s.SECURE_PROXY_SSL_HEADER))")
    result = run_with_environment({**PRODUCTION, **environment}, "-c", report)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout) == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_x_forwarded_proto_is_believed_only_with_a_trusted_proxy_in_front():
    assert https_header_believed({}) is False
    assert https_header_believed({"TRUSTED_PROXY_COUNT": "1"}) is True


def test_production_behind_a_proxy_passes_the_deployment_checklist():
    result = run_with_environment({**PRODUCTION, "TRUSTED_PROXY_COUNT": "1"}, "manage.py", "check", "--deploy",
                                  "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
