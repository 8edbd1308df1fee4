"""Size guides (shop/size_guides.py): which products have one, the measurements in both units, and the guide's
own page, which the product page's link points at."""

import pytest

from shop.selectors import category_tree
from shop.size_guides import SIZE_GUIDES, Measure, size_guide_for
from tests.factories import CategoryFactory, ProductFactory
from tests.html import read_page

pytestmark = pytest.mark.django_db


def test_measurements_are_given_in_inches_too_to_the_nearest_half_inch():
    assert [Measure(cm).inches for cm in (76, 82, 87, 102)] == ["30", "32½", "34½", "40"]


def test_every_guide_gives_a_measurement_for_each_column_and_says_how_to_take_it():
    for guide in SIZE_GUIDES:
        assert all(len(measures) == len(guide.measurements) for _, measures in guide.rows), guide.slug
        assert [name for name, _ in guide.how_to_measure] == list(guide.measurements)


def test_a_product_takes_the_guide_of_its_category_or_the_nearest_one_above(category_tree_three_levels):
    _, women, dresses = category_tree_three_levels
    maxi = CategoryFactory(name="Maxi dresses", slug="maxi-dresses", parent=dresses)
    tree = category_tree()

    assert size_guide_for(tree.by_id[maxi.pk]).slug == "womens-dresses"
    assert size_guide_for(tree.by_id[dresses.pk]).slug == "womens-dresses"
    assert size_guide_for(tree.by_id[women.pk]) is None  # no one guide fits all women's clothes


def test_a_sized_garment_links_its_guide_beside_the_sizes_and_opens_it_in_a_dialog(client, category_tree_three_levels):
    dress = ProductFactory(category=category_tree_three_levels[2], variants=[("10", 2), ("12", 4)])

    response = client.get(dress.get_absolute_url())

    assert ("/size-guides/womens-dresses/", "Size guide") in read_page(response).links
    page = response.content.decode()
    assert '<dialog id="size-guide" class="size-guide-dialog" aria-labelledby="size-guide-title"' in page
    assert "Size guide: Women&#x27;s dresses" in page


def test_a_product_without_a_guide_offers_none(client):
    mug = ProductFactory(variants=[("250 ml", 3), ("350 ml", 3)])

    page = client.get(mug.get_absolute_url()).content.decode()

    assert "Size guide" not in page and "<dialog id=\"size-guide\"" not in page


def test_the_size_guide_page_gives_each_size_in_centimetres_and_inches_and_how_to_measure(client):
    page = " ".join(client.get("/size-guides/mens-trousers/").content.decode().split())

    assert "<h1>Size guide: Men&#x27;s trousers</h1>" in page
    assert '<th scope="col">Waist <span class="size-guide__units">cm / in</span></th>' in page
    assert ('<th scope="row">32R</th><td>81<span class="visually-hidden"> cm,</span> '
            '<span class="size-guide__inches">32<span class="visually-hidden"> in</span></span></td>') in page
    assert "<dt>Inside leg</dt><dd>From the top of your inner thigh to the floor" in page


def test_an_unknown_size_guide_is_not_found(client):
    assert client.get("/size-guides/hats/").status_code == 404
