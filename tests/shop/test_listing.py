"""Category and search listings: filters, sorting, pages, empty states and htmx (shop/listing.py)."""

import re
from datetime import timedelta
from decimal import Decimal
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from shop.search import products_matching
from tests.factories import CategoryFactory, ProductFactory
from tests.html import internal_links

pytestmark = pytest.mark.django_db

DRESSES = "/category/clothing-women-dresses/"


@pytest.fixture
def dresses(category_tree_three_levels):
    return category_tree_three_levels[2]


def shown(response) -> list[str]:
    """The names of the products listed, in order (taken from their links' addresses)."""
    slugs = [href.split("/")[2] for href, _ in internal_links(response, "listing") if href.startswith("/products/")]
    return list(dict.fromkeys(slugs))


def params_of(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query)


def make(category, slug, **fields):
    return ProductFactory(category=category, slug=slug, name=slug.replace("-", " ").capitalize(), **fields)


def test_colour_filter_lists_only_products_in_the_colours_ticked(client, dresses):
    make(dresses, "navy-dress", colour="Navy")
    make(dresses, "rust-dress", colour="Rust")
    make(dresses, "ochre-dress", colour="Ochre")

    response = client.get(DRESSES, {"colour": ["Navy", "Rust"]})

    assert shown(response) == ["navy-dress", "rust-dress"]


def test_material_filter_lists_only_products_in_that_material(client, dresses):
    make(dresses, "linen-dress", material="Linen")
    make(dresses, "tencel-dress", material="Tencel")

    response = client.get(DRESSES, {"material": "Tencel"})

    assert shown(response) == ["tencel-dress"]


def test_size_filter_finds_products_that_have_the_size_in_stock(client, dresses):
    make(dresses, "a-in-stock", variants=[("10", 2), ("12", 0)])
    make(dresses, "b-sold-out-in-10", variants=[("10", 0), ("12", 5)])
    make(dresses, "c-no-size-10", variants=[("14", 3)])

    response = client.get(DRESSES, {"size": "10"})

    assert shown(response) == ["a-in-stock"]


def test_in_stock_filter_hides_sold_out_products(client, dresses):
    make(dresses, "a-available", variants=[("10", 0), ("12", 1)])
    make(dresses, "b-sold-out", variants=[("10", 0), ("12", 0)])

    response = client.get(DRESSES, {"in_stock": "1"})

    assert shown(response) == ["a-available"]


def test_on_sale_filter_lists_only_reduced_products(client, dresses):
    make(dresses, "full-price")
    make(dresses, "reduced", sale_price=Decimal("30.00"))

    response = client.get(DRESSES, {"on_sale": "1"})

    assert shown(response) == ["reduced"]


def test_price_range_goes_by_the_price_the_shopper_pays(client, dresses):
    make(dresses, "a-cheap", price=Decimal("20.00"))
    make(dresses, "b-reduced-into-range", price=Decimal("90.00"), sale_price=Decimal("45.00"))
    make(dresses, "c-in-range", price=Decimal("50.00"))
    make(dresses, "d-dear", price=Decimal("80.00"))

    response = client.get(DRESSES, {"min_price": "40", "max_price": "£50.00"})

    assert shown(response) == ["b-reduced-into-range", "c-in-range"]


@pytest.mark.parametrize(("sort", "expected"), [
    ("", ["a-cheap-old", "b-dear-new", "c-mid-reduced"]),
    ("name", ["a-cheap-old", "b-dear-new", "c-mid-reduced"]),
    ("newest", ["b-dear-new", "c-mid-reduced", "a-cheap-old"]),
    ("price-low", ["a-cheap-old", "c-mid-reduced", "b-dear-new"]),
    ("price-high", ["b-dear-new", "c-mid-reduced", "a-cheap-old"]),
    ("rating", ["c-mid-reduced", "a-cheap-old", "b-dear-new"]),
    ("best-selling", ["b-dear-new", "a-cheap-old", "c-mid-reduced"]),
])
def test_each_sort_order_does_what_its_name_says(client, dresses, sort, expected):
    now = timezone.now()
    make(dresses, "a-cheap-old", price=Decimal("10.00"), created_at=now - timedelta(days=30),
         rating_average=Decimal("3.50"), rating_count=4, units_sold=20)
    make(dresses, "b-dear-new", price=Decimal("90.00"), created_at=now,
         rating_average=None, rating_count=0, units_sold=50)
    make(dresses, "c-mid-reduced", price=Decimal("99.00"), sale_price=Decimal("40.00"),
         created_at=now - timedelta(days=2), rating_average=Decimal("4.80"), rating_count=9, units_sold=5)

    response = client.get(DRESSES, {"sort": sort})

    assert shown(response) == expected


def test_search_keeps_best_match_first_unless_another_order_is_chosen(client, dresses):
    for slug, price in [("linen-dress", "60.00"), ("linen-wrap-dress", "20.00"), ("linen-shirt-dress", "40.00")]:
        make(dresses, slug, price=Decimal(price))
    best_match_first = [product.slug for product in products_matching("linen")]

    by_relevance = client.get("/search/", {"q": "linen"})
    by_price = client.get("/search/", {"q": "linen", "sort": "price-low"})

    assert shown(by_relevance) == best_match_first
    assert shown(by_price) == ["linen-wrap-dress", "linen-shirt-dress", "linen-dress"]


def test_filters_sort_and_page_combine(client, dresses):
    for number in range(30):  # prices 31..60, all matching
        make(dresses, f"match-{number:02}", colour="Navy", price=Decimal(31 + number), variants=[("10", 1)])
    make(dresses, "wrong-colour", colour="Rust", price=Decimal("40"), variants=[("10", 1)])
    make(dresses, "wrong-size", colour="Navy", price=Decimal("40"), variants=[("12", 1)])
    make(dresses, "sold-out", colour="Navy", price=Decimal("40"), variants=[("10", 0)])
    make(dresses, "too-dear", colour="Navy", price=Decimal("95"), variants=[("10", 1)])

    response = client.get(DRESSES, {"colour": "Navy", "size": "10", "in_stock": "1", "min_price": "30",
                                    "max_price": "90", "sort": "price-high", "page": "2"})

    assert shown(response) == [f"match-{number:02}" for number in range(5, -1, -1)]
    assert "Showing 25–30 of 30 products" in response.content.decode()


def test_page_links_keep_every_other_choice(client, dresses):
    for number in range(60):
        make(dresses, f"dress-{number:02}", colour="Navy" if number % 2 else "Rust")

    response = client.get(DRESSES, {"colour": ["Navy", "Rust"], "sort": "newest", "page": "2"})

    labels = {"First", "Previous", "Page 1", "Page 2", "Page 3", "Next", "Last"}
    page_links = {text: href for href, text in internal_links(response, "listing") if text in labels}
    assert "Showing 25–48 of 60 products" in response.content.decode()
    assert set(page_links) == {"First", "Previous", "Page 1", "Page 3", "Next", "Last"}
    for href in page_links.values():
        assert [param for param in params_of(href) if param[0] != "page"] == [
            ("sort", "newest"), ("colour", "Navy"), ("colour", "Rust")]
    assert params_of(page_links["Next"])[-1] == ("page", "3")
    assert "page" not in dict(params_of(page_links["First"]))
    assert 'rel="prev"' in response.content.decode() and 'rel="next"' in response.content.decode()


def test_page_links_on_search_keep_the_search_words(client, dresses):
    for number in range(30):
        make(dresses, f"linen-dress-{number:02}")

    response = client.get("/search/", {"q": "linen dress", "on_sale": "", "in_stock": "1"})

    next_page = next(href for href, text in internal_links(response, "listing") if text == "Next")
    assert params_of(next_page) == [("q", "linen dress"), ("in_stock", "1"), ("page", "2")]


def test_a_price_that_is_not_a_number_is_explained_beside_the_field_and_kept(client, dresses):
    make(dresses, "a-dress", price=Decimal("20.00"))
    make(dresses, "b-dress", price=Decimal("70.00"))

    response = client.get(DRESSES, {"min_price": "cheap", "max_price": "50"})

    page = response.content.decode()
    assert response.status_code == 200
    assert ('<p class="field__error" id="id_min_price_error">Enter a price in British pounds, such as 25 or 19.99.</p>'
            in page)
    assert 'name="min_price" value="cheap"' in page and 'aria-describedby="id_min_price_error"' in page
    assert shown(response) == ["a-dress"]  # the valid maximum still applies


def test_a_minimum_above_the_maximum_is_explained_and_only_the_minimum_applies(client, dresses):
    make(dresses, "a-dress", price=Decimal("20.00"))
    make(dresses, "b-dress", price=Decimal("70.00"))

    response = client.get(DRESSES, {"min_price": "60", "max_price": "30"})

    page = response.content.decode()
    assert "Enter a price of at least £60.00, the lowest price you chose." in page
    assert 'name="max_price" value="30"' in page
    assert shown(response) == ["b-dress"]


def test_unknown_choices_and_page_numbers_are_ignored(client, dresses):
    make(dresses, "a-dress", colour="Navy")
    make(dresses, "b-dress", colour="Rust")

    response = client.get(DRESSES, {"colour": ["Purple", "Navy"], "size": "XXXL", "sort": "cheapest", "page": "x"})

    assert response.status_code == 200
    assert shown(response) == ["a-dress"]


@pytest.mark.parametrize(("url", "search"), [(DRESSES, {}), ("/search/", {"q": "linen"})])
@pytest.mark.parametrize("sort", ["", "rating", "price-high"])
def test_a_page_past_the_end_shows_the_last_page(client, dresses, url, search, sort):
    for number in range(30):  # one name for all and shared prices and ratings: ties only the id can settle
        ProductFactory(category=dresses, slug=f"linen-dress-{number:02}", name="Linen dress",
                       price=Decimal(20 + number % 3), rating_average=Decimal("4.00") if number % 2 else None,
                       rating_count=number % 2)

    last_page = client.get(url, {**search, "sort": sort, "page": "2"})
    past_the_end = client.get(url, {**search, "sort": sort, "page": "99"})

    assert len(shown(last_page)) == 6
    assert shown(past_the_end) == shown(last_page)
    assert "Showing 25–30 of 30 products" in past_the_end.content.decode()


def test_each_link_of_an_empty_result_takes_off_exactly_one_filter(client, dresses):
    make(dresses, "navy-dress", colour="Navy", variants=[("10", 0)])
    make(dresses, "rust-dress", colour="Rust", variants=[("12", 3)])

    response = client.get(DRESSES, {"sort": "newest", "colour": "Navy", "size": "12", "in_stock": "1"})

    page = response.content.decode()
    removals = {text: href for href, text in internal_links(response, "listing") if text.startswith("Remove filter")}
    assert "No products match all of these filters" in page
    assert {text: params_of(href) for text, href in removals.items()} == {
        "Remove filter: In stock ×": [("sort", "newest"), ("colour", "Navy"), ("size", "12")],
        "Remove filter: Colour: Navy ×": [("sort", "newest"), ("in_stock", "1"), ("size", "12")],
        "Remove filter: Size: 12 ×": [("sort", "newest"), ("in_stock", "1"), ("colour", "Navy")],
    }
    clear_all = next(href for href, text in internal_links(response, "listing") if text == "Clear all filters")
    assert clear_all == f"{DRESSES}?sort=newest"


def test_facets_offer_only_values_in_the_category_with_their_counts(client, dresses):
    make(dresses, "a", colour="Navy", material="Linen", variants=[("10", 1), ("12", 1)])
    make(dresses, "b", colour="Navy", material="Linen", variants=[("12", 4), ("16", 0)])
    make(dresses, "c", colour="Rust", material="Linen", variants=[("8", 2)])
    ProductFactory(colour="Forest green", variants=[("XL", 3)])  # another category

    page = client.get(DRESSES).content.decode()

    assert 'value="Navy"' in page and 'value="Rust"' in page and "Forest green" not in page
    assert 'Navy <span class="facet__count">(2<span class="visually-hidden"> products</span>)' in page
    assert 'Rust <span class="facet__count">(1<span class="visually-hidden"> product</span>)' in page
    assert page.index('value="8"') < page.index('value="10"') < page.index('value="12"')
    assert 'value="16"' not in page and 'value="XL"' not in page  # sold out here; only in another category
    assert 'name="material"' not in page  # every product is linen: nothing to choose between


def count_of(page: str, value: str) -> str:
    """The count shown beside one facet value, e.g. "2"."""
    found = re.search(rf'value="{re.escape(value)}"[^>]*> <label [^>]*>{re.escape(value)} '
                      r'<span class="facet__count">\((\d+)', page)
    return found.group(1)


def test_facet_counts_follow_the_other_filters_and_keep_every_value_on_offer(client, dresses):
    make(dresses, "navy-linen-10", colour="Navy", material="Linen", variants=[("10", 1)])
    make(dresses, "navy-tencel-12", colour="Navy", material="Tencel", variants=[("12", 1)])
    make(dresses, "rust-linen-12", colour="Rust", material="Linen", variants=[("12", 2)])
    make(dresses, "charcoal-tencel-12", colour="Charcoal", material="Tencel", variants=[("12", 1)])

    page = client.get(DRESSES, {"size": "10", "colour": "Navy"}).content.decode()

    # Each group counts among the products the other groups' choices leave: size 10 for the colours...
    assert (count_of(page, "Navy"), count_of(page, "Rust"), count_of(page, "Charcoal")) == ("1", "0", "0")
    # ...Navy for the sizes (one navy dress in 10, one in 12), and both for the materials.
    assert (count_of(page, "10"), count_of(page, "12")) == ("1", "1")
    assert (count_of(page, "Linen"), count_of(page, "Tencel")) == ("1", "0")
    # A value the other choices leave out is offered, greyed and not tickable, so the list keeps its shape.
    assert re.search(r'value="Rust" id="[^"]+" disabled>', page)
    assert re.search(r'value="Navy" id="[^"]+" checked>', page)


def test_facet_counts_follow_price_and_stock_filters_too(client, dresses):
    make(dresses, "cheap-navy", colour="Navy", price=Decimal(20), variants=[("10", 1)])
    make(dresses, "dear-navy", colour="Navy", price=Decimal(90), variants=[("10", 1)])
    make(dresses, "dear-rust-sold-out", colour="Rust", price=Decimal(90), variants=[("10", 0)])

    page = client.get(DRESSES, {"min_price": "50", "in_stock": "1"}).content.decode()

    assert (count_of(page, "Navy"), count_of(page, "Rust")) == ("1", "0")


def test_a_filtered_listing_costs_the_same_queries_whatever_the_catalogue_size(client, dresses,
                                                                            django_assert_num_queries):
    def add_products(number):
        for index in range(number):
            make(dresses, f"dress-{ProductFactory._meta.model.objects.count():03}", colour=["Navy", "Rust"][index % 2],
                 material=["Linen", "Tencel"][index % 2], variants=[("8", 1), ("10", index % 2)],
                 image__width=8, image__height=8)

    url = f"{DRESSES}?" + urlencode({"colour": "Navy", "size": ["8", "10"], "material": ["Linen", "Tencel"],
                                     "in_stock": "1", "min_price": "1"}, doseq=True)
    add_products(4)
    client.get(url)  # the category tree cached, as on a running shop; facets are cached per catalogue change
    add_products(1)  # so each measured visit below counts its facets afresh
    with django_assert_num_queries(4) as small:  # the offered values, their counts, the page's ids, its products
        client.get(url)

    add_products(40)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)

    assert len(shown(response)) == 23  # 2 + 1 + 20 of the 45 products are navy, each with an 8 in stock


def test_search_that_finds_nothing_suggests_spelling_fewer_words_and_popular_categories(client,
                                                                                      category_tree_three_levels):
    CategoryFactory(name="Outdoors", slug="outdoors")

    response = client.get("/search/", {"q": "zzzz"})

    page = response.content.decode()
    assert "0 products found" in page and "check the spelling" in page and "fewer or more general words" in page
    assert {"/category/clothing/", "/category/outdoors/"} <= {href for href, _ in internal_links(response, "listing")}
    assert "/category/clothing-women/" not in {href for href, _ in internal_links(response, "listing")}
    assert 'name="sort"' not in page  # nothing to filter


def test_search_page_without_words_keeps_its_guidance(client, db):
    page = client.get("/search/").content.decode()

    assert "Type what you are looking for in the search box above" in page and 'id="listing"' not in page


def test_category_page_keeps_its_subcategories_above_the_listing(client, category_tree_three_levels):
    top, middle, leaf = category_tree_three_levels
    ProductFactory(category=leaf)

    page = client.get("/category/clothing-women/").content.decode()

    subcategory_link = page.index('href="/category/clothing-women-dresses/"')
    heading = page.index('<h2 class="visually-hidden">Products in Women</h2>')
    assert subcategory_link < heading < page.index('id="listing"')


def test_htmx_request_gets_only_the_listing_and_caches_are_told_it_varies(client, dresses):
    make(dresses, "navy-dress", colour="Navy")
    make(dresses, "rust-dress", colour="Rust")

    response = client.get(DRESSES, {"sort": "name", "min_price": "", "max_price": "", "colour": "Navy"},
                          headers={"HX-Request": "true"})

    page = response.content.decode()
    assert page.lstrip().startswith('<div id="listing"') and "<html" not in page and "<h1" not in page
    assert shown(response) == ["navy-dress"]
    assert "HX-Request" in response["Vary"]
    assert response["HX-Push-Url"] == f"{DRESSES}?colour=Navy"  # the address bar shows only what applies


def test_htmx_history_restore_gets_the_whole_page(client, dresses):
    make(dresses, "navy-dress", colour="Navy")

    response = client.get(DRESSES, {"colour": "Navy"},
                          headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})

    page = response.content.decode()
    assert "<html" in page and "<h1>Dresses</h1>" in page and 'id="listing-status"' in page
    assert "HX-Request" in response["Vary"]


def test_listing_with_every_filter_on_uses_a_few_queries_and_writes_nothing(client, dresses,
                                                                           django_assert_max_num_queries):
    colours, materials = ["Navy", "Rust", "Ochre"], ["Linen", "Tencel"]
    for number in range(72):
        make(dresses, f"dress-{number:02}", colour=colours[number % 3], material=materials[number % 2],
             price=Decimal(20 + number), sale_price=Decimal(10 + number) if number % 4 == 0 else None,
             variants=[("8", number % 2), ("10", 1), ("12", 0)], image__width=8, image__height=8)
    url = f"{DRESSES}?" + urlencode({"colour": ["Navy", "Rust"], "material": "Linen", "size": ["8", "10"],
                                     "in_stock": "1", "on_sale": "1", "min_price": "5", "max_price": "95",
                                     "sort": "price-low", "page": "2"}, doseq=True)
    client.get(url)  # warm the category tree cache, as on a running shop

    with django_assert_max_num_queries(3) as queries:
        response = client.get(url)

    assert response.status_code == 200 and shown(response)
    assert not [query for query in queries.captured_queries if query["sql"].split()[0] in ("INSERT", "UPDATE")]


PARAMETER_NAMES = ["q", "sort", "min_price", "max_price", "in_stock", "on_sale", "colour", "size", "material", "page"]


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pairs=st.lists(st.tuples(st.sampled_from(PARAMETER_NAMES) | st.text(max_size=10), st.text(max_size=40)),
                      max_size=8),
       raw=st.text(max_size=60))
def test_any_query_string_gives_a_listing_never_an_error(client, pairs, raw):
    category = CategoryFactory(name="Clothing", slug="clothing")
    if not category.products.exists():
        ProductFactory(category=category, name="Linen shirt", variants=[("M", 1), ("L", 0)])
        ProductFactory(category=category, name="Linen dress", colour="Rust", material="Tencel")

    for query_string in (urlencode(pairs), raw):
        category_page = client.get(f"/category/clothing/?{query_string}")
        search_page = client.get(f"/search/?q=linen&{query_string}")

        assert category_page.status_code == 200
        assert search_page.status_code == 200


def test_facet_counts_follow_a_catalogue_change_at_once(client, category_tree_three_levels):
    leaf = category_tree_three_levels[2]
    ProductFactory(category=leaf, colour="Navy")
    ProductFactory(category=leaf, colour="Rust")
    client.get("/category/clothing/")  # the facets are now cached

    ProductFactory(category=leaf, colour="Navy")
    page = client.get("/category/clothing/").content.decode()

    assert 'Navy <span class="facet__count">(2<span class="visually-hidden"> products</span>)' in page


def test_cached_facets_cost_no_query_on_the_next_visit(client, category_tree_three_levels,
                                                       django_assert_max_num_queries):
    ProductFactory.create_batch(3, category=category_tree_three_levels[2])
    client.get("/category/clothing/")

    with django_assert_max_num_queries(2):  # the page's ids with the count, then its products; facets are cached
        client.get("/category/clothing/")
