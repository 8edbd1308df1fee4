import pytest

pytestmark = pytest.mark.browser


def root_font_size(page) -> float:
    return float(page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)"))


def test_larger_text_scales_the_page_at_once_and_stays_after_a_reload(page, shop_url):
    page.goto(shop_url + "/help/")
    page.evaluate("window.__same_page = true")
    medium = root_font_size(page)

    page.get_by_role("button", name="Large").click()
    page.wait_for_function("() => document.documentElement.classList.contains('text-size-large')")

    assert page.evaluate("window.__same_page === true")  # no reload
    assert root_font_size(page) > medium
    assert page.get_by_role("button", name="Large").get_attribute("aria-pressed") == "true"
    page.reload()
    assert root_font_size(page) > medium
    assert page.console_errors == []


def test_on_a_phone_the_text_size_is_one_tap_away_in_the_service_bar(phone_page, shop_url):
    page = phone_page
    page.goto(shop_url + "/help/")
    medium = root_font_size(page)
    larger = page.get_by_role("group", name="Text size").get_by_role("button", name="Large")

    box = larger.bounding_box()
    assert box["y"] < 60 and box["width"] >= 44 and box["height"] >= 44
    larger.click()

    page.wait_for_function("() => document.documentElement.classList.contains('text-size-large')")
    assert root_font_size(page) > medium
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the larger text still fits
    assert page.console_errors == []
