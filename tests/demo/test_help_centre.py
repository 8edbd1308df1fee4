"""The demo's help centre (demo/help_centre.py): loaded once, quoting the shop's own settings, its links alive."""

import re

import pytest

from demo.help_centre import load_help_demo
from support.models import FaqEntry, HelpArticle, HelpTopic, Poll
from tests.html import internal_links

pytestmark = pytest.mark.django_db


def test_demo_help_centre_loads_once_and_quotes_the_shops_settings(client, settings):
    settings.SHOP = {**settings.SHOP, "return_days": 45, "refund_days": 7, "returns_free": False}

    load_help_demo()
    summary = load_help_demo()

    assert HelpTopic.objects.count() == 6 and FaqEntry.objects.count() >= 8
    assert 12 <= HelpArticle.objects.count() <= 16 and Poll.objects.get().choices.count() == 4
    assert "0 new" in summary
    returns = client.get("/help/how-to-return-something/").content.decode()
    assert "45 days from delivery" in returns and "within 7 working days" in returns
    assert "Return postage is yours to pay" in returns
    assert not re.search(r"\b30 days\b", returns)


def test_every_link_in_the_demo_help_centre_works(client, settings):
    load_help_demo()
    pages = ["/help/", "/faq/", *[article.get_absolute_url() for article in HelpArticle.objects.all()]]

    for page in pages:
        for href, _ in internal_links(client.get(page), within_id="main"):
            assert client.get(href.split("#")[0]).status_code == 200, f"{page} → {href}"
