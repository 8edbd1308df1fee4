import re

import pytest
from playwright.sync_api import expect

from shop.models import Product
from tests.browser.conftest import DESKTOP, PHONE, axe_violations, open_page

pytestmark = pytest.mark.browser

# The phone's header is held to this height by its own test; measuring the first screen from the top of the
# page's content below that allowance keeps this test about the product page, whatever the header is today.
PHONE_HEADER_AT_MOST = 64
SMALL_PHONE = {"width": 320, "height": 568}


@pytest.fixture
def dress_url(shop_url):
    """The first demo product: a dress in five sizes (14 sold out, 12 with 3 left) with two more pictures."""
    return shop_url + Product.objects.get(sku="FH-00001").get_absolute_url()


@pytest.fixture(params=["phone", "desktop"])
def any_page(request, browser):
    """The same test on a phone (390 × 844) and on a desktop (1280 × 900)."""
    context, page = open_page(browser, PHONE if request.param == "phone" else DESKTOP)
    page.is_phone = request.param == "phone"
    yield page
    context.close()


@pytest.fixture
def page_without_javascript(browser):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    yield context.new_page()
    context.close()


def box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


def bottom(page, selector: str) -> float:
    found = box(page, selector)
    return found["y"] + found["height"]


def first_screen_ends_at(page) -> float:
    """Where the first screen ends, in the page's coordinates, with the header at its allowed height on a phone."""
    content_top = box(page, "main")["y"]
    header = min(content_top, PHONE_HEADER_AT_MOST) if page.is_phone else content_top
    return content_top - header + page.viewport_size["height"]


def add_to_cart_button(page):
    return page.locator("[data-add-to-cart]")


def sticky_bar(page):
    return page.locator("[data-sticky-buy]")


def size_radio(page, size: str):
    return page.locator(".size-choice").get_by_role("radio", name=re.compile(rf"^{size}\b"))


# --- The first screen ---------------------------------------------------------------------------------


def test_the_first_screen_holds_the_picture_name_price_sizes_and_the_add_to_cart_button(any_page, dress_url,
                                                                                       artifacts_dir):
    page = any_page

    page.goto(dress_url)

    screen_end = first_screen_ends_at(page)
    for selector in (".gallery__slide img", "h1", ".product__facts .price", ".size-choice", "[data-add-to-cart]"):
        assert bottom(page, selector) <= screen_end, selector
    picture, button, name = box(page, ".gallery__slide img"), box(page, "[data-add-to-cart]"), box(page, "h1")
    if page.is_phone:  # the picture from edge to edge, the button as wide as the text column
        assert picture["x"] == 0 and picture["width"] == PHONE["width"]
        assert button["width"] >= name["width"] - 1 and button["height"] >= 44
    else:  # the pictures on the left, the buying box beside them
        assert picture["x"] + picture["width"] < name["x"] and abs(picture["y"] - name["y"]) < 10
    page.screenshot(path=artifacts_dir / f"product-{'phone' if page.is_phone else 'desktop'}.png")
    assert page.console_errors == []


def test_on_a_small_phone_picture_name_and_price_start_on_the_first_screen_and_nothing_scrolls_sideways(
        browser, shop_url, dress_url):
    context, page = open_page(browser, SMALL_PHONE)
    page.is_phone = True

    page.goto(dress_url)

    for selector in (".gallery__slide img", "h1", ".product__facts .price"):
        assert box(page, selector)["y"] < first_screen_ends_at(page), selector
    assert page.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"]
    page.get_by_role("link", name="Size guide").click()
    guide_table = page.locator("#size-guide .size-guide__table")
    assert guide_table.evaluate("table => table.scrollWidth <= table.clientWidth")  # all of it in view
    assert page.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"]
    page.goto(shop_url + page.locator("[data-size-guide-open]").get_attribute("href"))
    assert page.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"]
    assert page.console_errors == []
    context.close()


def test_product_page_passes_automated_accessibility_checks_with_the_sizes_asked_for_and_the_guide_open(
        any_page, dress_url):
    page = any_page
    page.goto(dress_url)
    assert axe_violations(page) == []

    add_to_cart_button(page).click()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Size guide").click()
    assert axe_violations(page) == []
    assert page.console_errors == []


# --- Choosing a size ------------------------------------------------------------------------------------


def test_no_size_is_chosen_and_adding_without_one_asks_beside_the_sizes_keeping_the_quantity(any_page, dress_url):
    page = any_page
    page.goto(dress_url)
    assert page.locator(".size-choice input:checked").count() == 0
    page.get_by_label("Quantity").fill("2")

    add_to_cart_button(page).click()

    message = page.locator(".size-choice").get_by_text("Please choose a size.")
    expect(message).to_be_visible()
    assert page.locator("#size-choice").get_attribute("aria-describedby") == "size-missing"
    assert page.evaluate("document.activeElement.closest('.size-choice') !== null")  # the keyboard is at the sizes
    assert page.get_by_label("Quantity").input_value() == "2"
    assert not page.locator("#mini-cart").evaluate("dialog => dialog.open")

    size_radio(page, "12").check()

    expect(message).to_be_hidden()
    assert page.locator("#quantity-limit").inner_text() == "up to 3"
    assert page.get_by_label("Quantity").get_attribute("max") == "3"
    assert size_radio(page, "14").is_disabled()  # sold out
    add_to_cart_button(page).click()
    expect(page.locator("#mini-cart")).to_contain_text("Added 2 × Alder shirt dress, 12 to your cart.")
    assert page.console_errors == []


def test_without_javascript_adding_without_a_size_asks_beside_the_sizes_keeping_the_quantity(
        page_without_javascript, dress_url):
    page = page_without_javascript
    page.goto(dress_url)
    page.get_by_label("Quantity").fill("3")

    add_to_cart_button(page).click()

    assert page.url.startswith(dress_url) and page.url.endswith("#size-choice")
    expect(page.locator(".size-choice").get_by_text("Please choose a size.")).to_be_visible()
    assert page.get_by_label("Quantity").input_value() == "3"
    assert not sticky_bar(page).is_visible()  # there is no bar without JavaScript

    size_radio(page, "10").check()
    add_to_cart_button(page).click()

    expect(page.locator(".messages")).to_contain_text("Added 3 × Alder shirt dress, 10 to your cart.")


# --- The sticky bar -------------------------------------------------------------------------------------


# Shifts from now on only: how the page settles after loading is tested for every page type elsewhere.
LAYOUT_SHIFT_OBSERVER = """() => {
  window.layoutShift = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.layoutShift += entry.value;
  }).observe({type: "layout-shift"});
}"""


def test_the_sticky_bar_appears_once_the_button_scrolls_away_covers_nothing_and_adds_to_the_cart(any_page, dress_url):
    page = any_page
    page.goto(dress_url)
    size_radio(page, "8").check()
    page.evaluate(LAYOUT_SHIFT_OBSERVER)
    assert not sticky_bar(page).is_visible()

    page.get_by_role("heading", name="Customer reviews").scroll_into_view_if_needed()

    expect(sticky_bar(page)).to_have_css("transform", "none")  # slid all the way in
    assert sticky_bar(page).inner_text().split("\n")[:2] == ["Alder shirt dress", "£77.50, size 8"]
    assert bottom(page, "[data-sticky-buy]") == pytest.approx(page.viewport_size["height"], abs=1)
    page.evaluate("() => window.scrollTo({top: document.documentElement.scrollHeight, behavior: 'instant'})")
    last_words = page.locator(".site-footer__legal p").last.bounding_box()
    assert last_words["y"] + last_words["height"] <= box(page, "[data-sticky-buy]")["y"]  # room kept for the bar
    assert page.evaluate("window.layoutShift") == 0  # it slid in without moving anything

    add_to_cart_button(page).scroll_into_view_if_needed()
    expect(sticky_bar(page)).not_to_be_in_viewport()


def test_the_sticky_bars_button_is_reached_with_the_keyboard_and_adds_to_the_cart(any_page, dress_url):
    page = any_page
    page.goto(dress_url)
    size_radio(page, "16").check()
    page.get_by_role("heading", name="Customer reviews").scroll_into_view_if_needed()
    expect(sticky_bar(page)).to_be_in_viewport()
    bar_button = sticky_bar(page).get_by_role("button", name="Add to cart")
    # Focus on what comes just before the bar in the page's order; Tab goes on to it.
    page.evaluate("""() => {
      const focusable = [...document.querySelectorAll("a[href], button, input, textarea, select, [tabindex]")]
        .filter(element => !element.disabled && element.getClientRects().length);
      focusable[focusable.indexOf(document.querySelector("[data-sticky-buy] button")) - 1].focus();
    }""")

    page.keyboard.press("Tab")

    expect(bar_button).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#mini-cart")).to_contain_text("Added 1 × Alder shirt dress, 16 to your cart.")
    assert page.console_errors == []


def test_the_sticky_bar_without_a_size_asks_for_one_beside_the_sizes(phone_page, dress_url):
    phone_page.goto(dress_url)
    phone_page.get_by_role("heading", name="Customer reviews").scroll_into_view_if_needed()

    sticky_bar(phone_page).get_by_role("button", name="Add to cart").click()

    expect(phone_page.locator(".size-choice").get_by_text("Please choose a size.")).to_be_in_viewport()
    assert not phone_page.locator("#mini-cart").evaluate("dialog => dialog.open")


# --- The size guide -------------------------------------------------------------------------------------


def test_the_size_guide_opens_in_a_dialog_that_holds_focus_closes_with_escape_and_gives_focus_back(any_page,
                                                                                                 dress_url):
    page = any_page
    page.goto(dress_url)
    link = page.get_by_role("link", name="Size guide")

    link.click()

    dialog = page.get_by_role("dialog", name="Size guide: Women's dresses")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("table")).to_contain_text("Bust")
    assert dialog.get_by_role("row", name=re.compile(r"^12 ")).inner_text().split() == [
        "12", "92", "cm,", "36", "in", "74", "cm,", "29", "in", "99", "cm,", "39", "in", "112", "cm,", "44", "in"]
    for _ in range(12):
        page.keyboard.press("Tab")
        assert page.evaluate("document.getElementById('size-guide').contains(document.activeElement)")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(link).to_be_focused()
    assert page.url == dress_url  # the guide opened in place

    link.click()
    dialog.get_by_role("button", name="Close the size guide").click()
    expect(dialog).to_be_hidden()
    expect(link).to_be_focused()
    assert page.console_errors == []


def test_without_javascript_the_size_guide_is_a_page_of_its_own(page_without_javascript, dress_url, shop_url):
    page = page_without_javascript
    page.goto(dress_url)

    page.get_by_role("link", name="Size guide").click()

    assert page.url == shop_url + "/size-guides/womens-dresses/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Size guide: Women's dresses")
    expect(page.get_by_role("heading", name="How to measure")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("Hips")


def test_the_size_guide_page_passes_automated_accessibility_checks(any_page, shop_url):
    any_page.goto(shop_url + "/size-guides/womens-tops-and-knitwear/")

    assert axe_violations(any_page) == []
    assert any_page.evaluate("document.documentElement.scrollWidth") <= any_page.viewport_size["width"]
    assert any_page.console_errors == []


# --- The gallery ----------------------------------------------------------------------------------------


def picture_on_show(page) -> int:
    """Which slide fills the strip now (1, 2, …)."""
    return page.locator("[data-gallery-slides]").evaluate(
        "strip => Math.round(strip.scrollLeft / strip.clientWidth) + 1")


def test_choosing_a_thumbnail_scrolls_the_gallery_to_that_picture_in_place(page, dress_url):
    page.goto(dress_url)
    thumbnails = page.locator(".gallery__thumb")
    thumbnails.last.scroll_into_view_if_needed()
    scroll_before = page.evaluate("window.scrollY")

    thumbnails.nth(1).click()

    page.wait_for_function("() => document.querySelector('[data-gallery-slides]').scrollLeft > 0")
    expect(page.locator("#picture-2 img")).to_be_in_viewport(ratio=0.9)
    assert thumbnails.nth(1).get_attribute("aria-current") == "true"
    assert thumbnails.nth(0).get_attribute("aria-current") is None
    assert page.url == dress_url and page.evaluate("window.scrollY") == scroll_before  # the page stays put
    second = page.locator("#picture-2 img")
    assert "scene" in second.get_attribute("src")  # the second view is the product in a setting
    assert second.evaluate("img => img.complete && img.naturalWidth === img.naturalHeight")  # square like its frame

    thumbnails.nth(2).focus()
    page.keyboard.press("Enter")

    expect(page.locator("#picture-3 img")).to_be_in_viewport(ratio=0.9)
    expect(page.locator("[data-gallery-status]")).to_contain_text("Showing picture 3 of 3")
    assert page.console_errors == []


def test_on_a_phone_a_swipe_moves_to_the_next_picture_and_marks_its_dot(phone_page, dress_url):
    phone_page.goto(dress_url)
    dots = phone_page.locator(".gallery__thumb")
    assert all(dots.nth(index).bounding_box()["height"] >= 44 for index in range(3))  # a finger's width each

    phone_page.locator("[data-gallery-slides]").evaluate("strip => strip.scrollBy({left: strip.clientWidth * 0.7})")

    phone_page.wait_for_function("() => document.querySelectorAll('.gallery__thumb')[1].ariaCurrent === 'true'")
    assert picture_on_show(phone_page) == 2  # it snapped to the whole picture
    assert phone_page.console_errors == []


def test_without_javascript_a_thumbnail_shows_its_picture_and_a_picture_opens_large(page_without_javascript,
                                                                                   dress_url):
    page = page_without_javascript
    page.goto(dress_url)

    page.locator(".gallery__thumb").nth(1).click()

    assert page.url == dress_url + "#picture-2"
    expect(page.locator("#picture-2 img")).to_be_in_viewport(ratio=0.9)
    with page.expect_navigation() as navigation:
        page.locator("#picture-2 a").click()
    assert navigation.value.ok and navigation.value.headers["content-type"] == "image/jpeg"
    assert page.url.endswith(".800w.jpg")  # the largest copy of the 800 px picture


# --- The rest of the page -------------------------------------------------------------------------------


def test_back_to_results_returns_to_the_listing_at_the_product(page, shop_url):
    page.goto(shop_url + "/category/clothing/?page=2")
    card = page.locator(".product-card").nth(9)
    card_id = card.get_attribute("id")
    card.locator(".product-card__link").click()

    page.get_by_role("link", name="Back to results").click()

    assert page.url == f"{shop_url}/category/clothing/?page=2#{card_id}"
    expect(page.locator(f"#{card_id}")).to_be_in_viewport()  # waits while the page scrolls smoothly


def test_product_page_with_its_extras_passes_automated_accessibility_checks(page, shop_url):
    page.goto(shop_url + "/category/clothing/")
    page.locator(".product-card__link").first.click()
    page.goto(shop_url + "/category/clothing/")
    page.locator(".product-card__link").nth(1).click()  # now with "Back to results" and a recently viewed product

    assert page.get_by_role("heading", name="Recently viewed").is_visible()
    assert axe_violations(page) == []
    assert page.console_errors == []


def test_printed_product_page_keeps_the_facts_and_drops_the_controls(page, dress_url):
    page.goto(dress_url)

    page.emulate_media(media="print")

    assert page.locator(".specs").is_visible()
    assert page.locator(".product__print-address").inner_text() == dress_url
    assert not page.locator(".size-choice").is_visible()
    assert not page.locator(".gallery__thumbs").is_visible()
    assert page.locator("#picture-1 img").is_visible() and not page.locator("#picture-2 img").is_visible()
