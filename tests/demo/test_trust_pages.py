"""The demo's trust pages (demo/trust_pages.py): each built-in text copied into the database once."""

import pytest

from demo.trust_pages import load_site_pages_demo
from support.models import SitePage
from support.pages import INFO_PAGES

pytestmark = pytest.mark.django_db

TRUST_PAGES = [page for page in INFO_PAGES if page.staff_edited]


def test_the_demo_loader_adds_each_trust_page_once_and_never_overwrites_staff_edits():
    SitePage.objects.create(slug="privacy", title="Privacy", body="Our own words.")

    first = load_site_pages_demo()
    second = load_site_pages_demo()

    assert SitePage.objects.count() == len(TRUST_PAGES)
    assert SitePage.objects.get(slug="privacy").body == "Our own words."
    assert "About us" in first and "Privacy" not in first.split(";")[0]
    assert second.startswith("Trust pages: none added")
