import re
import time
from decimal import Decimal
from urllib.parse import quote

import pytest
from django.core import signing
from django.core.cache import cache
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from accounts.models import User
from accounts.services import ACCOUNT_LINK_SALT
from outbox.models import Message
from shop.models import Cart
from tests.factories import ProductFactory, UserFactory
from tests.html import read_page

pytestmark = pytest.mark.django_db

STRONG = "tawny mill lantern"


def sign_up(client, remote_addr: str = "127.0.0.1", **changes):
    return client.post("/account/sign-up/", {"email": "ann@example.com", "terms": "on", **changes},
                       REMOTE_ADDR=remote_addr)


def emailed_link(to: str = "ann@example.com") -> str:
    """The link in the newest "open your account" e-mail to `to`."""
    message = Message.objects.filter(to=to, kind="account_open").latest("pk")
    return re.search(r"https?://[^/\s]+(/account/open/\S+/)", message.body_text).group(1)


def open_account(client, password: str = STRONG, **changes):
    """Sign up, then follow the e-mailed link and choose a password, as the shopper does."""
    sign_up(client, **changes)
    return client.post(emailed_link(changes.get("email", "ann@example.com")), {"password": password})


def test_sign_up_asks_only_for_the_email_and_the_terms_unticked(client):
    page = client.get("/account/sign-up/").content.decode()

    terms_box = re.search(r'<input type="checkbox" name="terms"[^>]*>', page).group(0)
    assert 'name="email"' in page and 'name="password"' not in page
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
    page = open_account(client, password=password).content.decode()

    assert advice in page
    assert 'id="id_password_error"' in page
    assert not User.objects.exists()


def without_csrf_token(response) -> str:
    """The page, without the token masked afresh for every answer."""
    return re.sub(r'"X-CSRFToken": "[^"]+"|name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_sign_up_with_a_taken_address_answers_exactly_like_a_free_one_and_the_owner_gets_an_email(client):
    UserFactory(email="ann@example.com")

    taken = sign_up(client, email="ANN@example.com")
    free = sign_up(client, email="bob@example.com")

    told = Message.objects.get(to="ANN@example.com")
    assert (taken.status_code, taken["Location"]) == (free.status_code, free["Location"])
    assert free["Location"] == "/account/sign-up/sent/"
    assert without_csrf_token(client.get(taken["Location"])) == without_csrf_token(client.get(free["Location"]))
    assert taken.cookies.keys() == free.cookies.keys()
    assert told.kind == "account_exists" and "You already have" in told.subject
    assert "/account/sign-in/" in told.body_text and "/account/password-reset/" in told.body_text
    assert "/account/open/" not in told.body_text
    assert Message.objects.get(to="bob@example.com").kind == "account_open"
    assert User.objects.count() == 1


def test_sign_up_opens_no_account_until_the_emailed_link_is_opened(client):
    response = sign_up(client)

    sent_page = client.get(response["Location"]).content.decode()
    assert "Check your e-mail" in sent_page
    assert not User.objects.exists()
    assert client.get("/account/")["Location"].startswith("/account/sign-in/")  # not signed in


def test_the_emailed_link_opens_the_account_signs_in_and_welcomes(client):
    response = open_account(client)

    customer = User.objects.get(email="ann@example.com")
    welcome = client.get(response["Location"]).content.decode()
    assert response["Location"] == "/account/"
    assert customer.check_password(STRONG)
    assert customer.terms_accepted_at is not None
    assert "your account is ready" in welcome and "add them whenever you like" in welcome
    assert "ann@example.com" in welcome


def test_an_opened_link_opened_again_offers_to_sign_in_and_changes_nothing(client):
    open_account(client)
    client.logout()

    again = client.post(emailed_link(), {"password": "another long password"})

    assert "There is an account for ann@example.com already" in again.content.decode()
    assert User.objects.get().check_password(STRONG)


@pytest.mark.parametrize("token, says", [
    ("not-a-signed-link", "This link does not work"),
    (signing.dumps({"email": "ann@example.com", "order": "", "next": ""}, salt="another.purpose"),
     "This link does not work"),
])
def test_a_changed_link_gets_a_clear_page_and_opens_nothing(client, token, says):
    response = client.post(f"/account/open/{token}/", {"password": STRONG})

    assert response.status_code == 404 and says in read_page(response).title
    assert "/account/sign-up/" in [href for href, _ in read_page(response).links]
    assert not User.objects.exists()


class SignedFourDaysAgo(signing.TimestampSigner):
    def timestamp(self):
        return signing.b62_encode(int(time.time()) - 4 * 24 * 60 * 60)


def test_an_expired_link_says_so_and_offers_a_new_one(client):
    token = SignedFourDaysAgo(salt=ACCOUNT_LINK_SALT).sign_object({"email": "ann@example.com", "order": "", "next": ""})

    response = client.post(f"/account/open/{token}/", {"password": STRONG})

    assert response.status_code == 404 and read_page(response).title.startswith("This link has expired")
    assert not User.objects.exists()


def test_opening_the_account_keeps_what_the_guest_put_in_the_cart(client):
    shirt = ProductFactory(variants=[("M", 10)])
    client.post("/cart/add/", {"variant": shirt.variants.get().pk, "quantity": 2})

    open_account(client)

    cart = Cart.objects.get(customer__email="ann@example.com")
    assert [(line.variant.product, line.quantity) for line in cart.lines.all()] == [(shirt, 2)]
    assert cart.lines.get().price_when_added == Decimal("40.00")
    assert Cart.objects.count() == 1


def test_the_emailed_link_returns_the_shopper_to_where_they_were_heading(client):
    response = open_account(client, next="/checkout/")
    client.logout()
    foreign = open_account(client, email="bob@example.com", next="https://elsewhere.example/")

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
    elsewhere = sign_up(client, remote_addr="203.0.113.9")

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


def test_one_inbox_gets_at_most_three_sign_up_emails_a_quarter_hour_whoever_asks(client):
    answers = [sign_up(client, remote_addr=f"198.51.100.{number}").status_code for number in range(4)]

    assert answers == [302, 302, 302, 429]
    assert Message.objects.filter(to="ann@example.com").count() <= 3  # a double click in one second writes one


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(token=st.text(min_size=1, max_size=300), password=st.text(max_size=300))
def test_the_link_page_answers_any_token_and_password_without_an_error_page(client, token, password):
    cache.clear()

    response = client.post(f"/account/open/{quote(token, safe='')}/", {"password": password})

    assert response.status_code == 404
    assert not User.objects.exists()


def test_a_signed_in_customer_is_sent_to_their_account_instead_of_signing_up_again(client):
    client.force_login(UserFactory())

    response = client.get("/account/sign-up/")

    assert response["Location"] == "/account/"
