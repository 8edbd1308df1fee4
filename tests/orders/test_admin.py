import pytest

from outbox.models import Message
from tests.factories import UserFactory, placed_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def order():
    return placed_order()


def test_staff_find_an_order_by_email_and_see_its_lines_payment_and_messages(client, order):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    Message.objects.filter(reference=order.number).update(status=Message.Status.FAILED,
                                                          error="SMTPServerDisconnected")

    found = client.get("/admin/orders/order/", {"q": "ada@example.com"}).content.decode()
    page = client.get(f"/admin/orders/order/{order.pk}/change/").content.decode()
    failed_first = client.get("/admin/outbox/message/").content.decode()

    assert order.number in found
    assert "Wool scarf" in page and "Cash on delivery" in page and "SMTPServerDisconnected" in page
    assert "Failed" in failed_first


def test_customers_cannot_open_the_back_office(client, order):
    client.force_login(UserFactory())

    assert client.get(f"/admin/orders/order/{order.pk}/change/").status_code == 302
