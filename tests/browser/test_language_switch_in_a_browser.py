import pytest

from tests.browser.conftest import PHONE, axe_violations

pytestmark = pytest.mark.browser

LISTING = "/category/clothing/?in_stock=1"


@pytest.mark.parametrize("javascript", [True, False], ids=["with JavaScript", "without JavaScript"])
def test_on_a_phone_the_language_switch_opens_from_the_service_bar_and_keeps_the_page_and_filters(
        browser, shop_url, javascript):
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(shop_url + LISTING)
    toggle = page.locator(".service-bar .language-switch__toggle")

    box = toggle.bounding_box()
    assert box["y"] < 60 and box["width"] >= 44 and box["height"] >= 44  # one tap away, big enough for a thumb
    toggle.click()
    korean = page.get_by_role("button", name="한국어")
    assert korean.is_visible()
    if javascript:  # axe runs as a script in the page
        assert axe_violations(page) == []  # with the list open
    korean.click()

    page.wait_for_url(shop_url + "/ko" + LISTING)
    assert page.locator("html").get_attribute("lang") == "ko"
    assert page.locator(".cart-link .icon-link__label").text_content() == "장바구니"
    if javascript:
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # nothing pushed sideways
        assert axe_violations(page) == []
    context.close()


def test_the_language_chosen_stays_when_the_shopper_opens_an_english_address_again(browser, shop_url):
    context = browser.new_context(viewport=PHONE, locale="ko-KR")
    page = context.new_page()
    page.goto(shop_url + "/help/")
    assert page.url == shop_url + "/ko/help/"  # a first visit follows the browser's language

    page.locator(".service-bar .language-switch__toggle").click()
    page.get_by_role("button", name="English").click()
    page.wait_for_url(shop_url + "/help/")
    page.goto(shop_url + "/")

    assert page.url == shop_url + "/"
    assert page.locator("html").get_attribute("lang") == "en-GB"
    context.close()
