import uuid
from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory, ImageField, Password

from accounts.models import Address, User
from orders.checkout import PLACED_ORDERS_SESSION_KEY
from orders.models import Order, OrderLine, Shipment
from orders.services import order_move, order_place, payment_take, shipment_move
from outbox.models import Message
from shop.delivery import delivery_method
from shop.models import Cart, CartLine, Category, Product, ProductVariant
from shop.services import cart_summary


class MessageFactory(DjangoModelFactory):
    """A message in the outbox, as it stands after whatever happened to it (pass `status`, `error`…)."""

    class Meta:
        model = Message

    key = factory.Sequence(lambda n: f"test:{n}:email")
    kind = "order_placed"
    to = "ada@example.com"
    subject = "Your order"
    body_text = "Thank you."
    next_attempt_at = factory.LazyFunction(timezone.now)


class CategoryFactory(DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.LazyAttribute(lambda category: slugify(category.name))


class ProductFactory(DjangoModelFactory):
    class Meta:
        model = Product
        skip_postgeneration_save = True  # the sizes hook saves its own rows

    category = factory.SubFactory(CategoryFactory)
    name = factory.Sequence(lambda n: f"Linen shirt {n}")
    slug = factory.Sequence(lambda n: f"linen-shirt-{n}")
    sku = factory.Sequence(lambda n: f"T-{n:05d}")
    model_number = factory.Sequence(lambda n: f"MOD-{n}")
    summary = "A test product."
    description = "Made for the tests."
    price = Decimal("40.00")
    colour = "Navy"
    weight_grams = 250
    material = "Linen"
    image = ImageField(width=800, height=800, color="navy")

    @factory.post_generation
    def variants(product, create, extracted, **kwargs):
        """Sizes as (size, stock) pairs: `ProductFactory(variants=[("S", 0), ("M", 4)])`; one size by default."""
        if create:
            for position, (size, stock) in enumerate(extracted or [("M", 10)]):
                ProductVariant.objects.create(product=product, size=size, stock=stock, position=position,
                                              sku=f"{product.sku}-{size or 'ONE'}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"shopper{n}@example.com")
    password = Password("correct horse battery staple")


class AddressFactory(DjangoModelFactory):
    class Meta:
        model = Address

    customer = factory.SubFactory(UserFactory)
    full_name = "Ann Smith"
    line1 = factory.Sequence(lambda n: f"{n + 1} Mill Lane")
    city = "Bristol"
    postcode = "BS1 4XE"
    country = "GB"
    phone = "+44 7400 123456"


class OrderFactory(DjangoModelFactory):
    """A placed order, as checkout writes it: `OrderFactory(customer=ann, lines=[("Linen shirt", "M", 2)])`."""

    class Meta:
        model = Order
        skip_postgeneration_save = True  # the lines hook saves its own rows

    placement_key = factory.LazyFunction(uuid.uuid4)
    customer = factory.SubFactory(UserFactory)
    email = factory.LazyAttribute(lambda order: order.customer.email if order.customer else "guest@example.com")
    phone = "+44 7400 123456"
    full_name = "Ann Smith"
    line1 = "12 Mill Lane"
    city = "Bristol"
    postcode = "BS1 4XE"
    country = "GB"
    delivery_method = "standard"
    delivery_name = "Standard delivery"
    dispatch_on = factory.LazyFunction(date.today)
    delivered_from = factory.LazyFunction(lambda: date.today() + timedelta(days=2))
    delivered_by = factory.LazyFunction(lambda: date.today() + timedelta(days=3))
    payment_method = Order.PaymentMethod.CARD
    currency = "GBP"
    subtotal = Decimal("80.00")
    delivery_cost = Decimal("0.00")
    total = Decimal("80.00")

    @factory.post_generation
    def lines(order, create, extracted, **kwargs):
        """Lines as (product name, size, quantity) at £40 each; one shirt in M by default."""
        if create:
            for position, (name, size, quantity) in enumerate(extracted or [("Linen shirt", "M", 2)]):
                OrderLine.objects.create(order=order, product_name=name, size=size, sku=f"T-{position:05d}-{size}",
                                         unit_price=Decimal("40.00"), quantity=quantity)


# --- Orders placed the way checkout places them ----------------------------------------------------

CHECKOUT_DETAILS = {"email": "ada@example.com", "full_name": "Ada Lovelace", "line1": "12 Mill Lane", "line2": "",
                    "city": "Bristol", "region": "", "postcode": "BS1 4XE", "country": "GB",
                    "phone": "+44 7400 123456"}


def cart_holding(variant, quantity=1) -> Cart:
    cart = Cart.objects.create()
    CartLine.objects.create(cart=cart, variant=variant, quantity=quantity, price_when_added=variant.product.price)
    return cart


def order_from_cart(cart, *, customer=None, key=None) -> Order:
    """Through the real `order_place`, paying cash on delivery: stock is taken, the e-mail is queued."""
    standard = delivery_method("standard")
    payment = payment_take(method="cod", amount=cart_summary(cart=cart, delivery_method=standard).total)
    return order_place(cart=cart, customer=customer, details=CHECKOUT_DETAILS, delivery=standard, payment=payment,
                       placement_key=key or str(uuid.uuid4()))


def placed_order(*, customer=None, quantity=1) -> Order:
    variant = ProductFactory(name="Wool scarf", price=Decimal("25.00"), variants=[("", 5)]).variants.get()
    return order_from_cart(cart_holding(variant, quantity), customer=customer)


def parcel_at(stage: str) -> Shipment:
    """A parcel brought to `stage` along the allowed path (placed → confirmed → packed → …)."""
    Stage = Order.Status
    order = placed_order()
    order_move(order=order, to=Stage.CONFIRMED)
    order_move(order=order, to=Stage.PACKED)
    shipment = order.shipments.get()
    path = {Stage.PACKED: [], Stage.SHIPPED: [Stage.SHIPPED],
            Stage.OUT_FOR_DELIVERY: [Stage.SHIPPED, Stage.OUT_FOR_DELIVERY],
            Stage.DELAYED: [Stage.SHIPPED, Stage.DELAYED],
            Stage.DELIVERY_FAILED: [Stage.SHIPPED, Stage.OUT_FOR_DELIVERY, Stage.DELIVERY_FAILED],
            Stage.DELIVERED: [Stage.SHIPPED, Stage.DELIVERED]}[stage]
    for step in path:
        shipment = shipment_move(shipment=shipment, to=step, carrier="DPD", tracking_number="15501234567890")
    return shipment


# --- After delivery: returns and withdrawals ------------------------------------------------------------


def deliver(order, *, days_ago: int = 0) -> Order:
    """Walk a placed order to the customer's door; `days_ago` moves the delivery back in time."""
    from django.utils import timezone

    from orders.models import OrderEvent

    Stage = Order.Status
    order_move(order=order, to=Stage.CONFIRMED)
    order_move(order=order, to=Stage.PACKED)
    shipment = order.shipments.get()
    shipment_move(shipment=shipment, to=Stage.SHIPPED, carrier="DPD", tracking_number="15501234567890")
    shipment_move(shipment=shipment, to=Stage.DELIVERED)
    if days_ago:
        OrderEvent.objects.filter(order=order, stage=Stage.DELIVERED).update(
            created_at=timezone.now() - timedelta(days=days_ago))
    order.refresh_from_db()
    return order


def delivered_order(*, customer=None, quantity=1, days_ago: int = 0) -> Order:
    """A wool scarf (£25, stock taken through checkout) delivered `days_ago` days ago, to ada@example.com."""
    return deliver(placed_order(customer=customer, quantity=quantity), days_ago=days_ago)


def as_guest_who_looked_it_up(client, order):
    """As the tracking lookup leaves a guest's session: this browser may see the order."""
    session = client.session
    session[PLACED_ORDERS_SESSION_KEY] = [order.number]
    session.save()
    return client
