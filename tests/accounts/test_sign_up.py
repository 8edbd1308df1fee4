import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from accounts.models import User
from shop.models import Cart
from tests.factories import ProductFactory, UserFactory
from tests.html import read_page

pytestmark = pytest.mark.django_db

STRONG = "tawny mill lantern"


def sign_up(client, **changes):
    return client.post("/account/sign-up/", {"email": "ann@example.com", "password": STRONG, "terms": "on",
                                             **changes})


def test_sign_up_asks_only_for_email_password_and_the_terms_unticked(client):
    page = client.get("/account/sign-up/").content.decode()

    terms_box = re.search(r'<input type="checkbox" name="terms"[^>]*>', page).group(0)
    assert 'name="email"' in page and 'name="password"' in page
    assert "checked" not in terms_box
    assert 'href="/terms/"' in page and 'href="/privacy/"' in page
    assert 'name="first_name"' not in page and 'name="phone"' not in page


def test_sign_up_without_ticking_the_terms_says_so_and_keeps_the_email(client):
    response = sign_up(client, terms="")

    page = response.content.decode()
    assert response.status_code == 200
    assert read_page(response).title.startswith("Error: ")
    assert "Tick the box to agree to the terms and conditions" in page
    assert 'value="ann@example.com"' in page
    assert not User.objects.exists()


@pytest.mark.parametrize("password, advice", [
    ("short1", "Use at least 8 characters"),
    ("12345678901", "Add some letters"),
    ("password123", "on lists of the most common ones"),
    ("ann@example.com", "does not look like your e-mail address"),
])
def test_weak_password_is_refused_with_advice_on_what_to_choose(client, password, advice):
    page = sign_up(client, password=password).content.decode()

    assert advice in page
    assert 'id="id_password_error"' in page
    assert not User.objects.exists()


def test_email_already_registered_points_to_sign_in_and_password_reset(client):
    UserFactory(email="ann@example.com")

    response = sign_up(client, email="ANN@example.com")

    links = [href for href, _ in read_page(response).links]
    assert "There is already an account with this e-mail address" in response.content.decode()
    assert "/account/sign-in/" in links and "/account/password-reset/" in links
    assert User.objects.count() == 1


def test_sign_up_opens_the_account_signs_in_and_welcomes(client):
    response = sign_up(client)

    customer = User.objects.get(email="ann@example.com")
    welcome = client.get(response["Location"]).content.decode()
    assert response["Location"] == "/account/"
    assert customer.check_password(STRONG)
    assert customer.terms_accepted_at is not None
    assert "your account is ready" in welcome and "add them whenever you like" in welcome
    assert "ann@example.com" in welcome


def test_sign_up_keeps_what_the_guest_put_in_the_cart(client):
    shirt = ProductFactory(variants=[("M", 10)])
    client.post("/cart/add/", {"variant": shirt.variants.get().pk, "quantity": 2})

    sign_up(client)

    cart = Cart.objects.get(customer__email="ann@example.com")
    assert [(line.variant.product, line.quantity) for line in cart.lines.all()] == [(shirt, 2)]
    assert cart.lines.get().price_when_added == Decimal("40.00")
    assert Cart.objects.count() == 1


def test_sign_up_returns_the_shopper_to_where_they_were_heading(client):
    response = sign_up(client, next="/checkout/")
    foreign = client.post("/account/sign-up/", {"email": "bob@example.com", "password": STRONG, "terms": "on",
                                                "next": "https://elsewhere.example/"})

    assert response["Location"] == "/checkout/"
    assert foreign["Location"] == "/account/"


def test_sign_in_and_sign_up_pages_link_to_each_other_and_to_password_reset(client):
    sign_in_links = [href for href, _ in read_page(client.get("/account/sign-in/")).links]
    sign_up_links = [href for href, _ in read_page(client.get("/account/sign-up/")).links]

    assert "/account/sign-up/" in sign_in_links and "/account/password-reset/" in sign_in_links
    assert "/account/sign-in/" in sign_up_links


def test_sign_up_pauses_after_ten_tries_from_one_address_but_not_for_others(client):
    for number in range(10):
        assert sign_up(client, email=f"ann{number}@example.com", terms="").status_code == 200

    blocked = sign_up(client)
    elsewhere = client.post("/account/sign-up/", {"email": "ann@example.com", "password": STRONG, "terms": "on"},
                            REMOTE_ADDR="203.0.113.9")

    assert blocked.status_code == 429
    assert "try again in about" in blocked.content.decode()
    assert elsewhere.status_code == 302


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(email=st.text(max_size=300), password=st.text(max_size=300), terms=st.sampled_from(["", "on", "x", "\x00"]))
def test_sign_up_form_answers_any_input_without_an_error_page(client, email, password, terms):
    cache.clear()  # keep the rate limit out of the way: this is about the form, not the limit
    client.logout()

    response = client.post("/account/sign-up/", {"email": email, "password": password, "terms": terms})

    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert read_page(response).title.startswith("Error: ")


def test_an_accepted_password_is_kept_when_only_something_else_was_wrong(client):
    kept = sign_up(client, terms="").content.decode()
    refused = sign_up(client, password="12345678901", terms="").content.decode()

    assert f'value="{STRONG}"' in kept
    assert 'value="12345678901"' not in refused


def test_a_signed_in_customer_is_sent_to_their_account_instead_of_signing_up_again(client):
    client.force_login(UserFactory())

    response = client.get("/account/sign-up/")

    assert response["Location"] == "/account/"
