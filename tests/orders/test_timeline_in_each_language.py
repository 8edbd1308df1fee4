"""The shop's own notes on an order's timeline are written in the reader's language: the page's on the tracking
and account pages, the e-mail's in an e-mail, English in the back office; staff's free text shows as typed."""

from decimal import Decimal
from html import unescape

import pytest
from django.utils import translation

from orders.models import Order, OrderEvent
from orders.returns.services import order_cancel_lines
from storefront.money import format_money, prices_written_in
from tests.factories import UserFactory, as_guest_who_looked_it_up, placed_order

pytestmark = pytest.mark.django_db
Stage = Order.Status


def money_in(language: str, amount: Decimal) -> str:
    with translation.override(language), prices_written_in(language):
        return format_money(amount)


def cancelled_one_of_three(*, language: str = "en-gb") -> tuple[Order, Decimal]:
    """Three wool scarves ordered, one cancelled by the customer on a page in `language`."""
    order = placed_order(quantity=3)
    line = order.lines.get()
    with translation.override(language), prices_written_in(language):
        refund = order_cancel_lines(order=order, lines={line.pk: 1})
    return order, refund.total


def test_a_partly_cancelled_orders_tracking_page_in_korean_writes_the_note_in_korean_with_the_amount_as_money(client):
    order, off = cancelled_one_of_three(language="ko")
    as_guest_who_looked_it_up(client, order)

    page = unescape(client.get(f"/ko/track/{order.number}/").content.decode())

    assert (f"고객님의 요청으로 주문 일부가 취소되었습니다: 1 × Wool scarf. 합계에서 {money_in('ko', off)} "
            "차감되었으며, 나머지 상품은 그대로 배송됩니다.") in page
    assert "at the customer's request" not in page


def test_the_same_note_reads_in_english_in_the_back_office_even_when_the_customer_cancelled_in_korean(client):
    order, off = cancelled_one_of_three(language="ko")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    page = unescape(client.get(f"/admin/orders/order/{order.pk}/change/").content.decode())

    english = (f"Part of the order cancelled at the customer's request: 1 × Wool scarf. {money_in('en-gb', off)} "
               "off the total; the rest is still coming.")
    assert english in page
    assert order.events.last().note == english
    assert "고객님" not in page


def test_a_note_typed_by_staff_or_left_from_before_shows_as_it_was_typed(client):
    order = placed_order()
    OrderEvent.objects.create(order=order, stage=Stage.CONFIRMED, note="Customer asked by phone")
    OrderEvent.objects.create(order=order, stage=Stage.CANCELLED,  # an old row, written before note_values
                              note="Cancelled at the customer's request. £28.95 off the total.")
    as_guest_who_looked_it_up(client, order)

    page = unescape(client.get(f"/ko/track/{order.number}/").content.decode())

    assert "Customer asked by phone" in page
    assert "Cancelled at the customer's request. £28.95 off the total." in page


def test_the_account_order_page_writes_the_note_in_its_language(client):
    customer = UserFactory()
    order = placed_order(customer=customer, quantity=3)
    order_cancel_lines(order=order, lines={order.lines.get().pk: 1})
    client.force_login(customer)

    page = unescape(client.get(f"/zh-hans/account/orders/{order.number}/").content.decode())

    assert f"应您的要求，已取消部分商品：1 × Wool scarf。合计减少 {money_in('zh-hans', Decimal('25.00'))}" in page


def test_the_lines_cancelled_email_to_a_zh_hant_customer_has_the_note_in_chinese(
        mailoutbox, django_capture_on_commit_callbacks):
    order = placed_order(quantity=3)
    Order.objects.filter(pk=order.pk).update(language="zh-hant")  # a guest who ordered on a zh-Hant page
    mailoutbox.clear()

    with django_capture_on_commit_callbacks() as waiting:
        off = order_cancel_lines(order=order, lines={order.lines.get().pk: 1}).total  # staff, in English
    for callback in waiting:
        callback()

    [email] = mailoutbox
    note = (f"應您的要求，已取消部分商品：1 × Wool scarf。總計扣除 {money_in('zh-hant', off)}，"
            "其餘商品仍會照常寄出。")
    assert note in email.body
    assert note in unescape(email.alternatives[0][0])
    assert "at the customer's request" not in email.body


def test_counts_dates_and_item_lists_are_written_the_languages_way():
    order = placed_order()
    cod = OrderEvent(order=order, stage=Stage.CANCELLED,
                     note_values={"message": "cod_not_confirmed", "count": 1})
    late = OrderEvent(order=order, stage=Stage.DELAYED, note_values={"message": "late", "date": "2026-12-04"})
    items = [{"quantity": 1, "name": "Wool scarf", "size": ""}, {"quantity": 2, "name": "Linen shirt", "size": "M"}]
    cancelled = OrderEvent(order=order, stage=Stage.CANCELLED,
                           note_values={"message": "lines_cancelled", "items": items, "amount": "75.00"})

    with translation.override("en-gb"):
        assert cod.shown_note == "Cash on delivery not confirmed within 1 hour: cancelled, the stock back on sale."
        assert late.shown_note.endswith("new estimate 4 December.")
        assert "1 × Wool scarf and 2 × Linen shirt (size M)." in cancelled.shown_note
    with translation.override("ko"):
        assert late.shown_note.endswith("새 도착 예정일은 12월 4일입니다.")
        assert "1 × Wool scarf 및 2 × Linen shirt (사이즈 M)." in cancelled.shown_note
    with translation.override("zh-hant"):
        assert cod.shown_note.startswith("貨到付款訂單未在 1 小時內確認")
        assert "1 × Wool scarf和2 × Linen shirt（尺寸 M）。" in cancelled.shown_note
