"""The shop in English, Traditional and Simplified Chinese and Korean: the address, the first visit, the switch,
the hreflang alternates and the customer's remembered choice (storefront/languages.py, accounts.views)."""

import re
from decimal import Decimal
from urllib.robotparser import RobotFileParser

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from tests.factories import ProductFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def alternates(response) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', response.content.decode()))


def test_a_browser_asking_for_taiwanese_chinese_on_its_first_visit_lands_on_the_traditional_chinese_shop(client):
    first = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-TW,zh;q=0.9,en;q=0.5", HTTP_USER_AGENT=CHROME)
    page = client.get(first["Location"])

    assert first.status_code == 302 and first["Location"] == "/zh-hant/"
    assert html_lang(page) == "zh-Hant"
    html = page.content.decode()
    assert "購物車" in html and "搜尋" in html and "登入" in html and "跳到主要內容" in html


@pytest.mark.parametrize(("accept_language", "prefix"), [
    ("zh-HK", "/zh-hant"), ("zh-CN,zh;q=0.9", "/zh-hans"), ("zh-SG", "/zh-hans"), ("ko-KR,ko;q=0.9", "/ko"),
])
def test_a_first_visit_follows_the_browsers_language_to_the_same_page_and_filters(client, accept_language, prefix):
    response = client.get("/search/?q=linen&sort=price", HTTP_ACCEPT_LANGUAGE=accept_language)

    assert response.status_code == 302
    assert response["Location"] == f"{prefix}/search/?q=linen&sort=price"


def test_an_english_browser_stays_on_the_unprefixed_english_pages_as_before(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert response.status_code == 200
    assert html_lang(response) == "en-GB"
    html = response.content.decode()
    assert 'href="/cart/"' in html and 'href="/help/"' in html and "Skip to main content" in html


def test_a_crawler_asking_for_chinese_is_never_redirected(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-TW", HTTP_USER_AGENT=GOOGLEBOT)

    assert response.status_code == 200
    assert html_lang(response) == "en-GB"


def test_a_visitor_who_chose_english_is_not_sent_to_their_browsers_language_again(client):
    client.post("/language/", {"language": "en-gb", "next": "/help/"})

    response = client.get("/help/", HTTP_ACCEPT_LANGUAGE="ko-KR")

    assert response.status_code == 200
    assert html_lang(response) == "en-GB"


def test_a_visitor_who_chose_korean_reads_an_english_address_they_follow_in_korean(client):
    client.post("/language/", {"language": "ko", "next": "/"})

    followed = client.get("/help/?from=email", HTTP_ACCEPT_LANGUAGE="en-GB")  # an e-mail's links are unprefixed

    assert followed["Location"] == "/ko/help/?from=email"


def test_an_english_address_tells_caches_that_its_answer_depends_on_the_language_and_the_cookie(client):
    redirect = client.get("/help/", HTTP_ACCEPT_LANGUAGE="ko")
    english = client.get("/help/", HTTP_ACCEPT_LANGUAGE="en")

    for response in (redirect, english):
        vary = {part.strip() for part in response["Vary"].split(",")}
        assert {"Accept-Language", "Cookie"} <= vary


def test_machines_addresses_stay_outside_the_language_prefixes(client):
    assert client.get("/healthz", HTTP_ACCEPT_LANGUAGE="zh-TW").status_code == 200
    assert client.get("/robots.txt", HTTP_ACCEPT_LANGUAGE="ko").status_code == 200
    assert client.get("/sitemap.xml", HTTP_ACCEPT_LANGUAGE="ko").status_code == 200
    assert client.get("/ko/healthz").status_code == 404
    assert client.get("/ko/admin/").status_code == 404
    assert client.get("/admin/", HTTP_ACCEPT_LANGUAGE="ko")["Location"].startswith("/admin/login/")


def test_the_switch_keeps_the_shopper_on_the_same_page_with_the_same_filters(client):
    to_chinese = client.post("/language/", {"language": "zh-hans", "next": "/search/?q=linen&colour=navy"})
    to_english = client.post("/language/", {"language": "en-gb", "next": "/ko/search/?q=linen&colour=navy"})

    assert to_chinese["Location"] == "/zh-hans/search/?q=linen&colour=navy"
    assert to_english["Location"] == "/search/?q=linen&colour=navy"
    assert client.cookies["django_language"].value == "en-gb"


def test_the_switch_never_sends_the_shopper_to_another_site(client):
    response = client.post("/language/", {"language": "ko", "next": "//evil.example/"})

    assert response["Location"] == "/ko/"


@pytest.mark.parametrize("next_path", ["/ko//evil.example/", "/zh-hant//evil.example/", "/ko/\\evil.example/"])
def test_no_address_under_a_language_prefix_sends_the_shopper_to_another_site(client, next_path):
    UserFactory(email="ann@example.com", language="en-gb")

    switched = client.post("/language/", {"language": "en-gb", "next": next_path})
    signed_in = client.post(f"/account/sign-in/?next={next_path}", {"username": "ann@example.com",
                                                                    "password": PASSWORD})
    missing = client.get(next_path)

    assert switched["Location"] == "/evil.example/"
    assert signed_in["Location"] == "/evil.example/"
    assert missing.status_code == 404
    assert all(href.startswith("http://testserver/") for href in alternates(missing).values())


def test_the_switch_on_a_page_offers_every_language_written_in_itself(client):
    html = client.get("/ko/help/").content.decode()

    assert '<input type="hidden" name="next" value="/ko/help/">' in html
    for code, tag, name in [("en-gb", "en-GB", "English"), ("zh-hant", "zh-Hant", "繁體中文"),
                            ("zh-hans", "zh-Hans", "简体中文")]:
        assert f'value="{code}" lang="{tag}">{name}</button>' in html
    assert 'value="ko" lang="ko" aria-current="page">한국어</button>' in html


def test_the_checkout_has_the_switch_in_its_enclosed_header_and_its_words_in_the_language(client, product):
    client.post("/cart/add/", {"variant": product.variants.first().pk, "quantity": 1})

    html = client.get("/ko/checkout/details/").content.decode()

    header = html[html.index("site-header__inner--enclosed"):html.index("</header>")]
    assert 'class="language-switch"' in header and 'value="/ko/checkout/details/"' in header
    assert "장바구니로 돌아가기" in header


def test_a_customers_choice_follows_them_to_a_sign_in_on_another_browser(client):
    customer = UserFactory(email="min@example.com")
    client.force_login(customer)
    client.post("/language/", {"language": "ko", "next": "/account/"})
    other_browser = Client()

    signed_in = other_browser.post("/account/sign-in/?next=/cart/",
                                   {"username": "min@example.com", "password": PASSWORD})

    customer.refresh_from_db()
    assert customer.language == "ko"
    assert signed_in["Location"] == "/ko/cart/"
    assert other_browser.cookies["django_language"].value == "ko"


def test_signing_in_without_a_chosen_language_keeps_the_language_of_the_page(client):
    UserFactory(email="lin@example.com")

    signed_in = client.post("/zh-hant/account/sign-in/?next=/zh-hant/cart/",
                            {"username": "lin@example.com", "password": PASSWORD})

    assert signed_in["Location"] == "/zh-hant/cart/"


def test_staff_see_each_customers_language_in_the_back_office(client):
    UserFactory(email="min@example.com", language="ko")
    client.force_login(UserFactory(email="sam@fernhill.example", is_staff=True, is_superuser=True))

    html = client.get("/admin/accounts/user/").content.decode()

    assert "한국어" in html


def test_hreflang_alternates_name_every_language_and_point_at_each_other(client):
    pages = {prefix: client.get(f"{prefix}/help/") for prefix in ("", "/zh-hant", "/zh-hans", "/ko")}

    expected = {"en-GB": "http://testserver/help/", "zh-Hant": "http://testserver/zh-hant/help/",
                "zh-Hans": "http://testserver/zh-hans/help/", "ko": "http://testserver/ko/help/",
                "x-default": "http://testserver/help/"}
    for prefix, page in pages.items():
        assert alternates(page) == expected, prefix
    assert [html_lang(page) for page in pages.values()] == ["en-GB", "zh-Hant", "zh-Hans", "ko"]


def test_the_sitemap_lists_each_page_in_every_language_with_its_alternates(client):
    xml = client.get("/sitemap-pages.xml").content.decode()

    assert "<loc>http://testserver/ko/help/</loc>" in xml
    assert '<xhtml:link rel="alternate" hreflang="zh-hant" href="http://testserver/zh-hant/help/"/>' in xml
    assert '<xhtml:link rel="alternate" hreflang="x-default" href="http://testserver/help/"/>' in xml


def test_a_korean_page_writes_prices_as_korean_does_whatever_the_browser(client):
    product = ProductFactory(price=Decimal("1234.50"))

    english = client.get(product.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="de-DE").content.decode()
    korean = client.get(f"/ko{product.get_absolute_url()}", HTTP_ACCEPT_LANGUAGE="de-DE").content.decode()

    assert "1.234,50" in english  # an English page still writes numbers as the browser does
    assert "£1,234.50" in korean and "1.234,50" not in korean


@pytest.mark.parametrize(("language", "tag", "heading"), [
    ("zh-hant", "zh-Hant", "我們找不到這個網頁"), ("zh-hans", "zh-Hans", "我们找不到这个页面"),
    ("ko", "ko", "요청하신 페이지를 찾을 수 없습니다"),
])
def test_a_missing_page_is_explained_in_the_language_of_its_address(client, language, tag, heading):
    response = client.get(f"/{language}/no-such-page/")

    assert response.status_code == 404
    assert html_lang(response) == tag and f"<h1>{heading}</h1>" in response.content.decode()


def test_the_error_and_pause_pages_are_written_in_the_active_language():
    with translation.override("ko"):
        server_error = render_to_string("500.html")
    with translation.override("zh-hans"):
        paused = render_to_string("429.html", {"minutes_left": 5, "shop": {"hotline": "1", "hotline_hours": ""}})

    assert '<html lang="ko">' in server_error and "죄송합니다" in server_error
    assert "请在约 5 分钟后重试" in paused


def test_crawlers_keep_out_of_accounts_in_every_language_but_may_list_sign_in():
    rules = RobotFileParser()
    rules.parse(Client().get("/robots.txt").content.decode().splitlines())

    for prefix in ["", "/zh-hant", "/zh-hans", "/ko"]:
        assert not rules.can_fetch("AnyBot", f"http://testserver{prefix}/account/orders/"), prefix
        assert rules.can_fetch("AnyBot", f"http://testserver{prefix}/account/sign-in/"), prefix
        assert rules.can_fetch("AnyBot", f"http://testserver{prefix}/products/a-mug/"), prefix
    assert not rules.can_fetch("AnyBot", "http://testserver/admin/")
