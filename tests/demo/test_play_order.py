"""`manage.py play_order` plays an order through every stage for a workshop, and never in production."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from orders.models import Order
from tests.factories import placed_order

pytestmark = pytest.mark.django_db
Stage = Order.Status


def test_play_order_takes_an_order_from_placed_to_delivered(settings):
    settings.DEBUG = True
    order = placed_order()
    output = StringIO()

    call_command("play_order", order.number, pause=0, stdout=output)

    order.refresh_from_db()
    assert order.status == Stage.DELIVERED
    assert [line.strip() for line in output.getvalue().splitlines()[1:6]] == [
        "→ Confirmed", "→ Packed", "→ Shipped", "→ Out for delivery", "→ Delivered"]


def test_play_order_refuses_in_production(settings, db):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="refuses to run with DEBUG=false"):
        call_command("play_order", stdout=StringIO())
