"""The sign-up and address forms in Chromium: focus on the error summary, values kept, axe-core clean."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_up_points_at_each_mistake_keeps_what_was_typed_then_welcomes(page, live_server, artifacts_dir):
    page.goto(live_server.url + "/account/sign-up/")
    assert axe_violations(page) == []

    page.get_by_label("E-mail address").fill("ann@example.com")
    page.get_by_role("button", name="Send me the link").click()

    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.get_by_label("E-mail address")).to_have_value("ann@example.com")
    expect(page.get_by_label("E-mail address")).not_to_have_attribute("aria-invalid", "true")
    assert axe_violations(page) == []
    page.screenshot(path=artifacts_dir / "sign-up-errors.png", full_page=True)

    page.locator("#error-summary").get_by_role("link", name=re.compile("Tick the box")).click()
    expect(page.get_by_role("checkbox")).to_be_focused()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Send me the link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")

    link = re.search(r"https?://[^/\s]+(/account/open/\S+/)", mail.outbox[-1].body).group(1)  # sent, so only there
    page.goto(live_server.url + link)
    page.get_by_label("Choose a password").fill("12345678901")
    page.get_by_role("button", name="Create my account").click()
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.get_by_label("Choose a password")).to_have_attribute("aria-invalid", "true")
    assert axe_violations(page) == []
    page.get_by_label("Choose a password").fill("tawny mill lantern")
    page.get_by_role("button", name="Create my account").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Hello")
    expect(page.locator(".messages")).to_contain_text("your account is ready")
    page.reload()  # the overview on its own, without the one-off welcome
    assert axe_violations(page) == []
    assert page.console_errors == []


def test_saving_an_address_redraws_the_fields_for_the_country_and_keeps_every_value(
        phone_page, live_server, django_user_model, artifacts_dir):
    django_user_model.objects.create_user("ann@example.com", "tawny mill lantern")
    page = phone_page  # a narrow screen: the account menu sits above the form
    page.goto(live_server.url + "/account/sign-in/")
    page.get_by_label("E-mail address").fill("ann@example.com")
    page.get_by_label("Password").fill("tawny mill lantern")
    page.get_by_role("button", name="Sign in").click()
    page.goto(live_server.url + "/account/addresses/add/")

    page.get_by_label("Full name").fill("Ann Smith")
    page.get_by_label("Address line 1").fill("500 Market Street")
    page.get_by_label("Town or city").fill("San Francisco")
    page.get_by_label("Country").select_option("US")
    expect(page.get_by_label("ZIP code")).to_be_visible()  # redrawn for the United States
    page.get_by_label("ZIP code").fill("941")
    page.get_by_label("Phone number").fill("415 555 0100")
    page.get_by_role("button", name="Save address").click()

    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.get_by_label("Town or city")).to_have_value("San Francisco")
    expect(page.get_by_label("ZIP code")).to_have_value("941")
    assert axe_violations(page) == []
    page.screenshot(path=artifacts_dir / "address-errors-phone.png", full_page=True)

    page.get_by_label("State").select_option("CA")
    page.get_by_label("ZIP code").fill("94103")
    page.get_by_role("button", name="Save address").click()

    expect(page.locator(".address-card")).to_contain_text("500 Market Street")
    expect(page.locator(".address-card")).to_contain_text("Used first")
    page.reload()  # the list on its own, without the one-off "Address saved" message
    assert axe_violations(page) == []
    assert page.console_errors == []
