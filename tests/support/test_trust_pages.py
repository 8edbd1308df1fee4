"""Trust pages (about us, guarantees, privacy, cookies, terms, legal notice): staff's text, or the built-in text."""

import pytest
from django.conf import settings
from django.urls import reverse

from support.models import SitePage
from support.pages import INFO_PAGES, site_page_built_in
from tests.html import internal_links, read_page

pytestmark = pytest.mark.django_db

TRUST_PAGES = [page for page in INFO_PAGES if page.staff_edited]


@pytest.fixture
def trust_pages_saved():
    """Each trust page saved with its built-in text, as staff find them once the pages have been edited."""
    for page in TRUST_PAGES:
        text = site_page_built_in(page)
        SitePage.objects.create(slug=page.name, title=text.title, lead=text.lead, body=text.body)


def test_every_information_page_is_linked_from_the_footer_and_answers(client):
    footer = internal_links(client.get("/"), within_id="site-footer")

    for page in INFO_PAGES:
        url = reverse(f"support:{page.name}")
        assert url in [href for href, _ in footer], f"{page.title} ({url}) is not in the footer"
        response = client.get(url)
        assert response.status_code == 200, url
        assert read_page(response).title.startswith(page.title), url


def test_every_information_page_is_in_the_site_map(client):
    site_map = internal_links(client.get("/site-map/"), within_id="site-map")

    for page in INFO_PAGES:
        assert (reverse(f"support:{page.name}"), page.title) in site_map


@pytest.mark.parametrize("page", TRUST_PAGES, ids=lambda page: page.name)
def test_before_the_demo_data_each_trust_page_shows_its_built_in_text(client, page):
    response = client.get(reverse(f"support:{page.name}"))
    content = response.content.decode()

    assert response.status_code == 200
    assert f"<h1>{page.title}</h1>" in content
    assert '<p class="lead">' in content and "<h2>" in content
    assert "{{" not in content and "{%" not in content  # the shop's details were filled in
    assert "Last updated" not in content  # built-in text has no date to give


def test_the_cookie_page_lists_every_cookie_the_shop_sets_and_no_tracking(client):
    page = client.get("/cookies/").content.decode()

    for cookie in ("sessionid", "csrftoken", "messages", "text_size", "recently_viewed"):
        assert f"<code>{cookie}</code>" in page
    assert "no advertising or tracking cookies" in page


def test_the_privacy_page_says_what_is_kept_why_for_how_long_and_that_cards_are_not_stored(client):
    page = client.get("/privacy/").content.decode()

    assert "<th>What</th>" in page and "<th>Why</th>" in page and "<th>How long</th>" in page
    assert "We never store your full card number or security code" in page
    assert 'href="/cookies/"' in page and "Information Commissioner" in page


def test_staff_edits_in_the_admin_show_on_the_page_with_the_date(admin_client, trust_pages_saved):
    guarantees = SitePage.objects.get(slug="guarantees")

    response = admin_client.post(reverse("admin:support_sitepage_change", args=[guarantees.pk]), {
        "slug": "guarantees", "title": "Our promises to you", "lead": "Five things we always do.",
        "body": "## Answers the same day\n\nWe **always** answer.\n\n<script>alert(1)</script>"})
    page = admin_client.get("/guarantees/").content.decode()

    assert response.status_code == 302
    assert "<title>Our promises to you" in page and "<h1>Our promises to you</h1>" in page
    assert '<p class="lead">Five things we always do.</p>' in page
    assert "<h2>Answers the same day</h2>" in page and "<strong>always</strong>" in page
    assert "alert(1)" not in page  # Markdown is sanitised: no scripts from the admin
    assert "Last updated <time" in page


def test_staff_find_each_trust_page_in_the_admin_with_a_link_to_it(admin_client, trust_pages_saved):
    listing = admin_client.get(reverse("admin:support_sitepage_changelist")).content.decode()

    for page in TRUST_PAGES:
        assert f'<a href="{reverse(f"support:{page.name}")}">View the page</a>' in listing


def test_the_admin_offers_only_the_trust_pages_as_slugs(admin_client):
    form = admin_client.get(reverse("admin:support_sitepage_add")).content.decode()

    for page in TRUST_PAGES:
        assert f'<option value="{page.name}">{page.title}</option>' in form
    assert '<option value="returns">' not in form  # the policies follow settings, not staff's text


def test_the_registration_details_come_from_settings_even_after_staff_edit_the_text(client, settings,
                                                                                    trust_pages_saved):
    settings.SHOP = {**settings.SHOP, "vat_number": "GB 999 0000 11", "company_number": "Registered no. 01234567"}

    for url in ("/about-us/", "/legal-notice/"):
        page = client.get(url).content.decode()
        assert "GB 999 0000 11" in page and "Registered no. 01234567" in page, url


def test_the_built_in_text_fills_in_the_shops_details(client):
    page = client.get("/terms/").content.decode()

    assert settings.SHOP["address"] in page
    assert f'href="mailto:{settings.SHOP["email"]}"' in page
