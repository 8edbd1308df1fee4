import pytest

from tests.browser.conftest import PHONE, axe_violations

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


def test_on_a_phone_the_categories_fold_behind_one_button(phone_page, shop_url, artifacts_dir):
    phone_page.goto(shop_url)
    toggle = phone_page.get_by_role("button", name="Browse categories")
    clothing = phone_page.locator("summary", has_text="Clothing")
    assert not clothing.is_visible()

    toggle.click()
    clothing.click()

    assert phone_page.get_by_role("link", name="Women", exact=True).is_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing spills sideways
    phone_page.screenshot(path=artifacts_dir / "home-phone-menu-open.png", full_page=True)
    assert phone_page.console_errors == []


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


def test_without_javascript_every_category_is_still_reachable(browser, shop_url):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(shop_url)

    assert not page.get_by_role("button", name="Browse categories").is_visible()
    page.locator("summary", has_text="Outdoors").click()
    page.get_by_role("link", name="Camping", exact=True).click()

    assert page.get_by_role("heading", level=1).inner_text() == "Camping"
    context.close()
