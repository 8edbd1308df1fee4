"""The shared layout in the shop's languages: the service bar's promise written with the shop's money and no
sign by hand, and the parts every page shares (breadcrumbs, error summary, optional fields, page links, the
limit on tries) in the page's language."""

import re
from html import unescape
from types import SimpleNamespace

import pytest
from django import forms
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation
from django.utils.html import strip_tags

from storefront.ratelimit import limit_message

pytestmark = pytest.mark.django_db


def service_bar(response) -> str:
    """The service bar's hotline and promises, as words (the text sizes and the language names left out)."""
    page = response.content.decode()
    parts = re.findall(r'<p class="service-bar__(?:hotline|promises)">(.*?)</p>', page, re.S)
    return " ".join(" ".join(unescape(strip_tags(part)).split()) for part in parts)


def test_the_service_bar_in_simplified_chinese_has_no_pound_sign_by_hand_and_its_words_are_chinese(client, settings):
    settings.SHOP = {**settings.SHOP, "currency": "EUR"}  # a "£" left in a template would show beside euros

    bar = service_bar(client.get("/zh-hans/site-map/"))

    assert "£" not in bar and "UK" not in bar
    assert "满 €40 免运费" in bar
    assert "30 天内可退货" in bar and "帮助中心" in bar and "查询订单" in bar
    assert re.findall(r"[A-Za-z]{2,}", bar) == []  # no English word left: the figures, the phone number only


def test_the_service_bar_in_english_writes_the_free_delivery_amount_as_a_round_sum(client):
    bar = service_bar(client.get("/site-map/"))

    assert "Free delivery over £40" in bar  # a round promise, not a price with pence


def test_the_breadcrumbs_in_korean_start_at_home_in_korean(client):
    page = client.get("/ko/site-map/").content.decode()

    nav = re.search(r'<nav class="breadcrumbs" aria-label="현재 위치">.*?</nav>', page, re.S).group(0)
    assert '">홈</a>' in nav and "Home" not in nav


class AskForm(forms.Form):
    name = forms.CharField(label="Name")
    note = forms.CharField(label="Note", required=False)


def test_the_error_summary_and_an_optional_field_speak_korean_and_keep_what_was_typed():
    form = AskForm(data={"name": "", "note": "문 앞에 두세요"})
    form.is_valid()

    with translation.override("ko"):
        summary = render_to_string("_error_summary.html", {"form": form})
        optional = render_to_string("_field.html", {"field": form["note"]})

    assert "확인이 필요한 항목이 있습니다" in summary and "There is a problem" not in summary
    assert '<span class="field__optional">(선택)</span>' in optional
    assert 'value="문 앞에 두세요"' in optional


@pytest.mark.parametrize(("language", "read_out"), [
    ("en-gb", '<span class="visually-hidden">Page </span>2'),
    ("zh-hant", '<span class="visually-hidden">第 </span>2<span class="visually-hidden"> 頁</span>'),
    ("ko", '2<span class="visually-hidden">페이지</span>'),
])
def test_page_links_name_the_page_for_screen_readers_as_each_language_says_it(language, read_out):
    links = [SimpleNamespace(label="1", url="?page=1", rel="prev", is_current=False, is_number=True),
             SimpleNamespace(label="2", url="?page=2", rel="", is_current=True, is_number=True)]

    with translation.override(language):
        pagination = render_to_string("_pagination.html", {"links": links})

    assert f'<span class="pagination__current" aria-current="page">{read_out}</span>' in pagination


def test_a_small_form_past_its_limit_asks_in_korean_to_wait():
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")
    limit_message(request, scope="layout-test", limit=1, per_seconds=60)

    with translation.override("ko"):
        message = limit_message(request, scope="layout-test", limit=1, per_seconds=60)

    assert re.fullmatch(r"짧은 시간에 시도가 너무 많았습니다\. 약 [12]분 후에 다시 시도해 주세요\.", message)
