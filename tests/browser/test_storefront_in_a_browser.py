import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, axe_violations, open_page

pytestmark = pytest.mark.browser


def test_home_page_renders_without_console_errors(page, shop_url, artifacts_dir):
    page.goto(shop_url)

    assert page.title().startswith("Fernhill Goods")
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.locator(".product-card img").first.evaluate("img => img.naturalWidth") > 0
    page.screenshot(path=artifacts_dir / "home-desktop.png", full_page=True)
    assert page.console_errors == []


def test_category_menu_opens_and_closes_by_keyboard(page, shop_url):
    page.goto(shop_url)
    clothing = page.locator("summary", has_text="Clothing")
    women = page.get_by_role("link", name="Women", exact=True)
    assert not women.is_visible()

    for _ in range(20):  # tab from the top of the page, as a keyboard user does
        page.keyboard.press("Tab")
        if clothing.evaluate("element => element === document.activeElement"):
            break
    page.keyboard.press("Enter")
    assert women.is_visible()

    page.keyboard.press("Escape")
    assert not women.is_visible()
    assert clothing.evaluate("element => element === document.activeElement")


def test_skip_link_takes_keyboard_users_straight_to_the_content(page, shop_url):
    page.goto(shop_url)

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "main"


def test_on_a_phone_the_categories_open_from_the_menu_icon(phone_page, shop_url, artifacts_dir):
    phone_page.goto(shop_url)
    menu = phone_page.locator("summary", has_text="Menu")
    clothing = phone_page.locator("summary", has_text="Clothing")
    assert not clothing.is_visible()

    menu.click()
    clothing.click()

    assert phone_page.get_by_role("link", name="Women", exact=True).is_visible()
    assert phone_page.get_by_role("link", name="Help centre").first.is_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing spills sideways
    assert axe_violations(phone_page) == []
    phone_page.screenshot(path=artifacts_dir / "home-phone-menu-open.png", full_page=True)
    phone_page.keyboard.press("Escape")  # the group, then the menu
    phone_page.keyboard.press("Escape")
    assert not clothing.is_visible()
    assert phone_page.console_errors == []


def visible_header_height(page) -> float:
    box = page.locator(".site-header").bounding_box()
    return box["y"] + box["height"]


def test_on_a_phone_the_header_is_one_short_row_that_stays_in_view(phone_page, shop_url, artifacts_dir):
    page = phone_page
    page.goto(shop_url + "/category/clothing/")

    page.mouse.wheel(0, 3000)
    page.wait_for_function("() => window.scrollY > 1000")  # a bare expression would be eval'd: the CSP forbids it

    assert visible_header_height(page) <= 64
    header = page.locator(".site-header")
    cart = header.get_by_role("link", name=re.compile(r"^Cart \d+ items?$"))
    account = header.get_by_role("link", name="Sign in")
    search = header.locator("summary", has_text="Search")  # a disclosure: its name is its text
    expect(search).to_have_text("Search")
    for control in (cart, account, search):
        box = control.bounding_box()
        assert control.is_visible() and 0 <= box["y"] < 64
        assert box["width"] >= 44 and box["height"] >= 44  # a thumb's target
    search.click()
    expect(page.get_by_role("searchbox", name="Search the shop").or_(
        page.get_by_role("combobox", name="Search the shop"))).to_be_focused()
    page.keyboard.type("linen")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=linen"))
    page.screenshot(path=artifacts_dir / "search-phone-header.png")
    assert axe_violations(page) == []
    assert page.console_errors == []


def test_a_field_reached_with_the_keyboard_never_hides_under_the_sticky_header(phone_page, shop_url):
    page = phone_page
    page.emulate_media(reduced_motion="reduce")  # scroll at once, not smoothly, to measure where focus lands
    page.goto(shop_url)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.locator(".feedback__toggle").focus()

    for _ in range(12):  # back up the page, as a keyboard user does
        page.keyboard.press("Shift+Tab")
        focused = page.evaluate("""() => { const element = document.activeElement;
            return {top: element.getBoundingClientRect().top, inHeader: !!element.closest('.site-header')}; }""")
        if not focused["inHeader"]:
            assert focused["top"] >= visible_header_height(page) - 1


def test_the_header_keeps_its_size_whether_or_not_javascript_runs(browser, shop_url):
    heights = []
    for javascript in (False, True):
        context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
        page = context.new_page()
        page.goto(shop_url)
        page.wait_for_load_state("load")
        heights.append(page.locator(".site-header").bounding_box()["height"])
        context.close()

    assert heights[0] == heights[1]  # scripts change nothing in its layout, so nothing shifts when they run


def test_on_a_wide_screen_the_header_shows_search_account_cart_and_categories(page, shop_url):
    page.goto(shop_url)
    header = page.locator(".site-header")

    expect(header.get_by_role("combobox", name="Search the shop").or_(
        header.get_by_role("searchbox", name="Search the shop"))).to_be_visible()
    expect(header.get_by_role("link", name="Sign in")).to_be_visible()
    expect(header.get_by_role("link", name=re.compile(r"^Cart \d+ items?$"))).to_be_visible()
    expect(header.get_by_role("navigation", name="Categories").locator("summary", has_text="Clothing")).to_be_visible()
    expect(header.locator("summary", has_text="Menu")).to_be_hidden()
    expect(header.get_by_role("group", name="Text size")).to_be_visible()


def add_one_to_the_cart(page, shop_url) -> str:
    """A one-size product into the cart from its card (only those have a button there); its address."""
    page.goto(shop_url + "/category/electronics/?in_stock=1")
    card = page.locator(".product-card:has(form.product-card__add)").first
    product_path = card.locator("a[href*='/products/']").first.get_attribute("href")
    card.locator("form.product-card__add button").click()
    page.get_by_role("dialog", name="Your cart").wait_for()
    page.keyboard.press("Escape")
    expect(page.locator("#cart-link .cart-link__count")).to_have_text(re.compile(r"^1 "))
    return shop_url + product_path


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_checkout_header_has_only_the_logo_help_and_the_way_back_to_the_cart(browser, shop_url, viewport):
    context, page = open_page(browser, viewport)
    add_one_to_the_cart(page, shop_url)

    page.goto(shop_url + "/checkout/")

    expect(page).to_have_url(re.compile(r"/checkout/details/$"))
    header = page.locator(".site-header")
    expect(header.get_by_role("navigation")).to_have_count(0)
    expect(header.get_by_role("search")).to_have_count(0)
    expect(header.get_by_role("link", name=re.compile(r"^Call \+44"))).to_be_visible()
    header.get_by_role("link", name="Back to cart").click()
    expect(page).to_have_url(re.compile(r"/cart/$"))
    page.go_back()
    assert axe_violations(page) == []
    assert page.console_errors == []
    context.close()


def controls_under_the_feedback_toggle(page) -> list[str]:
    """Every link, button or field on the page whose box overlaps the Feedback toggle's."""
    return page.evaluate("""() => {
        const toggle = document.querySelector('.feedback__toggle').getBoundingClientRect();
        return [...document.querySelectorAll('a, button, input, select, textarea, summary')]
            .filter(element => !element.closest('.feedback') && element.getClientRects().length)
            .filter(element => { const box = element.getBoundingClientRect();
                return box.width && box.height && box.left < toggle.right && box.right > toggle.left
                    && box.top < toggle.bottom && box.bottom > toggle.top; })
            .map(element => element.outerHTML.slice(0, 80)); }""")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_feedback_control_covers_no_other_control(browser, shop_url, viewport):
    context, page = open_page(browser, viewport)
    product_url = add_one_to_the_cart(page, shop_url)

    for url in (shop_url + "/", product_url, shop_url + "/cart/"):
        page.goto(url)
        for position in ("0", "document.body.scrollHeight / 2", "document.body.scrollHeight"):
            page.evaluate(f"window.scrollTo(0, {position})")
            assert controls_under_the_feedback_toggle(page) == [], url
    page.locator(".feedback__toggle").click()
    expect(page.get_by_label("Your feedback")).to_be_visible()
    assert page.console_errors == []
    context.close()


@pytest.mark.parametrize("path", ["/", "/category/clothing/", "first product", "/search/?q=shirt",
                                  "/help/", "/site-map/", "/account/sign-in/"])
def test_pages_pass_automated_accessibility_checks(page, shop_url, path):
    if path == "first product":
        page.goto(shop_url + "/category/clothing/")
        page.locator(".product-card__link").first.click()
    else:
        page.goto(shop_url + path)

    assert page.title() != ""
    assert axe_violations(page) == []
    assert page.console_errors == []


def test_without_javascript_every_category_and_the_search_are_still_reachable(browser, shop_url):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(shop_url)

    page.locator("summary", has_text="Search").click()
    expect(page.get_by_role("button", name="Search", exact=True).last).to_be_visible()
    page.locator("summary", has_text="Menu").click()
    page.locator("summary", has_text="Outdoors").click()
    page.get_by_role("link", name="Camping", exact=True).click()

    assert page.get_by_role("heading", level=1).inner_text() == "Camping"
    context.close()
