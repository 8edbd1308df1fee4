"""The shop's browsing pages in Korean, Traditional and Simplified Chinese as well as English: the listings'
filters, sorting and counts, search, the product page's stock and delivery promises, the size guide, the cart,
reviews; amounts in the shop's currency and the shop's country from settings, never a hand-written "£" or "UK"."""

import html
import re
from datetime import date, timedelta
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings as django_settings
from django.utils import translation

from orders.models import Order
from shop.delivery import delivery_estimate
from shop.models import Coupon, Review
from shop.reviews.services import product_rating_recompute
from shop.templatetags.shop_tags import day_range, hours_minutes
from tests.factories import OrderFactory, ProductFactory, UserFactory

pytestmark = pytest.mark.django_db

DRESSES = "clothing-women-dresses"


def text_of(response) -> str:
    """The page's words as a reader meets them: tags gone, entities read, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def main_text(response) -> str:
    """The words of the page's <main>: what this page says, without the header and footer every page shares."""
    main = re.search(r"<main\b.*?</main>", response.content.decode(), re.S).group()
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", main)).split())


@pytest.fixture
def dresses(category_tree_three_levels):
    return category_tree_three_levels[2]


@pytest.fixture
def wrap_dress(dresses):
    return ProductFactory(category=dresses, name="Wrap dress", slug="wrap-dress", colour="Rust", price=Decimal("25.00"),
                          dispatch_days=2, variants=[("10", 2), ("12", 9), ("14", 0)])


# --- Listings ------------------------------------------------------------------------------------------


def test_a_category_in_korean_names_its_filters_sorting_and_result_count_in_korean(client, dresses, wrap_dress):
    ProductFactory(category=dresses, colour="Navy", variants=[("10", 3)])

    page = text_of(client.get(f"/ko/category/{DRESSES}/"))

    for korean in ("필터 및 정렬", "정렬", "이름순 (A–Z)", "낮은 가격순", "가격", "최저 £", "최고 £", "다음만 보기",
                   "재고 있음", "세일", "색상", "사이즈", "결과 2개 보기", "상품 2개"):
        assert korean in page, korean
    for english in ("Filter and sort", "Sort by", "Price, low to high", "In stock", "On sale", "Colour", "2 products"):
        assert english not in page, english


def test_a_result_count_takes_the_plural_form_of_each_language(client, dresses, wrap_dress):
    english = text_of(client.get(f"/category/{DRESSES}/"))
    korean = text_of(client.get(f"/ko/category/{DRESSES}/"))
    chinese = text_of(client.get(f"/zh-hant/category/{DRESSES}/"))

    assert "1 product" in english and "1 products" not in english and "Show 1 result" in english
    assert "상품 1개" in korean and "결과 1개 보기" in korean
    assert "1 件商品" in chinese and "顯示 1 項結果" in chinese


def test_a_price_typed_wrongly_is_explained_in_korean_beside_its_field_and_kept(client, dresses, wrap_dress):
    response = client.get(f"/ko/category/{DRESSES}/", {"min_price": "싸게", "max_price": "50"})

    page = response.content.decode()
    assert ('<p class="field__error" id="id_min_price_error">영국 파운드 단위로 가격을 입력해 주세요'
            '(예: 25 또는 19.99).</p>') in page
    assert 'name="min_price" value="싸게"' in page and 'aria-describedby="id_min_price_error"' in page


def test_the_filters_in_use_name_themselves_in_the_language_and_the_amounts_in_the_shops_currency(client, dresses,
                                                                                                  wrap_dress):
    page = text_of(client.get(f"/zh-hans/category/{DRESSES}/", {"min_price": "20", "colour": "Rust"}))

    assert "删除筛选条件： £20.00 起" in page and "删除筛选条件： 颜色：Rust" in page and "清除所有筛选" in page


def test_the_price_filter_takes_its_currency_from_settings_never_a_written_pound(client, settings, dresses, wrap_dress):
    settings.SHOP = {**settings.SHOP, "currency": "EUR"}

    filtered = client.get(f"/category/{DRESSES}/", {"min_price": "€20", "max_price": "10"})

    page = main_text(filtered)
    assert "From €" in page and "To €" in page and "From €20.00" in page
    assert "Enter a price of at least €20.00, the lowest price you chose." in page
    assert "£" not in page
    wrong = text_of(client.get(f"/category/{DRESSES}/", {"min_price": "cheap"}))
    assert "Enter a price in euros, such as 25 or 19.99." in wrong


def test_page_links_and_the_count_of_a_long_listing_are_in_traditional_chinese(client, dresses):
    for number in range(30):
        ProductFactory(category=dresses, slug=f"dress-{number:02d}")

    page = text_of(client.get(f"/zh-hant/category/{DRESSES}/", {"page": "2"}))

    assert "顯示第 25–30 件，共 30 件商品" in page
    assert "第一頁" in page and "上一頁" in page and "Previous" not in page


# --- Search -----------------------------------------------------------------------------------------------


def test_a_misspelt_search_in_traditional_chinese_asks_did_you_mean_and_counts_what_it_found(client, dresses):
    ProductFactory(category=dresses, name="Harbour linen shirt", summary="A linen shirt.")

    page = text_of(client.get("/zh-hant/search/", {"q": "lnen shirt"}))

    assert "「lnen shirt」的搜尋結果" in page
    assert "您要找的是不是 linen shirt ？找不到符合「lnen shirt」的商品，因此以下是「linen shirt」的結果。" in page
    assert "找到 1 件商品" in page


def test_a_search_that_finds_nothing_says_what_to_try_in_korean(client, dresses):
    page = text_of(client.get("/ko/search/", {"q": "zzzqqq"}))

    assert "“zzzqqq”에 맞는 상품이 없습니다." in page and "철자를 확인하시거나," in page and "인기 카테고리" in page


def test_search_suggestions_count_themselves_and_say_did_you_mean_in_simplified_chinese(client, dresses):
    ProductFactory(category=dresses, name="Harbour linen shirt")

    response = client.get("/zh-hans/search/suggest/", {"q": "lnen"}, HTTP_HX_REQUEST="true")

    page = text_of(response)
    assert "您是不是要找“linen”？" in page and "有 1 条建议：请用上下方向键选择。" in page
    assert "“linen”的商品" in page and "查看“linen”的全部结果" in page


# --- The product page --------------------------------------------------------------------------------------


def test_a_product_page_in_simplified_chinese_promises_dispatch_and_delivery_in_chinese(client, wrap_dress):
    estimate = delivery_estimate(dispatch_days=2)

    response = client.get("/zh-hans/products/wrap-dress/")

    page = text_of(response)
    with translation.override("zh-hans"):
        delivered = " ".join(day_range(estimate.delivered_from, estimate.delivered_by).split())
    assert "2 个工作日内发货。" in page
    assert f"{estimate.dispatch_on.month}月{estimate.dispatch_on.day}日" in page
    assert f"预计 {delivered} 送达。" in page
    assert "英国境内运费 £3.95，订单满 £40 免运费。" in page
    assert "剩 2 件" in page and "已售罄" in page and "尺码表" in page and "加入购物车" in page
    assert "UK delivery" not in page and "Dispatched" not in page


def test_the_delivery_promise_names_the_shops_own_country_and_currency_from_settings(client, settings, wrap_dress):
    settings.SHOP = {**settings.SHOP, "home_country": "DE", "currency": "EUR"}

    english = main_text(client.get("/products/wrap-dress/"))
    korean = main_text(client.get("/ko/products/wrap-dress/"))

    assert "Germany delivery €3.95, free on orders of €40 or more." in english
    assert "독일 내 배송비 €3.95, €40 이상 주문 시 무료 배송." in korean
    assert "UK delivery" not in english and "£" not in english  # "UK sizes" in its size guide is a sizing system


def test_the_home_page_hero_writes_the_free_delivery_threshold_in_the_shops_currency(client, settings, wrap_dress):
    settings.SHOP = {**settings.SHOP, "currency": "EUR"}

    english = text_of(client.get("/"))
    korean = text_of(client.get("/ko/"))

    assert "Free delivery over €40, dispatched within one working day." in english
    assert "€40 이상 무료 배송, 영업일 기준 1일 이내 출고." in korean


def test_delivery_days_and_the_time_left_are_written_the_way_each_language_writes_them():
    thursday, friday, tuesday = date(2026, 11, 26), date(2026, 11, 27), date(2026, 12, 1)

    with translation.override("ko"):
        assert day_range(thursday, friday) == "11월 26일 (목요일) ~ 27일 (금요일)"
        assert hours_minutes(timedelta(hours=3, minutes=20)) == "3시간 20분"
    with translation.override("zh-hant"):
        assert day_range(thursday, tuesday) == "11月26日週四至12月1日週二"
        assert hours_minutes(timedelta(minutes=5)) == "5 分鐘"
    with translation.override("zh-hans"):
        assert day_range(thursday, friday) == "11月26日周四至27日周五"


def test_a_size_in_words_is_said_in_the_language_and_letter_sizes_stay_as_they_are(client, dresses):
    lamp = ProductFactory(category=dresses, name="Desk lamp", variants=[("One size", 4)])
    sheet = ProductFactory(category=dresses, name="Fitted sheet", variants=[("Single", 3), ("Double", 2), ("M", 1)])

    lamp_url, sheet_url = lamp.get_absolute_url(), sheet.get_absolute_url()

    one_size = text_of(client.get(f"/ko{lamp_url}"))
    sizes = text_of(client.get(f"/zh-hant{sheet_url}"))

    assert "사이즈: 원사이즈" in one_size
    assert "單人、雙人、M" in sizes


def test_back_to_results_follows_a_listing_in_another_language(client, dresses, wrap_dress):
    listing = f"http://testserver/ko/category/{DRESSES}/?sort=price-low"

    page = client.get("/ko/products/wrap-dress/", HTTP_REFERER=listing).content.decode()

    assert (f'<a href="/ko/category/{DRESSES}/?sort=price-low#product-{wrap_dress.pk}">목록으로 돌아가기</a>'
            in page)


def test_the_size_guide_in_traditional_chinese_translates_its_headings_and_how_to_measure(client):
    page = " ".join(client.get("/zh-hant/size-guides/mens-trousers/").content.decode().split())

    assert "<h1>尺寸表：男裝長褲</h1>" in page
    assert '<th scope="col">腰圍 <span class="size-guide__units">cm / in</span></th>' in page
    assert '<td>81<span class="visually-hidden"> 公分，</span>' in page
    assert "<dt>內側腿長</dt><dd>不穿鞋，從大腿內側最上方量到地面。</dd>" in page
    assert "數字代表腰圍（英吋），R 代表標準褲長。" in page


def test_the_gallery_and_the_sticky_bar_hand_their_words_to_javascript_in_the_language(client, wrap_dress):
    page = client.get("/ko/products/wrap-dress/").content.decode()

    assert 'data-status-text="사진 %(total)s장 중 %(number)s번째: %(description)s"' in page
    assert 'data-size-text=", 사이즈 %(size)s"' in page


# --- The cart ----------------------------------------------------------------------------------------------


def test_the_cart_in_korean_counts_its_items_and_says_what_changed(client, wrap_dress):
    ten = wrap_dress.variants.get(size="10")
    added = client.post("/ko/cart/add/", {"variant": ten.pk, "quantity": "2", "next": "/ko/cart/"}, follow=True)

    page = text_of(added)
    assert "Wrap dress (10) 2개를 장바구니에 담았습니다." in page
    assert "소계(2개)" in page and "배송비" in page and "합계" in page and "주문하기" in page
    assert "£50.00" in page and "£10.00 더 담으시면 무료 배송입니다." not in page  # £50.00 is over the threshold
    assert "무료 배송 대상 주문입니다." in page


def test_a_quantity_typed_wrongly_in_the_cart_is_explained_in_traditional_chinese_and_kept(client, wrap_dress):
    ten = wrap_dress.variants.get(size="10")
    client.post("/zh-hant/cart/add/", {"variant": ten.pk, "quantity": "1"})

    response = client.post("/zh-hant/cart/update/", {"variant": ten.pk, "quantity": "很多"}, HTTP_HX_REQUEST="true")

    page = response.content.decode()
    assert f'<p class="field__error" id="quantity-error-{ten.pk}">請輸入 0 到 99 之間的數量。</p>' in page
    assert 'value="很多" aria-invalid="true"' in page


def test_a_discount_code_that_needs_a_bigger_spend_says_so_in_simplified_chinese(client, wrap_dress):
    Coupon.objects.create(code="BIG", kind=Coupon.AMOUNT, value=Decimal("5"), minimum_spend=Decimal("60"))
    client.post("/zh-hans/cart/add/", {"variant": wrap_dress.variants.get(size="12").pk, "quantity": "1"})

    response = client.post("/zh-hans/cart/coupon/", {"code": "big"}, HTTP_HX_REQUEST="true")

    page = text_of(response)
    assert "优惠码 BIG 需消费满 £60.00，再买 £35.00 即可使用。" in page
    assert 'value="big"' in response.content.decode()


# --- Reviews -----------------------------------------------------------------------------------------------


def test_a_review_form_error_in_korean_sits_beside_its_field_with_what_was_typed_kept(client, wrap_dress):
    client.force_login(UserFactory())

    response = client.post(f"/ko/products/{wrap_dress.slug}/reviews/write/",
                           {"rating": "4", "title": "", "text": "따뜻하고 좋아요.", "display_name": "민지, 서울"})

    page = response.content.decode()
    assert "<title>오류: Wrap dress 리뷰 쓰기" in page
    assert '<p class="field__error" id="id_title_error">리뷰 제목을 몇 단어로 적어 주세요.</p>' in page
    assert "따뜻하고 좋아요.</textarea>" in page and 'value="민지, 서울"' in page
    assert 'value="4" required id="id_rating_3" checked' in page or re.search(r'value="4"[^>]*checked', page)
    assert "상품 사진을 JPEG, PNG, WebP 형식으로 최대 3장, 장당 5 MB까지 올리실 수 있습니다." in page


def test_reviews_in_traditional_chinese_give_the_average_the_spread_the_dates_and_the_vote(client, wrap_dress):
    for rating in (5, 4):
        Review.objects.create(product=wrap_dress, customer=UserFactory(), rating=rating, title="Nice", text="Fine.",
                              display_name="Bo", status=Review.Status.PUBLISHED, helpful_count=2)
    product_rating_recompute(product_id=wrap_dress.pk)

    page = text_of(client.get(f"/zh-hant/products/{wrap_dress.slug}/reviews/"))

    assert "4.5 分（滿分 5 分）" in page and "共 2 則評價" in page and "5 顆星" in page
    assert "顯示第 1–2 則評價，共 2 則，最有幫助的在前。" in page
    assert "這則評價對您有幫助嗎？" in page and "2 人覺得有幫助" in page
    assert f"{date.today().year}年" in page


def test_a_buyers_review_form_in_simplified_chinese_dates_the_purchase_in_chinese(client, wrap_dress):
    customer = UserFactory()
    order = OrderFactory(customer=customer, status=Order.Status.DELIVERED)
    order.lines.update(variant=wrap_dress.variants.first())
    client.force_login(customer)

    page = text_of(client.get(f"/zh-hans/products/{wrap_dress.slug}/reviews/write/"))

    created = order.created_at.astimezone()
    assert f"您在 {created.year}年{created.month}月{created.day}日 购买了这件商品" in page
    assert "已验证购买" in page and "提交评价" in page


# --- Nothing of ours left in English ------------------------------------------------------------------------


class _Words(HTMLParser):
    """Every run of text on a page, and the words of its attributes a person reads or hears; not those of the
    question form, whose fields support/questions/forms.py labels."""

    READ = {"aria-label", "alt", "title", "placeholder", "data-status-text", "data-size-text"}
    ELSEWHERE = "questions-ask"

    def __init__(self):
        super().__init__()
        self.found: set[str] = set()
        self._skipping, self._depth = "", 0

    def handle_starttag(self, tag, attrs):
        if dict(attrs).get("id") == self.ELSEWHERE:
            self._skipping = tag
        if tag == self._skipping:
            self._depth += 1
        if not self._depth:
            self.found.update(" ".join(value.split()) for name, value in attrs if name in self.READ and value)

    def handle_endtag(self, tag):
        if tag == self._skipping:
            self._depth -= 1
            self._skipping = self._skipping if self._depth else ""

    def handle_data(self, data):
        if data.strip() and not self._depth:
            self.found.add(" ".join(data.split()))


def _our_english(language: str) -> set[str]:
    """The English this area writes (shop/ and templates/shop/), as whole texts with no placeholder, where the
    language says something else."""
    path = Path(django_settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
    with path.open("rb") as file:
        catalogue = read_po(file)
    ours = set()
    for message in catalogue:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        mine = any(place.startswith(("shop/", "templates/shop/")) for place, _ in message.locations)
        if mine and ids[0] and "%" not in ids[0] and "<" not in ids[0] and ids[0] not in strings:
            ours.add(" ".join(ids[0].split()))
    return ours


@pytest.mark.parametrize(("prefix", "language"), [("/ko", "ko"), ("/zh-hant", "zh_Hant"), ("/zh-hans", "zh_Hans")])
def test_no_words_of_the_shops_browsing_pages_are_left_in_english(client, prefix, language, dresses, wrap_dress):
    ProductFactory(category=dresses, name="Desk lamp", variants=[("One size", 4)], sale_price=Decimal("30.00"))
    Review.objects.create(product=wrap_dress, customer=UserFactory(), rating=2, title="Too tight", text="Runs small.",
                          display_name="Bo", status=Review.Status.PUBLISHED, shop_reply="Sorry to hear it.")
    product_rating_recompute(product_id=wrap_dress.pk)
    client.post(f"{prefix}/cart/add/", {"variant": wrap_dress.variants.get(size="10").pk, "quantity": "1"})
    pages = ["/", f"/category/{DRESSES}/?colour=Rust&min_price=1", f"/category/{DRESSES}/?min_price=abc",
             "/products/wrap-dress/", "/products/wrap-dress/reviews/", "/search/?q=dress",
             "/search/?q=zzzqqq", "/search/", "/cart/", "/cart/mini/", "/size-guides/womens-dresses/"]
    english = _our_english(language)

    left = {}
    for path in pages:
        reader, page = _Words(), client.get(prefix + path).content.decode()
        main = re.search(r"<main\b.*?</main>", page, re.S)  # the header and footer are every page's, not ours
        reader.feed(main.group() if main else page)
        if found := reader.found & english:
            left[path] = found

    assert left == {}
