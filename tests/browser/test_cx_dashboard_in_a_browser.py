"""Staff read the customer-experience dashboard (/staff/cx/) in Chromium, on a desktop and on a phone."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in_as_staff_at_the_dashboard(page, shop_url):
    page.goto(shop_url + "/staff/cx/")  # the back office's sign-in first, then back here
    page.get_by_label("E-mail address").fill("staff@example.com")
    page.get_by_label("Password").fill("demo-staff-2026")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Customer-experience dashboard", level=1)).to_be_visible()


def test_staff_read_the_scores_and_charts_and_the_figures_behind_them(page, shop_url, artifacts_dir):
    sign_in_as_staff_at_the_dashboard(page, shop_url)

    expect(page.locator("#cx-nps .cx-score__figure")).to_have_text(re.compile(r"^-?\d+$"))
    months_chart = page.get_by_role("img", name="Net Promoter Score by month")
    expect(months_chart).to_be_visible()
    expect(page.get_by_role("img", name="Net Promoter Score by product category")).to_be_visible()
    expect(months_chart.locator(".cx-chart__bar").first).to_be_visible()
    figures = page.get_by_role("table", name="Survey scores by month")
    expect(figures).to_be_hidden()
    page.get_by_text("Show the figures as a table").first.click()
    expect(figures).to_be_visible()
    expect(page.get_by_role("table", name="Messages by channel")).to_contain_text("E-mail")
    page.screenshot(path=artifacts_dir / "cx-dashboard.png", full_page=True)
    assert axe_violations(page) == []
    assert page.console_errors == []


def test_on_a_phone_the_charts_fit_without_sideways_scrolling(phone_page, shop_url, artifacts_dir):
    sign_in_as_staff_at_the_dashboard(phone_page, shop_url)

    for name in ("Net Promoter Score by month", "Net Promoter Score by product category"):
        chart = phone_page.get_by_role("img", name=name)
        chart.scroll_into_view_if_needed()
        box = chart.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], name
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone_page.screenshot(path=artifacts_dir / "cx-dashboard-phone.png", full_page=True)
    assert axe_violations(phone_page) == []
