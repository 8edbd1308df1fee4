"""Signing in to the back office: limited like customers' sign-in, and a second factor for staff who want one
(issue 15, finding 2)."""

import re
from base64 import b32decode

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "quiet harbour kettle"
ADMIN_LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture
def staff():
    return UserFactory(email="sam@fernhill.example", password=PASSWORD, is_staff=True, is_superuser=True)


@pytest.fixture
def authenticator(staff):
    """A confirmed authenticator app of `staff`: its `code()` is what the phone shows now."""
    device = TOTPDevice.objects.create(user=staff, name="Phone", confirmed=True)
    device.code = lambda: f"{totp(device.bin_key):06d}"
    return device


def admin_sign_in(client, *, password=PASSWORD, code="", **headers):
    return client.post(ADMIN_LOGIN, {"username": "sam@fernhill.example", "password": password, "code": code},
                       **headers)


def test_thirty_wrong_staff_passwords_then_the_right_one_is_refused(client, staff):
    for number in range(30):
        admin_sign_in(client, password=f"guess {number}", REMOTE_ADDR=f"198.51.100.{number}")

    right_one = admin_sign_in(client, REMOTE_ADDR="203.0.113.9")

    assert right_one.status_code == 429
    assert client.get("/admin/").status_code == 302  # still sent to sign in


def test_guesses_at_a_staff_account_count_together_on_the_shops_sign_in_page_and_the_back_offices(client, staff):
    for number in range(5):
        client.post("/account/sign-in/", {"username": "sam@fernhill.example", "password": f"guess {number}"})
        admin_sign_in(client, password=f"other guess {number}")

    right_one = admin_sign_in(client)

    assert right_one.status_code == 429


def test_staff_without_an_authenticator_app_sign_in_as_before(client, staff):
    signed_in = admin_sign_in(client)

    assert signed_in.status_code == 302 and signed_in["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_staff_with_an_authenticator_app_cannot_enter_the_back_office_without_its_code(client, authenticator):
    without_code = admin_sign_in(client)
    wrong_code = admin_sign_in(client, code=f"{(int(authenticator.code()) + 1) % 10**6:06d}")

    assert without_code.status_code == 200
    assert "Enter the code from your authenticator app" in without_code.content.decode()
    assert wrong_code.status_code == 200 and "That code is not the current one" in wrong_code.content.decode()
    assert client.get("/admin/").status_code == 302


def test_staff_with_an_authenticator_app_enter_with_its_current_code(client, authenticator):
    code = authenticator.code()

    signed_in = admin_sign_in(client, code=code[:3] + " " + code[3:])  # as the app shows it

    assert signed_in["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_the_password_alone_on_the_shops_sign_in_page_does_not_open_the_back_office(client, authenticator):
    client.post("/account/sign-in/", {"username": "sam@fernhill.example", "password": PASSWORD})

    assert client.get("/account/").status_code == 200  # signed in to the shop
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    assert client.get("/staff/cx/")["Location"].startswith("/admin/login/")  # nor the staff dashboard


def test_staff_set_up_two_step_sign_in_by_scanning_the_code_and_confirming_it(client, staff, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp pauses a second after a wrong code; the test does not wait
    admin_sign_in(client)
    page = client.get("/admin/two-step-sign-in/").content.decode()
    secret = re.search(r"<code>([A-Z2-7]+)</code>", page).group(1)
    key = b32decode(secret)

    wrong = client.post("/admin/two-step-sign-in/", {"code": "000000" if totp(key) else "111111"})
    confirmed = client.post("/admin/two-step-sign-in/", {"code": f"{totp(key):06d}"}, follow=True)

    assert "<svg" in page and "otpauth://totp/" in page
    assert "That code is not the current one" in wrong.content.decode()
    assert "Two-step sign-in is on" in confirmed.content.decode()
    assert TOTPDevice.objects.get(user=staff).confirmed
    assert client.get("/admin/").status_code == 200  # the session that confirmed stays in
    second_browser = Client()
    assert admin_sign_in(second_browser).status_code == 200  # now a code is asked for


def test_the_admin_sign_in_page_offers_the_code_field_and_garbage_codes_are_refused_calmly(client, authenticator):
    page = client.get(ADMIN_LOGIN).content.decode()

    answers = [admin_sign_in(client, code=code).status_code for code in ["x" * 10, "٣٣٣٣٣٣", "-1", "\x00"]]

    assert 'name="code"' in page and 'autocomplete="one-time-code"' in page
    assert answers == [200, 200, 200, 200]
