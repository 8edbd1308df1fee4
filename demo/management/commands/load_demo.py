"""Build the demo shop: categories, products with pictures, two accounts, the customer's past orders, and
the past survey answers, returns and searches behind the customer-experience dashboard.

Idempotent: running it again adds only what is missing, so it is safe after every migration and
never duplicates or overwrites what a merchant has edited. `--products 10000` grows the catalogue
for benchmarks; the first 120 products are always the same ones.
"""

import os
import random
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import Address, User
from demo.help_centre import load_help_demo
from demo.images import (
    SIZE,
    draw_packaging_image,
    draw_product_image,
    draw_scene_image,
    scene_words,
    texture_for,
)
from demo.metrics import load_metrics_demo
from demo.trust_pages import load_site_pages_demo
from orders.models import Order, OrderEvent, OrderLine, Shipment
from shop.images import renditions_make
from shop.models import Category, Coupon, Product, ProductImage, ProductVariant, Review
from shop.reviews.services import product_rating_recompute
from shop.selectors import catalogue_changed
from support.models import ProductQuestion
from workshop.places import CUSTOMER_EMAIL

# The customer's address is the one the workshop's places look up its orders by.
DEMO_CUSTOMER = (CUSTOMER_EMAIL, "demo-customer-2026")
DEMO_STAFF = ("staff@example.com", "demo-staff-2026")


@dataclass(frozen=True)
class MadeProduct:
    """A product about to be written, with what its sizes and pictures are made from."""

    product: Product
    noun: str
    sizes: tuple[str, ...]
    sold_out: bool
    scene: str  # the second picture's name


@dataclass(frozen=True)
class Leaf:
    """A bottom-level category and how its products look."""

    name: str
    nouns: tuple[str, ...]
    materials: tuple[str, ...]
    sizes: tuple[str, ...]
    grams: tuple[int, int]
    pounds: tuple[int, int]


# Top level → second level → leaves. Every noun has its own drawing in demo/images.py.
CATALOGUE = {
    ("Clothing", "Shirts, knitwear and jackets in natural fibres."): {
        "Women": [
            Leaf("Dresses", ("wrap dress", "shirt dress", "midi dress"), ("Linen", "Organic cotton", "Tencel"), ("8", "10", "12", "14", "16"), (250, 450), (45, 95)),
            Leaf("Knitwear", ("crew-neck jumper", "cardigan", "roll-neck"), ("Merino wool", "Lambswool", "Cotton"), ("XS", "S", "M", "L", "XL"), (300, 600), (39, 89)),
            Leaf("Tops", ("linen top", "striped T-shirt", "blouse"), ("Organic cotton", "Linen"), ("XS", "S", "M", "L", "XL"), (120, 250), (18, 45)),
        ],
        "Men": [
            Leaf("Shirts", ("oxford shirt", "linen shirt", "flannel shirt"), ("Organic cotton", "Linen", "Brushed cotton"), ("S", "M", "L", "XL", "XXL"), (220, 380), (35, 70)),
            Leaf("Trousers", ("chinos", "cord trousers", "work trousers"), ("Cotton twill", "Corduroy", "Canvas"), ("30R", "32R", "34R", "36R", "38R"), (450, 750), (45, 85)),
            Leaf("Jackets", ("waxed jacket", "quilted gilet", "rain jacket"), ("Waxed cotton", "Recycled nylon"), ("S", "M", "L", "XL"), (600, 1400), (79, 190)),
        ],
    },
    ("Home and kitchen", "Cookware, tableware and bedding for every day."): {
        "Cookware": [
            Leaf("Pans", ("frying pan", "sauté pan", "crêpe pan"), ("Carbon steel", "Cast iron", "Stainless steel"), ("20 cm", "24 cm", "28 cm"), (900, 2600), (29, 89)),
            Leaf("Pots", ("stockpot", "casserole", "saucepan"), ("Enamelled cast iron", "Stainless steel"), ("16 cm", "20 cm", "24 cm"), (1200, 4800), (35, 160)),
        ],
        "Tableware": [
            Leaf("Mugs", ("stoneware mug", "espresso cup", "travel mug"), ("Stoneware", "Porcelain", "Stainless steel"), ("250 ml", "350 ml", "450 ml"), (180, 420), (9, 24)),
            Leaf("Plates", ("dinner plate", "side plate", "pasta bowl"), ("Stoneware", "Porcelain"), ("20 cm", "24 cm", "27 cm"), (350, 800), (12, 28)),
        ],
        "Bed and bath": [
            Leaf("Towels", ("bath towel", "hand towel", "bath sheet"), ("Organic cotton", "Linen"), ("50 × 90 cm", "70 × 130 cm", "100 × 150 cm"), (200, 900), (12, 42)),
            Leaf("Bed linen", ("duvet cover", "pillowcase pair", "fitted sheet"), ("Percale cotton", "Washed linen"), ("Single", "Double", "King"), (400, 1600), (25, 140)),
        ],
    },
    ("Outdoors", "Kit for camping, cycling and the garden."): {
        "Camping": [
            Leaf("Tents", ("backpacking tent", "family tent", "bivvy shelter"), ("Ripstop nylon", "Polycotton"), ("1-person", "2-person", "4-person"), (900, 9000), (89, 420)),
            Leaf("Sleeping bags", ("three-season bag", "down bag", "summer bag"), ("Recycled polyester", "Duck down"), ("Regular", "Long"), (800, 1800), (49, 220)),
        ],
        "Cycling": [
            Leaf("Helmets", ("commuter helmet", "road helmet", "kids' helmet"), ("EPS and polycarbonate",), ("S", "M", "L"), (250, 400), (35, 120)),
            Leaf("Bike lights", ("front light", "rear light", "light set"), ("Aluminium", "Polycarbonate"), ("One size",), (40, 180), (15, 65)),
        ],
        "Garden": [
            Leaf("Tools", ("hand trowel", "pruning shears", "border fork"), ("Stainless steel and ash", "Carbon steel and beech"), ("One size",), (200, 1900), (14, 55)),
            Leaf("Planters", ("terracotta pot", "window box", "raised bed"), ("Terracotta", "Galvanised steel", "Larch"), ("Small", "Medium", "Large"), (800, 12000), (12, 140)),
        ],
    },
    ("Electronics", "Audio and power for home and travel."): {
        "Audio": [
            Leaf("Headphones", ("over-ear headphones", "earbuds", "on-ear headphones"), ("Aluminium and leather", "Recycled plastic"), ("One size",), (40, 320), (39, 249)),
            Leaf("Speakers", ("bookshelf speaker", "portable speaker", "smart speaker"), ("Oak veneer", "Fabric and aluminium"), ("Compact", "Standard"), (500, 6000), (49, 399)),
        ],
        "Chargers and cables": [
            Leaf("Chargers", ("USB-C charger", "wireless charger", "power bank"), ("Recycled plastic", "Aluminium"), ("20 W", "45 W", "65 W"), (60, 350), (15, 69)),
            Leaf("Cables", ("USB-C cable", "Lightning cable", "HDMI cable"), ("Braided nylon",), ("1 m", "2 m", "3 m"), (30, 120), (8, 25)),
        ],
    },
    ("Books and stationery", "Books to cook and travel with, and paper to write on."): {
        "Books": [
            Leaf("Cookbooks", ("vegetable cookbook", "baking book", "one-pot cookbook"), ("Hardback", "Paperback"), ("240 pages", "320 pages"), (500, 1100), (12, 30)),
            Leaf("Travel guides", ("walking guide", "city guide", "coast guide"), ("Paperback",), ("192 pages", "256 pages"), (250, 450), (9, 20)),
        ],
        "Stationery": [
            Leaf("Notebooks", ("dot-grid notebook", "lined notebook", "sketchbook"), ("Recycled paper", "Cotton paper"), ("A6", "A5", "A4"), (90, 600), (6, 24)),
            Leaf("Pens", ("fountain pen", "rollerball", "pencil set"), ("Brass", "Aluminium", "Cedar"), ("Fine", "Medium"), (10, 60), (4, 80)),
        ],
    },
    ("Toys and kids", "Wooden toys, puzzles and soft things for little ones."): {
        "Toys": [
            Leaf("Wooden toys", ("stacking rainbow", "push-along dog", "building blocks"), ("Beech", "Birch plywood"), ("Ages 1+", "Ages 3+"), (200, 1500), (14, 60)),
            Leaf("Puzzles", ("jigsaw puzzle", "floor puzzle", "shape sorter"), ("Recycled card", "Beech"), ("100 pieces", "500 pieces", "1000 pieces"), (250, 900), (9, 30)),
        ],
        "Baby": [
            Leaf("Baby clothes", ("sleepsuit", "knitted cardigan", "bib set"), ("Organic cotton", "Merino wool"), ("0–3 m", "3–6 m", "6–12 m"), (60, 200), (9, 35)),
            Leaf("Blankets", ("cellular blanket", "knitted blanket", "muslin squares"), ("Organic cotton", "Merino wool"), ("70 × 90 cm", "100 × 120 cm"), (150, 600), (15, 55)),
        ],
    },
}

COLOURS = {
    "Forest green": (46, 110, 74), "Navy": (36, 56, 102), "Rust": (178, 82, 44), "Oatmeal": (214, 197, 160),
    "Charcoal": (64, 66, 70), "Ochre": (204, 150, 44), "Sky blue": (96, 156, 204), "Rose": (206, 120, 136),
}
NAME_WORDS = ("Harbour", "Meadow", "Fjord", "Cedar", "Alder", "Ember", "Tidal", "Northern", "Willow", "Summit",
              "Moorland", "Coastal", "Heath", "Bramble", "Linden")
DEMO_PRODUCT_COUNT = 120

REVIEWERS = [("Maya", "Leeds"), ("Tom", "Cardiff"), ("Aisha", "Glasgow"), ("Ben", "Norwich"), ("Chloe", "Bath"),
             ("Dev", "Manchester"), ("Erin", "Belfast"), ("Femi", "London")]
REVIEW_TEXTS = {
    5: [("Exactly as pictured", "Well made and the colour is just as in the photos. Arrived a day early, too."),
        ("Worth every penny", "I have bought cheaper ones before; this is the first that still looks new after months."),
        ("Lovely quality", "Feels solid, nicely finished, and the packaging was all recyclable.")],
    4: [("Very good, runs slightly large", "Good quality. I would order one size down next time."),
        ("Happy with it", "Does what it should and looks smart. Delivery took the full three days.")],
    3: [("Fine, nothing special", "Decent for the price, but the material is thinner than I hoped.")],
    2: [("Colour not as expected", "Much darker than in the pictures. Customer service were helpful about returning it.")],
    1: [("Arrived damaged", "One seam had come apart when it arrived. The replacement came quickly though.")],
}
DEMO_QUESTIONS = [
    ("Priya", "It's a present: can you leave the price out of the parcel?",
     "Yes, always: we never put prices or a receipt in the parcel, only a packing note with the items. The receipt "
     "goes to your e-mail."),
    ("", "How is it packed? I'd rather avoid plastic.",
     "In recycled cardboard with paper padding and paper tape, all of it recyclable at home."),
]
SHOP_REPLY = ("Thank you for telling us, and we're sorry it wasn't right. We've passed this to our buying team; "
              "if you haven't already, reply to your order e-mail and we'll sort out a free return or replacement.")


def product_noun(product: Product) -> str:
    """What kind of thing a demo product is ("wrap dress"), read back from its summary as `product` wrote it."""
    return product.summary.removeprefix(f"{product.material} ").rsplit(" in ", 1)[0]


class Command(BaseCommand):
    help = "Build (or complete) the demo shop. Safe to run again: it only adds what is missing."

    def add_arguments(self, parser):
        parser.add_argument("--products", type=int, default=DEMO_PRODUCT_COUNT,
                            help=f"How many products the catalogue should hold (default {DEMO_PRODUCT_COUNT}).")

    def handle(self, *args, products, **options):
        if not settings.DEBUG:
            # Demo only: the demo accounts have published passwords.
            raise CommandError("load_demo builds a demo shop with published passwords; it refuses to run with DEBUG=false.")
        if products < 0:
            raise CommandError("--products must be zero or more.")
        self.stdout.write("1/9 Categories")
        leaves = self.load_categories()
        # Each new picture is drawn, and its smaller copies made, by these threads while the products are
        # written; Pillow works outside Python's lock, so they keep the other processors busy.
        with ThreadPoolExecutor(max_workers=os.cpu_count()) as self.rendition_pool:
            self.rendition_jobs = {}
            self.stdout.write(f"2/9 Products (up to {products}) with pictures")
            created = self.load_products(leaves, products)
            self.stdout.write(f"    {created} new, {Product.objects.count()} in the catalogue")
            self.stdout.write("3/9 Pictures in smaller sizes for phones and lists")
            self.stdout.write(f"    {self.load_renditions()} files made")
        self.stdout.write("4/9 Demo accounts")
        self.load_accounts()
        self.stdout.write("5/9 Discount codes: " + ", ".join(self.load_coupons()))
        self.stdout.write("6/9 The demo customer's saved address and past orders")
        self.load_customer_history()
        self.stdout.write(f"7/9 Customer reviews: {self.load_reviews()} new; questions answered by the shop: "
                          f"{self.load_questions()} new")
        self.stdout.write("8/9 Help centre, FAQ, poll and the shop's own pages: " + load_help_demo() + "; "
                          + load_site_pages_demo())
        self.stdout.write("9/9 Customer-experience dashboard figures: " + load_metrics_demo())
        self.stdout.write(self.style.SUCCESS(
            f"Demo shop ready. Customer: {DEMO_CUSTOMER[0]} / {DEMO_CUSTOMER[1]}; staff: {DEMO_STAFF[0]} / {DEMO_STAFF[1]}"))

    @transaction.atomic
    def load_categories(self) -> list[tuple[Category, Leaf]]:
        leaves = []
        for top_position, ((top_name, blurb), sections) in enumerate(CATALOGUE.items()):
            top = self.category(top_name, parent=None, position=top_position, description=blurb)
            for section_position, (section_name, section_leaves) in enumerate(sections.items()):
                section = self.category(section_name, parent=top, position=section_position,
                                        is_featured=section_position == 0)
                for leaf_position, leaf in enumerate(section_leaves):
                    leaves.append((self.category(leaf.name, parent=section, position=leaf_position), leaf))
        return leaves

    def category(self, name: str, *, parent: Category | None, position: int, description: str = "",
                 is_featured: bool = False) -> Category:
        # "Women" and "Baby" read well in the menu, but slugs must be unique across the tree.
        slug = slugify(name) if parent is None else slugify(f"{parent.slug} {name}")
        category, _ = Category.objects.get_or_create(slug=slug, defaults={
            "name": name, "parent": parent, "position": position, "description": description,
            "is_featured": is_featured})
        return category

    def load_products(self, leaves: list[tuple[Category, Leaf]], count: int) -> int:
        existing = set(Product.objects.values_list("sku", flat=True))
        now = timezone.now()
        missing = [index for index in range(count) if self.sku(index) not in existing]
        for start in range(0, len(missing), 500):
            batch = missing[start:start + 500]
            made = [self.product(index, leaves, now) for index in batch]
            with transaction.atomic():
                # bulk_create sets the primary keys (SQLite and PostgreSQL), so the sizes can point at them.
                Product.objects.bulk_create(made.product for made in made)
                ProductVariant.objects.bulk_create(variant for made in made for variant in self.variants(made))
                ProductImage.objects.bulk_create(
                    image for index, made in zip(batch, made, strict=True) for image in self.gallery(index, made))
        catalogue_changed()  # bulk_create sends no signals; cached facets must not outlive the new products
        return len(missing)

    @staticmethod
    def sku(index: int) -> str:
        return f"FH-{index + 1:05d}"

    def product(self, index: int, leaves, now) -> "MadeProduct":
        rng = random.Random(index)  # the same index always makes the same product
        category, leaf = leaves[index % len(leaves)]
        noun = rng.choice(leaf.nouns)
        colour = rng.choice(list(COLOURS))
        material = rng.choice(leaf.materials)
        name = f"{rng.choice(NAME_WORDS)} {noun}"
        name = name[0].upper() + name[1:]
        price = Decimal(rng.randint(*leaf.pounds)) + Decimal(rng.choice(("0.00", "0.50", "0.95")))
        is_new = index % 9 == 0
        is_featured = index % 15 == 0
        # The demo's own products get real reviews (load_reviews); the extra benchmark products a made-up rating.
        rating_count = rng.choice((0, 0, 3, 8, 17, 42, 120)) if index >= DEMO_PRODUCT_COUNT else 0
        product = Product(
            category=category,
            name=name,
            slug=slugify(f"{name} {self.sku(index)}"),
            sku=self.sku(index),
            model_number=f"{category.slug[:3].upper()}-{rng.randint(100, 999)}",
            summary=f"{material} {noun} in {colour.lower()}.",
            description=(
                f"Our {noun} in {colour.lower()} {material.lower()}, chosen because it lasts. "
                f"{leaf.name} from {settings.SHOP['name']} are tested by our own team before we sell them.\n"
                f"Covered by our {settings.SHOP['return_days']}-day no-quibble returns and a two-year guarantee."
            ),
            price=price,
            # What has just come in is not marked down yet, so no card says "New" and "Sale" at once.
            sale_price=(price * Decimal("0.8")).quantize(Decimal("1.")) - Decimal("0.05")
            if index % 7 == 3 and not is_new else None,
            dispatch_days=rng.choice((1, 1, 1, 2, 3)),
            colour=colour,
            weight_grams=rng.randint(*leaf.grams),
            material=material,
            image=self.picture(noun, colour, material),
            image_width=SIZE, image_height=SIZE,
            image_alt=f"{name} in {colour.lower()}",
            rating_count=rating_count,
            rating_average=Decimal(rng.randint(32, 50)) / 10 if rating_count else None,
            units_sold=rng.randint(0, 400),
            is_featured=is_featured,
            created_at=now - timedelta(days=rng.randint(1, 20) if is_new else rng.randint(45, 400)),
        )
        product.search_document = product.compose_search_document()  # bulk_create skips save()
        sizes = ("",) if leaf.sizes == ("One size",) else leaf.sizes
        # The team's picks are things a shopper can buy: none of them is sold out.
        # Queued right after the main picture, so both most often reuse one drawing (images.product_cutout).
        scene = self.pooled_picture(
            f"products/scene-{slugify(f'{noun} {colour} {texture_for(material)}')}.jpg",
            lambda: draw_scene_image(noun=noun, colour=COLOURS[colour], material=material))
        return MadeProduct(product, noun, sizes, sold_out=index % 11 == 5 and not is_featured, scene=scene)

    def variants(self, made: "MadeProduct"):
        rng = random.Random(made.product.sku)
        stocks = [0 if made.sold_out else rng.choice((0, 2, 3, 8, 15, 24, 40)) for _ in made.sizes]
        if not made.sold_out and not any(stocks):
            stocks[-1] = 8  # a product meant to sell has at least one size in stock
        for position, (size, stock) in enumerate(zip(made.sizes, stocks, strict=True)):
            yield ProductVariant(
                product=made.product, size=size, position=position,
                sku=f"{made.product.sku}-{slugify(size).upper()}" if size else made.product.sku, stock=stock)

    def picture(self, noun: str, colour: str, material: str) -> str:
        """One picture per noun, colour and texture, shared by the products that match: 10,000 products need
        a few hundred files, not 10,000."""
        return self.pooled_picture(
            f"products/{slugify(f'{noun} {colour} {texture_for(material)}')}.jpg",
            lambda: draw_product_image(noun=noun, colour=COLOURS[colour], material=material))

    def gallery(self, index: int, made: "MadeProduct"):
        """One or two more pictures for the product's gallery: the product in a room, and for every other
        product its packaging. Pooled like the main pictures."""
        product, colour = made.product, slugify(made.product.colour)
        yield ProductImage(
            product=product, position=1, width=SIZE, height=SIZE,
            image=made.scene, alt=f"The {product.colour.lower()} {made.noun} {scene_words(made.noun)}")
        if index % 2 == 0:
            yield ProductImage(
                product=product, position=2, width=SIZE, height=SIZE,
                image=self.pooled_picture(f"products/packaging-{colour}.jpg",
                                          lambda: draw_packaging_image(colour=COLOURS[product.colour])),
                alt=f"{product.name} packed in its plastic-free box")

    def pooled_picture(self, name: str, draw) -> str:
        """The stored picture called `name`, drawn by `draw()` with its renditions when first needed. The
        drawing is queued with them, so the pictures are drawn on every processor while products are written."""
        if name not in self.rendition_jobs and not default_storage.exists(name):
            self.rendition_jobs[name] = self.rendition_pool.submit(self.picture_make, name, draw)
        return name

    @staticmethod
    def picture_make(name: str, draw) -> list[str]:
        default_storage.save(name, ContentFile(draw()))  # the name is free: pooled_picture checked
        return renditions_make(name)

    def load_renditions(self) -> int:
        """Wait for the renditions of the new pictures, and make any missing for pictures stored before
        (shop/images.py keeps existing files). Pictures are shared, so even 10,000 products have only a
        few hundred."""
        stored = (set(Product.objects.values_list("image", flat=True))
                  | set(ProductImage.objects.values_list("image", flat=True)))
        for name in sorted(stored - self.rendition_jobs.keys()):
            self.rendition_jobs[name] = self.rendition_pool.submit(renditions_make, name)
        return sum(len(job.result()) for job in self.rendition_jobs.values())

    def load_coupons(self) -> list[str]:
        """One code that works, and one of each way a code can fail, to try in the cart."""
        now = timezone.now()
        coupons = {
            "WELCOME10": {"kind": Coupon.PERCENT, "value": Decimal("10"), "minimum_spend": Decimal("30")},
            "FIVEOFF": {"kind": Coupon.AMOUNT, "value": Decimal("5"), "minimum_spend": Decimal("60")},
            "SUMMER25": {"kind": Coupon.PERCENT, "value": Decimal("25"), "valid_until": now - timedelta(days=60)},
            "FIRST100": {"kind": Coupon.AMOUNT, "value": Decimal("10"), "usage_limit": 100, "times_used": 100},
        }
        for code, fields in coupons.items():
            Coupon.objects.get_or_create(code=code, defaults=fields)
        return list(coupons)

    def load_accounts(self) -> None:
        # The staff account signs the shop's answers to questions, so it has a person's name.
        for (email, password), is_staff, first_name in ((DEMO_CUSTOMER, False, "Demo"), (DEMO_STAFF, True, "Sam")):
            user, _ = User.objects.get_or_create(email=email, defaults={"first_name": first_name})
            user.is_staff = user.is_superuser = is_staff
            user.set_password(password)
            user.save()

    @transaction.atomic
    def load_customer_history(self) -> None:
        """An address to check out with and three orders at different stages, each with its timeline and
        parcel, so the account pages show what a returning customer sees: one new, one on its way, one
        delivered (and returnable). Written directly: no stock is taken and no e-mail sent."""
        customer = User.objects.get(email=DEMO_CUSTOMER[0])
        address = {"full_name": "Demo Customer", "line1": "4 Harbour Row", "city": "Bristol", "postcode": "BS1 5TT",
                   "country": "GB", "phone": "+44 7400 123456"}
        if not customer.addresses.exists():
            Address.objects.create(customer=customer, is_default=True, **address)
        if not customer.orders.exists():
            products = list(Product.objects.filter(variants__stock__gt=0).distinct().order_by("pk")[:4])
            today = timezone.localdate()
            for days_ago, status, bought in ((24, Order.Status.DELIVERED, products[:2]),
                                             (3, Order.Status.SHIPPED, products[2:3]),
                                             (0, Order.Status.PLACED, products[3:4])):
                placed = today - timedelta(days=days_ago)
                subtotal = sum((product.current_price for product in bought), Decimal("0.00"))
                delivery_cost = Decimal("0.00") if subtotal >= settings.SHOP["free_delivery_over"] else \
                    Decimal(settings.SHOP["delivery_cost"])
                order = Order.objects.create(
                    placement_key=uuid.uuid4(), customer=customer, status=status, email=customer.email, **address,
                    delivery_method="standard", delivery_name="Standard delivery",
                    dispatch_on=placed + timedelta(days=1), delivered_from=placed + timedelta(days=3),
                    delivered_by=placed + timedelta(days=4), payment_method=Order.PaymentMethod.CARD,
                    currency=settings.SHOP["currency"], subtotal=subtotal, delivery_cost=delivery_cost,
                    total=subtotal + delivery_cost)
                Order.objects.filter(pk=order.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
                OrderLine.objects.bulk_create([
                    OrderLine(order=order, variant=product.variants.first(), product_name=product.name,
                              size=product.variants.first().size, sku=product.variants.first().sku,
                              unit_price=product.current_price, quantity=1) for product in bought])
        for order in customer.orders.filter(events=None):
            self.write_timeline(order)

    @staticmethod
    def write_timeline(order: Order) -> None:
        """The stages an order of this status has passed, a day or so apart from when it was placed, and its
        parcel once packed: what the back office's "Move to the next stage" would have left behind."""
        Stage = Order.Status
        path = [Stage.PLACED, Stage.CONFIRMED, Stage.PACKED, Stage.SHIPPED, Stage.OUT_FOR_DELIVERY, Stage.DELIVERED]
        passed = path[:path.index(order.status) + 1]
        hours_after_placing = {Stage.PLACED: 0, Stage.CONFIRMED: 1, Stage.PACKED: 20, Stage.SHIPPED: 26,
                               Stage.OUT_FOR_DELIVERY: 68, Stage.DELIVERED: 74}
        placed_at = Order.objects.filter(pk=order.pk).values_list("created_at", flat=True).get()
        shipment = None
        if Stage.PACKED in passed:
            shipment = Shipment.objects.create(
                order=order, status=order.status, expected_by=order.delivered_by,
                stage_changed_at=placed_at + timedelta(hours=hours_after_placing[order.status]),
                **({"carrier": "DPD", "tracking_number": f"1550{order.pk:010}"} if Stage.SHIPPED in passed else {}))
            shipment.lines.set(order.lines.all())
        OrderEvent.objects.bulk_create([
            OrderEvent(order=order, stage=stage, created_at=placed_at + timedelta(hours=hours_after_placing[stage]),
                       shipment=shipment if path.index(stage) >= path.index(Stage.PACKED) else None)
            for stage in passed])

    @transaction.atomic
    def load_questions(self) -> int:
        """Answered questions on the most reviewed products, so their pages show the shop answering in its name."""
        if ProductQuestion.objects.exists():
            return 0
        staff = User.objects.get(email=DEMO_STAFF[0])
        products = Product.objects.active().filter(rating_count__gt=0).order_by("-rating_count", "pk")[:5]
        questions = []
        for product in products:
            rng = random.Random(f"questions-{product.sku}")
            for number, (asker, question, answer) in enumerate(DEMO_QUESTIONS):
                asked = self.past_moment(rng, since=product.created_at)
                questions.append(ProductQuestion(
                    product=product, question=question, asker_name=asker, email=f"asker{number}@example.com",
                    answer=answer, answered_by=staff, answered_at=asked + timedelta(hours=rng.randint(2, 30)),
                    created_at=asked))
        self.bulk_create_dated(ProductQuestion, questions)
        return len(questions)

    @staticmethod
    def bulk_create_dated(model, rows: list) -> None:
        """Write `rows` keeping the `created_at` each was given: the field stamps every new row "now"."""
        dates = [row.created_at for row in rows]
        model.objects.bulk_create(rows)
        for row, date in zip(rows, dates, strict=True):
            row.created_at = date
        model.objects.bulk_update(rows, ["created_at"])

    @staticmethod
    def past_moment(rng: random.Random, *, since):
        """A moment in the time since `since`, so the demo's reviews and questions read as written over the
        months a product has been on sale, not all today."""
        return since + (timezone.now() - since) * rng.uniform(0.05, 0.95)

    @transaction.atomic
    def load_reviews(self) -> int:
        """Published reviews on the demo's products, mostly good, a few poor ones answered by the shop, so
        averages, the star distribution, sorting and the shop's replies all have something to show."""
        if Review.objects.exists():
            return 0
        reviewers = []
        for number, (first_name, town) in enumerate(REVIEWERS, start=1):
            reviewer, created = User.objects.get_or_create(email=f"reviewer{number}@example.com",
                                                           defaults={"first_name": first_name})
            if created:
                reviewer.set_unusable_password()  # demo voices only: nobody signs in as them
                reviewer.save()
            reviewers.append((reviewer, f"{first_name}, {town}"))
        now = timezone.now()
        reviews = []
        products = Product.objects.filter(sku__lte=self.sku(DEMO_PRODUCT_COUNT - 1)).order_by("pk")
        for product in products:
            rng = random.Random(f"reviews-{product.sku}")
            for reviewer, display_name in rng.sample(reviewers, rng.choice((0, 0, 1, 2, 3, 4, 6))):
                rating = rng.choices((5, 4, 3, 2, 1), weights=(50, 28, 10, 7, 5))[0]
                title, text = rng.choice(REVIEW_TEXTS[rating])
                written = self.past_moment(rng, since=product.created_at)
                reviews.append(Review(
                    product=product, customer=reviewer, rating=rating, title=title, text=text,
                    display_name=display_name, status=Review.Status.PUBLISHED, created_at=written,
                    shop_reply=SHOP_REPLY if rating <= 2 else "",
                    shop_reply_at=min(written + timedelta(hours=rng.randint(3, 40)), now) if rating <= 2 else None))
        self.bulk_create_dated(Review, reviews)
        for product_id in products.values_list("pk", flat=True):
            product_rating_recompute(product_id=product_id)
        catalogue_changed()  # listings show ratings
        return len(reviews)
