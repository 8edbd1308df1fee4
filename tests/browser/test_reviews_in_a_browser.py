"""Reviews in Chromium: writing one with a photo, voting and sorting without a reload, axe-core clean."""

import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from orders.models import Order
from shop.models import Product, Review
from shop.reviews.services import product_rating_recompute
from tests.browser.conftest import axe_violations
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def without_the_demo_reviews(shop_url):
    """The demo's own reviews would change every count these tests read."""
    Review.objects.all().delete()  # a receiver in shop/signals.py puts each product's rating right


@pytest.fixture
def shown_at_once(settings):
    settings.SHOP = {**settings.SHOP, "reviews_need_moderation": False}


def sign_in_as_the_demo_customer(page, shop_url, demo_accounts) -> None:
    email, password = demo_accounts["customer"]
    page.goto(shop_url + "/account/sign-in/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile("/account/$"))


def test_a_buyer_writes_a_review_with_a_photo_and_sees_it_verified_on_the_page(
        page, shop_url, demo_accounts, shown_at_once, tmp_path, artifacts_dir):
    bought = Order.objects.get(customer__email=demo_accounts["customer"][0], status=Order.Status.DELIVERED) \
        .lines.first().variant.product
    photo = tmp_path / "on-the-shelf.jpg"
    Image.new("RGB", (2400, 1800), "teal").save(photo, "JPEG")
    sign_in_as_the_demo_customer(page, shop_url, demo_accounts)
    page.goto(shop_url + bought.get_absolute_url())

    page.locator("#reviews").get_by_role("link", name=re.compile("review it|Write a review")).click()
    page.get_by_role("button", name="Send your review").click()  # nothing filled in yet

    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#error-summary")).to_contain_text("Choose a rating from 1 to 5 stars.")
    assert axe_violations(page) == []
    page.screenshot(path=artifacts_dir / "review-form-errors.png", full_page=True)

    rating = page.get_by_role("group", name="Your rating")
    rating.get_by_label("1 star: poor").focus()
    page.keyboard.press("ArrowRight")  # a radio group: arrow keys move the choice
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(rating.get_by_label("4 stars: good")).to_be_checked()
    page.get_by_label("Title").fill("Sturdy and handsome")
    page.get_by_label("Your review").fill("Bought it for the hall; it has been used every day and still looks new.")
    expect(page.get_by_label("Name to show")).to_have_value("Demo, Bristol")  # from the account and its address
    page.get_by_label("Photos (optional)").set_input_files(photo)
    page.get_by_label("What your photos show").fill("It on the hall shelf")
    page.get_by_role("button", name="Send your review").click()

    expect(page).to_have_url(re.compile(re.escape(bought.get_absolute_url()) + "#reviews$"))
    expect(page.locator(".messages")).to_contain_text("it is on the page now")
    review = page.locator(".review", has_text="Sturdy and handsome")
    expect(review).to_contain_text("4 out of 5")
    expect(review).to_contain_text("Verified purchase")
    thumbnail = review.get_by_role("img", name="It on the hall shelf")
    thumbnail.scroll_into_view_if_needed()  # a lazily loaded picture starts loading once it is in view
    # decode() waits for the picture to arrive and fails if it cannot be shown.
    assert thumbnail.evaluate("img => img.decode().then(() => img.naturalWidth > 0)")
    expect(page.locator(".review-summary")).to_contain_text("4.0 out of 5 from 1 review")
    assert axe_violations(page) == []
    page.locator("#reviews").screenshot(path=artifacts_dir / "reviews-section.png")
    assert page.console_errors == []


@pytest.fixture
def reviewed_product(shop_url):
    """A demo product with three published reviews: the oldest the most helpful, the newest the best."""
    product = Product.objects.get(sku="FH-00001")
    for title, rating, helpful, reply in (("Runs small", 2, 7, "Thank you: we have added a note on fit."),
                                          ("Nice enough", 3, 1, ""), ("Perfect fit", 5, 0, "")):
        Review.objects.create(product=product, customer=UserFactory(), rating=rating, title=title, shop_reply=reply,
                              text="Worn to a wedding.", display_name="Bo, Leeds", helpful_count=helpful,
                              status=Review.Status.PUBLISHED)
    product_rating_recompute(product_id=product.pk)
    return shop_url + product.get_absolute_url()


def review_titles(page) -> list[str]:
    return page.locator("#reviews .review__title").all_inner_texts()


def test_voting_and_sorting_happen_in_place_without_a_reload(page, reviewed_product, artifacts_dir):
    page.goto(reviewed_product)
    page.evaluate("window.__same_page = true")
    assert review_titles(page) == ["Runs small", "Nice enough", "Perfect fit"]  # most helpful first
    expect(page.locator("#reviews")).to_contain_text("Reply from Fernhill Goods")

    second = page.locator(".review", has_text="Nice enough")
    second.get_by_role("button", name="Yes, this review helped").click()

    expect(second).to_contain_text("Thank you for your vote.")
    expect(second).to_contain_text("2 people found this helpful")
    expect(second.locator(".review__voted")).to_be_focused()
    expect(second.get_by_role("button", name="Yes, this review helped")).to_have_attribute("aria-pressed", "true")

    page.locator("#reviews").get_by_role("link", name="Sort by Newest").click()

    expect(page.locator(".review-results__status")).to_contain_text("newest first")
    expect(page.locator(".review-results__status")).to_be_focused()
    assert review_titles(page) == ["Perfect fit", "Nice enough", "Runs small"]
    expect(page.locator("#reviews").get_by_role("link", name="Sorted by Newest")).to_have_attribute(
        "aria-current", "true")
    assert page.url == reviewed_product  # still the product page, at its own address
    assert page.evaluate("window.__same_page") is True
    assert axe_violations(page) == []
    page.locator("#reviews").screenshot(path=artifacts_dir / "reviews-sorted.png")
    assert page.console_errors == []


def test_without_javascript_sorting_and_voting_are_plain_links_and_forms(browser, reviewed_product):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(reviewed_product)

    page.locator("#reviews").get_by_role("link", name="Sort by Lowest rating").click()
    assert review_titles(page) == ["Runs small", "Nice enough", "Perfect fit"]
    expect(page).to_have_title(re.compile("^Reviews of "))
    page.locator(".review", has_text="Perfect fit").get_by_role("button", name="Yes, this review helped").click()

    expect(page.locator(".messages")).to_contain_text("Thank you: your vote helps other shoppers")
    expect(page.locator(".review", has_text="Perfect fit")).to_contain_text("1 person found this helpful")
    context.close()
