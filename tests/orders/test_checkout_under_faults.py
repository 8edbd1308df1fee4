"""Placing an order ends on its thank-you page even when things go wrong around it (PostgreSQL, real faults):
a double click whose second press reads the cart while the first is placing the order, and a database
connection that drops just after the order committed, before the session could be saved."""

import copy
import re
import threading
import time

import psycopg
import pytest
from django.db import connection, transaction
from django.db.models.signals import post_save
from django.test import Client

from orders.models import Order
from outbox.models import Message
from tests.orders.test_checkout import add_to_cart, fill_in_up_to_review, place
from tests.orders.test_placing import only_on_postgresql

pytestmark = [only_on_postgresql, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def shirt():
    from tests.orders.test_checkout import ProductFactory

    return ProductFactory(name="Linen shirt", variants=[("M", 5)])


def another_connection() -> psycopg.Connection:
    """A connection of the test's own, outside Django, to hold locks and to cut Django's connection."""
    db = connection.settings_dict
    return psycopg.connect(dbname=db["NAME"], user=db["USER"], password=db["PASSWORD"] or None,
                           host=db["HOST"] or None, port=db["PORT"] or None, autocommit=True)


def wait_until_waiting_for_locks(count: int, watcher: psycopg.Connection) -> None:
    for _ in range(200):
        waiting = watcher.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                  "AND wait_event_type = 'Lock'").fetchone()[0]
        if waiting >= count:
            return
        time.sleep(0.05)
    raise AssertionError(f"expected {count} sessions waiting for a lock, found {waiting}")


def in_a_thread(call) -> threading.Thread:
    def run():
        try:
            call()
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_a_second_click_that_read_the_cart_while_the_first_placed_the_order_shows_that_order(client, shirt):
    add_to_cart(client, shirt)
    fill_in_up_to_review(client)
    review = client.get("/checkout/review/").content.decode()
    posted = {name: re.search(rf'name="{name}" value="([^"]+)"', review).group(1)
              for name in ("placement_key", "expected_total")}
    second_tab = Client()
    second_tab.cookies = copy.deepcopy(client.cookies)  # the same browser, so the same session
    outbox_lock, cart_lock, watcher = another_connection(), another_connection(), another_connection()
    answers, threads = {}, []

    def lock_the_cart_lines_in_turn():
        with cart_lock.transaction():
            cart_lock.execute("LOCK TABLE shop_cartline IN ACCESS EXCLUSIVE MODE")

    try:
        # The first click places the order and is held, uncommitted, just before writing its e-mail.
        outbox_lock.execute("BEGIN")
        outbox_lock.execute("LOCK TABLE outbox_message IN SHARE ROW EXCLUSIVE MODE")
        threads.append(in_a_thread(lambda: answers.update(first=client.post("/checkout/review/", posted))))
        wait_until_waiting_for_locks(1, watcher)
        # Queued behind the first click's change to the cart, this lock makes the second click's read of the
        # cart wait until the first click has committed.
        threads.append(in_a_thread(lock_the_cart_lines_in_turn))
        wait_until_waiting_for_locks(2, watcher)
        threads.append(in_a_thread(lambda: answers.update(second=second_tab.post("/checkout/review/", posted))))
        wait_until_waiting_for_locks(3, watcher)
    finally:
        outbox_lock.execute("ROLLBACK")
        for thread in threads:
            thread.join(timeout=30)
        for held in (outbox_lock, cart_lock, watcher):
            held.close()

    order = Order.objects.get()
    thank_you = f"/checkout/thank-you/{order.number}/"
    assert answers["first"]["Location"] == thank_you
    assert answers["second"]["Location"] == thank_you


def test_an_order_whose_session_cannot_be_saved_after_it_committed_still_shows_its_thank_you_page(client, shirt):
    add_to_cart(client, shirt)
    fill_in_up_to_review(client)

    def cut_the_connection_once_committed(sender, instance, created, **kwargs):
        backend = connection.cursor().connection.info.backend_pid
        transaction.on_commit(lambda: another_connection().execute(
            "SELECT pg_terminate_backend(%s, 5000)", [backend]))

    post_save.connect(cut_the_connection_once_committed, sender=Order, weak=False)
    try:
        response = place(client)
    finally:
        post_save.disconnect(cut_the_connection_once_committed, sender=Order)
    connection.close_if_unusable_or_obsolete()  # as Django does after every request; the test client does not
    thank_you_page = client.get(response["Location"])

    order = Order.objects.get()
    assert response.status_code == 302
    assert response["Location"].startswith(f"/checkout/thank-you/{order.number}/?placed=")
    assert thank_you_page.status_code == 200 and order.number in thank_you_page.content.decode()
    assert Message.objects.filter(reference=order.number, kind="order_placed").exists()
    assert client.get(f"/checkout/thank-you/{order.number}/").status_code == 200  # remembered from now on


def test_a_thank_you_address_with_a_forged_proof_shows_nothing(client, shirt):
    add_to_cart(client, shirt)
    fill_in_up_to_review(client)
    number = place(client)["Location"].split("/")[3]

    stranger = Client()

    assert stranger.get(f"/checkout/thank-you/{number}/?placed={number}:forged").status_code == 404
