"""The account pages speak the page's language: headings, form labels, every message beside a field, and the
messages after a change, with what was typed kept. Django's own messages come from Django's catalogue."""

import re

import pytest
from django.test import Client

from accounts.models import User
from outbox.models import Message
from tests.factories import AddressFactory, OrderFactory, UserFactory
from tests.html import read_page

pytestmark = pytest.mark.django_db

STRONG = "tawny mill lantern"


def field_error(response, field: str) -> str:
    """The message printed beside one field (templates/_field_error.html)."""
    found = re.search(rf'<p class="field__error" id="id_{field}_error">(.*?)</p>', response.content.decode(), re.S)
    return found.group(1).strip() if found else ""


def headings(response) -> list[str]:
    return [re.sub(r"<[^>]+>", "", heading).strip()
            for heading in re.findall(r"<h[12][^>]*>(.*?)</h[12]>", response.content.decode(), re.S)]


def opened_in_korean(to: str) -> str:
    """The e-mailed link's page, in Korean (the link may name the language or leave it to the visitor's choice)."""
    message = Message.objects.filter(to=to, kind="account_open").latest("pk")
    return "/ko" + re.search(r"https?://[^/\s]+(?:/ko)?(/account/open/\S+/)", message.body_text).group(1)


def test_a_korean_sign_up_with_a_mistyped_address_says_what_to_fix_in_korean_beside_each_field_keeping_it(client):
    response = client.post("/ko/account/sign-up/", {"email": "ann@example", "terms": ""})

    assert response.status_code == 200
    assert read_page(response).title.startswith("오류:")
    assert field_error(response, "email") == "name@example.com 형식으로 이메일 주소를 입력해 주세요."
    assert field_error(response, "terms").startswith("이용약관에 동의하신다면 체크해 주세요.")
    assert 'value="ann@example"' in response.content.decode()
    assert not User.objects.exists()


def test_a_korean_sign_up_with_a_taken_address_is_answered_in_korean_and_tells_nobody_it_is_taken(client):
    UserFactory(email="ann@example.com")

    taken = client.post("/ko/account/sign-up/", {"email": "ann@example.com", "terms": "on"})
    free = client.post("/ko/account/sign-up/", {"email": "bob@example.com", "terms": "on"})

    sent = client.get(taken["Location"])
    assert taken["Location"] == free["Location"] == "/ko/account/sign-up/sent/"
    assert 'lang="ko"' in sent.content.decode()
    assert "이메일을 확인해 주세요" in headings(sent)
    assert Message.objects.get(to="ann@example.com").kind == "account_exists"


def test_a_too_short_password_in_korean_is_refused_beside_the_field_with_the_address_kept(client):
    client.post("/ko/account/sign-up/", {"email": "ann@example.com", "terms": "on"})

    response = client.post(opened_in_korean("ann@example.com"), {"password": "short1"})

    assert response.status_code == 200
    assert read_page(response).title.startswith("오류: 비밀번호 정하기")
    assert field_error(response, "password").startswith("8자 이상으로 정해 주세요.")
    assert "이메일 주소가 확인되었습니다: ann@example.com." in response.content.decode()
    assert not User.objects.exists()


def test_the_korean_account_opened_from_the_link_welcomes_in_korean(client):
    client.post("/ko/account/sign-up/", {"email": "ann@example.com", "terms": "on"})

    opened = client.post(opened_in_korean("ann@example.com"), {"password": STRONG}, follow=True)

    assert User.objects.filter(email="ann@example.com").exists()
    assert "Fernhill Goods에 오신 것을 환영합니다. 계정이 준비되었습니다." in opened.content.decode()


def test_django_s_own_sign_in_messages_come_in_the_page_language(client):
    response = client.post("/ko/account/sign-in/", {"username": "", "password": ""})

    assert field_error(response, "username") == field_error(response, "password") == "필수 항목입니다."
    assert '<label for="id_password">비밀번호' in response.content.decode()


def test_a_wrong_password_in_traditional_chinese_is_explained_in_traditional_chinese_keeping_the_address(client):
    UserFactory(email="ann@example.com")

    response = client.post("/zh-hant/account/sign-in/", {"username": "ann@example.com", "password": "not it"})

    page = response.content.decode()
    assert "這組電子郵件地址和密碼不符合任何帳號。請檢查兩者後再試一次。" in page
    assert 'value="ann@example.com"' in page


def test_the_account_page_in_traditional_chinese_has_its_language_and_its_headings_translated():
    customer = UserFactory(email="ann@example.com", first_name="Ann")
    OrderFactory(customer=customer)
    browser = Client()
    browser.force_login(customer)

    response = browser.get("/zh-hant/account/")

    page = response.content.decode()
    assert '<html lang="zh-Hant"' in page
    assert headings(response)[:3] == ["Ann，您好", "最近的訂單", "會員中心"]
    assert read_page(response).title.startswith("會員中心")
    assert "我的訂單" in page and "已儲存的地址" in page and "登出" in page
    assert "Latest orders" not in page and "Saved addresses" not in page


def test_a_saved_address_is_confirmed_in_simplified_chinese():
    customer = UserFactory(email="ann@example.com")
    address = AddressFactory(customer=customer)
    browser = Client()
    browser.force_login(customer)

    response = browser.post(f"/zh-hans/account/addresses/{address.pk}/use-first/", follow=True)

    assert f"结算时将优先使用此地址：{address}。" in response.content.decode()


def test_the_notifications_page_in_korean_asks_for_a_mobile_number_in_korean():
    customer = UserFactory(email="ann@example.com")
    browser = Client()
    browser.force_login(customer)

    response = browser.post("/ko/account/notifications/", {"notify_by_sms": "on", "phone": ""})

    assert field_error(response, "phone") == ("문자 메시지를 받으실 휴대전화 번호를 입력하시거나 "
                                               "‘상품이 발송되면 문자 메시지로 알려 주세요’ 선택을 해제해 주세요.")
