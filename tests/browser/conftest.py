"""Playwright driving Debian's headless Chromium against a live test server."""

import json
import os
import sqlite3
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from playwright.sync_api import expect

# Playwright's sync API runs an event loop in this thread; the live server's database work is
# still plain synchronous Django, so tell Django that this is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# An expectation waits up to 15 s, not Playwright's 5: on CI's two cores the browser tests share the machine
# with two other test runs, and a page that does appear, only slowly, is not what these tests look for.
expect.set_options(timeout=15_000)

AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SMALLEST_PHONE = {"width": 320, "height": 640}


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield browser
        browser.close()


# On SQLite, a copy of the database as load_demo first left it: restoring it takes milliseconds, loading the
# demo again about a second, and most browser tests start from the demo.
_demo_copy: sqlite3.Connection | None = None


@pytest.fixture
def shop_url(live_server, transactional_db, settings):
    """The live server, with the demo catalogue loaded."""
    global _demo_copy
    connection.ensure_connection()
    if connection.vendor == "sqlite" and _demo_copy is not None:
        _demo_copy.backup(connection.connection)
        return live_server.url
    settings.DEBUG = True  # load_demo refuses to run in production; the test runner turns DEBUG off
    call_command("load_demo", stdout=StringIO())
    settings.DEBUG = False
    if connection.vendor == "sqlite":
        _demo_copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(_demo_copy)
    return live_server.url


def open_page(browser, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    return context, page


@pytest.fixture
def page(browser):
    context, page = open_page(browser, DESKTOP)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    context, page = open_page(browser, PHONE)
    yield page
    context.close()


@pytest.fixture
def smallest_phone_page(browser):
    context, page = open_page(browser, SMALLEST_PHONE)
    yield page
    context.close()


def axe_violations(page) -> list[str]:
    """Run axe-core in the page; one line per accessibility rule broken, with where."""
    assert AXE_SCRIPT.exists(), "run `npm ci` to install axe-core"
    page.evaluate(AXE_SCRIPT.read_text())
    result = page.evaluate("axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice']})")
    return [f"{violation['id']}: {violation['help']} at "
            f"{json.dumps([node['target'] for node in violation['nodes']][:3])}" for violation in result["violations"]]
