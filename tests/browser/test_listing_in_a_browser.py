"""Category and search listings in Chromium: filters applied without a reload, history, focus, phones."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, axe_violations

pytestmark = pytest.mark.browser


def first_colour_checkbox(page):
    return page.locator("#listing fieldset", has_text="Colour").locator("input[type=checkbox]").first


def test_a_filter_applies_without_a_reload_and_the_back_button_returns_to_it(page, shop_url, artifacts_dir):
    page.goto(shop_url)
    page.locator("summary", has_text="Clothing").click()
    page.get_by_role("link", name="All clothing").click()
    page.get_by_role("navigation", name="Within Clothing").get_by_role("link", name="Women").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Women"
    page.evaluate("window.__marker = 1")  # gone if the page reloads
    colour = first_colour_checkbox(page)
    colour_value, colour_id = colour.get_attribute("value"), colour.get_attribute("id")

    colour.check()
    page.wait_for_url(lambda url: "colour=" in url)
    expect(page.locator("#listing-status")).to_contain_text("product")  # read out to screen readers

    assert page.evaluate("window.__marker") == 1
    assert page.evaluate("document.activeElement.id") == colour_id  # focus stays on the box just ticked
    assert page.get_by_role("link", name=f"Remove filter: Colour: {colour_value}").is_visible()
    page.screenshot(path=artifacts_dir / "listing-filtered-desktop.png", full_page=True)

    page.locator("#listing .product-card__link").first.click()
    page.wait_for_url(lambda url: "/products/" in url)
    page.go_back()
    page.wait_for_url(lambda url: "colour=" in url)

    assert page.get_by_role("heading", level=1).inner_text() == "Women"
    assert page.locator(f"#{colour_id}").is_checked()
    assert page.console_errors == []


def test_sorting_and_paging_swap_the_results_and_move_focus_to_them(page, shop_url):
    page.goto(shop_url + "/search/?q=lasts")  # every demo product is "chosen because it lasts"
    page.evaluate("window.__marker = 1")

    page.get_by_label("Sort by").select_option("price-low")
    page.wait_for_url(lambda url: "sort=price-low" in url)
    page.get_by_role("link", name="Next").click()
    page.wait_for_url(lambda url: "page=2" in url)
    expect(page.locator("#listing-status")).to_contain_text("Showing 25–48")

    assert page.evaluate("window.__marker") == 1
    assert page.evaluate("document.activeElement.id") == "listing-summary"
    assert page.get_by_label("Sort by").input_value() == "price-low"
    page.go_back()
    page.wait_for_url(lambda url: "page=2" not in url)
    assert page.locator("#listing-summary").inner_text().startswith("Showing 1–24")
    assert page.console_errors == []


@pytest.mark.parametrize("path", [
    "/category/clothing/?in_stock=1&material=Linen&min_price=cheap",  # filtered, with a price to correct
    "/category/clothing/?colour=Navy&min_price=900",  # nothing matches: links to remove each filter
    "/search/?q=shirt&sort=price-low",
    "/search/?q=zzzz",  # no hits: suggestions and popular categories
])
def test_listings_pass_automated_accessibility_checks(page, shop_url, path):
    page.goto(shop_url + path)

    assert axe_violations(page) == []
    assert page.console_errors == []


def test_on_a_phone_the_filters_fold_behind_filter_and_sort(phone_page, shop_url, artifacts_dir):
    phone_page.goto(shop_url + "/category/clothing/")
    disclosure = phone_page.locator("summary", has_text="Filter and sort")
    colour = first_colour_checkbox(phone_page)
    assert disclosure.is_visible() and not colour.is_visible()

    disclosure.click()
    colour.check()
    phone_page.wait_for_url(lambda url: "colour=" in url)

    assert first_colour_checkbox(phone_page).is_visible()  # still open for the next choice
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone_page.screenshot(path=artifacts_dir / "listing-filters-phone.png", full_page=True)
    assert phone_page.console_errors == []


def test_without_javascript_the_filters_apply_with_the_button(browser, shop_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(shop_url + "/category/clothing/")

    first_colour_checkbox(page).check()
    page.get_by_role("button", name="Apply filters").click()

    assert "colour=" in page.url
    assert first_colour_checkbox(page).is_checked()
    context.close()
