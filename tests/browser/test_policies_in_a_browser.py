import pytest

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser


def test_the_returns_policy_passes_axe_on_a_desktop_and_a_phone(page, phone_page, shop_url, artifacts_dir):
    for browser_page, name in ((page, "desktop"), (phone_page, "phone")):
        browser_page.goto(f"{shop_url}/returns-policy/")

        assert browser_page.get_by_role("heading", level=1, name="Returns policy").is_visible()
        assert axe_violations(browser_page) == [], name
        assert browser_page.console_errors == [], name
        browser_page.screenshot(path=artifacts_dir / f"returns-policy-{name}.png", full_page=True)


def test_a_trust_page_from_the_demo_data_passes_axe_with_its_last_updated_date(page, shop_url):
    page.goto(f"{shop_url}/privacy/")

    assert page.get_by_text("Last updated").is_visible()
    assert axe_violations(page) == []
