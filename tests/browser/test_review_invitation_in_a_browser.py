"""A review invitation in Chromium: the link from the e-mail opens the form in a browser that never signed in."""

import re

import pytest
from playwright.sync_api import expect

from shop.models import ProductVariant, Review
from shop.reviews.invitations import review_invite_link
from tests.browser.conftest import axe_violations
from tests.factories import cart_holding, deliver, order_from_cart

pytestmark = pytest.mark.browser


@pytest.fixture
def invitation(shop_url, settings):
    """A guest's delivered order of a demo product, and the path of its review invitation."""
    settings.SHOP = {**settings.SHOP, "reviews_need_moderation": False, "site_url": shop_url}
    Review.objects.all().delete()  # the demo's own reviews would change the counts read below
    variant = ProductVariant.objects.filter(stock__gt=0, product__is_active=True).order_by("pk").first()
    order = deliver(order_from_cart(cart_holding(variant)))  # Ada Lovelace of Bristol, checking out as a guest
    return order.lines.get()


def test_a_guest_reviews_from_the_emailed_link_and_a_broken_link_says_what_to_do(page, invitation, artifacts_dir):
    product = invitation.variant.product
    link = review_invite_link(invitation)

    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Review {product.name}")
    expect(page.locator(".review-write__verified")).to_contain_text("Verified purchase")
    expect(page.get_by_label("Name to show")).to_have_value("Ada, Bristol")  # from the order
    page.get_by_role("button", name="Send your review").click()  # nothing filled in yet

    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#error-summary")).to_contain_text("Choose a rating from 1 to 5 stars.")
    assert axe_violations(page) == []
    page.screenshot(path=artifacts_dir / "review-invitation-errors.png", full_page=True)

    page.get_by_role("group", name="Your rating").get_by_label("5 stars: excellent").check()
    page.get_by_label("Title").fill("Just as pictured")
    page.get_by_label("Your review").fill("Arrived well packed; we have used it every day since.")
    page.get_by_role("button", name="Send your review").click()

    expect(page).to_have_url(re.compile(re.escape(product.get_absolute_url()) + "#reviews$"))
    expect(page.locator(".messages")).to_contain_text("it is on the page now")
    review = page.locator(".review", has_text="Just as pictured")
    expect(review).to_contain_text("5 out of 5")
    expect(review).to_contain_text("Ada, Bristol")
    expect(review).to_contain_text("Verified purchase")
    expect(page.locator(".review-summary")).to_contain_text("5.0 out of 5 from 1 review")
    assert Review.objects.get().customer is None
    assert page.console_errors == []

    page.goto(link[:-5] + "XXXX/")  # a link cut short and mistyped: the page itself comes with status 400
    expect(page.get_by_role("heading", level=1)).to_have_text("This review link does not work")
    expect(page.get_by_role("link", name="Sign in and write your review")).to_be_visible()
    assert axe_violations(page) == []
