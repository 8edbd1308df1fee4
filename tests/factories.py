from decimal import Decimal

import factory
from django.utils.text import slugify
from factory.django import DjangoModelFactory, ImageField, Password

from accounts.models import User
from shop.models import Category, Product, ProductVariant


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
