"""Nobody sees or changes another customer's orders or addresses, and every account page needs a sign-in."""

import pytest
from django.test import Client

from accounts.models import Address
from tests.factories import AddressFactory, OrderFactory, UserFactory

pytestmark = pytest.mark.django_db

# Every signed-in page of the account, with the methods it answers.
ACCOUNT_PAGES = [
    ("/account/", ["get"]),
    ("/account/orders/", ["get"]),
    ("/account/orders/{order}/", ["get"]),
    ("/account/addresses/", ["get"]),
    ("/account/addresses/add/", ["get", "post"]),
    ("/account/addresses/{address}/edit/", ["get", "post"]),
    ("/account/addresses/{address}/delete/", ["get", "post"]),
    ("/account/addresses/{address}/use-first/", ["post"]),
    ("/account/profile/", ["get", "post"]),
    ("/account/notifications/", ["get", "post"]),
]


@pytest.fixture
def ann_and_her_things():
    ann = UserFactory(email="ann@example.com")
    return ann, OrderFactory(customer=ann), AddressFactory(customer=ann)


def urls_for(order, address):
    return [(url.format(order=order.number, address=address.pk), methods) for url, methods in ACCOUNT_PAGES]


def test_every_account_page_sends_visitors_to_sign_in_first(client, ann_and_her_things):
    _, order, address = ann_and_her_things

    for url, methods in urls_for(order, address):
        for method in methods:
            response = getattr(client, method)(url)
            assert response.status_code == 302, (method, url)
            assert response["Location"].startswith(f"/account/sign-in/?next={url}"), (method, url)


def test_every_account_page_opens_for_its_owner(ann_and_her_things):
    ann, order, address = ann_and_her_things
    browser = Client()
    browser.force_login(ann)

    for url, methods in urls_for(order, address):
        if "get" in methods:
            assert browser.get(url).status_code == 200, url


def test_another_customers_order_and_addresses_are_not_found(ann_and_her_things):
    ann, order, address = ann_and_her_things
    bob = Client()
    bob.force_login(UserFactory(email="bob@example.com"))
    change = {"full_name": "Bob", "line1": "1 High St", "city": "Leeds", "postcode": "LS1 1AA", "country": "GB",
              "phone": "07400 123456"}

    responses = [
        bob.get(f"/account/orders/{order.number}/"),
        bob.get(f"/account/addresses/{address.pk}/edit/"),
        bob.post(f"/account/addresses/{address.pk}/edit/", change),
        bob.get(f"/account/addresses/{address.pk}/delete/"),
        bob.post(f"/account/addresses/{address.pk}/delete/"),
        bob.post(f"/account/addresses/{address.pk}/use-first/"),
    ]

    address.refresh_from_db()
    assert [response.status_code for response in responses] == [404] * len(responses)
    assert address.full_name == "Ann Smith" and address.is_default is False
    assert Address.objects.filter(pk=address.pk).exists()


def test_another_customers_orders_and_addresses_are_not_listed(ann_and_her_things):
    _, order, address = ann_and_her_things
    bob = Client()
    bob.force_login(UserFactory(email="bob@example.com"))

    pages = [bob.get(url).content.decode() for url in ["/account/", "/account/orders/", "/account/addresses/"]]

    assert not any(order.number in page or address.line1 in page for page in pages)


def test_making_an_address_default_is_a_button_not_a_link(ann_and_her_things):
    ann, _, address = ann_and_her_things
    browser = Client()
    browser.force_login(ann)

    assert browser.get(f"/account/addresses/{address.pk}/use-first/").status_code == 405
