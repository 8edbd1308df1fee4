"""The tracking page: who may see an order, what it says at each stage, and how it keeps itself up to date."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from orders.checkout import PLACED_ORDERS_SESSION_KEY
from orders.models import Order, OrderEvent, Shipment
from orders.services import order_move, shipment_move
from tests.factories import UserFactory, parcel_at, placed_order
from tests.html import read_page

pytestmark = pytest.mark.django_db

Stage = Order.Status


def track(client, order, **headers):
    return client.get(f"/track/{order.number}/", **headers)


def look_up(client, number, email, **extra):
    return client.post("/track/", {"number": number, "email": email}, **extra)


def without_tokens(response) -> str:
    """The page with its per-request CSRF tokens blanked, so two answers can be compared whole."""
    page = response.content.decode()
    return re.sub(r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+', r"\1", page)


def timeline_attributes(response) -> str:
    return re.search(r'<div id="tracking-timeline"[^>]*>', response.content.decode()).group(0)


# --- Who may see an order ----------------------------------------------------------------------------


def test_customer_sees_their_own_order_without_typing_anything(client):
    ann = UserFactory()
    order = placed_order(customer=ann)
    client.force_login(ann)

    page = track(client, order)
    lookup = client.get("/track/")

    assert page.status_code == 200
    assert "Status:</span> Placed" in page.content.decode()
    assert (f"/track/{order.number}/", f"Track order {order.number}") in read_page(lookup).links


def test_guest_with_the_number_and_email_in_any_case_and_spacing_sees_the_order(client):
    order = placed_order()  # ordered as ada@example.com

    found = look_up(client, f"  {order.number.lower()} ", "  ADA@Example.COM ")
    page = track(client, order)

    assert found.status_code == 302
    assert found["Location"] == f"/track/{order.number}/"
    assert page.status_code == 200
    assert order.number in read_page(page).title


def test_guest_who_just_ordered_follows_the_order_without_typing(client):
    order = placed_order()
    session = client.session
    session[PLACED_ORDERS_SESSION_KEY] = [order.number]  # as the thank-you page leaves it
    session.save()

    lookup = client.get("/track/")

    assert (f"/track/{order.number}/", f"Track order {order.number}") in read_page(lookup).links
    assert track(client, order).status_code == 200


def test_guest_opening_the_emailed_link_in_another_browser_is_asked_only_for_the_email(client):
    order = placed_order()

    asked = track(client, order)
    found = look_up(client, order.number, "ada@example.com")

    assert asked.status_code == 404
    assert f'name="number" value="{order.number}"' in asked.content.decode()
    assert f"To see order {order.number}, enter the e-mail address you ordered with" in asked.content.decode()
    assert found["Location"] == f"/track/{order.number}/"


def test_wrong_email_and_unknown_number_get_exactly_the_same_answer(client):
    order = placed_order()

    wrong_email = look_up(client, order.number, "someone.else@example.com")
    Order.objects.filter(pk=order.pk).update(number="FG-OTHER2")  # now no order has the number typed
    unknown_number = look_up(client, order.number, "someone.else@example.com")

    assert wrong_email.status_code == unknown_number.status_code == 200
    assert without_tokens(wrong_email) == without_tokens(unknown_number)
    assert read_page(wrong_email).title.startswith("Error: ")
    assert "could not find an order with that number and e-mail address" in wrong_email.content.decode()
    assert track(client, order).status_code == 404


def test_an_order_found_by_email_alone_or_number_alone_stays_hidden(client):
    order = placed_order()

    by_number = look_up(client, order.number, "")
    by_email = look_up(client, "", "ada@example.com")

    assert "Enter your e-mail address" in by_number.content.decode()
    assert "Enter your order number" in by_email.content.decode()
    assert track(client, order).status_code == 404


def test_other_customers_and_strangers_get_the_same_not_found_as_a_made_up_number(client):
    order = placed_order(customer=UserFactory())
    stranger = track(client, order)
    made_up = client.get("/track/FG-ZZZZZZ/")
    client.force_login(UserFactory())

    other_customer = track(client, order)

    assert stranger.status_code == other_customer.status_code == made_up.status_code == 404
    assert without_tokens(stranger) == without_tokens(made_up).replace("FG-ZZZZZZ", order.number)


def test_lookups_pause_after_ten_tries_from_one_address_but_not_for_others(client):
    for _ in range(10):
        assert look_up(client, "FG-AAAAAA", "ada@example.com").status_code == 200

    blocked = look_up(client, "FG-AAAAAA", "ada@example.com")
    elsewhere = look_up(client, "FG-AAAAAA", "ada@example.com", REMOTE_ADDR="203.0.113.9")

    assert blocked.status_code == 429
    assert elsewhere.status_code == 200


@hypothesis_settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(number=st.text(max_size=300), email=st.text(max_size=300))
def test_garbage_typed_into_the_lookup_gets_a_form_back_not_an_error_page(client, number, email):
    cache.clear()  # keep the rate limit out of the way: this is about the form, not the limit

    response = look_up(client, number, email)

    assert response.status_code == 200
    assert read_page(response).title.startswith("Error: ")


def test_lookup_form_is_labelled_and_filled_in_by_the_browser(client):
    page = client.get("/track/").content.decode()

    assert "novalidate" in page
    assert '<label for="id_number">Order number' in page
    assert 'autocomplete="email"' in page
    assert 'autocomplete="off"' in page


# --- What the page says --------------------------------------------------------------------------------


def test_shipped_parcel_shows_carrier_link_tracking_number_and_expected_date(client):
    shipment = parcel_at(Stage.SHIPPED)
    remember(client, shipment.order)

    page = track(client, shipment.order)

    html = page.content.decode()
    assert ("https://track.dpd.co.uk/parcels/15501234567890",
            "Follow it on the DPD website (parcel 15501234567890)") in read_page(page).links
    assert f"Expected by <strong>{shipment.expected_by:%A} {shipment.expected_by.day} {shipment.expected_by:%B}" in html
    assert '<li class="tracking-steps__step tracking-steps__step--current" aria-current="step">' in html
    assert html.count('aria-current="step"') == 1
    for link in ("/help/", "/returns-policy/", "/contact/"):
        assert link in [href for href, _ in read_page(page).links]


def test_timeline_lists_every_stage_in_words_newest_first_with_notes(client):
    shipment = parcel_at(Stage.SHIPPED)
    shipment_move(shipment=shipment, to=Stage.DELAYED, note="Snow has closed the depot in Leeds.",
                  expected_by=timezone.localdate() + timedelta(days=4))
    remember(client, shipment.order)

    history = section(track(client, shipment.order), "tracking-history-title")

    stages = re.findall(r"<strong>([^<]+)</strong>", history)
    assert stages == ["Delayed", "Shipped", "Packed", "Confirmed", "Placed"]
    assert "Snow has closed the depot in Leeds." in history
    assert "<time datetime=" in history


@pytest.mark.parametrize(("stage", "words"), [
    (Stage.DELAYED, "Shipped: <strong>delayed</strong>"),
    (Stage.DELIVERY_FAILED, "Out for delivery: <strong>delivery failed</strong>"),
])
def test_exceptions_are_said_in_words_beside_the_step_reached(client, stage, words):
    shipment = parcel_at(stage)
    remember(client, shipment.order)

    html = track(client, shipment.order).content.decode()

    assert words in html
    assert f"Status:</span> {Stage(stage).label}" in html


def test_cancelled_order_says_so_and_shows_no_steps_still_to_come(client):
    order = placed_order()
    order_move(order=order, to=Stage.CANCELLED)
    remember(client, order)

    html = track(client, order).content.decode()

    assert "Status:</span> Cancelled" in html
    assert "tracking-steps__step--to-come" not in html
    assert re.search(r'aria-current="step">\s*<span[^>]*>!</span>\s*<span[^>]*>Cancelled', html)


def test_order_sent_as_two_parcels_shows_each_with_its_items_and_labels_the_history(client):
    shipment = parcel_at(Stage.SHIPPED)
    order = shipment.order
    second = Shipment.objects.create(order=order, status=Stage.PACKED, expected_by=order.delivered_by)
    second.lines.set(order.lines.all())
    OrderEvent.objects.create(order=order, shipment=second, stage=Stage.PACKED)
    remember(client, order)

    html = track(client, order).content.decode()

    assert "Your 2 parcels" in html
    assert "<h3>Parcel 1 of 2</h3>" in html and "<h3>Parcel 2 of 2</h3>" in html
    assert "<dt>In it</dt><dd>1 × Wool scarf</dd>" in html
    assert "<strong>Packed</strong> (parcel 2)" in html


def test_account_order_page_shows_the_same_timeline_from_the_start_and_links_to_the_tracking_page(client):
    ann = UserFactory()
    order = placed_order(customer=ann)
    client.force_login(ann)

    page = client.get(f"/account/orders/{order.number}/")

    html = page.content.decode()
    assert f'<a href="/track/{order.number}/">Track this order' in html
    assert 'id="tracking-timeline"' in html and "What has happened so far" in html
    assert 'hx-trigger="load"' not in html  # nothing arrives after the page to push its lines down
    assert 'id="tracking-news"' in html


# --- Keeping itself up to date -------------------------------------------------------------------------


def test_htmx_check_gets_only_the_timeline(client):
    shipment = parcel_at(Stage.SHIPPED)
    remember(client, shipment.order)

    response = track(client, shipment.order, HTTP_HX_REQUEST="true")

    html = response.content.decode().strip()
    assert html.startswith('<div id="tracking-timeline"')
    assert "<html" not in html and "What you ordered" not in html
    assert "Status:</span> Shipped" in html
    assert "HX-Request" in response["Vary"]


def test_page_checks_for_news_until_the_order_is_delivered(client):
    shipment = parcel_at(Stage.OUT_FOR_DELIVERY)
    remember(client, shipment.order)
    on_its_way = timeline_attributes(track(client, shipment.order))

    shipment_move(shipment=shipment, to=Stage.DELIVERED)
    delivered = track(client, shipment.order, HTTP_HX_REQUEST="true")

    assert 'hx-trigger="every 60s, tracking-refresh"' in on_its_way
    assert f'hx-get="/track/{shipment.order.number}/"' in on_its_way
    assert "hx-get" not in timeline_attributes(delivered) and "hx-trigger" not in timeline_attributes(delivered)
    assert "Status:</span> Delivered" in delivered.content.decode()


def test_page_has_a_polite_live_status_line_from_the_first_load(client):
    order = placed_order()
    remember(client, order)

    html = track(client, order).content.decode()

    assert '<p id="tracking-news" class="tracking__news" role="status" aria-live="polite"></p>' in html
    assert "/static/js/tracking.js" in html
    assert "<script>" not in html and " style=" not in html


def test_tracking_page_query_count_stays_the_same_as_the_timeline_grows(client):
    short = parcel_at(Stage.PACKED)
    long = parcel_at(Stage.SHIPPED)
    shipment_move(shipment=long, to=Stage.DELAYED, note="Held at the depot.")
    shipment_move(shipment=long, to=Stage.OUT_FOR_DELIVERY)
    second = Shipment.objects.create(order=long.order, status=Stage.PACKED, expected_by=long.order.delivered_by)
    second.lines.set(long.order.lines.all())
    OrderEvent.objects.bulk_create([OrderEvent(order=long.order, shipment=second, stage=Stage.PACKED, note=f"Note {n}")
                                    for n in range(20)])
    remember(client, short.order, long.order)
    track(client, short.order)  # the session and caches are warm, as on a running shop

    with CaptureQueriesContext(connection) as few_events:
        track(client, short.order)
    with CaptureQueriesContext(connection) as many_events:
        track(client, long.order)

    assert len(many_events) == len(few_events)


def test_account_order_page_query_count_stays_the_same_as_the_timeline_grows(client):
    ann = UserFactory()
    short = parcel_at(Stage.PACKED)
    long = parcel_at(Stage.SHIPPED)
    second = Shipment.objects.create(order=long.order, status=Stage.PACKED, expected_by=long.order.delivered_by)
    second.lines.set(long.order.lines.all())
    OrderEvent.objects.bulk_create([OrderEvent(order=long.order, shipment=second, stage=Stage.PACKED, note=f"Note {n}")
                                    for n in range(20)])
    Order.objects.filter(pk__in=[short.order.pk, long.order.pk]).update(customer=ann)
    client.force_login(ann)
    client.get(f"/account/orders/{short.order.number}/")  # the session and caches are warm

    with CaptureQueriesContext(connection) as few_events:
        client.get(f"/account/orders/{short.order.number}/")
    with CaptureQueriesContext(connection) as many_events:
        client.get(f"/account/orders/{long.order.number}/")

    assert len(many_events) == len(few_events)


def remember(client, *orders):
    session = client.session
    session[PLACED_ORDERS_SESSION_KEY] = [order.number for order in orders]
    session.save()


def section(response, title_id: str) -> str:
    html = response.content.decode()
    start = html.index(f'id="{title_id}"')
    return html[start:html.index("</section>", start)]


def test_writing_to_us_from_the_tracking_page_opens_the_form_with_the_order_already_filled_in(client):
    order = placed_order()
    look_up(client, order.number, order.email)
    page = track(client, order)
    contact_url = next(href for href, text in read_page(page).links if text == "Write to us")

    form = client.get(contact_url).content.decode()

    assert re.search(rf'name="order_number"[^>]*value="{order.number}"', form)
    assert re.search(r'<option value="order" selected>', form)
