import uuid
from decimal import Decimal

import pytest

from orders.models import Notification
from orders.services import order_place, payment_take
from shop.delivery import delivery_method
from shop.models import Cart, CartLine
from tests.factories import ProductFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def order():
    variant = ProductFactory(name="Wool scarf", price=Decimal("25.00")).variants.get()
    cart = Cart.objects.create()
    CartLine.objects.create(cart=cart, variant=variant, quantity=1, price_when_added=variant.product.price)
    details = {"email": "ada@example.com", "full_name": "Ada Lovelace", "line1": "12 Mill Lane", "city": "Bristol",
               "postcode": "BS1 4XE", "country": "GB", "phone": "+44 7400 123456"}
    return order_place(cart=cart, customer=None, details=details, delivery=delivery_method("standard"),
                       payment=payment_take(method="cod", amount=Decimal("28.95")), placement_key=str(uuid.uuid4()))


def test_staff_find_an_order_by_email_and_see_its_lines_payment_and_messages(client, order):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    Notification.objects.create(order=order, event="order_placed", recipient=order.email,
                                status=Notification.Status.FAILED, error="SMTPServerDisconnected")

    found = client.get("/admin/orders/order/", {"q": "ada@example.com"}).content.decode()
    page = client.get(f"/admin/orders/order/{order.pk}/change/").content.decode()
    failed_first = client.get("/admin/orders/notification/").content.decode()

    assert order.number in found
    assert "Wool scarf" in page and "Cash on delivery" in page and "SMTPServerDisconnected" in page
    assert "Failed" in failed_first


def test_customers_cannot_open_the_back_office(client, order):
    client.force_login(UserFactory())

    assert client.get(f"/admin/orders/order/{order.pk}/change/").status_code == 302
