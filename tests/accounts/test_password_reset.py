import re

import pytest
from django.core import mail

from outbox.models import Message
from tests.factories import UserFactory
from tests.html import read_page
from tests.messages import outbox_send_waiting

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "quiet harbour kettle"


def reset_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/account/password-reset/\S+/)", message.body).group(1)


def test_reset_sends_a_text_and_html_email_whose_link_lets_the_customer_choose_a_new_password(client):
    customer = UserFactory(email="ann@example.com")

    response = client.post("/account/password-reset/", {"email": "ann@example.com"})
    outbox_send_waiting()
    message = mail.outbox[0]
    form_page = client.get(reset_link(message), follow=True)
    chosen = client.post(form_page.redirect_chain[-1][0], {"new_password": NEW_PASSWORD})

    customer.refresh_from_db()
    html, html_type = message.alternatives[0]
    assert response["Location"] == "/account/password-reset/sent/"
    assert message.to == ["ann@example.com"]
    assert message.subject == "Choose a new password for your Fernhill Goods account"
    assert html_type == "text/html" and "Choose your new password" in html
    assert "Choose a new password" in read_page(form_page).title
    assert chosen["Location"] == "/account/"
    assert customer.check_password(NEW_PASSWORD)
    assert "Your new password is saved and you are signed in." in client.get("/account/").content.decode()


def test_reset_link_works_only_once(client):
    UserFactory(email="ann@example.com")
    client.post("/account/password-reset/", {"email": "ann@example.com"})
    outbox_send_waiting()
    link = reset_link(mail.outbox[0])
    client.post(client.get(link, follow=True).redirect_chain[-1][0], {"new_password": NEW_PASSWORD})
    client.logout()

    again = client.get(link, follow=True)

    assert "This link no longer works" in read_page(again).title
    assert "/account/password-reset/" in [href for href, _ in read_page(again).links]


def test_weak_new_password_is_refused_with_advice(client):
    customer = UserFactory(email="ann@example.com")
    client.post("/account/password-reset/", {"email": "ann@example.com"})
    outbox_send_waiting()
    form_url = client.get(reset_link(mail.outbox[0]), follow=True).redirect_chain[-1][0]

    response = client.post(form_url, {"new_password": "12345678901"})

    customer.refresh_from_db()
    assert read_page(response).title.startswith("Error: ")
    assert "Add some letters" in response.content.decode()
    assert not customer.check_password("12345678901")


def test_sent_page_reads_the_same_whether_or_not_the_address_has_an_account(client):
    UserFactory(email="ann@example.com")

    known = client.post("/account/password-reset/", {"email": "ann@example.com"}, follow=True)
    unknown = client.post("/account/password-reset/", {"email": "nobody@example.com"}, follow=True)
    outbox_send_waiting()

    def main_text(response):
        return re.search(r"<main.*</main>", response.content.decode(), re.DOTALL).group(0)

    assert main_text(known) == main_text(unknown)
    assert "If the address you entered belongs to" in main_text(known)
    assert len(mail.outbox) == 1


def test_a_reset_link_is_never_shown_to_staff_and_is_gone_from_the_outbox_once_sent(client, admin_client):
    UserFactory(email="ann@example.com")
    client.post("/account/password-reset/", {"email": "ann@example.com"})
    message = Message.objects.get(kind="password_reset")

    while_waiting = admin_client.get(f"/admin/outbox/message/{message.pk}/change/").content.decode()
    outbox_send_waiting()
    message.refresh_from_db()

    link = reset_link(mail.outbox[0])
    assert link not in while_waiting and "Not shown: it holds a one-time link" in while_waiting
    assert message.status == Message.Status.SENT and message.body_text == "" and message.body_html == ""


def test_the_reset_link_is_on_the_shops_own_address_whatever_host_the_request_named(client, settings):
    settings.ALLOWED_HOSTS = ["*"]
    settings.SHOP = {**settings.SHOP, "site_url": "https://shop.example.com"}
    UserFactory(email="ann@example.com")

    client.post("/account/password-reset/", {"email": "ann@example.com"}, HTTP_HOST="evil.example")
    outbox_send_waiting()

    assert "https://shop.example.com/account/password-reset/" in mail.outbox[0].body
    assert "evil.example" not in mail.outbox[0].body + mail.outbox[0].alternatives[0][0]


def test_mistyped_address_is_pointed_at_and_kept(client):
    response = client.post("/account/password-reset/", {"email": "ann.example.com"})

    page = response.content.decode()
    assert read_page(response).title.startswith("Error: ")
    assert "Enter an e-mail address in the format name@example.com." in page
    assert 'value="ann.example.com"' in page


def test_reset_requests_pause_after_five_from_one_address(client):
    for _ in range(5):
        assert client.post("/account/password-reset/", {"email": "ann@example.com"}).status_code == 302

    blocked = client.post("/account/password-reset/", {"email": "ann@example.com"})

    assert blocked.status_code == 429
