"""The outbox: every message written with its cause, sent once after commit, retried, swept, shown to staff."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from orders.notifications import order_notify
from outbox.models import Message
from outbox.selectors import messages_due, messages_possibly_twice
from outbox.sending import FIRST_RETRY_WAIT, MAX_ATTEMPTS, message_id_header, message_send
from outbox.tasks import message_send_task, messages_sweep_task
from tests.factories import MessageFactory, ProductFactory, cart_holding, order_from_cart

pytestmark = pytest.mark.django_db


@pytest.fixture
def order():
    """A guest's order, its confirmation waiting in the outbox (the test's transaction never commits)."""
    return order_from_cart(cart_holding(ProductFactory(variants=[("M", 5)]).variants.get()))


@pytest.fixture
def mail_server_down(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2  # nothing listens there


def confirmation(order) -> Message:
    return Message.objects.get(reference=order.number, kind="order_placed")


def test_the_same_event_twice_writes_one_message(order):
    again = order_notify(order, event="order_placed")

    assert again == [confirmation(order)] and Message.objects.count() == 1


def test_a_send_task_run_twice_sends_one_email(order, mailoutbox):
    message_send_task.delay(confirmation(order).pk)
    message_send_task.delay(confirmation(order).pk)  # a retry, or the broker delivering twice

    sent = confirmation(order)
    assert len(mailoutbox) == 1 and order.number in mailoutbox[0].subject
    assert sent.status == Message.Status.SENT and sent.attempts == 1 and sent.sent_at


def test_a_mail_server_that_is_down_keeps_the_message_waiting_with_the_reason_and_longer_waits(
        order, mail_server_down):
    now = timezone.now()

    message_send(message_id=confirmation(order).pk, now=now)
    first = confirmation(order)
    message_send(message_id=first.pk, now=first.next_attempt_at)
    second = confirmation(order)

    assert first.status == Message.Status.PENDING and "Connection refused" in first.error
    assert second.attempts == 2
    assert second.next_attempt_at - first.next_attempt_at > FIRST_RETRY_WAIT  # the second wait is longer


def test_a_stray_task_does_not_try_a_waiting_message_before_it_is_due(order, mail_server_down):
    message_send(message_id=confirmation(order).pk)

    status = message_send(message_id=confirmation(order).pk)

    assert status == Message.Status.PENDING and confirmation(order).attempts == 1


def test_after_the_last_attempt_the_message_is_failed_for_staff(order, mail_server_down):
    later = timezone.now()
    for _ in range(MAX_ATTEMPTS + 2):
        message_send(message_id=confirmation(order).pk, now=later)
        later += timedelta(days=1)

    failed = confirmation(order)
    assert failed.status == Message.Status.FAILED and failed.attempts == MAX_ATTEMPTS
    assert "Connection refused" in failed.error


def test_a_message_that_failed_once_is_sent_once_by_the_sweeper_when_the_server_is_back(order, settings, mailoutbox):
    locmem = settings.EMAIL_BACKEND
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    message_send(message_id=confirmation(order).pk)
    settings.EMAIL_BACKEND = locmem
    Message.objects.update(next_attempt_at=timezone.now())  # the wait is over

    swept = messages_sweep_task()
    messages_sweep_task()  # the next run finds nothing due

    sent = confirmation(order)
    assert swept == 1 and len(mailoutbox) == 1
    assert sent.status == Message.Status.SENT and sent.attempts == 2 and not sent.error
    assert mailoutbox[0].extra_headers["Message-ID"] == message_id_header(sent)  # the same on every attempt


def test_the_sweeper_leaves_a_new_message_to_the_task_queued_at_commit(order, settings):
    written = confirmation(order)
    soon = written.created_at + timedelta(seconds=settings.OUTBOX_SENDING_TIMEOUT - 1)
    later = written.created_at + timedelta(seconds=settings.OUTBOX_SENDING_TIMEOUT + 1)

    assert list(messages_due(now=soon)) == []
    assert list(messages_due(now=later)) == [written]


def test_a_message_being_sent_by_one_worker_is_not_sent_by_another(order, mailoutbox):
    Message.objects.filter(pk=confirmation(order).pk).update(status=Message.Status.SENDING,
                                                             sending_since=timezone.now())

    status = message_send(message_id=confirmation(order).pk)

    assert status == Message.Status.SENDING and mailoutbox == []


def test_a_message_left_sending_by_a_killed_worker_is_sent_by_the_sweeper_and_counted_as_possibly_twice(
        order, settings, mailoutbox):
    # What a worker killed mid-send leaves behind: the row claimed, the mail server maybe done, no "sent".
    cut_off_at = timezone.now() - timedelta(seconds=settings.OUTBOX_SENDING_TIMEOUT + 1)
    Message.objects.filter(pk=confirmation(order).pk).update(status=Message.Status.SENDING, attempts=1,
                                                             sending_since=cut_off_at)

    swept = messages_sweep_task()

    sent = confirmation(order)
    assert swept == 1 and len(mailoutbox) == 1
    assert sent.status == Message.Status.SENT and sent.interrupted and sent.attempts == 2
    assert messages_possibly_twice() == 1


def test_while_redis_is_down_the_order_is_placed_and_its_confirmation_waits_for_the_sweeper(
        redis_down, django_capture_on_commit_callbacks, settings, mailoutbox):
    variant = ProductFactory(variants=[("M", 5)]).variants.get()
    started = time.monotonic()

    with django_capture_on_commit_callbacks(execute=True):  # the commit's hook tries to queue, and cannot
        order = order_from_cart(cart_holding(variant))
    took = time.monotonic() - started
    waiting = confirmation(order)

    assert waiting.status == Message.Status.PENDING and mailoutbox == []
    assert took < 5  # the customer's request is not held while the queue is away
    assert list(messages_due(now=waiting.next_attempt_at)) == [waiting]


def test_staff_send_a_failed_message_again_from_the_back_office(order, admin_client, mailoutbox,
                                                                 django_capture_on_commit_callbacks):
    Message.objects.filter(pk=confirmation(order).pk).update(status=Message.Status.FAILED, attempts=MAX_ATTEMPTS,
                                                             error="SMTPServerDisconnected")

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post("/admin/outbox/message/", {
            "action": "send_again", "_selected_action": [confirmation(order).pk]}, follow=True)

    assert "1 failed message queued to be sent again." in response.content.decode()
    assert confirmation(order).status == Message.Status.SENT and len(mailoutbox) == 1


def test_staff_see_every_message_about_an_order_on_its_page(order, admin_client):
    page = admin_client.get(f"/admin/orders/order/{order.pk}/change/").content.decode()

    assert "order_placed" in page and order.email in page and "Waiting to be sent" in page


def test_a_message_page_in_the_back_office_shows_what_the_customer_reads(order, admin_client):
    page = admin_client.get(f"/admin/outbox/message/{confirmation(order).pk}/change/").content.decode()

    assert "What happens next" in page and order.number in page


def test_a_message_from_before_the_outbox_without_its_text_is_never_sent_again_empty(order, admin_client, mailoutbox,
                                                                                    django_capture_on_commit_callbacks):
    earlier = MessageFactory(status=Message.Status.FAILED, subject="", body_text="", body_html="",
                             error="Not sent before the shop moved to the outbox; its text was not kept.")

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post("/admin/outbox/message/", {
            "action": "send_again", "_selected_action": [earlier.pk]}, follow=True)

    earlier.refresh_from_db()
    assert "None of those can be sent again" in response.content.decode()
    assert earlier.status == Message.Status.FAILED and mailoutbox == []
