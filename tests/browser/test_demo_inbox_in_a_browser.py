"""The demo inbox in a real browser: the shop's own order e-mail keeps its inline styles inside the frame
(our pages' policy forbids them), its links open the shop in a new tab, and axe-core finds no problems."""

import pytest
from playwright.sync_api import expect

from orders.notifications import order_notify
from outbox.sms import sms_send
from tests.browser.conftest import PHONE, axe_violations
from tests.factories import OrderFactory
from tests.messages import outbox_send_waiting

pytestmark = pytest.mark.browser


@pytest.fixture
def sent_messages(shop_url, settings):
    """An order confirmation e-mail to a guest and a text message to someone else, kept by the demo inbox."""
    # The demo's set-up: pytest-django would otherwise swap in its own in-memory e-mail backend.
    settings.EMAIL_BACKEND = "demo.inbox.DemoInboxEmailBackend"
    settings.SMS_BACKEND = "demo.inbox.DemoInboxSmsBackend"
    settings.SHOP = {**settings.SHOP, "site_url": shop_url}  # links in the e-mail lead to this test's shop
    order = OrderFactory(customer=None, email="ada@example.com", full_name="Ada Lovelace")
    order_notify(order, event="order_placed")
    outbox_send_waiting()
    sms_send(to="+447700900123", text="Fernhill Goods: your order is out for delivery today.")
    return order


def test_an_order_email_shows_in_the_demo_inbox_as_the_customer_sees_it(page, shop_url, sent_messages,
                                                                        artifacts_dir):
    subject = f"Your Fernhill Goods order {sent_messages.number} is confirmed"
    page.goto(shop_url + "/demo/inbox/")
    assert axe_violations(page) == []

    page.get_by_role("link", name=subject).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(subject)
    email = page.frame_locator("iframe.demo-message__frame")
    heading = email.get_by_role("heading", name="Thank you for your order, Ada Lovelace")
    expect(heading).to_be_visible()
    assert heading.evaluate("element => getComputedStyle(element).color") == "rgb(31, 95, 74)"  # its inline style
    page.screenshot(path=artifacts_dir / "demo-inbox-email.png", full_page=True)
    assert axe_violations(page) == []
    assert page.console_errors == []


def test_a_link_in_an_email_opens_the_shop_in_a_new_tab(page, shop_url, sent_messages):
    page.goto(shop_url + "/demo/inbox/")
    page.get_by_role("link", name=f"order {sent_messages.number} is confirmed").click()

    with page.context.expect_page() as new_tab:
        page.frame_locator("iframe.demo-message__frame").get_by_role("link", name="help centre").click()

    expect(new_tab.value).to_have_url(shop_url + "/help/")
    expect(new_tab.value.get_by_role("heading", level=1)).to_be_visible()


def test_on_a_phone_one_recipients_messages_can_be_picked_out(phone_page, shop_url, sent_messages, artifacts_dir):
    phone_page.goto(shop_url + "/demo/inbox/")

    phone_page.get_by_label("Recipient").select_option("+447700900123")
    phone_page.get_by_role("button", name="Show messages").click()

    expect(phone_page.get_by_role("link", name="Fernhill Goods: your order is out for delivery today.")).to_be_visible()
    expect(phone_page.get_by_role("link", name=f"order {sent_messages.number} is confirmed")).to_have_count(0)
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone_page.screenshot(path=artifacts_dir / "demo-inbox-phone.png", full_page=True)
    assert axe_violations(phone_page) == []
