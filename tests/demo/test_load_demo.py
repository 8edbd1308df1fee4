from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from accounts.models import Address, User
from orders.models import Order
from shop.models import Category, Product, ProductVariant, Review

pytestmark = pytest.mark.django_db


def test_demo_shop_has_a_three_level_category_tree(demo_shop):
    tops = Category.objects.filter(parent=None)
    third_level = Category.objects.filter(parent__parent__isnull=False)

    assert tops.count() >= 6
    assert Category.objects.count() >= 25
    assert third_level.exists()
    assert not Category.objects.filter(parent__parent__parent__isnull=False).exists()


def test_demo_products_are_believable_and_varied(demo_shop):
    products = Product.objects.visible().prefetch_related("variants")

    assert products.count() >= 120
    assert products.filter(sale_price__isnull=False).exists()
    assert any(not product.in_stock for product in products)
    assert any(product.is_new for product in products)
    assert any(len(product.variants.all()) >= 3 for product in products)  # clothes come in several sizes
    for product in products:
        assert all([product.colour, product.weight_grams, product.material, product.model_number, product.sku,
                    product.image_alt, product.variants.all()]), product.sku
        assert default_storage.exists(product.image.name)


def test_demo_customer_and_staff_can_sign_in(client, demo_shop):
    assert client.login(email="customer@example.com", password="demo-customer-2026")
    assert client.login(email="staff@example.com", password="demo-staff-2026")
    assert client.get("/admin/").status_code == 200


def test_loading_the_demo_twice_changes_nothing(demo_shop, settings):
    settings.DEBUG = True
    before = (Category.objects.count(), list(ProductVariant.objects.values_list("sku", "stock")),
              Order.objects.count(), Address.objects.count())

    call_command("load_demo", stdout=StringIO())

    assert (Category.objects.count(), list(ProductVariant.objects.values_list("sku", "stock")),
            Order.objects.count(), Address.objects.count()) == before


def test_the_catalogue_grows_on_request_for_benchmarks(demo_shop, settings):
    settings.DEBUG = True
    call_command("load_demo", products=150, stdout=StringIO())  # the benchmark asks for 10,000 the same way

    assert Product.objects.count() == 150


def test_demo_data_is_refused_in_production(settings, db):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="refuses to run with DEBUG=false"):
        call_command("load_demo")


def test_demo_has_discount_codes_to_try_in_the_cart(demo_shop):
    from shop.models import Coupon

    assert set(Coupon.objects.values_list("code", flat=True)) >= {"WELCOME10", "SUMMER25", "FIRST100"}


def test_the_demo_customer_has_an_address_to_check_out_with_and_orders_at_different_stages(client, demo_shop):
    customer = User.objects.get(email="customer@example.com")

    assert customer.addresses.get().is_default
    assert sorted(customer.orders.values_list("status", flat=True)) == ["delivered", "placed", "shipped"]
    assert all(order.lines.exists() and order.total > 0 for order in customer.orders.all())


def test_demo_ratings_are_those_of_the_demo_reviews(demo_shop):
    from django.db.models import Avg, Count, Q

    reviewed = Product.objects.annotate(
        published=Count("reviews", filter=Q(reviews__status="published")),
        average=Avg("reviews__rating", filter=Q(reviews__status="published")))

    assert reviewed.filter(published__gt=0).count() > 40
    assert all(product.rating_count == product.published for product in reviewed)
    assert all(product.rating_average is None or abs(float(product.rating_average) - product.average) < 0.01
               for product in reviewed)
    assert Review.objects.filter(rating__lte=2).exclude(shop_reply="").exists()  # poor ones answered


def test_every_demo_picture_is_stored_square_like_the_frames_that_show_it(demo_shop):
    from PIL import Image

    from shop.models import ProductImage

    stored = [(product.image, product.image_width, product.image_height) for product in Product.objects.all()]
    stored += [(picture.image, picture.width, picture.height) for picture in ProductImage.objects.all()]

    for image, width, height in stored:
        with default_storage.open(image.name) as file, Image.open(file) as picture:
            assert picture.size == (width, height) and width == height, image.name


def test_demo_reviews_and_answers_were_written_over_months_not_all_today(demo_shop):
    from datetime import timedelta

    from django.utils import timezone

    from support.models import ProductQuestion

    reviews = Review.objects.select_related("product")
    written = sorted(review.created_at for review in reviews)
    answered = sorted(ProductQuestion.objects.values_list("answered_at", flat=True))

    assert written[-1] - written[0] > timedelta(weeks=12)
    assert answered[-1] - answered[0] > timedelta(weeks=4)
    assert all(review.product.created_at <= review.created_at < timezone.now() for review in reviews)
    assert all(review.shop_reply_at >= review.created_at for review in reviews if review.shop_reply_at)


def test_our_picks_start_with_something_in_stock_and_no_card_says_new_and_sale_at_once(client, demo_shop):
    from shop.selectors import home_shelves

    picks = home_shelves().picks

    assert picks and all(product.in_stock for product in picks)
    assert not [product.sku for product in Product.objects.visible() if product.is_new and product.is_on_sale]
    first_card = client.get("/").content.decode().split('id="shelf-1"', 1)[1].split("</article>", 1)[0]
    assert "Out of stock" not in first_card and not ("badge--new" in first_card and "badge--sale" in first_card)


def test_the_shops_answers_are_signed_by_a_person_not_by_demo(client, demo_shop):
    from support.models import ProductQuestion

    product = ProductQuestion.objects.select_related("product").first().product

    page = client.get(product.get_absolute_url()).content.decode()

    assert "Answer from" in page
    assert "· Demo" not in page and "· Sam" in page
