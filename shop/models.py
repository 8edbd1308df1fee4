from datetime import timedelta
from decimal import Decimal

from django.db import models
from django.urls import reverse
from django.utils import timezone


class Category(models.Model):
    """A node of the category tree. The shop shows at most three levels (practice P29)."""

    MAX_DEPTH = 3

    parent = models.ForeignKey("self", null=True, blank=True, related_name="children", on_delete=models.PROTECT)
    name = models.CharField(max_length=60)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("shop:category", kwargs={"slug": self.slug})


class ProductQuerySet(models.QuerySet):
    def visible(self):
        """What shoppers may see. Pages take their category from the cached tree, so no join here."""
        return self.filter(is_active=True)


class Product(models.Model):
    NEW_FOR_DAYS = 30

    category = models.ForeignKey(Category, related_name="products", on_delete=models.PROTECT)
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    sku = models.CharField("SKU", max_length=32, unique=True)
    model_number = models.CharField("model", max_length=40)
    summary = models.CharField(max_length=200, help_text="One line shown under the name in lists.")
    description = models.TextField()

    price = models.DecimalField(max_digits=9, decimal_places=2)
    sale_price = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True,
                                     help_text="Set to put the product on sale; leave empty otherwise.")
    stock = models.PositiveIntegerField(default=0)
    dispatch_days = models.PositiveSmallIntegerField(default=1, help_text="Working days from order to dispatch.")

    size = models.CharField(max_length=40, blank=True)
    colour = models.CharField(max_length=40, blank=True)
    weight_grams = models.PositiveIntegerField("weight (g)")
    material = models.CharField(max_length=80, blank=True)

    image = models.ImageField(upload_to="products/", width_field="image_width", height_field="image_height")
    image_width = models.PositiveIntegerField(editable=False, default=0)
    image_height = models.PositiveIntegerField(editable=False, default=0)
    thumbnail = models.ImageField(upload_to="products/thumbs/")

    is_active = models.BooleanField(default=True, help_text="Untick to hide the product from the shop.")
    is_featured = models.BooleanField(default=False, help_text="Shown on the home page.")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProductQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["category", "is_active", "name"]),
            # The home page's "Our picks" and "On sale now" read only these few rows, not the catalogue.
            models.Index(fields=["name"], condition=models.Q(is_featured=True), name="product_featured_idx"),
            models.Index(fields=["-updated_at"], condition=models.Q(sale_price__isnull=False),
                         name="product_on_sale_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(sale_price__isnull=True) | models.Q(sale_price__lt=models.F("price")),
                name="sale_price_below_price",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("shop:product", kwargs={"slug": self.slug})

    @property
    def current_price(self) -> Decimal:
        return self.sale_price if self.sale_price is not None else self.price

    @property
    def is_on_sale(self) -> bool:
        return self.sale_price is not None

    @property
    def saving_percent(self) -> int:
        return round(100 * (self.price - self.current_price) / self.price) if self.is_on_sale else 0

    @property
    def in_stock(self) -> bool:
        return self.stock > 0

    @property
    def is_new(self) -> bool:
        return self.created_at >= timezone.now() - timedelta(days=self.NEW_FOR_DAYS)
