"""Checkout, tracking, returns and the survey in the shop's other languages: the messages beside each field,
the error summary, countries, statuses and dates in the page's language, with what the shopper typed kept."""

from decimal import Decimal
from html.parser import HTMLParser

import pytest

from orders.survey.links import survey_link
from tests.factories import ProductFactory, as_guest_who_looked_it_up, delivered_order, placed_order

pytestmark = pytest.mark.django_db

# Deliberate mistakes: a postcode that is not a British one, a phone number nobody can dial, no name.
MISTAKES = {"email": "minji@example.com", "full_name": "", "line1": "12 Mill Lane", "line2": "", "city": "Bristol",
            "region": "", "postcode": "12345", "country": "GB", "phone": "12"}
DETAILS = {**MISTAKES, "full_name": "김민지", "postcode": "BS1 4XE", "phone": "07400 123456"}
BAD_EXPIRY = {"method": "card", "card_number": "4242 4242 4242 4242", "card_name": "MINJI KIM",
              "card_expiry": "13/29", "card_security_code": "123"}


class FormPage(HTMLParser):
    """What a form page shows: each field's message (its `id_<name>_error` element), each input's value, the
    error summary's heading and items, the page's title and language."""

    def __init__(self, html: str):
        super().__init__()
        self.messages, self.values, self.summary_items = {}, {}, []
        self.summary_heading = self.title = self.language = ""
        self._collecting: tuple[str, str] | None = None  # (what, key) while inside an element of interest
        self._in_summary = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        element_id = attributes.get("id") or ""
        if tag == "html":
            self.language = attributes.get("lang", "")
        elif tag == "title":
            self._collecting = ("title", "")
        elif element_id == "error-summary":
            self._in_summary = True
        elif element_id == "error-summary-title":
            self._collecting = ("heading", "")
        elif tag == "li" and self._in_summary:
            self.summary_items.append("")
            self._collecting = ("item", "")
        elif element_id.endswith("_error") and element_id.startswith("id_"):
            self._collecting = ("message", element_id[3:-6])
            self.messages[element_id[3:-6]] = ""
        elif tag == "input" and attributes.get("name") and attributes.get("type") not in {"hidden", "radio"}:
            self.values[attributes["name"]] = attributes.get("value", "")

    def handle_endtag(self, tag):
        if tag in {"title", "h2", "li", "p"}:
            self._collecting = None
        if tag == "ul" and self._in_summary:
            self._in_summary = False

    def handle_data(self, data):
        if self._collecting is None:
            return
        what, key = self._collecting
        if what == "title":
            self.title += data
        elif what == "heading":
            self.summary_heading += data
        elif what == "item":
            self.summary_items[-1] += data
        else:
            self.messages[key] += data


def page_after(response) -> FormPage:
    assert response.status_code == 200, response.status_code
    return FormPage(response.content.decode())


@pytest.fixture
def cart(client):
    product = ProductFactory(name="Linen shirt", price=Decimal("30.00"), variants=[("M", 5)])
    client.post("/ko/cart/add/", {"variant": product.variants.first().pk, "quantity": 1})
    return client


def test_checkout_in_korean_with_deliberate_mistakes_says_what_to_fix_in_korean_and_keeps_what_was_typed(cart):
    details = page_after(cart.post("/ko/checkout/details/", MISTAKES))

    assert details.language == "ko"
    assert details.title.startswith("오류: ")
    assert details.messages["full_name"] == "택배에 적힐 받는 분 이름을 입력해 주세요."
    assert details.messages["postcode"] == "우편번호를 SW1A 1AA 형식으로 입력해 주세요."
    assert details.messages["phone"] == ("영국에서 연결되는 전화번호를 입력해 주세요(예: 07400 123456). "
                                         "국가 번호를 붙여 입력하셔도 됩니다.")
    assert details.summary_heading.strip() == "확인이 필요한 항목이 있습니다"
    assert details.summary_items == [details.messages[name] for name in ["full_name", "postcode", "phone"]]
    assert (details.values["postcode"], details.values["phone"], details.values["line1"],
            details.values["email"]) == ("12345", "12", "12 Mill Lane", "minji@example.com")

    assert cart.post("/ko/checkout/details/", DETAILS)["Location"] == "/ko/checkout/delivery/"
    assert cart.post("/ko/checkout/delivery/", {"method": "standard"})["Location"] == "/ko/checkout/payment/"
    payment = page_after(cart.post("/ko/checkout/payment/", BAD_EXPIRY))

    assert payment.title.startswith("오류: ")
    assert payment.messages["card_expiry"] == "유효기간을 월/년으로 입력해 주세요. 예: 04/29"
    assert payment.summary_heading.strip() == "확인이 필요한 항목이 있습니다"
    assert payment.summary_items == ["유효기간을 월/년으로 입력해 주세요. 예: 04/29"]
    assert (payment.values["card_expiry"], payment.values["card_name"], payment.values["card_number"]) == (
        "13/29", "MINJI KIM", "4242 4242 4242 4242")


def test_a_step_in_traditional_chinese_with_mistakes_says_them_in_traditional_chinese_with_everything_kept(cart):
    details = page_after(cart.post("/zh-hant/checkout/details/", {**MISTAKES, "full_name": "王小明"}))

    assert details.language == "zh-Hant"
    assert details.title.startswith("錯誤：")
    assert details.messages["postcode"] == "請依 SW1A 1AA 的格式輸入郵遞區號。"
    assert details.messages["phone"] == "請輸入在英國可撥通的電話號碼，例如 07400 123456，或加上國碼輸入。"
    assert details.summary_heading.strip() == "有資料需要修正"
    assert details.summary_items == [details.messages["postcode"], details.messages["phone"]]
    assert (details.values["full_name"], details.values["postcode"], details.values["phone"]) == (
        "王小明", "12345", "12")


def test_the_checkout_names_countries_in_the_pages_language_and_keeps_each_countrys_postcode_example(cart):
    korean = cart.get("/ko/checkout/details/").content.decode()
    irish = cart.post("/zh-hans/checkout/address-fields/", {"country": "IE"}).content.decode()

    assert '<option value="GB" selected>영국</option>' in korean and '<option value="US">미국</option>' in korean
    assert "예: SW1A 1AA" in korean  # the example stays the country's own
    assert "Eircode 邮政编码" in irish and "例如 D02 X285。" in irish and "请选择郡" in irish


def test_the_payment_step_gives_its_script_the_card_messages_in_the_pages_language(cart):
    cart.post("/zh-hans/checkout/details/", DETAILS)
    cart.post("/zh-hans/checkout/delivery/", {"method": "standard"})

    page = cart.get("/zh-hans/checkout/payment/").content.decode()

    assert 'data-message-expiry-invalid="请按月/年输入有效期，例如 04/29。"' in page
    assert 'data-summary-title="有信息需要修改"' in page and 'data-error-prefix="错误："' in page


def test_the_tracking_page_in_simplified_chinese_writes_the_status_and_dates_as_chinese_does(client):
    order = placed_order()
    as_guest_who_looked_it_up(client, order)

    page = client.get(f"/zh-hans/track/{order.number}/").content.decode()

    assert '<span class="tracking-now__label">状态：</span>已下单' in page
    assert "我们已收到您的订单，正在确认中。" in page
    assert f"{order.delivered_by.month}月{order.delivered_by.day}日" in page
    assert "Expected" not in page and "Placed on" not in page


def test_the_withdrawal_page_in_korean_states_the_deadline_in_korean(client):
    order = delivered_order(days_ago=3)
    as_guest_who_looked_it_up(client, order)

    page = client.get(f"/ko/orders/{order.number}/withdraw/").content.decode()

    assert "법에 따라 배송 완료 후 14일 이내에 사유 없이 청약을 철회하실 수 있습니다." in page
    assert "청약 철회 신청하기" in page and "14 days" not in page


def test_the_survey_in_traditional_chinese_says_what_is_missing_in_traditional_chinese_keeping_the_answers(client):
    token = survey_link(delivered_order()).rstrip("/").rsplit("/", 1)[1]

    response = client.post(f"/zh-hant/survey/{token}/", {"csat": "4", "ces": "2", "comment": "包裝很用心"})
    page = page_after(response)

    assert page.messages["nps"] == "請選擇 0 到 10 的數字，表示您向朋友推薦我們的可能性。"
    assert page.summary_items == [page.messages["nps"]]
    html = response.content.decode()
    assert "您對這次訂單的滿意度如何？" in html and "包裝很用心</textarea>" in html
    assert 'value="4" id="id_csat_3" required checked' in html
