"""Workshop mode in Chromium, generated from the practice catalogue.

Every practice the catalogue calls demonstrated must have its badge on every page it names, seen by
the visitor that page is for. The demo is loaded once for the module (the pages are only read), and
each page is visited once, whatever number of practices point at it.
"""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, axe_violations, open_page
from workshop.catalogue import practices
from workshop.places import PLACES

pytestmark = [pytest.mark.browser]

DEMONSTRATED = [practice for practice in practices() if practice.is_demonstrated]


@pytest.fixture(scope="module")
def demo_shop(live_server, django_db_setup, django_db_blocker):
    """The demo shop on the live server; emptied again for the tests that follow."""
    with django_db_blocker.unblock(), override_settings(DEBUG=True):
        call_command("load_demo", stdout=StringIO())
    yield live_server.url
    with django_db_blocker.unblock():
        call_command("flush", interactive=False)


@pytest.fixture(scope="module")
def paths(demo_shop, django_db_blocker):
    with django_db_blocker.unblock():
        return {key: place.path() for key, place in PLACES.items()}


def sign_in(page, shop_url, email: str, password: str) -> None:
    page.goto(shop_url + "/account/sign-in/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).not_to_have_url(re.compile("/sign-in/"))


def put_something_in_the_cart(page, shop_url) -> None:
    page.goto(shop_url + "/category/electronics/?in_stock=1")
    page.locator(".product-card__add button").first.click()
    expect(page.get_by_role("dialog", name="Your cart")).to_be_visible()


@pytest.fixture(scope="module")
def visitor_pages(browser, demo_shop, demo_accounts):
    """One signed-in (or not) browser per kind of visitor, made when first needed, with workshop mode on."""
    contexts, pages = [], {}

    def page_for(visitor: str):
        if visitor not in pages:
            context, page = open_page(browser, DESKTOP)
            contexts.append(context)
            context.add_cookies([{"name": "workshop", "value": "on", "url": demo_shop}])
            if visitor == "customer":
                sign_in(page, demo_shop, *demo_accounts["customer"])
            if visitor == "staff":
                sign_in(page, demo_shop, *demo_accounts["staff"])
            if visitor in {"shopper", "customer"}:
                put_something_in_the_cart(page, demo_shop)
            pages[visitor] = page
        return pages[visitor]

    yield page_for
    for context in contexts:
        context.close()


@pytest.fixture(scope="module", autouse=True)
def badges_by_place(visitor_pages, demo_shop, paths, django_db_blocker):
    """The practice ids whose badges each place's visitor can see there, each place visited once.

    Every place is visited while the module's first test is set up: pytest-django empties the database
    after each live-server test, and the demo is loaded only once.
    """
    seen = {}
    with django_db_blocker.unblock():  # the live server reads the demo from this thread's database
        for key in sorted({item.place for practice in DEMONSTRATED for item in practice.see}):
            place = PLACES[key]
            if not paths[key]:
                seen[key] = set()  # reported by the practice's test
                continue
            page = visitor_pages(place.visitor)
            page.goto(demo_shop + paths[key])
            for button in place.press:
                page.get_by_role("button", name=button, exact=True).first.click()
                page.wait_for_load_state()
            badges = page.locator(".practice-badge:visible")
            seen[key] = {badges.nth(index).get_attribute("data-practice") for index in range(badges.count())}
    return seen


@pytest.mark.parametrize("practice", DEMONSTRATED, ids=[practice.id for practice in DEMONSTRATED])
def test_a_demonstrated_practice_shows_its_badge_on_every_page_it_names(practice, badges_by_place, paths):
    assert all(paths[item.place] for item in practice.see), "the demo has no page for one of its places"
    missing = [item.place for item in practice.see if practice.id not in badges_by_place[item.place]]
    assert missing == [], f"{practice.id}'s badge is not on: {', '.join(missing)}"


def test_a_badge_opens_its_note_by_keyboard_and_links_to_the_practice(browser, demo_shop, artifacts_dir):
    context, page = open_page(browser, PHONE)
    page.goto(demo_shop + "/?workshop=on")
    expect(page.get_by_text("Workshop mode is on")).to_be_visible()
    badge = page.locator(".practice-badge__button:visible").first  # a phone folds some of the header away
    badge.focus()
    page.keyboard.press("Enter")
    note = page.locator(".practice-badge__note:popover-open")
    expect(note).to_be_visible()
    expect(note.get_by_role("link", name="How this shop does it")).to_be_visible()
    page.screenshot(path=artifacts_dir / "workshop-mode-note-phone.png")
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.keyboard.press("Escape")
    expect(note).to_be_hidden()
    assert page.console_errors == []
    context.close()


def test_the_footer_switch_turns_the_badges_off_and_they_stay_off(browser, demo_shop, artifacts_dir):
    context, page = open_page(browser, DESKTOP)
    page.goto(demo_shop + "/")
    expect(page.locator(".practice-badge")).to_have_count(0)
    page.get_by_role("button", name="Workshop mode", pressed=False).click()
    expect(page.locator(".practice-badge").first).to_be_visible()
    page.screenshot(path=artifacts_dir / "workshop-mode-home.png", full_page=True)
    page.get_by_role("button", name="Workshop mode", pressed=True).click()
    expect(page.locator(".practice-badge")).to_have_count(0)
    page.goto(demo_shop + "/search/?q=linen")
    expect(page.locator(".practice-badge")).to_have_count(0)
    context.close()


@pytest.mark.parametrize("path", ["/practices/", "/practices/?status=partly", "/practices/P27/", "/practices/tour/"])
def test_the_practice_pages_pass_axe_and_fit_a_phone(browser, demo_shop, path):
    context, page = open_page(browser, DESKTOP)
    page.goto(demo_shop + path)
    expect(page.locator("h1")).to_be_visible()
    assert axe_violations(page) == []
    assert page.console_errors == []
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()
