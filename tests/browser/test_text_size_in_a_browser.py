import pytest

pytestmark = pytest.mark.browser


def root_font_size(page) -> float:
    return float(page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)"))


def test_larger_text_scales_the_page_at_once_and_stays_after_a_reload(page, shop_url):
    page.goto(shop_url + "/help/")
    page.evaluate("window.__same_page = true")
    medium = root_font_size(page)

    page.get_by_role("button", name="Large").click()
    page.wait_for_function("document.documentElement.classList.contains('text-size-large')")

    assert page.evaluate("window.__same_page === true")  # no reload
    assert root_font_size(page) > medium
    assert page.get_by_role("button", name="Large").get_attribute("aria-pressed") == "true"
    page.reload()
    assert root_font_size(page) > medium
    assert page.console_errors == []
