"""Checkout in a real browser: the error summary and inline messages, the card checks made before
anything is sent, the bank's answers, a whole checkout on a phone, and axe-core on every step."""

import re

import pytest
from playwright.sync_api import expect

from orders.models import Order
from tests.browser.conftest import PHONE, axe_violations

pytestmark = pytest.mark.browser

DETAILS = {"E-mail address": "ada@example.com", "Full name": "Ada Lovelace", "Address line 1": "12 Mill Lane",
           "Town or city": "Bristol", "Postcode": "BS1 4XE", "Phone number": "07400 123456"}
CARD = {"Card number": "4242 4242 4242 4242", "Name on the card": "Ada Lovelace", "Expiry date": "04/39",
        "Security code": "123"}


def start_checkout(page, shop_url):
    """A one-size product into the cart from a listing, then to the first step."""
    page.goto(shop_url + "/category/electronics/?in_stock=1")
    page.locator(".product-card__add button").first.click()
    page.get_by_role("dialog", name="Your cart").get_by_role("link", name="View cart").click()
    page.get_by_role("link", name="Go to checkout").click()
    expect(page).to_have_url(re.compile(r"/checkout/details/$"))


def fill_in(page, values: dict) -> None:
    for label, value in values.items():
        page.get_by_label(label, exact=True).fill(value)


def assert_values_kept(page, values: dict) -> None:
    for label, value in values.items():
        expect(page.get_by_label(label, exact=True)).to_have_value(value)


def assert_no_page_problems(page) -> None:
    assert axe_violations(page) == []
    assert page.console_errors == []
    expect(page.locator("main")).not_to_contain_text(re.compile(r"\{[{%#]"))  # no template syntax showing


def continue_to(page, button: str, step_url: str) -> None:
    page.get_by_role("button", name=button).click()
    expect(page).to_have_url(re.compile(step_url))


def fill_in_up_to_payment(page, shop_url) -> None:
    start_checkout(page, shop_url)
    fill_in(page, DETAILS)
    continue_to(page, "Continue to delivery", r"/checkout/delivery/$")
    continue_to(page, "Continue to payment", r"/checkout/payment/$")


def assert_pointed_out(page, field_id: str, message: str) -> None:
    """The message beside the field, which is marked invalid and described by it."""
    field = page.locator(f"#{field_id}")
    expect(page.locator(f"#{field_id}_error")).to_have_text(message)
    expect(page.locator(f"#{field_id}_error")).to_be_visible()
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_attribute("aria-describedby", re.compile(rf"\b{field_id}_error\b"))


def assert_error_summary_focused(page, messages: list[str]) -> None:
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text(messages)
    expect(page).to_have_title(re.compile(r"^Error: "))


def visible_messages(page):
    return page.locator(".field__error:visible")


def test_a_failed_details_step_keeps_every_value_and_points_at_each_mistake(page, shop_url):
    start_checkout(page, shop_url)
    typed = {**DETAILS, "Postcode": "12345", "Phone number": ""}
    fill_in(page, typed)

    page.get_by_role("button", name="Continue to delivery").click()

    expect(page).to_have_url(re.compile(r"/checkout/details/$"))
    assert_error_summary_focused(page, ["Enter a postcode in the format SW1A 1AA.",
                                        "Enter a phone number, so the courier can reach you if needed."])
    assert_values_kept(page, typed)
    assert_pointed_out(page, "id_postcode", "Enter a postcode in the format SW1A 1AA.")
    assert_pointed_out(page, "id_phone", "Enter a phone number, so the courier can reach you if needed.")
    expect(visible_messages(page)).to_have_count(2)
    assert_no_page_problems(page)

    page.get_by_role("link", name="Enter a phone number, so the courier can reach you if needed.").click()
    expect(page.get_by_label("Phone number")).to_be_focused()
    page.keyboard.type("07400 123456")
    page.get_by_role("link", name="Enter a postcode in the format SW1A 1AA.").click()
    expect(page.get_by_label("Postcode", exact=True)).to_be_focused()
    page.get_by_label("Postcode", exact=True).fill("BS1 4XE")
    continue_to(page, "Continue to delivery", r"/checkout/delivery/$")


def test_a_field_is_checked_when_the_shopper_leaves_it_and_only_its_message_changes(page, shop_url):
    start_checkout(page, shop_url)
    postcode_checks = []
    page.on("request", lambda request: "field=postcode" in request.url and postcode_checks.append(request.url))
    fill_in(page, {"E-mail address": "ada@example.com", "Full name": "Ada Lovelace"})
    postcode = page.get_by_label("Postcode", exact=True)

    postcode.press_sequentially("BS1 4X")
    assert postcode_checks == []  # nothing is checked, and nothing shown, while typing
    expect(visible_messages(page)).to_have_count(0)
    postcode.press("Tab")

    assert_pointed_out(page, "id_postcode", "Enter a postcode in the format SW1A 1AA.")
    expect(visible_messages(page)).to_have_count(1)  # not the empty fields the shopper has not reached
    assert_values_kept(page, {"E-mail address": "ada@example.com", "Full name": "Ada Lovelace", "Postcode": "BS1 4X"})
    expect(page.get_by_label("Phone number")).to_be_focused()  # the check does not move the shopper
    expect(page.locator("#announcer")).to_have_text("Postcode: Enter a postcode in the format SW1A 1AA.")
    assert_no_page_problems(page)

    postcode.fill("BS1 4XE")
    postcode.press("Tab")
    expect(page.locator("#id_postcode_error")).to_be_hidden()
    expect(postcode).not_to_have_attribute("aria-invalid", "true")
    expect(postcode).not_to_have_attribute("aria-describedby", re.compile("id_postcode_error"))

    page.get_by_label("Country").select_option("United States")

    state = page.get_by_label("State", exact=True)  # required for the US, so not marked "(optional)"
    expect(state).to_be_visible()
    expect(state.locator("option").nth(0)).to_have_text("Choose your state")
    expect(page.get_by_label("ZIP code")).to_have_value("BS1 4XE")  # kept, to be corrected by the shopper
    assert_values_kept(page, {"E-mail address": "ada@example.com", "Full name": "Ada Lovelace"})
    page.get_by_label("ZIP code").fill("9410")
    page.get_by_label("ZIP code").press("Tab")
    assert_pointed_out(page, "id_postcode", "Enter a ZIP code in the format 94103.")
    expect(visible_messages(page)).to_have_count(1)
    assert_no_page_problems(page)


def test_card_mistakes_are_pointed_out_before_anything_is_sent(page, shop_url):
    fill_in_up_to_payment(page, shop_url)
    sent = []
    page.on("request", lambda request: request.method == "POST" and sent.append(request.url))
    typed = {**CARD, "Card number": "4242 4242 4242 4241", "Expiry date": "01/20"}
    fill_in(page, typed)

    page.get_by_role("button", name="Continue to review").click()

    assert_error_summary_focused(page, [
        "Check the card number: it should be the long number on the front of your card, as printed.",
        "This card has expired: use another card."])
    assert sent == []
    expect(page).to_have_url(re.compile(r"/checkout/payment/$"))
    assert_values_kept(page, typed)
    assert_pointed_out(page, "id_card_number",
                       "Check the card number: it should be the long number on the front of your card, as printed.")
    assert_pointed_out(page, "id_card_expiry", "This card has expired: use another card.")
    expect(visible_messages(page)).to_have_count(2)
    assert_no_page_problems(page)

    page.get_by_role("link", name="This card has expired: use another card.").click()
    expect(page.get_by_label("Expiry date")).to_be_focused()
    page.get_by_label("Expiry date").fill("04/39")
    page.get_by_label("Expiry date").press("Tab")
    expect(page.locator("#id_card_expiry_error")).to_be_hidden()

    # The card checks never keep the shopper from going back, nor from paying another way.
    continue_to(page, "Back to delivery", r"/checkout/delivery/$")
    continue_to(page, "Continue to payment", r"/checkout/payment/$")
    page.get_by_label("Cash on delivery").check()
    expect(page.get_by_label("Card number")).to_be_hidden()
    continue_to(page, "Continue to review", r"/checkout/review/$")
    expect(page.get_by_text("Cash on delivery: pay the courier when your parcel arrives")).to_be_visible()


def test_a_declined_card_then_one_the_bank_confirms_after_place_order_places_the_order(page, shop_url):
    fill_in_up_to_payment(page, shop_url)
    fill_in(page, {**CARD, "Card number": "4000 0000 0000 0002"})

    page.get_by_role("button", name="Continue to review").click()

    assert_error_summary_focused(page, ["Your bank declined this card. No money has been taken."])
    assert_pointed_out(page, "id_card_number", "Your bank declined this card. No money has been taken.")
    assert_values_kept(page, {"Card number": "", "Name on the card": "Ada Lovelace", "Expiry date": "04/39"})
    assert_no_page_problems(page)

    fill_in(page, {"Card number": "4000 0027 6000 3184", "Security code": "123"})
    continue_to(page, "Continue to review", r"/checkout/review/$")  # the bank is asked only on placing
    expect(page.get_by_text("Visa ending 3184")).to_be_visible()
    expect(page.get_by_text("Your bank asks you to confirm this payment")).to_be_visible()
    assert_no_page_problems(page)
    place_order = page.get_by_role("button", name=re.compile(r"^Place order and pay £[\d.,]+$"))
    total = place_order.inner_text().rpartition(" ")[2]
    continue_to(page, place_order.inner_text(), r"/checkout/payment/confirm/")
    expect(page.get_by_role("heading", name="Confirm your payment")).to_be_visible()
    expect(page.get_by_text(f"asks to take {total} from your Visa ending 3184")).to_be_visible()
    assert not Order.objects.filter(email=DETAILS["E-mail address"]).exists()
    assert_no_page_problems(page)
    page.get_by_role("button", name="Confirm payment").click()

    expect(page.get_by_role("heading", name="Thank you, your order is placed")).to_be_visible()
    order = placed_order()
    expect(page.locator(".order-done__number")).to_have_text(f"Order number {order.number}")
    assert order.payments.get().card_last4 == "3184"
    assert_no_page_problems(page)


@pytest.mark.parametrize("screen", ["phone_page", "page"])
def test_a_card_number_is_spaced_and_its_brand_named_as_typed_and_the_order_placed(request, screen, shop_url):
    page = request.getfixturevalue(screen)
    fill_in_up_to_payment(page, shop_url)
    number = page.get_by_label("Card number", exact=True)
    brand = page.locator("[data-card-brand]")

    number.press_sequentially("4242424242424242")

    expect(number).to_have_value("4242 4242 4242 4242")
    expect(brand).to_have_text("Card type: Visa")
    expect(brand).to_have_attribute("role", "status")
    number.press("Home")
    for _ in range(5):
        number.press("ArrowRight")  # after the first space
    number.press("Backspace")  # takes the digit before the space, not only the space
    expect(number).to_have_value("4244 2424 2424 242")
    number.press_sequentially("2")
    expect(number).to_have_value("4242 4242 4242 4242")
    assert number.evaluate("input => input.selectionStart") == 4  # the caret stays after the digit typed
    number.fill("")
    page.keyboard.insert_text("5555-5555 55554444")  # pasted, grouped otherwise
    expect(number).to_have_value("5555 5555 5555 4444")
    expect(brand).to_have_text("Card type: Mastercard")
    number.fill("")
    number.press_sequentially("378282246310005")
    expect(number).to_have_value("3782 822463 10005")
    expect(brand).to_have_text("Card type: American Express")
    number.fill("")
    number.press_sequentially("4242 4242 4242 4242")
    fill_in(page, {"Name on the card": "Ada Lovelace", "Expiry date": "0429", "Security code": "123"})
    page.get_by_label("Expiry date").press("Tab")
    expect(visible_messages(page)).to_have_count(0)
    expect(page.get_by_text("Secure payment.")).to_be_visible()
    assert_fits_the_screen(page)
    continue_to(page, "Continue to review", r"/checkout/review/$")
    page.get_by_role("button", name=re.compile(r"^Place order and pay")).click()

    expect(page.get_by_role("heading", name="Thank you, your order is placed")).to_be_visible()
    payment = placed_order().payments.get()
    assert (payment.card_brand, payment.card_last4) == ("Visa", "4242")


def assert_fits_the_screen(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert_no_page_problems(page)


def placed_order() -> Order:
    return Order.objects.get(email=DETAILS["E-mail address"])  # the demo shop has orders of its own


def assert_fits_the_phone(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling
    assert_no_page_problems(page)


def test_a_guest_checks_out_on_a_phone(phone_page, shop_url):
    page = phone_page
    start_checkout(page, shop_url)
    assert_fits_the_phone(page)
    fill_in(page, DETAILS)
    continue_to(page, "Continue to delivery", r"/checkout/delivery/$")
    assert_fits_the_phone(page)
    page.get_by_label(re.compile("Express delivery")).check()
    continue_to(page, "Continue to payment", r"/checkout/payment/$")
    assert_fits_the_phone(page)
    fill_in(page, CARD)
    continue_to(page, "Continue to review", r"/checkout/review/$")
    assert_fits_the_phone(page)
    placing = []
    page.on("request", lambda request: request.method == "POST" and placing.append(request.url))

    page.get_by_role("button", name=re.compile(r"^Place order and pay")).dblclick()  # an impatient double tap

    expect(page.get_by_role("heading", name="Thank you, your order is placed")).to_be_visible()
    assert len(placing) == 1  # the second tap is not sent; had it been, the server would still place one order
    order = placed_order()
    expect(page.locator(".order-done__number")).to_have_text(f"Order number {order.number}")
    assert order.delivery_name == "Express delivery" and order.payments.get().card_last4 == "4242"
    assert_fits_the_phone(page)
