"""Every page below the home page says where it sits, for people (a trail) and search engines (JSON-LD)."""

import json
import re

import pytest

from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def breadcrumbs_of(response) -> tuple[list[str], list[dict]]:
    """The visible trail (link texts and the current page) and the BreadcrumbList items."""
    page = response.content.decode()
    nav = re.search(r'<nav class="breadcrumbs" aria-label="Breadcrumb">(.*?)</nav>', page, re.S).group(1)
    visible = [" ".join(text.split()) for text in re.findall(r"<(?:a|span)[^>]*>([^<]+)</(?:a|span)>", nav)]
    data = json.loads(re.search(r'<script type="application/ld\+json">(\{"@context": "https://schema.org", '
                                r'"@type": "BreadcrumbList".*?)</script>', page, re.S).group(1))
    return visible, data["itemListElement"]


@pytest.mark.parametrize(("url", "expected"), [
    ("/category/clothing/", ["Home", "Clothing"]),
    ("/category/clothing-women/", ["Home", "Clothing", "Women"]),
    ("/category/clothing-women-dresses/", ["Home", "Clothing", "Women", "Dresses"]),
    ("/products/wrap-dress/", ["Home", "Clothing", "Women", "Dresses", "Wrap dress"]),
    ("/returns-policy/", ["Home", "Returns policy"]),
    ("/site-map/", ["Home", "Site map"]),
    ("/search/?q=dress", ["Home", "Search results"]),
    ("/cart/", ["Home", "Your cart"]),
    ("/account/sign-in/", ["Home", "Sign in"]),
])
def test_every_page_type_shows_its_place_in_the_shop(client, category_tree_three_levels, url, expected):
    ProductFactory(category=category_tree_three_levels[2], name="Wrap dress", slug="wrap-dress")

    visible, items = breadcrumbs_of(client.get(url))

    assert visible == expected
    assert [item["name"] for item in items] == expected
    assert [item["position"] for item in items] == list(range(1, len(expected) + 1))
    assert items[0]["item"] == "http://testserver/"
    assert items[-1]["item"] == f"http://testserver{url.split('?')[0]}"


def test_breadcrumb_data_cannot_break_out_of_its_script_block(client, category_tree_three_levels):
    ProductFactory(category=category_tree_three_levels[2], name="</script><script>alert(1)</script>", slug="evil")

    page = client.get("/products/evil/").content.decode()

    assert "</script><script>alert(1)" not in page
