import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, axe_violations, open_page

pytestmark = pytest.mark.browser


def type_in_search_box(page, shop_url, text):
    page.goto(shop_url)
    box = page.get_by_role("combobox", name="Search the shop")
    if not box.is_visible():  # on a phone the search opens from the header's icon
        page.locator(".header-toggle--search summary").click()
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


@pytest.fixture(params=[PHONE, DESKTOP], ids=["phone", "desktop"])
def any_page(browser, request):
    context, page = open_page(browser, request.param)
    yield page
    context.close()


def test_a_misspelt_search_suggests_and_finds_the_words_spelt_right(any_page, shop_url, artifacts_dir, request):
    page = any_page
    box, suggestions = type_in_search_box(page, shop_url, "lnen shirt")
    expect(suggestions).to_contain_text("Products for “linen shirt”")
    expect(page.get_by_role("status").filter(has_text="suggestion")).to_contain_text("Did you mean “linen shirt”?")
    assert axe_violations(page) == []
    page.screenshot(path=artifacts_dir / f"search-typo-suggestions-{request.node.callspec.id}.png")

    box.press("ArrowUp")  # from the box upwards: the last option, all results for the corrected words
    last = suggestions.get_by_role("option").last
    expect(last).to_have_attribute("aria-selected", "true")
    expect(last).to_have_text("All results for “linen shirt”")
    box.press("Escape")
    box.press("Enter")  # the words as typed: the results page corrects them too

    page.wait_for_url("**/search/?q=lnen+shirt")
    correction = page.locator(".search-correction")
    expect(correction).to_contain_text("Did you mean linen shirt?")
    cards = page.locator(".product-card")
    expect(cards.first).to_contain_text("shirt")
    assert axe_violations(page) == []
    correction.get_by_role("link", name="linen shirt").click()
    page.wait_for_url("**/search/?q=linen%20shirt")
    expect(page.locator(".search-correction")).to_have_count(0)
    assert page.console_errors == []
