"""Product pictures come in smaller sizes and two formats, in proportion, and pages offer them with srcset."""

import hashlib
import re
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from PIL import Image

from shop.images import rendition_name, renditions_make
from shop.models import Product, ProductImage
from tests.factories import CategoryFactory, ProductFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_media_folder(settings, tmp_path):
    """Each test stores its pictures in a folder of its own, so renditions never carry over."""
    settings.MEDIA_ROOT = tmp_path


def picture_bytes(width: int, height: int, *, image_format: str = "JPEG", mode: str = "RGB",
                  colour: str | tuple = "teal") -> bytes:
    encoded = BytesIO()
    Image.new(mode, (width, height), colour).save(encoded, image_format)
    return encoded.getvalue()


def stored_picture(width: int, height: int, name: str = "products/photo.jpg") -> str:
    return default_storage.save(name, ContentFile(picture_bytes(width, height)))


def size_and_format(name: str) -> tuple[int, int, str]:
    with default_storage.open(name) as file, Image.open(file) as picture:
        return picture.width, picture.height, picture.format


@pytest.mark.usefixtures("own_media_folder")
def test_renditions_keep_the_pictures_proportions():
    name = stored_picture(1200, 800)

    renditions_make(name)

    for width, height in ((320, 213), (640, 427), (960, 640)):
        assert size_and_format(rendition_name(name, width, "jpg")) == (width, height, "JPEG")
        assert size_and_format(rendition_name(name, width, "webp")) == (width, height, "WEBP")


@pytest.mark.usefixtures("own_media_folder")
def test_a_small_picture_is_never_enlarged():
    name = stored_picture(500, 250)

    written = renditions_make(name)

    assert sorted(written) == sorted(rendition_name(name, width, extension)
                                     for width in (320, 500) for extension in ("jpg", "webp"))
    assert size_and_format(rendition_name(name, 500, "webp")) == (500, 250, "WEBP")


@pytest.mark.usefixtures("own_media_folder")
def test_renditions_already_made_are_not_made_again():
    name = stored_picture(800, 800)
    renditions_make(name)

    assert renditions_make(name) == []


@pytest.mark.usefixtures("own_media_folder")
def test_a_transparent_picture_gets_a_white_background_not_a_black_one():
    transparent = picture_bytes(400, 400, image_format="PNG", mode="RGBA", colour=(0, 0, 0, 0))
    name = default_storage.save("products/cut-out.png", ContentFile(transparent))

    renditions_make(name)

    with default_storage.open(rendition_name(name, 320, "jpg")) as file, Image.open(file) as rendition:
        assert rendition.getpixel((10, 10)) == pytest.approx((255, 255, 255), abs=3)


def render_picture(product, **options) -> str:
    arguments = " ".join(f'{key}="{value}"' if isinstance(value, str) else f"{key}={value}"
                         for key, value in options.items())
    return Template("{% load shop_tags %}{% picture product.image width=product.image_width "
                    "height=product.image_height alt=product.image_alt " + arguments + " %}"
                    ).render(Context({"product": product}))


def test_picture_tag_offers_every_size_in_webp_and_jpeg_with_the_pictures_shape():
    product = ProductFactory(image__width=1200, image__height=900, image_alt="Navy shirt, folded")

    html = render_picture(product, sizes="(min-width: 48em) 50vw, 100vw")

    original = product.image.url
    webp, jpeg = (", ".join(f"{original}.{width}w.{extension} {width}w" for width in (320, 640, 960))
                  for extension in ("webp", "jpg"))
    assert f'<source type="image/webp" srcset="{webp}"' in html
    assert f'srcset="{jpeg}"' in html
    assert html.count('sizes="(min-width: 48em) 50vw, 100vw"') == 2
    assert 'width="1200" height="900"' in html
    assert 'alt="Navy shirt, folded"' in html
    assert 'loading="lazy"' in html


def test_the_main_product_picture_loads_at_once():
    product = ProductFactory()

    html = render_picture(product, sizes="100vw", eager=True)

    assert "loading=" not in html
    assert 'fetchpriority="high"' in html


@pytest.mark.usefixtures("own_media_folder")
def test_merchant_uploading_pictures_in_the_back_office_gets_their_renditions(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    category = CategoryFactory()
    form = {
        "name": "Canvas tote", "slug": "canvas-tote", "category": category.pk, "summary": "A tote.",
        "description": "Holds a lot.", "price": "20.00", "dispatch_days": 1, "sku": "TOTE-1",
        "model_number": "T-1", "colour": "Natural", "weight_grams": 300, "material": "Canvas",
        "image": SimpleUploadedFile("tote.jpg", picture_bytes(1000, 750), content_type="image/jpeg"),
        "image_alt": "Canvas tote", "is_active": "on", "created_at_0": "2026-01-05", "created_at_1": "10:00:00",
        "variants-TOTAL_FORMS": 1, "variants-INITIAL_FORMS": 0, "variants-0-size": "", "variants-0-sku": "TOTE-1",
        "variants-0-stock": 5, "variants-0-position": 0,
        "images-TOTAL_FORMS": 1, "images-INITIAL_FORMS": 0, "images-0-alt": "Tote, inside",
        "images-0-image": SimpleUploadedFile("inside.jpg", picture_bytes(600, 900), content_type="image/jpeg"),
        "images-0-position": 1,
    }

    response = client.post("/admin/shop/product/add/", form)

    assert response.status_code == 302, response.content.decode()[:3000]
    main = Product.objects.get(slug="canvas-tote").image.name
    extra = ProductImage.objects.get().image.name
    assert size_and_format(rendition_name(main, 960, "webp")) == (960, 720, "WEBP")
    assert size_and_format(rendition_name(extra, 600, "jpg")) == (600, 900, "JPEG")


def test_demo_products_have_a_gallery_whose_pictures_all_come_in_every_size(demo_shop):
    products = Product.objects.prefetch_related("images")

    assert all(1 <= len(product.images.all()) <= 2 for product in products)
    pictures = {(product.image.name, product.image_width) for product in products} | {
        (image.image.name, image.width) for product in products for image in product.images.all()}
    for name, width in pictures:
        assert default_storage.exists(rendition_name(name, min(width, 960), "webp")), name


class SignedUrlStorage(FileSystemStorage):
    """Files on disk whose URLs are signed for one name each, as S3's presigned URLs are."""

    def url(self, name):
        return f"{super().url(name)}?X-Amz-Signature={hashlib.sha256(name.encode()).hexdigest()[:16]}"


def test_with_signed_storage_urls_each_rendition_url_is_signed_for_its_own_name(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "tests.shop.test_images.SignedUrlStorage", "OPTIONS": {"location": tmp_path, "base_url": "/m/"}}}
    product = ProductFactory(image__width=1200, image__height=900)

    html = render_picture(product, sizes="100vw")
    largest = Template("{% load shop_tags %}{% large_picture_url product.image 1200 %}").render(
        Context({"product": product}))

    urls = [entry.split()[0] for srcset in re.findall(r'(?:srcset|src)="([^"]+)"', html)
            for entry in srcset.split(", ")] + [largest]
    assert len(urls) == 8
    for url in urls:
        path, _, query = url.replace("&amp;", "&").partition("?")
        name = path.removeprefix("/m/")
        assert re.search(r"\.(320|640|960)w\.(webp|jpg)$", path), url
        assert query == f"X-Amz-Signature={hashlib.sha256(name.encode()).hexdigest()[:16]}", url
