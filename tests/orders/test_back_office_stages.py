"""Staff drive orders through their stages from the back office."""


import pytest

from orders.models import Order, Shipment
from tests.factories import UserFactory, parcel_at, placed_order

pytestmark = pytest.mark.django_db
Stage = Order.Status


@pytest.fixture
def staff(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def act(client, url, action, ids):
    return client.post(url, {"action": action, "_selected_action": ids}, follow=True).content.decode()


def test_staff_move_several_orders_to_their_next_stage_at_once(client, staff, mailoutbox,
                                                               django_capture_on_commit_callbacks):
    orders = [placed_order(), placed_order()]

    with django_capture_on_commit_callbacks(execute=True):
        page = act(client, "/admin/orders/order/", "advance", [order.pk for order in orders])

    assert "2 moved on; each customer is being told." in page
    assert set(Order.objects.values_list("status", flat=True)) == {Stage.CONFIRMED}
    assert {order.events.last().by for order in Order.objects.all()} == {staff}
    assert len([message for message in mailoutbox if "getting your order" in message.subject]) == 2


def test_a_move_the_rules_refuse_is_explained_to_staff(client, staff):
    shipment = parcel_at(Stage.PACKED)

    page = act(client, "/admin/orders/order/", "advance", [shipment.order_id])

    assert "Enter the carrier and tracking number" in page
    assert Shipment.objects.get().status == Stage.PACKED


def test_staff_enter_tracking_then_mark_the_parcel_shipped(client, staff):
    shipment = parcel_at(Stage.PACKED)

    client.post("/admin/orders/shipment/", {
        "form-TOTAL_FORMS": 1, "form-INITIAL_FORMS": 1, "form-0-id": shipment.pk, "form-0-carrier": "Royal Mail",
        "form-0-tracking_number": "AB123456789GB", "form-0-expected_by": "", "_save": "Save"})
    page = act(client, "/admin/orders/shipment/", "mark_shipped", [shipment.pk])

    shipment.refresh_from_db()
    assert shipment.status == Stage.SHIPPED and shipment.tracking_number == "AB123456789GB", page
    assert "royalmail.com" in shipment.tracking_url


def test_the_order_page_shows_its_timeline_and_every_message(client, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        shipment = parcel_at(Stage.SHIPPED)

    page = client.get(f"/admin/orders/order/{shipment.order_id}/change/").content.decode()

    assert "Timeline" in page or "timeline" in page
    for stage in ["Placed", "Confirmed", "Packed", "Shipped"]:
        assert stage in page
    assert "order_placed" in page and "shipped" in page and "Sent" in page

