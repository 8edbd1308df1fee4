"""The help centre, the contact form, feedback, the votes and the policies speak the page's language: headings,
labels, every message beside a field (the honeypot's and the pause's included), with what was typed kept."""

import html
import re

import pytest

from support.models import HelpArticle, HelpTopic, Poll, PollChoice, Ticket
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def field_error(response, name: str) -> str:
    found = re.search(rf'<p class="field__error" id="(?:id_)?{name}_error">(.*?)</p>', response.content.decode(), re.S)
    return html.unescape(found.group(1)).strip() if found else ""


def headings(response) -> list[str]:
    return [re.sub(r"<[^>]+>", "", heading).strip()
            for heading in re.findall(r"<h[1-3][^>]*>(.*?)</h[1-3]>", text_of(response), re.S)]


def contact_form(**changes) -> dict:
    return {"name": "Ann Smith", "email": "ann@example.com", "topic": "delivery", "order_number": "",
            "message": "My parcel has not arrived yet.", "page": "", "website": "", **changes}


@pytest.fixture
def article():
    topic = HelpTopic.objects.create(slug="returns", name="Returns and refunds")
    return HelpArticle.objects.create(topic=topic, slug="sending-things-back", title="Sending things back",
                                      summary="Within 30 days.", body="Some text.", author="Priya")


# --- Contact ----------------------------------------------------------------------------------------------


def test_the_contact_form_in_simplified_chinese_with_an_empty_message_says_so_in_chinese_keeping_the_rest(client):
    response = client.post("/zh-hans/contact/", contact_form(message=""))

    page = text_of(response)
    assert response.status_code == 200 and not Ticket.objects.exists()
    assert '<html lang="zh-Hans"' in page
    assert field_error(response, "message") == "请填写留言内容：发生了什么，以及您希望我们如何处理。"
    assert 'value="Ann Smith"' in page and 'value="ann@example.com"' in page
    assert '<option value="delivery" selected>配送</option>' in page
    assert "<title>错误：" in page


def test_the_contact_page_in_korean_labels_its_fields_its_honeypot_and_its_topics_in_korean(client):
    page = text_of(client.get("/ko/contact/"))

    assert '<label for="contact-website">이 칸은 비워 두세요. 스팸 로봇을 막기 위한 칸입니다</label>' in page
    assert '<label for="id_message">문의 내용</label>' in page
    assert '<option value="complaint">불만 접수</option>' in page
    assert "<dt>불만 접수</dt><dd>영업일 기준 1일 이내</dd>" in page
    assert "<dt>그 밖의 문의</dt><dd>영업일 기준 2일 이내</dd>" in page


def test_a_robot_filling_the_honeypot_in_traditional_chinese_is_thanked_in_traditional_chinese(client):
    response = client.post("/zh-hant/contact/", contact_form(website="https://cheap-pills.example"))

    assert "Ann Smith，謝謝您：我們已收到您的訊息" in headings(response)
    assert not Ticket.objects.exists()


def test_the_thank_you_page_in_korean_gives_the_reference_and_the_day_in_korean(client):
    sent = client.post("/ko/contact/", contact_form(topic="complaint"), follow=True)

    ticket = Ticket.objects.get()
    page = text_of(sent)
    assert f"<title>문의 접수 완료: 접수 번호 {ticket.reference}" in page
    assert "Ann Smith님, 감사합니다. 문의가 접수되었습니다" in headings(sent)
    assert re.search(r"불만 사항은 가장 먼저 처리합니다\. 영업일 기준 1일 이내, "
                     r"늦어도 \d+월 \d+일 [월화수목금]요일까지 ann@example\.com\(으\)로 답변드립니다\.", page)


def test_the_contact_form_paused_after_many_sends_says_so_in_traditional_chinese(client):
    for _ in range(8):
        client.post("/zh-hant/contact/", contact_form(message=""))

    paused = client.post("/zh-hant/contact/", contact_form(message=""))

    assert paused.status_code == 429
    assert "嘗試次數過多" in headings(paused)


# --- Help centre, votes and feedback ----------------------------------------------------------------------


def test_the_help_centre_in_korean_writes_its_search_box_headings_and_way_to_a_person_in_korean(client, article):
    home = client.get("/ko/help/")
    read = client.get(f"/ko/help/{article.slug}/")

    page = text_of(home)
    assert '<label for="help-q">고객센터 검색</label>' in page
    assert 'placeholder="예: 환불, 배송 기간, 비밀번호"' in page
    assert headings(home)[0] == "고객센터"
    assert "도움이 되었나요?" in headings(read) and "도움이 더 필요하신가요?" in headings(read)
    assert "<title>Sending things back · 고객센터 · " in text_of(read)


def test_a_help_search_in_simplified_chinese_counts_and_fails_in_chinese(client, article):
    found = text_of(client.get("/zh-hans/help/search/", {"q": "sending"}))
    nothing = text_of(client.get("/zh-hans/help/search/", {"q": "zzqx"}))

    assert "找到 1 篇文章。" in found
    assert "没有找到与“zzqx”相关的帮助文章。" in nothing


def test_an_article_vote_without_an_answer_is_asked_again_in_traditional_chinese(client, article):
    response = client.post(f"/zh-hant/help/{article.slug}/vote/", {"helpful": ""}, headers=HTMX)

    page = text_of(response)
    assert '<p class="field__error">請按「有」或「沒有」，告訴我們這篇文章是否有幫助。</p>' in page
    assert ">有</button>" in page and ">沒有</button>" in page


def test_the_poll_in_korean_counts_votes_in_korean(client):
    poll = Poll.objects.create(question="What would make shopping here easier?")
    faster = PollChoice.objects.create(poll=poll, text="Faster delivery", position=1)

    response = client.post(f"/ko/help/poll/{poll.pk}/", {"choice": faster.pk}, headers=HTMX)

    page = text_of(response)
    assert "투표해 주셔서 감사합니다" in page and "지금까지 1표:" in page
    assert "100%(1표)" in page and "(내 답변)" in page


def test_feedback_without_a_message_in_korean_asks_for_it_in_korean_and_the_script_has_its_words(client):
    response = client.post("/ko/feedback/", {"page": "/ko/help/", "feedback-message": "", "feedback-email": "a@b.c"},
                           headers=HTMX)

    page = text_of(response)
    assert field_error(response, "feedback-message") == ("의견을 입력해 주세요. 좋은 점, 불편한 점, 부족한 점 무엇이든 "
                                                         "괜찮습니다.")
    assert 'value="a@b.c"' in page
    assert 'data-offline-text="의견을 전달하지 못했습니다. 인터넷 연결을 확인하신 후 다시 보내 주세요."' in page


def test_feedback_is_thanked_in_simplified_chinese(client):
    response = client.post("/zh-hans/feedback/", {"page": "/zh-hans/help/", "feedback-message": "很好用"},
                           headers=HTMX)

    assert "感谢您的反馈：每一条我们都会认真阅读。" in text_of(response)


def test_a_product_question_is_thanked_in_korean(client):
    product = ProductFactory()

    response = client.post(f"/ko/products/{product.slug}/questions/",
                           {"question": "Is it warm?", "email": "ann@example.com", "name": ""}, follow=True)

    thanks = "질문해 주셔서 감사합니다. 답변은 보통 영업일 기준 하루 이내에 ann@example.com(으)로 보내 드립니다."
    assert thanks in text_of(response)


# --- The site map and the policies --------------------------------------------------------------------------


def test_the_site_map_in_simplified_chinese_has_its_headings_and_links_in_chinese(client):
    response = client.get("/zh-hans/site-map/")

    page = text_of(response)
    groups = ["网站地图", "购物", "商品分类", "客户服务", "关于我们", "法律信息", "向这家商店学习"]
    assert headings(response)[:7] == groups
    assert '<a href="/zh-hans/returns-policy/">退货政策</a>' in page


def test_the_returns_policy_in_korean_quotes_the_promise_and_the_law_in_korean(client, settings):
    settings.SHOP = {**settings.SHOP, "return_days": 30, "returns_free": True, "refund_days": 5}

    response = client.get("/ko/returns-policy/")

    page = text_of(response)
    assert "<title>반품 정책 · " in page
    assert "마음이 바뀌셨나요? 배송받으신 날부터 30일 이내에 무료로 반품하실 수 있습니다." in page
    assert "영업일 기준 5일 이내" in page and "저희는 이보다 긴 30일의 기간을 드립니다." in page


def test_the_delivery_policy_in_traditional_chinese_lists_the_countries_as_chinese_writes_a_list(client):
    response = client.get("/zh-hant/delivery/")

    page = text_of(response)
    assert "配送地區" in headings(response)
    assert re.search(r"<p>[^<]+、[^<]+和[^<]+。", page)
    assert "工作天為週一至週五。" in page
