"""The contact form and the Feedback control in Chromium: errors the accessible way, feedback without leaving
the page, axe-core clean."""

import re

import pytest
from playwright.sync_api import expect

from support.models import Feedback, Ticket
from tests.browser.conftest import DESKTOP, PHONE, axe_violations, open_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_contact_form_points_at_each_mistake_keeps_what_was_typed_then_gives_a_reference(
        page, live_server, artifacts_dir):
    page.goto(live_server.url + "/contact/")
    form = page.locator(".contact-form")  # not the Feedback control's fields, which every page has
    assert axe_violations(page) == []

    form.get_by_label("Your name").fill("Ann Smith")
    form.get_by_label("E-mail address").fill("ann.example.com")
    form.get_by_label("What is it about?").select_option("complaint")
    form.get_by_label("Your message").fill("The courier left my parcel in the rain.")
    form.get_by_role("button", name="Send message").click()

    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator("#error-summary")).to_be_focused()
    expect(form.get_by_label("Your name")).to_have_value("Ann Smith")
    expect(form.get_by_label("E-mail address")).to_have_value("ann.example.com")
    expect(form.get_by_label("E-mail address")).to_have_attribute("aria-invalid", "true")
    expect(form.get_by_label("What is it about?")).to_have_value("complaint")
    expect(form.get_by_label("Your message")).to_have_value("The courier left my parcel in the rain.")
    assert axe_violations(page) == []
    page.screenshot(path=artifacts_dir / "contact-errors.png", full_page=True)

    page.locator("#error-summary").get_by_role("link", name=re.compile("e-mail address")).click()
    expect(form.get_by_label("E-mail address")).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("ann@example.com")
    form.get_by_role("button", name="Send message").click()

    reference = Ticket.objects.get().reference
    expect(page.get_by_role("heading", level=1)).to_contain_text("we have your message")
    expect(page.locator(".contact-thanks__reference")).to_contain_text(reference)
    expect(page.locator("main")).to_contain_text("within one working day")
    assert Ticket.objects.get().is_priority
    assert axe_violations(page) == []
    assert page.console_errors == []


@pytest.fixture(params=[PHONE, DESKTOP], ids=["phone", "desktop"])
def any_page(browser, request):
    context, page = open_page(browser, request.param)
    yield page
    context.close()


def test_a_form_filled_in_at_once_as_autofill_does_and_sent_straight_away_is_accepted(any_page, live_server):
    page = any_page
    page.goto(live_server.url + "/contact/")
    form = page.locator(".contact-form")

    form.get_by_label("Your name").fill("Ann Smith")
    form.get_by_label("E-mail address").fill("ann@example.com")
    form.get_by_label("What is it about?").select_option("delivery")
    form.get_by_label("Your message").fill("My parcel has not arrived yet.")
    form.get_by_role("button", name="Send message").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("we have your message")
    assert Ticket.objects.get().email == "ann@example.com"
    assert axe_violations(page) == []
    assert page.console_errors == []


def test_feedback_is_sent_from_any_page_without_leaving_it(page, live_server, artifacts_dir):
    page.goto(live_server.url + "/delivery/")
    toggle = page.locator(".feedback__toggle")

    toggle.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Your feedback")).to_be_visible()
    assert axe_violations(page) == []
    page.keyboard.press("Escape")
    expect(page.get_by_label("Your feedback")).to_be_hidden()
    expect(toggle).to_be_focused()

    page.keyboard.press("Enter")
    page.get_by_role("button", name="Send feedback").click()  # empty: the message is asked for, in place
    expect(page.get_by_label("Your feedback")).to_be_focused()
    expect(page.locator(".feedback")).to_contain_text("Write your feedback")
    page.get_by_label("Your feedback").fill("The delivery table is hard to read on my phone.")
    page.get_by_role("button", name="Send feedback").click()

    expect(page.locator("[data-feedback-thanks]")).to_contain_text("Thank you for your feedback")
    expect(page.locator("#announcer")).to_have_text(re.compile("Thank you for your feedback"))
    assert page.url == live_server.url + "/delivery/"
    assert Feedback.objects.get().page_url == "/delivery/"
    assert axe_violations(page) == []
    page.screenshot(path=artifacts_dir / "feedback-sent.png")
    assert page.console_errors == []


def test_on_a_phone_the_feedback_control_waits_after_the_footer_covering_nothing(phone_page, live_server,
                                                                                artifacts_dir):
    page = phone_page
    page.goto(live_server.url + "/contact/")

    footer = page.locator(".site-footer").bounding_box()
    control = page.locator(".feedback").bounding_box()

    assert control["y"] >= footer["y"] + footer["height"]
    page.locator(".feedback__toggle").click()
    expect(page.get_by_label("Your feedback")).to_be_visible()
    assert axe_violations(page) == []
    page.screenshot(path=artifacts_dir / "feedback-phone.png", full_page=True)
