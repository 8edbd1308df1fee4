import re

import pytest
from playwright.sync_api import expect

from shop.models import Product, ProductVariant
from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser


def header_count(page) -> str:
    return page.locator("#cart-link .cart-link__count").inner_text().split()[0]


def test_adding_changing_and_removing_never_reloads_the_page(page, shop_url, artifacts_dir):
    # A listing: the first product sold in one size has an "Add to cart" button on its card.
    page.goto(shop_url + "/category/electronics/?in_stock=1")
    page.evaluate("window.__same_page = true")
    card_button = page.locator(".product-card__add button").first
    card_name = card_button.locator("xpath=ancestor::article").locator(".product-card__name").inner_text()
    card_button.click()
    dialog = page.get_by_role("dialog", name="Your cart")
    dialog.wait_for()
    assert card_name in dialog.inner_text()
    assert page.evaluate("window.__same_page") is True
    expect(page.locator("#announcer")).to_contain_text("to your cart")  # read out by screen readers
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    expect(page.locator("#cart-link .cart-link__count")).to_have_text(re.compile(r"^1 "))

    # A product page with sizes: choose one and add two.
    page.goto(shop_url + "/category/clothing-women-dresses/?in_stock=1")
    page.locator(".product-card__link").first.click()
    page.evaluate("window.__same_page = true")
    page.locator(".size-choice input:not([disabled])").first.check()
    page.get_by_label("Quantity").fill("2")
    page.get_by_role("button", name="Add to cart").click()
    dialog.wait_for()
    assert page.evaluate("window.__same_page") is True
    assert axe_violations(page) == []  # with the mini-cart open
    page.screenshot(path=artifacts_dir / "mini-cart-open.png")
    dialog.get_by_role("link", name="View cart").click()

    # The cart page: change a quantity and remove a line, in place.
    page.wait_for_url(re.compile(r"/cart/$"))
    page.evaluate("window.__same_page = true")
    assert header_count(page) == "3"
    quantity = page.locator(".cart__quantity input[type=number]").last
    quantity.fill("1")
    quantity.press("Enter")
    expect(page.locator("#cart-link .cart-link__count")).to_have_text(re.compile(r"^2 "))
    page.get_by_role("button", name=re.compile("^Remove")).first.click()
    undo = page.get_by_role("button", name=re.compile("^Undo"))
    expect(undo).to_be_focused()  # keyboard focus is not lost to the top of the page
    assert page.evaluate("window.__same_page") is True
    assert axe_violations(page) == []
    page.screenshot(path=artifacts_dir / "cart-after-remove.png", full_page=True)
    assert page.console_errors == []


def test_the_cart_works_without_javascript(browser, shop_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(shop_url + "/category/electronics/?in_stock=1")

    page.locator(".product-card__add button").first.click()

    assert "to your cart" in page.locator(".messages").inner_text()
    page.goto(shop_url + "/cart/")
    assert page.locator(".cart__line").count() == 1
    context.close()


def assert_line_picture(line) -> None:
    """The line's picture is shown small, loaded, with its shape held and a description."""
    picture = line.locator(".thumbnail img")
    expect(picture).to_be_visible()
    expect(picture).to_have_attribute("alt", re.compile(r"\w"))
    expect(picture).to_have_attribute("width", re.compile(r"^\d+$"))
    expect(picture).to_have_attribute("height", re.compile(r"^\d+$"))
    box = picture.bounding_box()
    assert 40 <= box["width"] <= 72 and picture.evaluate("img => img.complete && img.naturalWidth > 0")


@pytest.mark.parametrize("screen", ["phone_page", "page"])
def test_every_line_shows_its_picture_colour_and_size_in_the_mini_cart_the_cart_and_checkout(request, screen,
                                                                                             shop_url):
    page = request.getfixturevalue(screen)
    page.goto(shop_url + "/category/clothing-women-dresses/?in_stock=1")
    page.locator(".product-card__link").first.click()
    product = Product.objects.get(slug=page.url.rstrip("/").rsplit("/", 1)[-1])
    chosen = page.locator(".size-choice input:not([disabled])").first
    chosen.check()
    size = ProductVariant.objects.get(pk=chosen.get_attribute("value")).size

    page.get_by_role("button", name="Add to cart").click()

    mini_cart = page.get_by_role("dialog", name="Your cart")
    line = mini_cart.locator(".mini-cart__lines li")
    assert_line_picture(line)
    choice = f"Colour: {product.colour} · Size {size}"
    expect(line.locator(".line-choice")).to_have_text(choice)
    assert axe_violations(page) == []
    mini_cart.get_by_role("link", name="View cart").click()
    page.wait_for_url(re.compile(r"/cart/$"))
    assert_line_picture(page.locator(".cart__line"))
    expect(page.locator(".cart__line .line-choice")).to_have_text(choice)
    assert axe_violations(page) == []
    page.get_by_role("link", name="Go to checkout").click()
    assert_line_picture(page.locator(".checkout__lines li"))
    expect(page.locator(".checkout__lines .line-choice")).to_have_text(choice)
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert axe_violations(page) == []
    assert page.console_errors == []
