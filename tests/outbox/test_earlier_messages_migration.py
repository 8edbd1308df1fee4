"""Upgrading a shop that ran before the outbox: what was already sent stays sent (and is never sent again),
what had failed or never went out is there for staff, with the reason."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("outbox", "0001_messages"), ("orders", "0003_returns_and_cancelled_lines"),
          ("support", "0001_help_contact_questions_feedback"), ("shop", "0007_guest_reviews_and_missed_searches")]
AFTER = [("outbox", "0002_earlier_messages"), ("orders", "0004_notifications_moved_to_the_outbox"),
         ("support", "0002_emails_in_the_outbox"), ("shop", "0008_low_rating_alerts_in_the_outbox")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def back_to_the_latest_schema():
    """The tests after this one need every migration since, which AFTER stops short of (orders' language)."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_messages_recorded_before_the_outbox_are_brought_into_it(back_to_the_latest_schema):
    old = migrate(BEFORE)
    Order = old.get_model("orders", "Order")
    today = timezone.localdate()
    order = Order.objects.create(
        number="FG-OLD001", placement_key="6f1d3b5e-8c1a-4f3e-9a51-2b7d0c4e8a11", email="ada@example.com",
        full_name="Ada Lovelace", line1="1 Lane", city="Bristol", postcode="BS1 4XE", country="GB",
        delivery_method="standard", delivery_name="Standard", payment_method="card", currency="GBP",
        subtotal=Decimal("10"), delivery_cost=Decimal("0"), total=Decimal("10"), dispatch_on=today,
        delivered_from=today, delivered_by=today)
    Notification = old.get_model("orders", "Notification")
    Notification.objects.create(order=order, event="order_placed", channel="email", recipient="ada@example.com",
                                status="sent", attempts=1, sent_at=timezone.now())
    Notification.objects.create(order=order, event="confirmed", channel="email", recipient="ada@example.com",
                                status="pending", attempts=2, error="SMTPServerDisconnected")
    Ticket = old.get_model("support", "Ticket")
    Ticket.objects.create(reference="T-OLD001", name="Ann", email="ann@example.com", topic="other", message="Hi",
                          staff_notified_at=timezone.now(), acknowledged_at=None)

    new = migrate(AFTER)

    Message = new.get_model("outbox", "Message")
    by_key = {message.key: message for message in Message.objects.all()}
    order_id = order.pk
    assert by_key[f"order:{order_id}:order_placed:email"].status == "sent"
    assert by_key[f"order:{order_id}:order_placed:email"].reference == "FG-OLD001"
    assert by_key[f"order:{order_id}:confirmed:email"].status == "failed"
    assert "SMTPServerDisconnected" in by_key[f"order:{order_id}:confirmed:email"].error
    ticket_id = new.get_model("support", "Ticket").objects.get().pk
    assert by_key[f"ticket:{ticket_id}:staff"].status == "sent"
    assert by_key[f"ticket:{ticket_id}:acknowledgement"].status == "failed"
    assert "Not sent before the shop moved to the outbox" in by_key[f"ticket:{ticket_id}:acknowledgement"].error
