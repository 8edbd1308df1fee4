"""A guest returns a delivered item: tracking lookup, the return form, the refund, the label on paper."""

import pytest
from playwright.sync_api import expect

from orders.models import ReturnRequest
from tests.browser.conftest import axe_violations
from tests.factories import delivered_order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_guest_returns_an_item_from_the_tracking_page_to_a_printable_label(page, live_server, artifacts_dir):
    order = delivered_order(quantity=2)

    # The guest finds the order with its number and e-mail, and starts a return from its page.
    page.goto(live_server.url + "/track/")
    page.get_by_label("Order number").fill(order.number)
    page.get_by_label("E-mail address").fill("ada@example.com")
    page.get_by_role("button", name="Find my order").click()
    page.get_by_role("link", name="Return items").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Return items from order {order.number}")

    # Continuing without choosing anything points at what is missing; the page stays accessible.
    page.get_by_role("button", name="Continue: see your refund").click()
    expect(page.locator("#error-summary")).to_contain_text("Choose how many of at least one item to send back.")
    expect(page.locator("#error-summary")).to_contain_text("Choose the reason for the return")
    assert page.title().startswith("Error: ")
    assert axe_violations(page) == []

    # One of the two scarves, too big, refunded: the refund is shown before anything is confirmed.
    page.get_by_label("How many of Wool scarf to send back").select_option("1")
    page.get_by_label("Too big").check()
    page.get_by_label("Refund my money").check()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Continue: see your refund").click()
    expect(page.get_by_role("heading", name="Your refund: £25.00")).to_be_visible()
    assert not ReturnRequest.objects.exists()
    page.get_by_role("button", name="Confirm the return").click()

    # The return's page: approved at once, with its number, the label and the packing slip.
    return_request = ReturnRequest.objects.get()
    expect(page.locator(".return-number")).to_have_text(return_request.number)
    label = page.locator(".return-label")
    expect(label).to_contain_text("Postage paid")
    expect(label).to_contain_text("Fernhill Goods Ltd")
    assert axe_violations(page) == []

    # On paper: the label and slip, without the page around them.
    page.emulate_media(media="print")
    expect(label).to_be_visible()
    expect(page.locator(".return-label__card")).to_be_visible()
    expect(page.locator(".return-label__slip")).to_contain_text("Wool scarf")
    expect(page.locator(".return-steps")).to_be_hidden()
    expect(page.locator(".site-header .search")).to_be_hidden()
    page.screenshot(path=artifacts_dir / "return-label-print.png", full_page=True)
    page.pdf(path=artifacts_dir / "return-label.pdf")
    assert page.console_errors == []
