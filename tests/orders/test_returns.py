"""Self-service returns: the window, what may come back, the refund, the two steps, and the stages after."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from orders.models import OrderEvent, OrderLine, ReturnRequest
from orders.returns.selectors import return_refund_amount
from orders.returns.services import (
    RETURN_MOVES,
    NotAllowed,
    return_approve,
    return_receive,
    return_refund,
    return_reject,
    return_request_create,
)
from orders.services import StageError
from outbox.models import Message
from tests.factories import (
    OrderFactory,
    ProductFactory,
    UserFactory,
    as_guest_who_looked_it_up,
    deliver,
    delivered_order,
)
from tests.html import read_page

pytestmark = pytest.mark.django_db

Stage = ReturnRequest.Stage
Reason = ReturnRequest.Reason


def start_return(client, order, quantities, *, reason=Reason.TOO_SMALL, text="", outcome="refund", step=None):
    data = {f"quantity_{line.pk}": quantity for line, quantity in quantities.items()}
    data.update(reason=reason, reason_text=text, outcome=outcome)
    if step:
        data[step] = "yes"
    return client.post(f"/orders/{order.number}/return/", data)


def discounted_order(*, days_ago=0, delivery_cost="3.95"):
    """£100 of goods (a £40 shirt and two £30 jumpers), £10 off with a code, delivered."""
    order = OrderFactory(customer=None, email="ada@example.com", lines=[("Linen shirt", "M", 1)],
                         subtotal=Decimal("100.00"), discount=Decimal("10.00"), coupon_code="TENOFF",
                         delivery_cost=Decimal(delivery_cost), total=Decimal("93.95"))
    OrderLine.objects.create(order=order, product_name="Wool jumper", size="L", sku="J-1", unit_price=Decimal("30.00"),
                             quantity=2)
    return deliver(order, days_ago=days_ago)


def shirt_and_jumpers(order):
    return order.lines.get(product_name="Linen shirt"), order.lines.get(product_name="Wool jumper")


# --- The window, and what may come back ----------------------------------------------------------------


def test_a_delivered_order_offers_each_item_with_the_last_day_to_send_it_back(client, settings):
    order = delivered_order(quantity=2)
    as_guest_who_looked_it_up(client, order)

    page = client.get(f"/orders/{order.number}/return/").content.decode()

    assert 'name="quantity_' in page and "Wool scarf" in page
    assert "you can send things back until" in page and "Returning is free" in page
    assert re.search(r'<option value="2">2</option>', page)


def test_after_the_window_the_page_says_when_it_closed_and_how_to_reach_us(client, settings):
    settings.SHOP = {**settings.SHOP, "return_days": 30}
    order = delivered_order(days_ago=32)  # 31 can still be today near midnight across a clock change
    as_guest_who_looked_it_up(client, order)

    response = client.get(f"/orders/{order.number}/return/")
    page = response.content.decode()

    delivered_on = timezone.localdate(OrderEvent.objects.get(order=order, stage="delivered").created_at)
    closed_on = delivered_on + timedelta(days=30)
    assert f"The 30 days to return this order ended on {closed_on:%-d %B %Y}." in page
    assert "/contact/" in page and 'name="quantity_' not in page


def test_the_last_day_of_the_window_still_counts(client, settings):
    settings.SHOP = {**settings.SHOP, "return_days": 30}
    order = delivered_order(days_ago=30)
    as_guest_who_looked_it_up(client, order)

    assert 'name="quantity_' in client.get(f"/orders/{order.number}/return/").content.decode()


def test_an_order_not_yet_delivered_cannot_be_returned_and_the_page_says_what_to_do(client):
    order = delivered_order()
    order.status = "shipped"
    order.save()
    as_guest_who_looked_it_up(client, order)

    page = client.get(f"/orders/{order.number}/return/").content.decode()

    assert "You can start a return once it has been delivered" in page and 'name="quantity_' not in page


def test_an_item_that_cannot_be_returned_says_why_instead_of_offering_a_quantity(client):
    order = delivered_order()
    earrings = ProductFactory(name="Silver earrings", is_returnable=False,
                              not_returnable_reason="Earrings cannot be returned once opened, for hygiene.")
    line = OrderLine.objects.create(order=order, variant=earrings.variants.get(), product_name="Silver earrings",
                                    sku="E-1", unit_price=Decimal("18.00"), quantity=1)
    as_guest_who_looked_it_up(client, order)

    page = client.get(f"/orders/{order.number}/return/").content.decode()
    posted = start_return(client, order, {line: 1})

    assert "Earrings cannot be returned once opened, for hygiene." in page
    assert f'name="quantity_{line.pk}"' not in page
    assert "Choose how many of at least one item to send back." in posted.content.decode()


def test_quantities_are_capped_at_what_was_bought_less_what_is_already_coming_back(client):
    order = delivered_order(quantity=3)
    line = order.lines.get()
    return_request_create(order=order, lines={line.pk: 2}, reason=Reason.TOO_BIG)
    as_guest_who_looked_it_up(client, order)

    page = client.get(f"/orders/{order.number}/return/").content.decode()
    too_many = start_return(client, order, {line: 2})

    assert '<option value="1">1</option>' in page and '<option value="2">' not in page
    assert "Choose how many of Wool scarf to send back: from 0 to 1." in too_many.content.decode()
    with pytest.raises(NotAllowed, match="You can send back at most 1 of Wool scarf"):
        return_request_create(order=order, lines={line.pk: 2}, reason=Reason.TOO_BIG)


def test_a_rejected_return_frees_its_items_to_be_returned_again():
    order = delivered_order()
    line = order.lines.get()
    first = return_request_create(order=order, lines={line.pk: 1}, reason=Reason.TOO_BIG)
    return_reject(return_request=first, reason="Sent to the wrong address.")

    second = return_request_create(order=order, lines={line.pk: 1}, reason=Reason.TOO_BIG)

    assert second.lines.get().quantity == 1


def test_a_line_from_another_order_cannot_be_returned():
    order, other = delivered_order(), delivered_order()

    with pytest.raises(NotAllowed, match="That item is not part of order"):
        return_request_create(order=order, lines={other.lines.get().pk: 1}, reason=Reason.TOO_BIG)


def test_another_reason_needs_a_few_words():
    order = delivered_order()

    with pytest.raises(NotAllowed, match="Tell us the reason in a few words"):
        return_request_create(order=order, lines={order.lines.get().pk: 1}, reason=Reason.OTHER, reason_text="  ")


def test_the_form_asks_for_words_when_the_reason_is_another_one(client):
    order = delivered_order()
    as_guest_who_looked_it_up(client, order)

    response = start_return(client, order, {order.lines.get(): 1}, reason=Reason.OTHER)

    assert read_page(response).title.startswith("Error: ")
    assert "Tell us the reason in a few words: you chose “Another reason”." in response.content.decode()
    assert not ReturnRequest.objects.exists()


# --- The refund ----------------------------------------------------------------------------------------


def test_the_refund_takes_off_the_items_share_of_the_discount_in_proportion_to_their_price():
    order = discounted_order(days_ago=20)
    shirt, _ = shirt_and_jumpers(order)

    refund = return_refund_amount(order=order, lines={shirt.pk: 1}, reason=Reason.TOO_SMALL)

    assert (refund.items, refund.discount_share, refund.delivery, refund.total) == (
        Decimal("40.00"), Decimal("4.00"), Decimal("0.00"), Decimal("36.00"))
    assert "is not refunded" in refund.delivery_note


def test_a_faulty_item_brings_the_delivery_cost_back_once_per_order():
    order = discounted_order(days_ago=20)
    shirt, jumpers = shirt_and_jumpers(order)

    faulty = return_refund_amount(order=order, lines={shirt.pk: 1}, reason=Reason.FAULTY)
    return_request_create(order=order, lines={shirt.pk: 1}, reason=Reason.FAULTY)
    later = return_refund_amount(order=order, lines={jumpers.pk: 1}, reason=Reason.WRONG_ITEM)

    assert faulty.total == Decimal("39.95") and "faulty" in faulty.delivery_note
    assert later.delivery == 0 and later.delivery_note == "The delivery cost was refunded with your earlier return."


def test_the_whole_order_back_within_14_days_brings_the_delivery_cost_back():
    order = discounted_order(days_ago=10)
    shirt, jumpers = shirt_and_jumpers(order)

    whole = return_refund_amount(order=order, lines={shirt.pk: 1, jumpers.pk: 2}, reason=Reason.CHANGED_MIND)
    part = return_refund_amount(order=order, lines={shirt.pk: 1, jumpers.pk: 1}, reason=Reason.CHANGED_MIND)

    assert whole.total == Decimal("93.95") and "whole order is coming back within 14 days" in whole.delivery_note
    assert part.delivery == 0


def test_the_whole_order_back_after_14_days_is_refunded_without_the_delivery_cost():
    order = discounted_order(days_ago=15)
    shirt, jumpers = shirt_and_jumpers(order)

    refund = return_refund_amount(order=order, lines={shirt.pk: 1, jumpers.pk: 2}, reason=Reason.CHANGED_MIND)

    assert refund.total == Decimal("90.00")


def test_the_last_items_of_an_order_count_as_the_whole_order_coming_back():
    order = discounted_order(days_ago=3)
    shirt, jumpers = shirt_and_jumpers(order)
    return_request_create(order=order, lines={jumpers.pk: 2}, reason=Reason.TOO_BIG)

    refund = return_refund_amount(order=order, lines={shirt.pk: 1}, reason=Reason.TOO_BIG)

    assert refund.delivery == Decimal("3.95")


def test_the_refund_is_kept_on_the_return_as_worked_out():
    order = discounted_order(days_ago=20)
    shirt, _ = shirt_and_jumpers(order)

    return_request = return_request_create(order=order, lines={shirt.pk: 1}, reason=Reason.TOO_SMALL)

    assert return_request.refund_amount == Decimal("36.00")


# --- Two steps: choose, check the refund, confirm ------------------------------------------------------


def test_choosing_shows_the_refund_and_creates_nothing_until_confirmed(client):
    order = discounted_order(days_ago=20)
    shirt, _ = shirt_and_jumpers(order)
    as_guest_who_looked_it_up(client, order)

    review = start_return(client, order, {shirt: 1})
    page = review.content.decode()

    assert read_page(review).title.startswith("Check your return")
    assert "Your refund: £36.00" in page and "−£4.00" in page and "is not refunded" in page
    assert 'name="confirm"' in page and f'name="quantity_{shirt.pk}" value="1"' in page
    assert not ReturnRequest.objects.exists()


def test_confirming_creates_the_return_and_opens_its_page(client):
    order = discounted_order(days_ago=20)
    shirt, _ = shirt_and_jumpers(order)
    as_guest_who_looked_it_up(client, order)

    confirmed = start_return(client, order, {shirt: 1}, reason=Reason.TOO_SMALL, text="Runs small",
                             outcome="exchange", step="confirm")

    return_request = ReturnRequest.objects.get()
    assert confirmed.status_code == 302
    assert confirmed["Location"] == f"/orders/{order.number}/returns/{return_request.number}/"
    assert (return_request.reason, return_request.reason_text, return_request.outcome) == (
        Reason.TOO_SMALL, "Runs small", "exchange")
    assert [(line.order_line, line.quantity) for line in return_request.lines.all()] == [(shirt, 1)]


def test_changing_ones_mind_on_the_review_goes_back_to_the_choices_as_they_were(client):
    order = delivered_order(quantity=2)
    as_guest_who_looked_it_up(client, order)

    back = start_return(client, order, {order.lines.get(): 2}, reason=Reason.TOO_BIG, step="change")
    page = back.content.decode()

    assert read_page(back).title.startswith("Return items")
    assert '<option value="2" selected>' in page and 'value="too_big" id="id_reason_1" required checked' in page
    assert not ReturnRequest.objects.exists()


def test_the_review_checks_the_choices_again_when_confirmed(client):
    order = delivered_order()
    line = order.lines.get()
    as_guest_who_looked_it_up(client, order)
    start_return(client, order, {line: 1}, step="confirm")

    again = start_return(client, order, {line: 1}, step="confirm")

    assert ReturnRequest.objects.count() == 1
    assert "Nothing in this order can be sent back now" in again.content.decode()


# --- Approval, stages and messages ---------------------------------------------------------------------


def test_a_return_inside_the_window_of_returnable_items_is_approved_at_once_with_one_email(
        mailoutbox, django_capture_on_commit_callbacks):
    order = delivered_order()
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        return_request = return_request_create(order=order, lines={order.lines.get().pk: 1}, reason=Reason.TOO_BIG)

    assert return_request.status == Stage.APPROVED
    assert [event.stage for event in return_request.events.all()] == [Stage.REQUESTED, Stage.APPROVED]
    assert [message.subject for message in mailoutbox] == [
        f"Your return {return_request.number} is approved: print your label"]
    assert f"/orders/{order.number}/returns/{return_request.number}/" in mailoutbox[0].body


def test_a_return_of_an_item_that_is_not_returnable_waits_for_staff(mailoutbox, django_capture_on_commit_callbacks):
    order = delivered_order()
    earrings = ProductFactory(name="Silver earrings", is_returnable=False)
    line = OrderLine.objects.create(order=order, variant=earrings.variants.get(), product_name="Silver earrings",
                                    sku="E-1", unit_price=Decimal("18.00"), quantity=1)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        return_request = return_request_create(order=order, lines={line.pk: 1}, reason=Reason.FAULTY)

    assert return_request.status == Stage.REQUESTED
    assert [message.subject for message in mailoutbox] == [
        f"We have your return request {return_request.number} for order {order.number}"]
    assert "Please wait for that e-mail before sending anything" in mailoutbox[0].body


def test_a_return_staff_take_after_the_window_waits_for_a_decision():
    order = delivered_order(days_ago=45)

    return_request = return_request_create(order=order, lines={order.lines.get().pk: 1}, reason=Reason.FAULTY)

    assert return_request.status == Stage.REQUESTED


def move_to(return_request, stage):
    moves = {Stage.APPROVED: return_approve, Stage.RECEIVED: return_receive, Stage.REFUNDED: return_refund}
    if stage == Stage.REJECTED:
        return return_reject(return_request=return_request, reason="Worn, and the tags are off.")
    return moves[stage](return_request=return_request)


def return_at(stage) -> ReturnRequest:
    """A return brought to `stage` along the allowed path."""
    order = delivered_order(days_ago=45)  # outside the window, so it starts requested
    return_request = return_request_create(order=order, lines={order.lines.get().pk: 1}, reason=Reason.FAULTY)
    path = {Stage.REQUESTED: [], Stage.APPROVED: [Stage.APPROVED], Stage.RECEIVED: [Stage.APPROVED, Stage.RECEIVED],
            Stage.REFUNDED: [Stage.APPROVED, Stage.RECEIVED, Stage.REFUNDED], Stage.REJECTED: [Stage.REJECTED]}[stage]
    for step in path:
        return_request = move_to(return_request, step)
    return return_request


@pytest.mark.parametrize(("stage", "to"), [(stage, to) for stage, moves in RETURN_MOVES.items() for to in moves])
def test_every_allowed_move_of_a_return_is_made_and_written_on_the_orders_timeline(stage, to):
    return_request = return_at(stage)

    moved = move_to(return_request, to)

    assert ReturnRequest.objects.get(pk=moved.pk).status == to
    event = OrderEvent.objects.filter(return_request=return_request).last()
    assert (event.stage, event.order_id) == (to, return_request.order_id)


@pytest.mark.parametrize(("stage", "to"), [(stage, to) for stage in RETURN_MOVES for to in Stage
                                           if to not in RETURN_MOVES[stage] and to != Stage.REQUESTED])
def test_every_move_of_a_return_the_rules_forbid_is_refused_and_changes_nothing(stage, to):
    return_request = return_at(stage)
    events_before = OrderEvent.objects.count()

    with pytest.raises(StageError, match=f"is at “{Stage(stage).label}”"):
        move_to(return_request, to)

    assert ReturnRequest.objects.get(pk=return_request.pk).status == stage
    assert OrderEvent.objects.count() == events_before


def test_a_return_is_not_rejected_without_a_reason_for_the_customer():
    return_request = return_at(Stage.REQUESTED)

    with pytest.raises(StageError, match="Say why return"):
        return_reject(return_request=return_request, reason="   ")

    assert ReturnRequest.objects.get(pk=return_request.pk).status == Stage.REQUESTED


def test_each_stage_of_a_return_is_emailed_once_even_when_the_task_runs_twice(
        mailoutbox, django_capture_on_commit_callbacks):
    return_request = return_at(Stage.REQUESTED)
    subjects = []
    for stage in [Stage.APPROVED, Stage.RECEIVED, Stage.REFUNDED]:
        mailoutbox.clear()
        with django_capture_on_commit_callbacks() as waiting:
            move_to(return_request, stage)
        for callback in [*waiting, *waiting]:  # the task delivered twice
            callback()
        subjects += [message.subject for message in mailoutbox]

    number = return_request.number
    assert subjects == [f"Your return {number} is approved: print your label", f"Your return {number} has reached us",
                        f"Your refund for return {number}"]
    assert Message.objects.filter(key__startswith=f"return:{return_request.pk}:", status="sent").count() == 3


def test_a_rejection_emails_the_reason_once(mailoutbox, django_capture_on_commit_callbacks):
    return_request = return_at(Stage.RECEIVED)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks() as waiting:
        return_reject(return_request=return_request, reason="Worn, and the tags are off.")
    for callback in [*waiting, *waiting]:
        callback()

    assert [message.subject for message in mailoutbox] == [f"About your return {return_request.number}"]
    assert "The reason: Worn, and the tags are off." in mailoutbox[0].body


def test_a_customer_who_turned_updates_off_still_hears_about_their_return(mailoutbox,
                                                                         django_capture_on_commit_callbacks):
    order = delivered_order(customer=UserFactory(notify_by_email=False))
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        return_request_create(order=order, lines={order.lines.get().pk: 1}, reason=Reason.TOO_BIG)

    assert len(mailoutbox) == 1


def test_the_return_shows_on_the_orders_tracking_timeline(client):
    order = delivered_order()
    return_request_create(order=order, lines={order.lines.get().pk: 1}, reason=Reason.TOO_BIG)
    as_guest_who_looked_it_up(client, order)

    page = client.get(f"/track/{order.number}/").content.decode()

    assert "Return requested" in page and "Return approved" in page


# --- The return's page and its label --------------------------------------------------------------------


def test_the_returns_page_has_its_number_a_label_to_our_address_and_a_packing_slip(client, settings):
    settings.SHOP = {**settings.SHOP, "returns_free": True}
    order = delivered_order(quantity=2)
    return_request = return_request_create(order=order, lines={order.lines.get().pk: 2}, reason=Reason.TOO_BIG)
    as_guest_who_looked_it_up(client, order)

    page = client.get(f"/orders/{order.number}/returns/{return_request.number}/").content.decode()

    assert f'<strong class="return-number">{return_request.number}</strong>' in page
    assert "Postage paid" in page and "Fernhill Goods Ltd<br>12 Mill Lane<br>" in page
    assert re.search(r"Wool scarf</th>\s*<td data-label=\"Item number\">[^<]+</td><td data-label=\"How many\">2</td>",
                     page)
    assert "Your refund: £50.00" in page and "within 5 working days of your parcel reaching us" in page


def test_the_label_asks_for_postage_when_returns_are_not_free(client, settings):
    settings.SHOP = {**settings.SHOP, "returns_free": False}
    order = delivered_order()
    return_request = return_request_create(order=order, lines={order.lines.get().pk: 1}, reason=Reason.TOO_BIG)
    as_guest_who_looked_it_up(client, order)

    page = client.get(f"/orders/{order.number}/returns/{return_request.number}/").content.decode()

    assert "Postage paid" not in page and "Please pay the postage at the post office" in page


def test_a_return_waiting_for_staff_has_no_label_yet_and_says_to_wait(client):
    return_request = return_at(Stage.REQUESTED)
    as_guest_who_looked_it_up(client, return_request.order)

    page = client.get(f"/orders/{return_request.order.number}/returns/{return_request.number}/").content.decode()

    assert "return-label" not in page and "Please wait for our e-mail before sending anything" in page


def test_a_received_return_says_by_when_the_refund_comes(client):
    return_request = return_at(Stage.RECEIVED)
    as_guest_who_looked_it_up(client, return_request.order)

    page = client.get(f"/orders/{return_request.order.number}/returns/{return_request.number}/").content.decode()

    assert "Your parcel has reached us. We refund £28.95 by" in page  # faulty: the £3.95 delivery comes back too


def test_the_order_pages_list_the_returns_with_links_to_them(client):
    customer = UserFactory()
    order = delivered_order(customer=customer)
    return_request = return_request_create(order=order, lines={order.lines.get().pk: 1}, reason=Reason.TOO_BIG)
    client.force_login(customer)

    links = read_page(client.get(f"/account/orders/{order.number}/")).links

    assert (f"/orders/{order.number}/returns/{return_request.number}/",
            f"Return {return_request.number}") in links
    assert (f"/orders/{order.number}/return/", "Return items") in links


# --- Who may start or see a return ---------------------------------------------------------------------


def urls_of(order, return_request, method="get"):
    """Every page of the returns flow for this order; the return's own page only reads (a POST gets 405)."""
    pages = [f"/orders/{order.number}/return/", f"/orders/{order.number}/cancel/", f"/orders/{order.number}/withdraw/"]
    return pages if method == "post" else [*pages, f"/orders/{order.number}/returns/{return_request.number}/"]


@pytest.fixture
def anns_return():
    ann = UserFactory()
    order = delivered_order(customer=ann)
    return ann, order, return_request_create(order=order, lines={order.lines.get().pk: 1}, reason=Reason.TOO_BIG)


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_customer_cannot_open_or_post_to_any_of_these_pages(client, anns_return, method):
    _, order, return_request = anns_return
    client.force_login(UserFactory())

    statuses = [getattr(client, method)(url).status_code for url in urls_of(order, return_request, method)]

    assert set(statuses) == {404}
    assert ReturnRequest.objects.count() == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_guest_who_has_not_looked_the_order_up_gets_not_found(client, anns_return, method):
    _, order, return_request = anns_return

    statuses = [getattr(client, method)(url).status_code for url in urls_of(order, return_request, method)]

    assert set(statuses) == {404}


def test_an_unknown_order_number_is_not_found(client, anns_return):
    ann, _, return_request = anns_return
    client.force_login(ann)

    statuses = [client.get(url.replace(return_request.order.number, "FG-ZZZZZZ")).status_code
                for url in urls_of(return_request.order, return_request)]

    assert statuses == [404, 404, 404, 404]


def test_a_return_is_only_found_under_its_own_order(client, anns_return):
    ann, _, return_request = anns_return
    other = delivered_order(customer=ann)
    client.force_login(ann)

    assert client.get(f"/orders/{other.number}/returns/{return_request.number}/").status_code == 404
    assert client.get(f"/orders/{other.number}/returns/RA-UNKNWN/").status_code == 404


def test_the_owner_signed_in_and_the_guest_who_looked_it_up_both_get_in(client, anns_return):
    ann, order, return_request = anns_return
    guest = as_guest_who_looked_it_up(Client(), order)
    client.force_login(ann)

    assert [client.get(url).status_code for url in urls_of(order, return_request)] == [200] * 4
    assert [guest.get(url).status_code for url in urls_of(order, return_request)] == [200] * 4


def test_posting_without_the_csrf_token_is_refused(anns_return):
    ann, order, _ = anns_return
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(ann)

    responses = [strict.post(f"/orders/{order.number}/{page}/", {"confirm": "yes"})
                 for page in ("return", "withdraw", "cancel")]

    assert [response.status_code for response in responses] == [403, 403, 403]
    assert ReturnRequest.objects.count() == 1


@pytest.fixture
def order_for_garbage():
    """One delivered order for all the examples of a hypothesis test (they share the test's database)."""
    return delivered_order(quantity=3)


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.dictionaries(
    st.one_of(st.sampled_from(["reason", "reason_text", "outcome", "confirm", "change", "what", "quantity_1",
                               "quantity_999999"]), st.text(max_size=20)),
    st.one_of(st.text(max_size=600), st.sampled_from(["1", "-1", "0", "2", "99", "other", "refund", "everything",
                                                      "some", "faulty", "1e9", "\x00"])),
    max_size=8))
def test_garbage_posted_to_the_return_cancel_and_withdraw_pages_never_breaks_them(client, order_for_garbage, data):
    order = order_for_garbage
    as_guest_who_looked_it_up(client, order)
    line_field = f"quantity_{order.lines.get().pk}"
    data = {(line_field if key == "quantity_1" else key): value for key, value in data.items()}

    statuses = [client.post(f"/orders/{order.number}/{page}/", data).status_code
                for page in ("return", "cancel", "withdraw")]

    assert all(status in {200, 302} for status in statuses)


def test_no_message_is_sent_about_a_return_that_was_refused():
    order = delivered_order()

    with pytest.raises(NotAllowed):
        return_request_create(order=order, lines={}, reason=Reason.TOO_BIG)

    assert not ReturnRequest.objects.exists() and not mail.outbox


# --- Staff in the back office --------------------------------------------------------------------------


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_staff_see_returns_with_order_items_reason_and_status(staff_client):
    return_request = return_at(Stage.REQUESTED)

    page = staff_client.get("/admin/orders/returnrequest/").content.decode()
    detail = staff_client.get(f"/admin/orders/returnrequest/{return_request.pk}/change/").content.decode()

    assert return_request.number in page and return_request.order.number in page
    assert "1 × Wool scarf" in page and "Faulty or damaged" in page and "Return requested" in page
    assert "Return requested (" in detail  # the timeline inline


def test_staff_approve_receive_and_refund_with_the_list_actions(staff_client):
    return_request = return_at(Stage.REQUESTED)

    for action in ["return_approve", "return_receive", "return_refund"]:
        done = staff_client.post("/admin/orders/returnrequest/", {"action": action,
                                                                  "_selected_action": [return_request.pk]},
                                 follow=True)
        assert "1 moved on; each customer is being told." in done.content.decode()

    assert ReturnRequest.objects.get().status == Stage.REFUNDED
    assert OrderEvent.objects.filter(return_request=return_request).last().by.is_staff


def test_a_move_the_rules_forbid_is_explained_to_staff(staff_client):
    return_request = return_at(Stage.REQUESTED)

    done = staff_client.post("/admin/orders/returnrequest/", {"action": "return_refund",
                                                              "_selected_action": [return_request.pk]}, follow=True)

    assert "it can go to “Return approved” or “Return rejected”, not “Refunded”" in done.content.decode()


def test_rejecting_asks_staff_for_the_reason_first(staff_client):
    return_request = return_at(Stage.APPROVED)
    selected = {"action": "reject_returns", "_selected_action": [return_request.pk]}

    asked = staff_client.post("/admin/orders/returnrequest/", selected)
    empty = staff_client.post("/admin/orders/returnrequest/", {**selected, "apply": "yes", "rejection_reason": " "})
    done = staff_client.post("/admin/orders/returnrequest/", {**selected, "apply": "yes",
                                                              "rejection_reason": "Sent after the 14 days."})

    assert 'name="rejection_reason"' in asked.content.decode() and return_request.number in asked.content.decode()
    assert "Type the reason before rejecting" in empty.content.decode()
    assert done.status_code == 302
    return_request.refresh_from_db()
    assert (return_request.status, return_request.rejection_reason) == (Stage.REJECTED, "Sent after the 14 days.")


def test_staff_see_which_products_come_back_and_why(staff_client):
    scarf = delivered_order(quantity=3)
    jumper = discounted_order()
    return_request_create(order=scarf, lines={scarf.lines.get().pk: 2}, reason=Reason.TOO_BIG)
    return_request_create(order=jumper, lines={shirt_and_jumpers(jumper)[1].pk: 1}, reason=Reason.FAULTY)

    page = staff_client.get("/admin/orders/returnrequest/").content.decode()
    summary = page[page.index('id="return-reasons"'):]

    assert summary.index("Wool scarf") < summary.index("Wool jumper")  # most returned first
    rows = {cells[0]: cells[1:] for cells in (re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", row)
                                              for row in re.findall(r"<tr>(.*?)</tr>", summary, re.S))}
    assert rows["Wool scarf"] == ["2", "", "2", "", "", "", "", "", "", ""]  # the total, then two "Too big"
    assert rows["Wool jumper"] == ["1", "", "", "", "1", "", "", "", "", ""]  # one "Faulty or damaged"
