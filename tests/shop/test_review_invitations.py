"""Review invitations (practices P53, P56): the survey e-mail after delivery links to the review form of each
product received, signed, so that guests review without an account and nobody needs to sign in."""

import re
import time
from urllib.parse import quote

import pytest
from django.core import mail, signing
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from orders.notifications import order_notify
from orders.returns.services import order_cancel_lines
from orders.survey.links import SIGNING_SALT as SURVEY_SALT
from outbox.models import Message
from shop.models import Cart, CartLine, Review, ReviewPhoto
from shop.reviews.alerts import review_alert_staff
from shop.reviews.invitations import INVITE_SALT, review_invite_link
from tests.factories import ProductFactory, UserFactory, cart_holding, deliver, delivered_order, order_from_cart
from tests.messages import outbox_send_waiting
from tests.shop.test_reviews import GOOD_REVIEW, photo_file, text_of

pytestmark = pytest.mark.django_db

SITE = "https://shop.example"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SHOP = {**settings.SHOP, "site_url": SITE}


@pytest.fixture
def shown_at_once(settings):
    settings.SHOP = {**settings.SHOP, "reviews_need_moderation": False}


def invite_path(line) -> str:
    return review_invite_link(line).removeprefix(SITE)


def invite_path_signed_days_ago(line, days: int) -> str:
    """The link as it was e-mailed `days` ago: signed with that day's timestamp."""

    class SignerThen(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - days * 24 * 60 * 60)

    return reverse("shop:review_invited", args=[line.variant.product.slug,
                                                SignerThen(salt=INVITE_SALT).sign(str(line.pk))])


def order_of(*names: str, cancelled: tuple[str, ...] = (), customer=None):
    """An order of one of each product named, through checkout; the `cancelled` ones cancelled before
    dispatch; then delivered."""
    cart = Cart.objects.create()
    for name in names:
        variant = ProductFactory(name=name, variants=[("", 5)]).variants.get()
        CartLine.objects.create(cart=cart, variant=variant, quantity=1, price_when_added=variant.product.price)
    order = order_from_cart(cart, customer=customer)
    if cancelled:
        order_cancel_lines(order=order, lines={line.pk: line.quantity for line in order.lines.all()
                                               if line.product_name in cancelled})
    return deliver(order)


def survey_email(order):
    order_notify(order, event="survey")
    outbox_send_waiting()
    (message,) = [message for message in mail.outbox if "How did your" in message.subject]
    return message.body, message.alternatives[0][0]


@pytest.fixture
def guest_order():
    return delivered_order()  # a wool scarf for Ada Lovelace in Bristol, who checked out as a guest


@pytest.fixture
def scarf(guest_order):
    return guest_order.lines.get().variant.product


# --- The invitation in the survey e-mail ---------------------------------------------------------------------


def test_the_survey_email_links_to_a_review_of_each_product_received_but_not_of_one_cancelled():
    order = order_of("Wool scarf", "Felt slippers", "Linen apron", cancelled=("Felt slippers",))

    text, html = survey_email(order)

    in_text = re.findall(r"^(.+): (https://\S+/reviews/invited/\S+)$", text, re.MULTILINE)
    in_html = [(name, url) for url, name in re.findall(r'<a href="([^"]+)"[^>]*>Review ([^<]+)</a>', html)]
    slugs = {line.product_name: line.variant.product.slug for line in order.lines.all()}
    assert "Review what you bought" in text and "Review what you bought" in html
    assert [name for name, _ in in_text] == ["Wool scarf", "Linen apron"]
    assert all(url.startswith(f"{SITE}/products/{slugs[name]}/reviews/invited/") for name, url in in_text)
    assert in_html == in_text
    assert "Felt slippers" not in text and "Felt slippers" not in html


def test_a_product_no_longer_sold_is_not_offered_for_review(guest_order, scarf):
    scarf.is_active = False
    scarf.save()

    text, html = survey_email(guest_order)

    assert "Review what you bought" not in text and "Review what you bought" not in html


def test_the_emailed_link_opens_the_review_form_without_signing_in(client, guest_order):
    text, _ = survey_email(guest_order)
    link = re.search(r"Wool scarf: (\S+)", text).group(1)

    response = client.get(link.removeprefix(SITE))

    page = text_of(response)
    assert response.status_code == 200
    assert "Review Wool scarf" in page
    assert "Verified purchase You bought it on" in page and "No need to sign in" in page
    assert 'value="Ada, Bristol"' in response.content.decode()  # first name and town from the order


# --- A guest's review ---------------------------------------------------------------------------------------


def test_a_guest_saves_a_verified_review_that_shows_on_the_product_page(client, guest_order, scarf, shown_at_once):
    response = client.post(invite_path(guest_order.lines.get()), GOOD_REVIEW, follow=True)

    review = Review.objects.get()
    assert response.redirect_chain == [(f"{scarf.get_absolute_url()}#reviews", 302)]
    assert review.customer is None and review.order_line == guest_order.lines.get()
    assert review.is_verified_purchase
    section = response.content.decode().split('id="reviews"')[1]
    assert "Warm and well made" in section and "Verified purchase" in section
    assert "it is on the page now" in text_of(response)


def test_opening_the_link_again_changes_the_guest_review_instead_of_adding_one(client, guest_order):
    link = invite_path(guest_order.lines.get())
    client.post(link, GOOD_REVIEW)

    again = Client()  # another day, another browser: the link is all they have
    form = again.get(link).content.decode()
    again.post(link, {**GOOD_REVIEW, "rating": "3", "title": "Itchy after all"})

    assert "Change your review of Wool scarf" in form and 'value="Warm and well made"' in form
    assert Review.objects.get().title == "Itchy after all"


def test_two_guests_who_bought_the_same_product_each_review_it(client, guest_order, scarf):
    other_order = deliver(order_from_cart(cart_holding(scarf.variants.get())))

    client.post(invite_path(guest_order.lines.get()), GOOD_REVIEW)
    Client().post(invite_path(other_order.lines.get()), {**GOOD_REVIEW, "title": "Soft"})

    assert sorted(Review.objects.values_list("title", flat=True)) == ["Soft", "Warm and well made"]


def test_a_guest_review_waits_for_moderation_like_any_other(client, guest_order, scarf):
    response = client.post(invite_path(guest_order.lines.get()), GOOD_REVIEW, follow=True)

    scarf.refresh_from_db()
    assert Review.objects.get().status == Review.Status.PENDING
    assert "once our team has read it" in text_of(response)
    assert "Warm and well made" not in response.content.decode().split('id="reviews"')[1]
    assert scarf.rating_count == 0


def test_a_guest_adds_a_photo_to_their_review(client, guest_order):
    client.post(invite_path(guest_order.lines.get()), {**GOOD_REVIEW, "photos": [photo_file()],
                                                       "photo_description": "The scarf folded"})

    photo = ReviewPhoto.objects.get()
    assert photo.review == Review.objects.get() and photo.alt == "The scarf folded"


# --- An order placed with an account -------------------------------------------------------------------------


def test_the_review_of_an_account_order_belongs_to_the_account_even_when_not_signed_in(client):
    ann = UserFactory(email="ann@example.com")
    order = delivered_order(customer=ann)

    client.post(invite_path(order.lines.get()), GOOD_REVIEW)

    review = Review.objects.get()
    assert review.customer == ann and review.is_verified_purchase


def test_an_account_has_one_review_of_a_product_whichever_way_it_is_written(client):
    ann = UserFactory(email="ann@example.com")
    order = delivered_order(customer=ann)
    product = order.lines.get().variant.product
    client.force_login(ann)
    client.post(reverse("shop:review_write", args=[product.slug]), GOOD_REVIEW)

    form = Client().get(invite_path(order.lines.get())).content.decode()
    Client().post(invite_path(order.lines.get()), {**GOOD_REVIEW, "title": "Changed through the e-mail"})

    assert "Change your review of Wool scarf" in form
    assert list(Review.objects.values_list("customer", "title")) == [(ann.pk, "Changed through the e-mail")]


# --- Links that do not work ------------------------------------------------------------------------------------


@pytest.mark.parametrize("change", [
    lambda path, token: path.replace(token, token[:-4]),  # cut short when copied
    lambda path, token: path.replace(token, token[:-1] + ("A" if token[-1] != "A" else "B")),  # one character
    lambda path, token: path.replace(token, str(int(token.split(":")[0]) + 1) + token[token.index(":"):]),
    lambda path, token: path.replace(token, signing.TimestampSigner(salt=SURVEY_SALT).sign(token.split(":")[0])),
])
def test_a_changed_link_is_refused_with_what_to_do_instead(client, guest_order, change):
    path = invite_path(guest_order.lines.get())
    token = path.rstrip("/").rsplit("/", 1)[1]

    shown = client.get(change(path, token))
    posted = client.post(change(path, token), GOOD_REVIEW)

    assert shown.status_code == posted.status_code == 400
    assert "This review link does not work" in text_of(shown)
    assert "Sign in and write your review" in text_of(shown) and "Contact us" in text_of(shown)
    assert not Review.objects.exists()


def test_a_link_for_one_product_does_not_review_another(client, guest_order):
    other = ProductFactory(name="Linen apron")
    token = invite_path(guest_order.lines.get()).rstrip("/").rsplit("/", 1)[1]

    response = client.post(reverse("shop:review_invited", args=[other.slug, token]), GOOD_REVIEW)

    assert response.status_code == 400 and not Review.objects.exists()


def test_a_link_older_than_ninety_days_has_expired_and_says_so(client, guest_order):
    old = invite_path_signed_days_ago(guest_order.lines.get(), 91)
    recent = invite_path_signed_days_ago(guest_order.lines.get(), 89)

    shown = client.get(old)
    posted = client.post(old, GOOD_REVIEW)

    assert shown.status_code == posted.status_code == 410
    assert "This review link has expired" in text_of(shown) and "work for 90 days" in text_of(shown)
    assert not Review.objects.exists()
    assert client.get(recent).status_code == 200


def test_a_link_for_a_product_no_longer_sold_finds_nothing(client, guest_order, scarf):
    link = invite_path(guest_order.lines.get())
    scarf.is_active = False
    scarf.save()

    assert client.get(link).status_code == 404


def test_the_invited_form_needs_the_csrf_token(guest_order):
    response = Client(enforce_csrf_checks=True).post(invite_path(guest_order.lines.get()), GOOD_REVIEW)

    assert response.status_code == 403 and not Review.objects.exists()


def test_many_posts_from_one_address_are_paused(client, guest_order):
    link = invite_path(guest_order.lines.get())
    answers = [client.post(link, {"rating": "9"}).status_code for _ in range(21)]

    assert answers[:20] == [200] * 20 and answers[20] == 429


# --- Staff (S10) ---------------------------------------------------------------------------------------------


def test_a_low_rating_through_an_invitation_alerts_staff_once(client, guest_order, settings,
                                                              django_capture_on_commit_callbacks):
    link = invite_path(guest_order.lines.get())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link, {**GOOD_REVIEW, "rating": "1", "title": "Unravelled"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link, {**GOOD_REVIEW, "rating": "2", "title": "Unravelled, changed"})
    review = Review.objects.get()

    review_alert_staff(review=review)  # the same cause again

    assert Message.objects.filter(kind="review_low").count() == 1
    assert [(alert.to, alert.subject) for alert in mail.outbox] == [
        ([settings.SHOP["email"]], "1★ review of Wool scarf: please follow up")]


def test_the_back_office_names_a_guest_reviewer_by_their_order_and_queues_them_for_follow_up(client, guest_order):
    client.post(invite_path(guest_order.lines.get()), {**GOOD_REVIEW, "rating": "1"})
    review = Review.objects.get()
    staff = Client()
    staff.force_login(UserFactory(is_staff=True, is_superuser=True))

    listing = staff.get("/admin/shop/review/", {"follow_up": "needed"}).content.decode()
    found = staff.get("/admin/shop/review/", {"q": guest_order.number}).content.decode()
    change = staff.get(f"/admin/shop/review/{review.pk}/change/")

    assert f"Guest (order {guest_order.number})" in listing and "Needs follow-up</strong>" in listing
    assert f"/admin/shop/review/{review.pk}/change/" in found
    assert change.status_code == 200 and f"Guest (order {guest_order.number})" in change.content.decode()


# --- Garbage ---------------------------------------------------------------------------------------------------


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(token=st.text(max_size=120) | st.from_regex(r"\A[0-9]{1,20}:[0-9A-Za-z]{1,8}:[0-9A-Za-z_-]{0,60}\Z"))
def test_no_garbage_token_opens_the_form_or_causes_a_server_error(client, scarf, token):
    cache.clear()  # the rate limit counts every example's post
    path = f"/products/{scarf.slug}/reviews/invited/{quote(token, safe='')}/"

    answers = {client.get(path).status_code, client.post(path, GOOD_REVIEW).status_code}

    assert answers <= {400, 404}
    assert not Review.objects.exists()


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.dictionaries(st.sampled_from(["rating", "title", "text", "display_name", "photo_description",
                                              "remove_photos"]),
                            st.text(max_size=300) | st.integers(-10**20, 10**20).map(str), max_size=6))
def test_anything_posted_through_an_invitation_gives_a_page_never_a_server_error(client, guest_order, data):
    cache.clear()

    response = client.post(invite_path(guest_order.lines.get()), data)

    assert response.status_code in (200, 302)
    assert all(1 <= review.rating <= 5 and review.customer is None for review in Review.objects.all())
    assert Review.objects.count() <= 1


def test_a_photo_file_posted_as_garbage_is_refused_with_a_message(client, guest_order):
    fake = SimpleUploadedFile("scarf.jpg", b"not a picture", content_type="image/jpeg")

    response = client.post(invite_path(guest_order.lines.get()), {**GOOD_REVIEW, "photos": [fake]})

    assert "“scarf.jpg” is not a photo we can read." in text_of(response)
    assert not Review.objects.exists()
