"""The outbox writes each message in its customer's language and stores it with the message (outbox/services.py):
words, subject, links, dates and prices, whatever language the worker or the staff member whose click caused it
uses. Staff's own e-mails stay in English and say which language the customer reads."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from orders.models import Order
from orders.services import order_move
from outbox.models import Message
from outbox.services import email_write
from support.models import ProductQuestion
from tests.factories import ProductFactory, UserFactory, placed_order

pytestmark = pytest.mark.django_db
SITE = settings.SHOP["site_url"].rstrip("/")


@pytest.fixture
def staff(client):
    client.force_login(UserFactory(email="sam@shop.example", first_name="Sam", is_staff=True, is_superuser=True))
    return client


def test_an_email_to_a_customer_must_say_which_language_it_is_written_in():
    with pytest.raises(ValueError, match="needs the customer's language"):
        email_write(key="k", template="account_open", context=dict, to="ann@example.com")

    assert not Message.objects.exists()


def test_an_email_is_written_in_its_language_whatever_language_is_active_where_it_is_written():
    with translation.override("zh-hans"):
        email_write(key="k", template="account_exists", to="ann@example.com", language="ko", context=lambda: {
            "shop": settings.SHOP, "email": "ann@example.com", "sign_in_url": "", "reset_url": ""})

    message = Message.objects.get()
    assert message.language == "ko"
    assert message.subject == f"이미 {settings.SHOP['name']} 계정이 있습니다"
    assert '<html lang="ko">' in message.body_html and "비밀번호" in message.body_text


def test_a_price_is_written_the_customers_way_not_the_way_the_staff_members_browser_writes_numbers(
        client, staff):
    order = placed_order()  # a £25.00 scarf and £3.95 delivery, ordered on an English page

    client.post("/admin/orders/order/", {"action": "advance", "_selected_action": [order.pk]},
                HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9")  # the admin page writes prices as German does: 28,95 £

    confirmed = Message.objects.get(kind=Order.Status.CONFIRMED)
    assert "Total: £28.95" in confirmed.body_text and "28,95" not in confirmed.body_text


def test_the_outbox_in_the_back_office_shows_each_messages_language(client, staff):
    with translation.override("zh-hant"):
        order = placed_order()

    listing = client.get("/admin/outbox/message/").content.decode()
    message = client.get(f"/admin/outbox/message/{Message.objects.get().pk}/change/").content.decode()
    table = client.get(f"/admin/orders/order/{order.pk}/change/").content.decode()

    assert "Traditional Chinese (繁體中文)" in listing
    assert "Traditional Chinese (繁體中文)" in message
    assert "<th>Language</th>" in table and "Traditional Chinese (繁體中文)" in table


def test_a_korean_accounts_password_reset_email_is_korean_even_asked_for_on_an_english_page(client):
    UserFactory(email="min@example.com", language="ko")

    client.post("/account/password-reset/", {"email": "min@example.com"})

    message = Message.objects.get(kind="password_reset")
    link = re.search(r"https?://\S+/password-reset/\S+/", message.body_text).group(0)
    assert message.language == "ko"
    assert message.subject == f"{settings.SHOP['name']} 계정의 새 비밀번호를 설정해 주십시오"
    assert "한 번만 사용하실 수 있습니다." in message.body_text
    assert link.startswith(f"{SITE}/ko/account/password-reset/")
    assert '<html lang="ko">' in message.body_html


def test_a_password_reset_asked_for_on_a_korean_page_is_korean_for_an_account_without_a_chosen_language(client):
    UserFactory(email="min@example.com")

    client.post("/ko/account/password-reset/", {"email": "min@example.com"})

    assert Message.objects.get(kind="password_reset").language == "ko"


def test_signing_up_on_a_korean_page_sends_the_link_that_opens_the_account_in_korean(client):
    client.post("/ko/account/sign-up/", {"email": "new@example.com", "terms": "on"})

    message = Message.objects.get(to="new@example.com")
    assert message.language == "ko" and '<html lang="ko">' in message.body_html
    assert message.subject == f"{settings.SHOP['name']} 계정 만들기"


def test_signing_up_again_with_a_registered_address_answers_in_the_accounts_language(client):
    UserFactory(email="ann@example.com", language="zh-hans")

    client.post("/ko/account/sign-up/", {"email": "ann@example.com", "terms": "on"})

    message = Message.objects.get(kind="account_exists")
    assert message.language == "zh-hans" and "登录" in message.body_text
    assert f"{SITE}/zh-hans/account/sign-in/" in message.body_text


def test_a_message_sent_through_the_korean_contact_page_is_acknowledged_in_korean_and_staff_read_english(
        client, django_capture_on_commit_callbacks):
    client.post("/ko/contact/", {"name": "김민지", "email": "minji@example.com", "topic": "delivery",
                                 "order_number": "", "message": "택배가 아직 안 왔어요.", "page": "", "website": ""})

    acknowledgement = Message.objects.get(kind="ticket_acknowledgement")
    staff_copy = Message.objects.get(kind="ticket_staff")
    assert acknowledgement.language == "ko" and acknowledgement.subject.startswith("문의가 접수되었습니다")
    assert f"{SITE}/ko/help/" in acknowledgement.body_text
    assert staff_copy.language == "en-gb" and staff_copy.subject.startswith("Message ")
    assert "Language: Korean (한국어)" in staff_copy.body_text and '<html lang="en-GB">' in staff_copy.body_html
    assert "working days" in staff_copy.body_text  # "Please answer within two working days", in English


def test_an_answer_typed_in_the_english_back_office_reaches_a_customer_in_their_language(staff):
    asker = UserFactory(email="ann@example.com", language="zh-hant")
    question = ProductQuestion.objects.create(product=ProductFactory(name="Linen shirt"), customer=asker,
                                              email=asker.email, question="Does it shrink?")

    staff.post(f"/admin/support/productquestion/{question.pk}/change/", {
        "question": question.question, "asker_name": "", "answer": "No.", "is_published": "on", "_save": "Save"})

    answered = Message.objects.get(kind="question_answered")
    assert answered.language == "zh-hant"
    assert answered.subject == "您對 Linen shirt 的提問：我們的回覆"


def test_a_guest_who_asked_on_a_korean_page_is_answered_in_korean(client, staff):
    product = ProductFactory(name="Linen shirt", slug="linen-shirt")
    with translation.override("ko"):
        ask_url = reverse("support:ask_question", args=[product.slug])
    Client().post(ask_url, {"question": "줄어드나요?", "email": "min@example.com", "name": ""})
    question = ProductQuestion.objects.get(email="min@example.com")

    staff.post(f"/admin/support/productquestion/{question.pk}/change/", {
        "question": question.question, "asker_name": "", "answer": "No.", "is_published": "on", "_save": "Save"})

    answered = Message.objects.get(kind="question_answered")
    assert (question.language, answered.language) == ("ko", "ko")
    assert '<html lang="ko">' in answered.body_html


def test_order_emails_follow_the_language_the_order_was_placed_in_not_the_staff_members():
    with translation.override("ko"):
        order = placed_order()

    with translation.override("en-gb"):
        order_move(order=order, to=Order.Status.CONFIRMED)

    confirmed = Message.objects.get(kind=Order.Status.CONFIRMED)
    assert (order.language, confirmed.language) == ("ko", "ko")
    assert confirmed.subject == f"주문 {order.number} 상품을 준비하고 있습니다"


def test_the_customers_list_in_the_back_office_shows_the_language_each_one_chose(client, staff):
    UserFactory(email="min@example.com", language="ko")
    UserFactory(email="ann@example.com")

    listing = client.get("/admin/accounts/user/").content.decode()

    assert "Korean (한국어)" in listing and "Not chosen" in listing
