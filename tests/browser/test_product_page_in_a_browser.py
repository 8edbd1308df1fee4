import pytest
from playwright.sync_api import expect

from shop.models import Product
from tests.browser.conftest import PHONE, axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def dress_url(shop_url):
    """The first demo product: a dress in five sizes (one sold out) with two more pictures in its gallery."""
    return shop_url + Product.objects.get(sku="FH-00001").get_absolute_url()


def box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


def test_on_a_phone_name_price_stock_and_sizes_come_first_and_the_cart_button_fits_the_same_screen(
        phone_page, dress_url, artifacts_dir):
    phone_page.goto(dress_url)

    for selector in ("h1", ".product__facts .price", ".product__facts .stock", ".size-choice legend"):
        assert box(phone_page, selector)["y"] + box(phone_page, selector)["height"] <= PHONE["height"], selector
    add_to_cart = box(phone_page, ".product__buy button[type=submit]")
    assert add_to_cart["y"] + add_to_cart["height"] - box(phone_page, "h1")["y"] <= PHONE["height"]  # one short scroll
    assert phone_page.locator(".size-choice input:checked").is_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # nothing spills sideways
    phone_page.screenshot(path=artifacts_dir / "product-phone.png")
    phone_page.screenshot(path=artifacts_dir / "product-phone-full.png", full_page=True)
    assert phone_page.console_errors == []


def test_choosing_a_thumbnail_shows_that_picture_in_place(page, dress_url):
    page.goto(dress_url)
    main = page.locator(".gallery__main img")
    thumbnails = page.locator(".gallery__thumb")

    thumbnails.nth(1).click()

    assert "scene" in main.get_attribute("src")
    assert main.get_attribute("alt") == thumbnails.nth(1).locator("img").get_attribute("alt")
    assert thumbnails.nth(1).get_attribute("aria-current") == "true"
    assert thumbnails.nth(0).get_attribute("aria-current") is None
    assert page.url == dress_url  # still on the product page
    assert main.evaluate("img => img.complete && img.naturalWidth === img.naturalHeight")  # square like its frame

    thumbnails.nth(2).focus()
    page.keyboard.press("Enter")

    assert "packaging" in main.get_attribute("src")
    assert "Showing picture 3 of 3" in page.locator("[data-gallery-status]").inner_text()
    assert page.console_errors == []


def test_without_javascript_a_thumbnail_opens_the_large_picture(browser, dress_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(dress_url)

    with page.expect_navigation() as navigation:
        page.locator(".gallery__thumb").nth(1).click()

    assert navigation.value.ok and navigation.value.headers["content-type"] == "image/jpeg"
    assert page.url.endswith(".960w.jpg")
    context.close()


def test_choosing_a_size_limits_the_quantity_to_its_stock(page, dress_url):
    page.goto(dress_url)

    page.get_by_role("radio", name="12").check()

    assert page.locator("#quantity").get_attribute("max") == "3"
    assert page.get_by_role("radio", name="14").is_disabled()


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
