"""The returns and delivery policies follow settings.SHOP, and every page quoting the returns promise agrees."""

import re
from decimal import Decimal

import pytest

from tests.factories import ProductFactory
from tests.orders.test_checkout import fill_in_up_to_review, place

pytestmark = pytest.mark.django_db

CASH_ON_DELIVERY = {"method": "cod"}


def returns_promises(response) -> list[str]:
    """The returns promise each time the page quotes it (support/_returns_promise.html)."""
    return re.findall(r'<span class="returns-promise">(.*?)</span>', response.content.decode())


def main_content(response) -> str:
    return response.content.decode().split('<main id="main"', 1)[1].split("</main>", 1)[0]


def every_page_quoting_the_returns_promise(client) -> dict[str, object]:
    """Walk a shopper from the home page to the tracking page of the order they placed."""
    product = ProductFactory(name="Linen shirt", price=Decimal("30.00"), variants=[("M", 5)])
    pages = {"home": client.get("/"), "product page": client.get(product.get_absolute_url())}
    client.post("/cart/add/", {"variant": product.variants.get().pk, "quantity": 1})
    pages["cart"] = client.get("/cart/")
    pages["checkout details step"] = client.get("/checkout/details/")
    fill_in_up_to_review(client, payment=CASH_ON_DELIVERY)
    pages["review step"] = client.get("/checkout/review/")
    thank_you = place(client)["Location"]
    pages["thank-you page"] = client.get(thank_you)
    pages["tracking page"] = client.get(thank_you.replace("/checkout/thank-you/", "/track/"))
    pages["returns policy"] = client.get("/returns-policy/")
    return pages


def test_the_returns_window_set_in_settings_reads_the_same_on_every_page_that_quotes_it(client, settings):
    settings.SHOP = {**settings.SHOP, "return_days": 45}

    pages = every_page_quoting_the_returns_promise(client)

    for name, response in pages.items():
        assert response.status_code == 200, name
        assert returns_promises(response) == ["Changed your mind? Send it back within 45 days of delivery, free."], name
        assert "30 days" not in main_content(response) and "30-day" not in main_content(response), name


def test_every_page_but_the_policy_itself_links_its_promise_to_the_returns_policy(client):
    pages = every_page_quoting_the_returns_promise(client)
    policy = pages.pop("returns policy")

    for name, response in pages.items():
        assert '</span> <a href="/returns-policy/">How returns work</a>' in response.content.decode(), name
    assert '<a href="/returns-policy/">How returns work</a>' not in policy.content.decode()


def test_free_returns_promise_a_prepaid_label(client, settings):
    settings.SHOP = {**settings.SHOP, "returns_free": True}

    policy = client.get("/returns-policy/")

    assert returns_promises(policy) == ["Changed your mind? Send it back within 30 days of delivery, free."]
    assert "We e-mail you a prepaid return label" in policy.content.decode()
    assert "You pay the postage" not in policy.content.decode()


def test_paid_returns_say_plainly_who_pays_the_postage(client, settings):
    settings.SHOP = {**settings.SHOP, "returns_free": False}

    policy = client.get("/returns-policy/")
    home = client.get("/")

    assert returns_promises(policy) == returns_promises(home) == [
        "Changed your mind? Send it back within 30 days of delivery."]
    assert "You pay the postage to send it back." in policy.content.decode()
    assert "If an item is faulty or not what you ordered, we always pay for its return." in policy.content.decode()
    assert "prepaid return label" not in policy.content.decode()


def test_the_refund_time_comes_from_settings(client, settings):
    settings.SHOP = {**settings.SHOP, "refund_days": 8}

    policy = client.get("/returns-policy/").content.decode()

    assert "within 8 working days of your return reaching us" in policy


def test_the_returns_policy_covers_what_a_shopper_needs_to_know(client):
    policy = client.get("/returns-policy/").content.decode()

    assert "except made-to-measure items and hygiene-sealed items" in policy
    assert "unused, with its tags still on" in policy and "Trying it on at home" in policy
    assert "the card you paid with" in policy and "We refund by bank transfer" in policy
    assert 'href="tel:+442079460321"' in policy and 'href="mailto:help@fernhill.example"' in policy
    assert "Want another size or colour?" in policy
    assert "2-year guarantee" in policy
    assert "within 14 days of delivery" in policy and "Our 30 days give you longer." in policy


def test_the_delivery_page_follows_the_delivery_settings(client, settings):
    settings.SHOP = {**settings.SHOP, "delivery_cost": "4.50", "free_delivery_over": 55,
                     "delivery_working_days": [1, 2], "express_delivery_cost": "7.25",
                     "international_delivery_cost": "12.00", "international_working_days": [5, 9],
                     "dispatch_cutoff_hour": 14}

    page = client.get("/delivery/").content.decode()

    assert "Free standard delivery in the United Kingdom on orders of £55 or more." in page
    assert "£4.50, free on orders of £55 or more" in page and "1–2 working days after dispatch" in page
    assert "£7.25" in page and "£12.00" in page and "5–9 working days after dispatch" in page
    assert "Order before 14:00 on a working day" in page
    assert "United Kingdom, Ireland, France, Germany, Netherlands, United States and Canada." in page


def test_the_delivery_page_says_how_to_track_and_what_happens_when_a_parcel_is_late(client):
    page = client.get("/delivery/").content.decode()

    assert 'href="/track/"' in page
    assert "If one is held up, we e-mail you first, with an apology and a new delivery date." in page
