from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from shop.models import ProductVariant
from tests.factories import CategoryFactory, ProductFactory
from tests.html import read_page

pytestmark = pytest.mark.django_db


def test_category_page_lists_products_of_its_subcategories_with_breadcrumbs(client, category_tree_three_levels):
    top, middle, leaf = category_tree_three_levels
    ProductFactory(category=leaf, name="Wrap dress")

    top_page = client.get("/category/clothing/").content.decode()
    leaf_page = client.get("/category/clothing-women-dresses/")

    assert "Wrap dress" in top_page
    assert "1 product" in top_page
    crumbs = [text for href, text in read_page(leaf_page).links if href in ("/", "/category/clothing/",
                                                                             "/category/clothing-women/")]
    assert crumbs[-3:] == ["Home", "Clothing", "Women"]


def test_unknown_category_answers_a_helpful_not_found_page(client, db):
    response = client.get("/category/no-such-thing/")

    assert response.status_code == 404
    assert "can't find that page" in response.content.decode()


def test_product_page_shows_what_a_buyer_needs_to_decide(client, category_tree_three_levels):
    product = ProductFactory(category=category_tree_three_levels[2], name="Wrap dress", colour="Rust",
                             weight_grams=320, material="Linen", model_number="WD-12", dispatch_days=2,
                             variants=[("10", 3), ("12", 0)])

    page = client.get(product.get_absolute_url()).content.decode()

    for fact in ("Wrap dress", "£40.00", "10", "12", "Rust", "320 g", "Linen", "WD-12", product.sku,
                 "Dispatched within 2 working days"):
        assert fact in page


def test_sale_product_shows_the_old_price_and_the_saving(client, db):
    product = ProductFactory(price=Decimal("50.00"), sale_price=Decimal("40.00"))

    page = client.get(product.get_absolute_url()).content.decode()

    assert "£40.00" in page and "<s>£50.00</s>" in page and "save 20%" in page


def test_out_of_stock_product_says_so_and_offers_the_hotline(client, db):
    product = ProductFactory(variants=[("S", 0), ("M", 0)])

    page = client.get(product.get_absolute_url()).content.decode()

    assert "Out of stock" in page and "+44 20 7946 0321" in page


def test_hidden_product_is_not_found(client, db):
    product = ProductFactory(is_active=False)

    assert client.get(product.get_absolute_url()).status_code == 404


def test_renamed_category_shows_its_new_name_in_the_menu_at_once(client, category_tree_three_levels):
    client.get("/")  # the tree is now cached
    top = category_tree_three_levels[0]
    top.name = "Apparel"
    top.save()

    assert "Apparel" in client.get("/").content.decode()


def test_search_finds_products_by_name_and_by_sku(client, db):
    shirt = ProductFactory(name="Harbour linen shirt")
    ProductFactory(name="Cast iron pan", material="Cast iron")

    by_name = client.get("/search/", {"q": "linen"}).content.decode()
    by_sku = client.get("/search/", {"q": shirt.sku}).content.decode()

    assert "Harbour <mark>linen</mark> shirt" in by_name and "Cast iron pan" not in by_name
    assert "Harbour linen shirt" in by_sku


def test_search_with_no_match_suggests_what_to_do_next(client, db):
    page = client.get("/search/", {"q": "zzzz"}).content.decode()

    assert "0 products found" in page and "browse every category" in page


def queries_for(client, url):
    client.get(url)  # warm the category tree cache, as on a running shop
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in queries.captured_queries]


# The home page reads its shelves' products (which they are is cached); a listing reads its page's ids with
# the count, then those products.
@pytest.mark.parametrize(("url", "most"), [
    ("/", 1), ("/category/clothing/", 2), ("/category/clothing-women-dresses/?page=2", 2), ("/search/?q=shirt", 2),
    ("/products/linen-shirt-probe/", 5), ("/site-map/", 4), ("/help/", 4),
])
def test_pages_use_the_same_few_queries_however_big_the_catalogue(client, category_tree_three_levels, url, most):
    leaf = category_tree_three_levels[2]
    ProductFactory(category=leaf, slug="linen-shirt-probe", is_featured=True)
    ProductFactory.create_batch(30, category=leaf, is_featured=True)
    small = queries_for(client, url)

    ProductFactory.create_batch(60, category=leaf, is_featured=True, sale_price=Decimal("30.00"))
    large = queries_for(client, url)

    assert len(large) == len(small) <= most
    assert not [sql for sql in large if sql.split()[0] in ("INSERT", "UPDATE", "DELETE")]


def test_home_page_shows_a_new_product_at_once(client, db):
    ProductFactory.create_batch(4, name="Older lamp", created_at=timezone.now() - timedelta(days=30), units_sold=10)
    client.get("/")  # the shelves are now cached

    ProductFactory(name="Brand new lamp")
    page = client.get("/").content.decode()

    assert "Brand new lamp" in page


def test_home_page_shows_stock_as_it_is_now_though_its_shelves_are_cached(client, db):
    lamp = ProductFactory(name="Harbour lamp", is_featured=True, variants=[("", 3)])
    client.get("/")

    # A bulk update, as placing an order makes, sends no signal: the shelves stay cached, the stock must not.
    ProductVariant.objects.filter(product=lamp).update(stock=0)
    page = client.get("/").content.decode()

    assert "Only 3 left" not in page and "Out of stock" in page


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=300), page=st.text(max_size=20))
def test_search_and_paging_survive_any_input(client, query, page):
    CategoryFactory(name="Clothing", slug="clothing")

    search = client.get("/search/", {"q": query, "page": page})
    category = client.get("/category/clothing/", {"page": page})

    assert search.status_code == 200
    assert category.status_code == 200
