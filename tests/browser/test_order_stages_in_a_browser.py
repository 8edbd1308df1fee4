"""Staff move an order on in the back office; the customer's tracking page and the demo inbox follow."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations
from tests.factories import UserFactory, placed_order

pytestmark = [pytest.mark.browser, pytest.mark.demo, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def shop(live_server, settings):
    settings.EMAIL_BACKEND = "demo.inbox.DemoInboxEmailBackend"  # pytest-django swaps in its own otherwise
    settings.SHOP = {**settings.SHOP, "site_url": live_server.url}
    return live_server.url


def test_staff_advance_an_order_and_the_tracking_page_and_inbox_show_the_new_stage(browser, page, shop):
    order = placed_order()
    UserFactory(email="staff@example.com", is_staff=True, is_superuser=True)

    # The customer, a guest, finds the order with its number and e-mail.
    page.goto(shop + "/track/")
    page.get_by_label("Order number").fill(order.number.lower())
    page.get_by_label("E-mail address").fill("ADA@example.com")
    page.get_by_role("button", name="Find my order").click()
    expect(page.locator("#tracking-timeline")).to_contain_text("Placed")
    assert axe_violations(page) == []

    # Meanwhile, in the back office, staff move it to the next stage.
    staff_context = browser.new_context()
    staff = staff_context.new_page()
    staff.goto(shop + "/admin/login/")
    staff.get_by_label("E-mail address").fill("staff@example.com")
    staff.get_by_label("Password").fill("correct horse battery staple")
    staff.get_by_role("button", name="Log in").click()
    staff.goto(shop + "/admin/orders/order/")
    staff.get_by_role("row", name=re.compile(order.number)).get_by_role("checkbox").check()
    staff.get_by_label("Action:").select_option("advance")
    staff.get_by_role("button", name="Go").click()
    expect(staff.get_by_text("1 moved on; each customer is being told.")).to_be_visible()
    staff_context.close()

    # The customer comes back to the tab: the timeline catches up without a reload and says so.
    url_before = page.url
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    expect(page.locator("#tracking-timeline")).to_contain_text("Confirmed")
    expect(page.locator("#tracking-news")).not_to_be_empty()
    assert page.url == url_before

    # And the e-mail the customer was sent is in the demo inbox.
    page.goto(shop + "/demo/inbox/")
    expect(page.get_by_role("link", name=f"We are getting your order {order.number} ready")).to_be_visible()
