"""Every message about an order is written in the customer's language, whatever language the worker or the
staff member who moves the order uses: a guest's in the language of the page they ordered on (Order.language),
a customer's in their account's (orders.notifications.order_language)."""

import re
from datetime import timedelta
from decimal import Decimal
from html import unescape
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils import timezone, translation

from orders.models import Order
from orders.returns.services import order_withdraw, return_receive, return_refund, return_request_create
from orders.services import order_move, shipment_move, shipments_alert_late
from orders.survey.services import surveys_send_due
from outbox.models import Message
from tests.factories import ProductFactory, UserFactory, placed_order
from tests.orders.test_checkout import DETAILS, GOOD_CARD

pytestmark = pytest.mark.django_db
Stage = Order.Status
SITE = settings.SHOP["site_url"].rstrip("/")


def catalogue_phrases(locale: str) -> set[str]:
    """The English words of every message the e-mails and texts are made of, as they would show if one were left
    untranslated: each msgid's text between its placeholders and tags ("Your order ", " is on its way")."""
    with (Path(settings.LOCALE_PATHS[0]) / locale / "LC_MESSAGES" / "django.po").open("rb") as file:
        catalogue = read_po(file)
    phrases = set()
    for message in catalogue:
        if not message.id or not any(path.startswith(("templates/emails/", "orders/notifications.py"))
                                     for path, _ in message.locations):
            continue
        for msgid in message.id if isinstance(message.id, tuple) else [message.id]:
            for piece in re.split(r"%\(\w+\)s|<[^>]+>", msgid):
                piece = piece.strip(" ,.:;()\"'−")
                if re.search(r"[A-Za-z]{3}", piece):
                    phrases.add(piece)
    return phrases


def english_left(text: str, phrases: set[str]) -> list[str]:
    words = unescape(re.sub(r"<[^>]+>", " ", text))  # what a reader sees, not the markup's attributes
    words = " ".join(words.split())
    return sorted(phrase for phrase in phrases
                  if re.search(rf"(?<![A-Za-z]){re.escape(' '.join(phrase.split()))}(?![A-Za-z])", words))


def links_of(message: Message) -> list[str]:
    """The shop's own addresses the message links to (pictures are files, in no language)."""
    hrefs = re.findall(r'href="([^"]+)"', message.body_html)
    in_text = re.findall(r"https?://\S+", message.body_text)
    return [unescape(link) for link in hrefs + in_text if link.startswith(SITE)]


def place_guest_order_on(client, prefix: str) -> Order:
    """A guest's order placed through the checkout's pages under the language's prefix ("/zh-hant")."""
    shirt = ProductFactory(name="Linen shirt", price=Decimal("30.00"), variants=[("M", 5)])
    client.post(f"{prefix}/cart/add/", {"variant": shirt.variants.get().pk, "quantity": 2})
    assert client.post(f"{prefix}/checkout/details/", DETAILS)["Location"] == f"{prefix}/checkout/delivery/"
    assert client.post(f"{prefix}/checkout/delivery/", {"method": "standard"}).status_code == 302
    assert client.post(f"{prefix}/checkout/payment/", GOOD_CARD)["Location"] == f"{prefix}/checkout/review/"
    review = client.get(f"{prefix}/checkout/review/").content.decode()
    placed = client.post(f"{prefix}/checkout/review/", {
        "placement_key": re.search(r'name="placement_key" value="([^"]+)"', review).group(1),
        "expected_total": re.search(r'name="expected_total" value="([^"]+)"', review).group(1)})
    assert placed["Location"].startswith(f"{prefix}/checkout/thank-you/")
    return Order.objects.get()


def test_a_guest_order_placed_in_zh_hant_gets_zh_hant_emails_at_every_stage_even_when_the_worker_runs_in_english(
        client):
    order = place_guest_order_on(client, "/zh-hant")
    later = timezone.now() + timedelta(days=settings.SHOP["survey_after_days"] + 1)

    with translation.override("en-gb"):  # as the back office and the worker run
        order_move(order=order, to=Stage.CONFIRMED)
        order_move(order=order, to=Stage.PACKED)
        parcel = order.shipments.get()
        shipment_move(shipment=parcel, to=Stage.SHIPPED, carrier="DPD", tracking_number="15501234567890")
        parcel.__class__.objects.filter(pk=parcel.pk).update(stage_changed_at=timezone.now() - timedelta(days=5))
        shipments_alert_late()
        shipment_move(shipment=parcel, to=Stage.OUT_FOR_DELIVERY)
        shipment_move(shipment=parcel, to=Stage.DELIVERED)
        surveys_send_due(now=later)
        returned = return_request_create(order=order, lines={order.lines.get().pk: 1}, reason="too_small")
        return_receive(return_request=returned)
        return_refund(return_request=returned)
        order_withdraw(order=Order.objects.get(pk=order.pk))  # the other shirt

    order.refresh_from_db()
    emails = list(Message.objects.filter(reference=order.number, channel=Message.Channel.EMAIL))
    phrases = catalogue_phrases("zh_Hant")
    assert order.language == "zh-hant"
    assert [email.kind for email in emails] == [
        "order_placed", "confirmed", "packed", "shipped", "late:shipped", "out_for_delivery", "delivered", "survey",
        "return_approved", "return_received", "refunded", "withdrawal_received"]
    for email in emails:
        assert email.language == "zh-hant", email.kind
        assert '<html lang="zh-Hant">' in email.body_html, email.kind
        assert re.search(r"[\u4e00-\u9fff]", email.subject), (email.kind, email.subject)
        assert english_left(email.subject + "\n" + email.body_text + "\n" + email.body_html, phrases) == [], \
            email.kind
        assert links_of(email) and all(link.startswith(f"{SITE}/zh-hant/") for link in links_of(email)), \
            (email.kind, links_of(email))
    assert "訂單" in emails[0].subject and order.number in emails[0].subject
    assert "已出貨" in emails[3].subject and "DPD" in emails[3].body_text


def test_the_late_parcels_alert_to_staff_stays_english_and_names_the_customers_language():
    with translation.override("zh-hant"):  # the order was placed on a Traditional Chinese page
        order = placed_order()
    order_move(order=order, to=Stage.CONFIRMED)
    order_move(order=order, to=Stage.PACKED)
    order.shipments.update(stage_changed_at=timezone.now() - timedelta(days=5))

    with translation.override("ko"):  # whatever language the beat worker was left in
        shipments_alert_late()

    staff = Message.objects.get(channel=Message.Channel.STAFF)
    customer = Message.objects.get(kind="late:packed", channel=Message.Channel.EMAIL)
    assert staff.language == "en-gb" and staff.subject == f"Late: order {order.number} has been packed too long"
    assert "reads Traditional Chinese (繁體中文)" in staff.body_text and '<html lang="en-GB">' in staff.body_html
    assert customer.language == "zh-hant" and "「已包裝」" in customer.body_text


def test_a_customers_account_language_outranks_the_page_they_ordered_on_for_emails_and_texts():
    customer = UserFactory(language="ko", notify_by_sms=True)
    order = placed_order(customer=customer)  # placed on an English page
    order_move(order=order, to=Stage.CONFIRMED)
    order_move(order=order, to=Stage.PACKED)

    with translation.override("zh-hans"):
        shipment_move(shipment=order.shipments.get(), to=Stage.SHIPPED, carrier="DPD", tracking_number="1550123")

    email = Message.objects.get(kind="shipped", channel=Message.Channel.EMAIL)
    text = Message.objects.get(kind="shipped", channel=Message.Channel.SMS)
    assert order.language == "en-gb"
    assert email.language == text.language == "ko"
    assert email.subject == f"주문 {order.number} 상품이 발송되었습니다"
    assert text.body_text.startswith(f"{settings.SHOP['name']}: 주문 {order.number} 상품이 발송되었습니다(택배사: DPD)")


def test_a_text_message_is_made_in_the_customers_language_by_an_english_worker():
    customer = UserFactory(language="zh-hant", notify_by_sms=True)
    order = placed_order(customer=customer)
    order_move(order=order, to=Stage.CONFIRMED)
    order_move(order=order, to=Stage.PACKED)
    shipment_move(shipment=order.shipments.get(), to=Stage.SHIPPED, carrier="DPD", tracking_number="1550123")

    with translation.override("en-gb"):
        shipment_move(shipment=order.shipments.get(), to=Stage.OUT_FOR_DELIVERY)

    text = Message.objects.get(kind="out_for_delivery", channel=Message.Channel.SMS)
    assert text.language == "zh-hant"
    assert text.body_text == f"{settings.SHOP['name']}：您的訂單 {order.number} 今天配送到府。"


def test_the_order_in_the_back_office_shows_the_language_its_customer_reads(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    with translation.override("ko"):
        order = placed_order()

    listing = client.get("/admin/orders/order/").content.decode()
    page = client.get(f"/admin/orders/order/{order.pk}/change/").content.decode()

    assert "Korean (한국어)" in listing
    assert "Korean (한국어)" in page
