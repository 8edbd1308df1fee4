import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser


def type_in_search_box(page, shop_url, text):
    page.goto(shop_url)
    box = page.get_by_role("combobox", name="Search the shop")
    box.press_sequentially(text, delay=40)
    suggestions = page.get_by_role("listbox", name="Search suggestions")
    expect(suggestions).to_be_visible()
    return box, suggestions


def test_arrow_down_and_enter_open_the_first_suggested_product(page, shop_url, artifacts_dir):
    box, suggestions = type_in_search_box(page, shop_url, "shirt")
    first = suggestions.get_by_role("option").first
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("status").filter(has_text="suggestion")).to_contain_text("use the up and down arrow keys")

    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    expect(first).to_have_attribute("aria-selected", "true")
    page.screenshot(path=artifacts_dir / "search-suggestions.png")
    product_url = first.get_attribute("href")
    box.press("Enter")

    page.wait_for_url(f"**{product_url}")
    assert page.console_errors == []


def test_escape_or_a_click_elsewhere_closes_the_suggestions_and_keeps_what_was_typed(page, shop_url):
    box, suggestions = type_in_search_box(page, shop_url, "linen")

    box.press("ArrowDown")
    box.press("Escape")

    expect(suggestions).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    assert box.get_attribute("aria-activedescendant") is None
    assert box.input_value() == "linen"

    box.press("ArrowDown")  # opens them again
    expect(suggestions).to_be_visible()
    page.locator("main").click(position={"x": 5, "y": 5})

    expect(suggestions).to_be_hidden()
    assert box.input_value() == "linen"


def test_open_suggestions_pass_automated_accessibility_checks(page, shop_url):
    type_in_search_box(page, shop_url, "knit")

    assert axe_violations(page) == []
    assert page.console_errors == []
