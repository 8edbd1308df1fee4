from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy


class Category(models.Model):
    """A node of the category tree. The shop shows at most three levels (practice P29)."""

    MAX_DEPTH = 3

    parent = models.ForeignKey("self", null=True, blank=True, related_name="children", on_delete=models.PROTECT)
    name = models.CharField(max_length=60)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")
    is_featured = models.BooleanField(default=False, help_text="Offered as a quick entry point on the home page.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("shop:category", kwargs={"slug": self.slug})


class ProductQuerySet(models.QuerySet):
    def active(self):
        """What shoppers may see, and nothing more: enough to filter, sort, count and page a listing, which
        then reads only the products of the page with `visible()`."""
        return self.filter(is_active=True)

    def visible(self):
        """What shoppers may see, with the stock of all sizes added up (`stock_total`) in the same query.

        Pages take the category from the cached tree, so there is no join to it here.
        """
        sizes = ProductVariant.objects.filter(product=OuterRef("pk")).order_by()
        return self.active().annotate(
            stock_total=Coalesce(Subquery(sizes.values("product").annotate(total=Sum("stock")).values("total")), 0),
            # A card can offer "Add to cart" straight away when there is only one size to choose.
            size_count=Coalesce(Subquery(sizes.values("product").annotate(count=Count("pk")).values("count")), 0),
            first_variant_id=Subquery(sizes.order_by("position", "pk").values("pk")[:1]),
        )


class Product(models.Model):
    category = models.ForeignKey(Category, related_name="products", on_delete=models.PROTECT)
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    sku = models.CharField("style SKU", max_length=32, unique=True,
                           help_text="Shared by all sizes; each size has its own SKU below.")
    model_number = models.CharField("model", max_length=40)
    summary = models.CharField(max_length=200, help_text="One line shown under the name in lists.")
    description = models.TextField()

    price = models.DecimalField(max_digits=9, decimal_places=2)
    sale_price = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True,
                                     help_text="Set to put the product on sale; leave empty otherwise.")
    dispatch_days = models.PositiveSmallIntegerField(default=1, help_text="Working days from order to dispatch.")
    # Most things can come back; a few cannot once opened (earrings, for hygiene). Customers are told why.
    is_returnable = models.BooleanField(default=True)
    not_returnable_reason = models.CharField(max_length=200, blank=True,
                                             help_text="Shown instead of the return button, e.g. 'Earrings cannot "
                                                       "be returned once opened, for hygiene.'")

    colour = models.CharField(max_length=40, blank=True)
    weight_grams = models.PositiveIntegerField("weight (g)")
    material = models.CharField(max_length=80, blank=True)

    image = models.ImageField(upload_to="products/", width_field="image_width", height_field="image_height")
    image_width = models.PositiveIntegerField(editable=False, default=0)
    image_height = models.PositiveIntegerField(editable=False, default=0)
    image_alt = models.CharField("image description", max_length=200, blank=True,
                                 help_text="What the picture shows, for people who cannot see it.")

    # Kept up to date by the reviews and orders that produce them; read by listings without a join.
    rating_average = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True, editable=False)
    rating_count = models.PositiveIntegerField(default=0, editable=False)
    units_sold = models.PositiveIntegerField(default=0, editable=False, db_index=True)
    # Name, summary, description, category names, colour, material and SKUs in one text that search reads.
    search_document = models.TextField(blank=True, editable=False)

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

    def save(self, *args, **kwargs):
        self.search_document = self.compose_search_document()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("shop:product", kwargs={"slug": self.slug})

    def compose_search_document(self) -> str:
        """Everything a shopper might type to find the product, in one text that search reads.

        Kept on the row (refreshed on save; `load_demo` sets it when creating in bulk) so a search reads
        one column instead of joining the category tree for every product.
        """
        trail, category = [], self.category
        while category is not None:
            trail.insert(0, category.name)
            category = category.parent
        return " ".join(filter(None, [self.name, self.summary, self.description, *trail, self.colour, self.material,
                                      self.model_number, self.sku]))

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
    def stock(self) -> int:
        """Units in stock over all sizes: from the `visible()` annotation, or counted when absent."""
        if not hasattr(self, "stock_total"):
            self.stock_total = self.variants.aggregate(total=Sum("stock"))["total"] or 0
        return self.stock_total

    @property
    def in_stock(self) -> bool:
        return self.stock > 0

    @property
    def is_new(self) -> bool:
        return self.created_at >= timezone.now() - timedelta(days=settings.SHOP["new_for_days"])


# Sizes written in words, which the shop says in the page's language. Every other size (S, M, XL, 10, 32R, EU 38,
# 20 cm) reads the same in every language and is shown as it is.
SIZE_WORDS = {
    "One size": pgettext_lazy("size", "One size"),
    "Small": pgettext_lazy("size", "Small"),
    "Medium": pgettext_lazy("size", "Medium"),
    "Large": pgettext_lazy("size", "Large"),
    "Compact": pgettext_lazy("size", "Compact"),
    "Standard": pgettext_lazy("size", "Standard"),
    "Regular": pgettext_lazy("size", "Regular"),
    "Long": pgettext_lazy("size", "Long"),
    # Translators: bed linen's sizes.
    "Single": pgettext_lazy("size", "Single"),
    "Double": pgettext_lazy("size", "Double"),
    "King": pgettext_lazy("size", "King"),
    # Translators: a pen's nib, beside "Medium".
    "Fine": pgettext_lazy("size", "Fine"),
}


def size_name(size: str) -> str:
    """A size as the shopper reads it: "One size" in their language, "M" or "EU 38" as it is."""
    return str(SIZE_WORDS.get(size, size))


class ProductVariant(models.Model):
    """One size of a product: what is actually stocked, picked and put in a cart."""

    product = models.ForeignKey(Product, related_name="variants", on_delete=models.CASCADE)
    size = models.CharField(max_length=40, blank=True, help_text="Leave empty when the product comes in one size.")
    sku = models.CharField("SKU", max_length=40, unique=True)
    stock = models.PositiveIntegerField(default=0)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["product", "stock"])]

    def __str__(self):
        return f"{self.product.name}, {self.size}" if self.size else self.product.name

    @property
    def size_name(self) -> str:
        return size_name(self.size)

    @property
    def display_name(self) -> str:
        """"Linen shirt, M" in the page's language, for the shopper (`str()` is the back office's)."""
        if not self.size:
            return self.product.name
        # Translators: a product and one of its sizes, as a cart line or message names it: "Linen shirt, M".
        return gettext("%(product)s, %(size)s") % {"product": self.product.name, "size": self.size_name}


class ProductImage(models.Model):
    """A further picture in a product's gallery; the main picture is `Product.image`."""

    product = models.ForeignKey(Product, related_name="images", on_delete=models.CASCADE)
    image = models.ImageField(upload_to="products/", width_field="width", height_field="height")
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    alt = models.CharField("description", max_length=200, help_text="What the picture shows.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.alt


class Coupon(models.Model):
    """A discount code the merchant creates in the back office and a customer types in the cart."""

    PERCENT, AMOUNT = "percent", "amount"

    code = models.CharField(max_length=32, unique=True, help_text="Customers type it in any case; stored in capitals.")
    kind = models.CharField(max_length=10, choices=[(PERCENT, "Percentage off"), (AMOUNT, "Amount off")])
    value = models.DecimalField(max_digits=9, decimal_places=2, help_text="The percentage, or the amount in pounds.")
    minimum_spend = models.DecimalField(max_digits=9, decimal_places=2, default=0,
                                        help_text="Cart subtotal needed before the code works.")
    valid_from = models.DateTimeField(default=timezone.now)
    valid_until = models.DateTimeField(null=True, blank=True, help_text="Leave empty for no end date.")
    usage_limit = models.PositiveIntegerField(null=True, blank=True, help_text="Leave empty for no limit.")
    times_used = models.PositiveIntegerField(default=0, editable=False, help_text="Counted when an order is placed.")
    is_active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(value__gt=0), name="coupon_value_positive"),
            models.CheckConstraint(condition=~models.Q(kind="percent") | models.Q(value__lte=100),
                                   name="coupon_percent_at_most_100"),
        ]

    def __str__(self):
        return self.code

    def save(self, *args, **kwargs):
        self.code = self.code.strip().upper()
        super().save(*args, **kwargs)


class Cart(models.Model):
    """A shopper's cart. A guest's is found through the session; a customer's through their account."""

    customer = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True, related_name="cart",
                                    on_delete=models.CASCADE)
    coupon = models.ForeignKey(Coupon, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    def __str__(self):
        return f"Cart {self.pk} of {self.customer or 'a guest'}"


class CartLine(models.Model):
    cart = models.ForeignKey(Cart, related_name="lines", on_delete=models.CASCADE)
    variant = models.ForeignKey(ProductVariant, related_name="cart_lines", on_delete=models.CASCADE)
    quantity = models.PositiveIntegerField()
    # The price the shopper saw when adding, so the cart can say so if it has changed since.
    price_when_added = models.DecimalField(max_digits=9, decimal_places=2)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cart", "variant"], name="one_line_per_size_per_cart"),
            models.CheckConstraint(condition=models.Q(quantity__gt=0), name="cart_line_quantity_positive"),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.variant}"


class Review(models.Model):
    """A customer's review (practices P56, S10). Marked as a verified purchase when they bought the product."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for moderation"
        PUBLISHED = "published", "Published"
        REJECTED = "rejected", "Not published"

    product = models.ForeignKey(Product, related_name="reviews", on_delete=models.CASCADE)
    # Empty for a guest who reviewed through the signed invitation sent after delivery.
    customer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, related_name="reviews",
                                 on_delete=models.CASCADE)
    order_line = models.ForeignKey("orders.OrderLine", null=True, blank=True, related_name="reviews",
                                   on_delete=models.SET_NULL, help_text="The purchase that makes it verified.")
    rating = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    title = models.CharField(max_length=120)
    text = models.TextField(max_length=5000)
    display_name = models.CharField(max_length=60, help_text="How the reviewer is shown, e.g. 'Ada, Bristol'.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    shop_reply = models.TextField("the shop's public reply", blank=True)
    shop_reply_at = models.DateTimeField(null=True, blank=True, editable=False)
    helpful_count = models.PositiveIntegerField(default=0, editable=False)
    # Practice S10: a poor review stays in the follow-up queue until staff write down what they did.
    follow_up_note = models.TextField("what we did", blank=True,
                                      help_text="Staff only: e.g. 'Called her, sent a replacement on 3 May'.")
    followed_up_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["product", "customer"], name="one_review_per_customer"),
                       models.UniqueConstraint(fields=["order_line"], condition=models.Q(customer=None),
                                               name="one_guest_review_per_purchase"),
                       models.CheckConstraint(condition=models.Q(rating__gte=1, rating__lte=5),
                                              name="review_rating_1_to_5")]

    def __str__(self):
        return f"{self.rating}★ {self.title}"

    @property
    def is_verified_purchase(self) -> bool:
        return self.order_line_id is not None


class ReviewPhoto(models.Model):
    review = models.ForeignKey(Review, related_name="photos", on_delete=models.CASCADE)
    image = models.ImageField(upload_to="reviews/", width_field="width", height_field="height")
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    alt = models.CharField("description", max_length=200, blank=True)
    # Smaller copies are made by a worker after the review is saved; until then pages show the photo itself.
    renditions_made = models.BooleanField(default=False, editable=False)

    def __str__(self):
        return f"Photo for {self.review}"


class ReviewVote(models.Model):
    """"Was this review helpful?": one vote per visitor and review."""

    review = models.ForeignKey(Review, related_name="votes", on_delete=models.CASCADE)
    visitor = models.CharField(max_length=32)
    helpful = models.BooleanField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "visitor"], name="one_review_vote_per_visitor")]

    def __str__(self):
        return f"{'Helpful' if self.helpful else 'Not helpful'}: {self.review}"


class MissedSearch(models.Model):
    """A search that found nothing, counted per day: what shoppers want and cannot find (CX dashboard)."""

    query = models.CharField(max_length=100, help_text="As typed, in lower case.")
    day = models.DateField(default=timezone.localdate)
    count = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["query", "day"], name="one_missed_search_row_per_day")]
        verbose_name_plural = "missed searches"

    def __str__(self):
        return f"“{self.query}” on {self.day}: {self.count}"
