"""Reviews (practices P56, S10): who may write one, photos, moderation, the average and spread of ratings,
sorting, "Was this review helpful?", the shop's reply, the back office and the alert for a low rating."""

import re
import time
from decimal import Decimal
from io import BytesIO

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PIL import Image

from orders.models import Order
from outbox.models import Message
from shop.models import Product, Review, ReviewPhoto, ReviewVote
from shop.reviews.alerts import review_alert_staff
from shop.reviews.services import product_rating_recompute
from shop.reviews.tasks import review_photo_renditions_task, review_photos_renditions_sweep_task
from tests.factories import AddressFactory, OrderFactory, ProductFactory, UserFactory

pytestmark = pytest.mark.django_db

GOOD_REVIEW = {"rating": "4", "title": "Warm and well made", "text": "Worn every day for a month; no bobbling.",
               "display_name": "Ada, Bristol"}


def write_url(product) -> str:
    return f"/products/{product.slug}/reviews/write/"


def list_url(product, **params) -> str:
    query = "&".join(f"{name}={value}" for name, value in params.items())
    return f"/products/{product.slug}/reviews/" + (f"?{query}" if query else "")


def bought(customer, product, status=Order.Status.DELIVERED) -> Order:
    order = OrderFactory(customer=customer, status=status)
    order.lines.update(variant=product.variants.first())
    return order


def published(product, *, rating=4, helpful=0, **fields) -> Review:
    review = Review.objects.create(product=product, customer=UserFactory(), rating=rating, helpful_count=helpful,
                                   title=fields.pop("title", f"{rating} stars"), text="Fine.", display_name="Bo",
                                   status=Review.Status.PUBLISHED, **fields)
    product_rating_recompute(product_id=product.pk)
    return review


def photo_file(name="photo.jpg", *, size=(800, 600), kind="JPEG", exif=None) -> SimpleUploadedFile:
    encoded = BytesIO()
    Image.new("RGB", size, "teal").save(encoded, kind, **({"exif": exif} if exif else {}))
    return SimpleUploadedFile(name, encoded.getvalue(), content_type="image/jpeg")


def text_of(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.fixture
def product():
    return ProductFactory(name="Wool jumper")


@pytest.fixture
def ann(client):
    customer = UserFactory(email="ann@example.com", first_name="Ann")
    client.force_login(customer)
    return customer


@pytest.fixture
def shown_at_once(settings):
    settings.SHOP = {**settings.SHOP, "reviews_need_moderation": False}


@pytest.fixture
def staff_client():
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


# --- Who may review -------------------------------------------------------------------------------------


def test_a_customer_whose_order_was_delivered_writes_a_verified_review(client, ann, product, shown_at_once):
    order = bought(ann, product)

    response = client.post(write_url(product), GOOD_REVIEW)

    review = Review.objects.get(product=product, customer=ann)
    assert response.status_code == 302 and response["Location"] == f"{product.get_absolute_url()}#reviews"
    assert review.order_line == order.lines.get() and review.is_verified_purchase
    assert "Verified purchase" in client.get(product.get_absolute_url()).content.decode()


def test_the_form_tells_a_buyer_their_review_will_be_verified_and_suggests_their_name_and_town(client, ann, product):
    bought(ann, product)
    AddressFactory(customer=ann, city="Bath")

    page = text_of(client.get(write_url(product)))

    assert "Verified purchase You bought it on" in page
    assert 'value="Ann, Bath"' in client.get(write_url(product)).content.decode()


def test_a_shopper_who_did_not_buy_it_may_review_without_the_badge_when_the_shop_allows_it(client, ann, product):
    response = client.post(write_url(product), GOOD_REVIEW)

    review = Review.objects.get(product=product, customer=ann)
    assert response.status_code == 302
    assert not review.is_verified_purchase


def test_an_order_not_yet_delivered_does_not_make_a_verified_purchase(client, ann, product):
    bought(ann, product, status=Order.Status.SHIPPED)

    client.post(write_url(product), GOOD_REVIEW)

    assert not Review.objects.get(customer=ann).is_verified_purchase


def test_a_shop_taking_reviews_from_buyers_only_explains_why_others_cannot_write(client, ann, product, settings):
    settings.SHOP = {**settings.SHOP, "reviews_from_buyers_only": True}

    shown = client.get(write_url(product))
    posted = client.post(write_url(product), GOOD_REVIEW)

    assert shown.status_code == posted.status_code == 403
    assert "Only customers who have bought Wool jumper can review it" in text_of(shown)
    assert not Review.objects.exists()


def test_a_buyer_whose_parcel_is_on_its_way_is_told_to_come_back_once_it_arrives(client, ann, product, settings):
    settings.SHOP = {**settings.SHOP, "reviews_from_buyers_only": True}
    bought(ann, product, status=Order.Status.SHIPPED)

    page = text_of(client.get(write_url(product)))

    assert "You can review Wool jumper once your order has been delivered" in page


def test_a_cancelled_order_does_not_count_as_buying(client, ann, product, settings):
    settings.SHOP = {**settings.SHOP, "reviews_from_buyers_only": True}
    bought(ann, product, status=Order.Status.CANCELLED)

    assert client.get(write_url(product)).status_code == 403


@pytest.mark.parametrize("method", ["get", "post"])
def test_visitors_who_are_not_signed_in_are_sent_to_sign_in_first(client, product, method):
    response = getattr(client, method)(write_url(product))

    assert response.status_code == 302
    assert response["Location"] == f"/account/sign-in/?next={write_url(product)}"


def test_a_hidden_product_cannot_be_reviewed(client, ann):
    hidden = ProductFactory(is_active=False)

    assert client.get(write_url(hidden)).status_code == 404


# --- One review per customer and product ---------------------------------------------------------------


def test_a_second_visit_changes_the_first_review_instead_of_adding_one(client, ann, product):
    client.post(write_url(product), GOOD_REVIEW)

    form = client.get(write_url(product)).content.decode()
    client.post(write_url(product), {**GOOD_REVIEW, "rating": "2", "title": "Shrank in the wash"})

    assert "Change your review of Wool jumper" in form and 'value="Warm and well made"' in form
    assert Review.objects.filter(product=product, customer=ann).count() == 1
    assert Review.objects.get(customer=ann).title == "Shrank in the wash"


def test_a_changed_review_is_read_again_before_it_shows_when_the_shop_moderates(client, ann, product):
    client.post(write_url(product), GOOD_REVIEW)
    Review.objects.update(status=Review.Status.PUBLISHED)
    product_rating_recompute(product_id=product.pk)

    client.post(write_url(product), {**GOOD_REVIEW, "rating": "1"})

    product.refresh_from_db()
    assert Review.objects.get().status == Review.Status.PENDING
    assert product.rating_count == 0 and product.rating_average is None


# --- What is typed ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("rating", ["0", "6", "-1", "4.5", "five", ""])
def test_a_rating_outside_one_to_five_is_pointed_out_and_nothing_is_saved(client, ann, product, rating):
    response = client.post(write_url(product), {**GOOD_REVIEW, "rating": rating})

    assert response.status_code == 200
    assert "Choose a rating from 1 to 5 stars." in text_of(response)
    assert "<title>Error: " in response.content.decode()
    assert not Review.objects.exists()


def test_missing_fields_are_each_pointed_out_and_what_was_typed_is_kept(client, ann, product):
    response = client.post(write_url(product), {"rating": "5", "title": "", "text": "", "display_name": "Ann"})

    page = text_of(response)
    assert "Give your review a title of a few words." in page
    assert "Write a few sentences about the product." in page
    assert re.search(r'value="5"[^>]*checked', response.content.decode())
    assert 'value="Ann"' in response.content.decode()


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.dictionaries(st.sampled_from(["rating", "title", "text", "display_name", "photo_description",
                                              "remove_photos"]),
                            st.text(max_size=300) | st.integers(-10**20, 10**20).map(str), max_size=6))
def test_anything_posted_to_the_form_gives_a_page_never_a_server_error(client, ann, product, data):
    cache.clear()  # each example is a new visitor, not the same one over the rate limit

    response = client.post(write_url(product), data)

    assert response.status_code in (200, 302)
    assert all(1 <= review.rating <= 5 for review in Review.objects.all())


# --- Photos ---------------------------------------------------------------------------------------------


def test_a_photo_is_kept_and_shown_as_a_thumbnail_with_its_size_and_description(client, ann, product, shown_at_once,
                                                                                 django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # its smaller copies made, as a worker would
        client.post(write_url(product), {**GOOD_REVIEW, "photos": [photo_file()],
                                         "photo_description": "The jumper laid flat"})

    photo = ReviewPhoto.objects.get()
    page = client.get(product.get_absolute_url()).content.decode()
    assert (photo.width, photo.height) == (800, 600)
    assert re.search(r'<img src="[^"]+" srcset="[^"]+" sizes="6rem" width="800" height="600" '
                     r'alt="The jumper laid flat"', page)


def test_a_text_file_named_like_a_photo_is_refused_with_a_clear_message(client, ann, product):
    fake = SimpleUploadedFile("holiday.jpg", b"These are my notes, not a picture.", content_type="image/jpeg")

    response = client.post(write_url(product), {**GOOD_REVIEW, "photos": [fake]})

    assert "“holiday.jpg” is not a photo we can read. Choose a JPEG, PNG or WebP picture." in text_of(response)
    assert not Review.objects.exists()


def test_a_picture_of_another_type_is_refused_naming_its_type(client, ann, product):
    response = client.post(write_url(product), {**GOOD_REVIEW, "photos": [photo_file("dance.gif", kind="GIF")]})

    assert "“dance.gif” is a GIF file. Choose a JPEG, PNG or WebP picture instead." in text_of(response)


def test_a_photo_over_five_megabytes_is_refused_with_its_size(client, ann, product):
    padded = photo_file("big.jpg").read() + b"\0" * (6 * 1024 * 1024)  # a real JPEG, with bytes after its end

    response = client.post(write_url(product), {**GOOD_REVIEW, "photos": [SimpleUploadedFile("big.jpg", padded)]})

    assert "“big.jpg” is 6.0 MB, and a photo can be at most 5 MB." in text_of(response)
    assert not Review.objects.exists()


def test_a_photo_of_too_many_pixels_is_refused_before_it_is_decoded(client, ann, product):
    encoded = BytesIO()
    Image.new("1", (8000, 7000)).save(encoded, "PNG")  # a small file that would take 168 MB to open

    response = client.post(write_url(product), {**GOOD_REVIEW, "photos": [SimpleUploadedFile("huge.png",
                                                                                             encoded.getvalue())]})

    assert "“huge.png” is 8000 × 7000 pixels, too large to take." in text_of(response)


@pytest.fixture(scope="module")
def photo_of_49_megapixels() -> bytes:
    """7000 × 7000 pixels in about 200 KB: what stalled a web worker for 7.5 seconds and 745 MB."""
    encoded = BytesIO()
    Image.new("RGB", (7000, 7000), "white").save(encoded, "PNG")
    return encoded.getvalue()


def test_a_7000_by_7000_photo_is_refused_at_once_from_its_header(client, ann, product, photo_of_49_megapixels):
    started = time.monotonic()
    response = client.post(write_url(product), {**GOOD_REVIEW, "photos": [
        SimpleUploadedFile(f"wall-{number}.png", photo_of_49_megapixels) for number in range(3)]})

    assert time.monotonic() - started < 1  # decoding three of them takes seconds
    assert "“wall-0.png” is 7000 × 7000 pixels, too large to take. Choose a photo of at most 24 megapixels." \
        in text_of(response)
    assert not Review.objects.exists()


def test_a_fourth_photo_is_refused_before_any_file_is_read(client, ann, product, photo_of_49_megapixels):
    client.post(write_url(product), {**GOOD_REVIEW,
                                     "photos": [photo_file(f"photo-{number}.jpg") for number in range(3)]})

    started = time.monotonic()
    response = client.post(write_url(product), {**GOOD_REVIEW, "photos": [
        SimpleUploadedFile("not-even-a-photo.png", b"not a picture at all")]})

    assert time.monotonic() - started < 1
    assert "A review can have 3 photos: it has 3 already." in text_of(response)
    assert "not a photo we can read" not in text_of(response)  # never opened
    assert ReviewPhoto.objects.count() == 3


def test_a_new_photos_smaller_copies_are_made_by_the_task_once_and_shown_then(client, ann, product, shown_at_once,
                                                                              django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as queued:
        client.post(write_url(product), {**GOOD_REVIEW, "photos": [photo_file(size=(1200, 900))]})
    photo = ReviewPhoto.objects.get()
    before = client.get(f"/products/{product.slug}/reviews/").content.decode()
    for callback in queued:
        callback()  # the worker's turn (tasks run in-process in tests)
    after = client.get(f"/products/{product.slug}/reviews/").content.decode()

    assert f'<img src="{photo.image.url}"' in before and ".320w.webp" not in before
    assert f"{photo.image.url}.320w.webp 320w" in after
    assert ReviewPhoto.objects.get().renditions_made
    assert review_photo_renditions_task.delay(photo.pk).get() is False  # a second run does nothing


def test_a_review_with_a_photo_saved_while_redis_is_down_is_kept_and_its_copies_made_later(
        client, ann, product, shown_at_once, redis_down, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the commit's hook tries to queue, and cannot
        saved = client.post(write_url(product), {**GOOD_REVIEW, "photos": [photo_file(size=(1200, 900))]})
    waiting = ReviewPhoto.objects.get()

    made = review_photos_renditions_sweep_task.apply().get()  # beat's hourly sweep, once Redis is back

    assert saved.status_code == 302 and not waiting.renditions_made
    assert made == 1 and ReviewPhoto.objects.get().renditions_made


def test_a_phones_mpo_photo_is_taken_as_a_jpeg(client, ann, product, shown_at_once):
    first, depth_map = Image.new("RGB", (1200, 900), "#2f6f4f"), Image.new("RGB", (600, 450), "#777777")
    encoded = BytesIO()
    first.save(encoded, "MPO", save_all=True, append_images=[depth_map])

    client.post(write_url(product), {**GOOD_REVIEW, "photos": [SimpleUploadedFile("IMG_0042.JPG",
                                                                                   encoded.getvalue())]})

    photo = ReviewPhoto.objects.get()
    assert photo.image.name.endswith(".jpg") and (photo.width, photo.height) == (1200, 900)


def test_more_than_three_photos_are_refused(client, ann, product):
    photos = [photo_file(f"photo-{number}.jpg") for number in range(4)]

    response = client.post(write_url(product), {**GOOD_REVIEW, "photos": photos})

    assert "You chose 4 photos: choose at most 3." in text_of(response)


def test_a_large_photo_is_turned_upright_made_smaller_and_loses_where_it_was_taken(client, ann, product):
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to show": how phones store a portrait photo
    exif[0x8825] = {2: (51.0, 27.0, 0.0), 4: (2.0, 35.0, 0.0)}  # GPS latitude and longitude
    client.post(write_url(product), {**GOOD_REVIEW, "photos": [photo_file(size=(3000, 2000), exif=exif.tobytes())]})

    photo = ReviewPhoto.objects.get()
    with Image.open(photo.image.path) as kept:
        assert kept.size == (1067, 1600) and (photo.width, photo.height) == (1067, 1600)  # upright: taller than wide
        assert not kept.getexif() and "exif" not in kept.info
    assert not photo.image.name.endswith("photo.jpg")  # the shopper's file name is not kept


def test_a_png_and_a_webp_photo_are_taken_as_they_are(client, ann, product):
    client.post(write_url(product), {**GOOD_REVIEW, "photos": [photo_file("a.png", kind="PNG"),
                                                               photo_file("b.webp", kind="WEBP")]})

    assert sorted(photo.image.name.rsplit(".", 1)[1] for photo in ReviewPhoto.objects.all()) == ["png", "webp"]


def test_photos_can_be_removed_and_added_on_a_second_visit_up_to_three(client, ann, product):
    client.post(write_url(product), {**GOOD_REVIEW, "photos": [photo_file("1.jpg"), photo_file("2.jpg")]})
    first, second = ReviewPhoto.objects.order_by("pk")

    too_many = client.post(write_url(product), {**GOOD_REVIEW, "photos": [photo_file("3.jpg"), photo_file("4.jpg")]})
    client.post(write_url(product), {**GOOD_REVIEW, "remove_photos": [first.pk],
                                     "photos": [photo_file("3.jpg"), photo_file("4.jpg")]})

    assert "A review can have 3 photos: it has 2 already." in text_of(too_many)
    assert ReviewPhoto.objects.count() == 3 and not ReviewPhoto.objects.filter(pk=first.pk).exists()


# --- Moderation, average and spread ----------------------------------------------------------------------


def test_with_moderation_a_new_review_waits_and_the_writer_is_told(client, ann, product):
    response = client.post(write_url(product), GOOD_REVIEW, follow=True)

    product.refresh_from_db()
    assert "once our team has read it, usually within a working day" in text_of(response)
    assert "Warm and well made" not in response.content.decode().split('id="reviews"')[1]
    assert product.rating_count == 0


def test_without_moderation_a_review_shows_at_once_and_counts_in_the_rating(client, ann, product, shown_at_once):
    form = text_of(client.get(write_url(product)))
    response = client.post(write_url(product), GOOD_REVIEW, follow=True)

    product.refresh_from_db()
    assert "Your review appears on the product's page as soon as you send it." in form
    assert "it is on the page now" in text_of(response)
    assert "Warm and well made" in response.content.decode().split('id="reviews"')[1]
    assert (product.rating_count, product.rating_average) == (1, 4)


def test_publishing_and_rejecting_in_the_back_office_put_the_average_and_spread_right(staff_client, product):
    for rating in (5, 4, 4, 1):
        Review.objects.create(product=product, customer=UserFactory(), rating=rating, title="t", text="x",
                              display_name="Bo")
    low = Review.objects.get(rating=1)

    staff_client.post("/admin/shop/review/", {"action": "publish", "_selected_action": list(
        Review.objects.values_list("pk", flat=True))})
    product.refresh_from_db()
    after_publishing = (product.rating_count, product.rating_average)
    spread = text_of(Client().get(product.get_absolute_url()))
    staff_client.post("/admin/shop/review/", {"action": "reject", "_selected_action": [low.pk]})
    product.refresh_from_db()

    assert after_publishing == (4, Decimal("3.50"))
    assert "3.5 out of 5 from 4 reviews" in spread
    assert "5 stars 1 review 4 stars 2 reviews 3 stars 0 reviews 2 stars 0 reviews 1 star 1 review" in spread
    assert (product.rating_count, str(product.rating_average)) == (3, "4.33")
    assert "4.3 out of 5 from 3 reviews" in text_of(Client().get(product.get_absolute_url()))


def test_deleting_a_review_in_the_back_office_puts_the_rating_right(staff_client, product):
    keep, remove = published(product, rating=5), published(product, rating=1)

    staff_client.post(f"/admin/shop/review/{remove.pk}/delete/", {"post": "yes"})

    product.refresh_from_db()
    assert (product.rating_count, product.rating_average) == (1, 5)
    assert Review.objects.get() == keep


def test_a_product_without_reviews_invites_the_first_one(client, product):
    page = text_of(client.get(product.get_absolute_url()))

    assert "No reviews yet." in page and "Be the first to review it" in page


# --- Sorting and pages -----------------------------------------------------------------------------------


@pytest.fixture
def three_reviews(product):
    old_helpful = published(product, rating=3, helpful=9, title="Old but helpful")
    low = published(product, rating=1, helpful=2, title="Too small")
    new_high = published(product, rating=5, helpful=0, title="Lovely")
    return old_helpful, low, new_high


def titles_in(response) -> list[str]:
    return re.findall(r'class="review__title"[^>]*>([^<]+)<', response.content.decode())


@pytest.mark.parametrize(("sort", "expected"), [
    ("helpful", ["Old but helpful", "Too small", "Lovely"]),
    ("newest", ["Lovely", "Too small", "Old but helpful"]),
    ("lowest", ["Too small", "Old but helpful", "Lovely"]),
    ("highest", ["Lovely", "Old but helpful", "Too small"]),
    ("nonsense", ["Old but helpful", "Too small", "Lovely"]),  # an unknown order falls back to the default
])
def test_reviews_sort_by_helpfulness_date_or_rating(client, product, three_reviews, sort, expected):
    assert titles_in(client.get(list_url(product, sort=sort))) == expected


def test_the_product_page_shows_the_most_helpful_reviews_first_with_links_to_sort(client, product, three_reviews):
    response = client.get(product.get_absolute_url())

    assert titles_in(response) == ["Old but helpful", "Too small", "Lovely"]
    assert f'href="{list_url(product, sort="newest")}" hx-get="{list_url(product, sort="newest")}"' in \
        response.content.decode()


def test_with_htmx_sorting_answers_with_the_list_only(client, product, three_reviews):
    partial = client.get(list_url(product, sort="lowest"), headers={"HX-Request": "true"})
    page = client.get(list_url(product, sort="lowest"))

    assert not partial.content.decode().lstrip().startswith("<!doctype")
    assert partial.content.decode().lstrip().startswith('<div id="review-results"')
    assert "Showing reviews 1–3 of 3, lowest rating first." in text_of(partial)
    assert page.content.decode().startswith("<!doctype html>") and "Reviews of Wool jumper" in text_of(page)
    assert "HX-Request" in partial["Vary"]


def test_many_reviews_come_a_page_at_a_time(client, product):
    for number in range(12):
        published(product, title=f"Review {number}")

    first = client.get(list_url(product, sort="newest"))
    second = client.get(list_url(product, sort="newest", page=2))

    assert len(titles_in(first)) == 10 and titles_in(second) == ["Review 1", "Review 0"]
    assert "Page 2 of 2" in text_of(second)
    assert f'href="{list_url(product, sort="newest", page=2)}"'.replace("&", "&amp;") in first.content.decode()


def test_the_product_page_links_to_all_reviews_when_it_shows_only_the_first(client, product):
    for _ in range(4):
        published(product)

    assert "Read all 4 reviews" in text_of(client.get(product.get_absolute_url()))


def test_pending_and_rejected_reviews_are_never_listed(client, product):
    published(product, title="Shown")
    Review.objects.create(product=product, customer=UserFactory(), rating=1, title="Waiting", text="x",
                          display_name="Bo")
    Review.objects.create(product=product, customer=UserFactory(), rating=1, title="Rejected", text="x",
                          display_name="Bo", status=Review.Status.REJECTED)

    assert titles_in(client.get(list_url(product))) == ["Shown"]


# --- Helpful votes -----------------------------------------------------------------------------------------


def vote(client, review, answer, **headers):
    return client.post(f"/reviews/{review.pk}/vote/", {"helpful": answer, "next": "/products/x/#review-1"},
                       headers=headers)


def test_each_visitor_counts_once_and_may_change_their_answer(client, product):
    review = published(product)
    someone_else = Client()

    vote(client, review, "yes")
    vote(client, review, "yes")
    vote(someone_else, review, "yes")
    twice = Review.objects.get().helpful_count
    vote(client, review, "no")

    assert twice == 2
    assert Review.objects.get().helpful_count == 1
    assert ReviewVote.objects.count() == 2


def test_with_htmx_a_vote_answers_with_the_thanks_and_the_new_count(client, product):
    review = published(product)

    response = vote(client, review, "yes", **{"HX-Request": "true"})

    assert response.status_code == 200
    assert "Thank you for your vote." in text_of(response) and "1 person found this helpful" in text_of(response)
    assert 'value="yes" aria-label="Yes, this review helped" aria-pressed="true"' in response.content.decode()


def test_without_javascript_a_vote_comes_back_to_the_review(client, product):
    review = published(product)

    response = vote(client, review, "yes")

    assert response.status_code == 302 and response["Location"] == "/products/x/#review-1"


def test_a_vote_without_an_answer_asks_for_yes_or_no(client, product):
    review = published(product)

    response = vote(client, review, "maybe", **{"HX-Request": "true"})

    assert "Press Yes or No to say whether the review helped you." in text_of(response)
    assert Review.objects.get().helpful_count == 0


def test_a_vote_that_sends_elsewhere_comes_back_to_the_reviews_instead(client, product):
    review = published(product)

    response = client.post(f"/reviews/{review.pk}/vote/", {"helpful": "yes", "next": "https://evil.example/"})

    assert response["Location"] == f"{list_url(product)}#review-{review.pk}"


def test_a_review_waiting_for_moderation_takes_no_votes(client, product):
    waiting = Review.objects.create(product=product, customer=UserFactory(), rating=4, title="t", text="x",
                                    display_name="Bo")

    assert vote(client, waiting, "yes").status_code == 404


def test_votes_and_reviews_need_the_csrf_token_even_from_htmx(product, ann):
    review = published(product)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(ann)

    assert vote(strict, review, "yes", **{"HX-Request": "true"}).status_code == 403
    assert strict.post(write_url(product), GOOD_REVIEW).status_code == 403
    assert Review.objects.get().helpful_count == 0 and Review.objects.count() == 1


# --- The shop's reply and the back office (S10) ---------------------------------------------------------------


def test_a_reply_saved_in_the_back_office_is_dated_and_shown_under_the_review(staff_client, client, product):
    review = published(product, rating=2)
    form = {"status": "published", "rating": "2", "title": review.title, "text": review.text,
            "display_name": review.display_name, "shop_reply": "Sorry it shrank: we have sent a new one.",
            "photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0"}

    staff_client.post(f"/admin/shop/review/{review.pk}/change/", form)

    review.refresh_from_db()
    page = text_of(client.get(product.get_absolute_url()))
    assert review.shop_reply_at is not None
    assert "Reply from Fernhill Goods" in page and "Sorry it shrank: we have sent a new one." in page


def test_the_back_office_lists_pending_reviews_first_and_flags_low_ratings_not_followed_up(staff_client, product):
    followed_up = published(product, rating=1, title="Replied to", shop_reply="Sorry.")
    Review.objects.filter(pk=followed_up.pk).update(follow_up_note="Called; replacement sent.",
                                                    followed_up_at=timezone.now())
    published(product, rating=2, title="Unanswered")
    Review.objects.create(product=product, customer=UserFactory(), rating=5, title="Pending one", text="x",
                          display_name="Bo")

    listing = staff_client.get("/admin/shop/review/").content.decode()
    needing_follow_up = staff_client.get("/admin/shop/review/", {"follow_up": "needed"}).content.decode()

    assert listing.index("Pending one") < listing.index("Unanswered")
    assert listing.count("Needs follow-up</strong>") == 1
    assert "Unanswered" in needing_follow_up and "Replied to" not in needing_follow_up


def test_a_low_rating_alerts_staff_once(client, ann, product, django_capture_on_commit_callbacks, settings):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(write_url(product), {**GOOD_REVIEW, "rating": "1", "title": "Fell apart"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(write_url(product), {**GOOD_REVIEW, "rating": "2", "title": "Fell apart, changed"})
    review = Review.objects.get()

    review_alert_staff(review=review)  # the same cause again

    assert Message.objects.filter(kind="review_low").count() == 1
    assert len(mail.outbox) == 1
    alert = mail.outbox[0]
    assert alert.to == [settings.SHOP["email"]] and alert.subject == "1★ review of Wool jumper: please follow up"
    assert f"/admin/shop/review/{review.pk}/change/" in alert.body


def test_a_good_rating_alerts_nobody(client, ann, product, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(write_url(product), GOOD_REVIEW)

    assert mail.outbox == []


# --- Speed ----------------------------------------------------------------------------------------------------


def product_page_queries(product) -> int:
    client = Client()  # a first visit each time: no recently viewed products to read
    client.get(product.get_absolute_url())  # warm the category tree cache, as on a running shop
    with CaptureQueriesContext(connection) as queries:
        client.get(product.get_absolute_url())
    return len(queries)


def test_the_product_page_reads_its_reviews_in_two_queries_however_many_there_are():
    category = ProductFactory().category
    without, few, many = (ProductFactory(category=category) for _ in range(3))
    for product, count in ((few, 2), (many, 40)):
        for _ in range(count):
            review = published(product)
            ReviewPhoto.objects.create(review=review, image=without.image.name, width=800, height=800, alt="A photo")

    baseline = product_page_queries(without)

    assert product_page_queries(few) == product_page_queries(many) == baseline + 2
    assert Product.objects.get(pk=many.pk).rating_count == 40


def test_a_low_rating_leaves_the_follow_up_queue_once_staff_record_what_they_did(staff_client, product):
    review = published(product, rating=1, title="Fell apart")
    change_url = f"/admin/shop/review/{review.pk}/change/"
    form = {"status": "published", "rating": "1", "title": "Fell apart", "text": "Fine.", "display_name": "Bo",
            "shop_reply": "", "follow_up_note": "Called her; a replacement went out today.",
            "photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0"}

    before = staff_client.get("/admin/shop/review/", {"follow_up": "needed"}).content.decode()
    staff_client.post(change_url, form)
    after = staff_client.get("/admin/shop/review/", {"follow_up": "needed"}).content.decode()

    review.refresh_from_db()
    assert "Needs follow-up</strong>" in before and "Needs follow-up</strong>" not in after
    assert review.followed_up_at is not None and review.follow_up_note.startswith("Called her")
