"""Search: what matches, in what order, highlighted how, and the suggestions under the search box (shop/search.py)."""

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from shop.models import MissedSearch, Product
from shop.search import highlight, products_matching, spelling_corrected
from shop.selectors import category_tree
from tests.factories import CategoryFactory, ProductFactory
from tests.html import internal_links

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
ANY_QUERY = st.text(max_size=300) | st.text(alphabet="-'\"\\:*&|!()<>%_ aZ0", max_size=40)


def names(query: str) -> list[str]:
    return [product.name for product in products_matching(query)]


def text_of(response) -> str:
    """The page's text as a reader sees it: no tags, entities read, runs of spaces as one."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", response.content.decode())).split())


def suggest(client, query: str):
    return client.get("/search/suggest/", {"q": query}, **HTMX)


def test_every_word_must_match(db):
    ProductFactory(name="Harbour linen shirt")
    ProductFactory(name="Harbour wool jumper", material="Wool")

    found = names("harbour linen")

    assert found == ["Harbour linen shirt"]


@pytest.mark.parametrize("query", ["riverbank", "Knitwear", "clothing", "Ochre", "tencel", "bamboo buttons", "knt-812"])
def test_search_reads_description_category_trail_colour_material_and_model(query):
    knitwear = CategoryFactory(name="Knitwear", slug="knitwear", parent=CategoryFactory(name="Clothing"))
    ProductFactory(name="Meadow cardigan", category=knitwear, colour="Ochre", material="Tencel", model_number="KNT-812",
                   description="Knitted by the riverbank, with bamboo buttons.")
    ProductFactory(name="Cast iron pan", colour="Black", material="Cast iron")

    assert names(query) == ["Meadow cardigan"]


@pytest.mark.parametrize("query", ["FH-00042", "fh-00042", "FH-00042-XL", "fh-00042-xl"])
def test_an_exact_style_or_size_sku_finds_its_product_in_any_case(query):
    ProductFactory(name="Fjord rain jacket", sku="FH-00042", variants=[("M", 2), ("XL", 1)])
    ProductFactory(name="Fjord fleece", sku="FH-00043", variants=[("M", 2)])

    assert names(query) == ["Fjord rain jacket"]


def test_products_named_by_the_words_come_before_those_that_only_mention_them(db):
    ProductFactory(name="Alder apron", description="Goes well with a linen shirt.")
    ProductFactory(name="Bramble linen shirt")
    ProductFactory(name="Cedar tote", summary="Holds a folded linen shirt.")

    found = names("linen shirt")

    assert found[0] == "Bramble linen shirt"
    assert sorted(found[1:]) == ["Alder apron", "Cedar tote"]


def test_hidden_products_are_never_found(db):
    ProductFactory(name="Withdrawn linen shirt", is_active=False)

    assert names("linen") == []


@pytest.mark.parametrize("query", ["!!!", "  ", "-", "\"'", "%", "_", "\\", "*:&|", "\x00", "linen " * 40])
def test_punctuation_only_or_very_long_queries_answer_calmly(client, query):
    ProductFactory(name="Harbour linen shirt")

    page = client.get("/search/", {"q": query})
    suggestions = suggest(client, query)

    assert page.status_code == 200
    assert suggestions.status_code == 200


def test_highlight_marks_each_word_whatever_its_case():
    marked = highlight("Linen shirt in LINEN", "linen SHIRT")

    assert marked == "<mark>Linen</mark> <mark>shirt</mark> in <mark>LINEN</mark>"


def test_highlight_escapes_the_text_and_never_cuts_an_entity():
    assert highlight('<b>Bold & "quoted"</b>', "bold amp quot") == \
        '&lt;b&gt;<mark>Bold</mark> &amp; &quot;<mark>quot</mark>ed&quot;&lt;/b&gt;'
    assert highlight("Fish & chips", "") == "Fish &amp; chips"


def test_search_results_show_a_product_named_with_html_safely_with_the_word_marked(client, db):
    ProductFactory(name='<b>Bold & "quoted"</b>', summary="A bold summary.")

    page = client.get("/search/", {"q": "bold"}).content.decode()

    assert "<b>Bold" not in page
    assert '&lt;b&gt;<mark>Bold</mark> &amp; &quot;quoted&quot;&lt;/b&gt;' in page
    assert "A <mark>bold</mark> summary." in page


def test_product_cards_outside_search_mark_nothing_and_still_escape(client, db):
    ProductFactory(name='<b>Bold & "quoted"</b>', is_featured=True)

    page = client.get("/").content.decode()

    assert '&lt;b&gt;Bold &amp; &quot;quoted&quot;&lt;/b&gt;' in page
    assert "<mark>" not in page


def test_suggestions_offer_products_and_categories_as_links(client, db):
    shirts = CategoryFactory(name="Shirts", slug="men-shirts", parent=CategoryFactory(name="Men", slug="men"))
    shirt = ProductFactory(name="Harbour linen shirt", category=shirts, price="40.00")

    response = suggest(client, "shirt")
    page = response.content.decode()

    assert response.status_code == 200
    assert (shirt.get_absolute_url(), "Harbour linen shirt £40.00") in internal_links(response)
    assert ("/category/men-shirts/", "Shirts in Men") in internal_links(response)
    assert "Harbour linen <mark>shirt</mark>" in page
    assert 'role="option"' in page
    assert "2 suggestions" in page


def test_suggestions_offer_at_most_six_products_and_three_categories(client, db):
    for number in range(4):
        CategoryFactory(name=f"Linen {number}")
    ProductFactory.create_batch(8, name="Linen napkin")

    response = suggest(client, "linen")

    links = [href for href, _ in internal_links(response)]
    assert len([href for href in links if href.startswith("/products/")]) == 6
    assert len([href for href in links if href.startswith("/category/")]) == 3


def test_suggestions_wait_for_two_characters(client, db):
    ProductFactory(name="Harbour linen shirt")
    suggest(client, "linen")  # the category tree is now cached, as on a running shop

    with CaptureQueriesContext(connection) as queries:
        response = suggest(client, "h")

    assert 'role="option"' not in response.content.decode()
    assert queries.captured_queries == []


def test_suggestions_say_so_when_nothing_matches(client, db):
    response = suggest(client, "zzzz")

    assert "No suggestions" in response.content.decode()


def test_asking_for_suggestions_without_htmx_leads_to_the_results_page(client, db):
    response = client.get("/search/suggest/", {"q": "linen shirt"})

    assert response.status_code == 302
    assert urlsplit(response.url).path == "/search/"
    assert parse_qs(urlsplit(response.url).query) == {"q": ["linen shirt"]}


def test_the_search_box_is_an_accessible_combobox_that_still_submits_without_javascript(client, db):
    page = client.get("/").content.decode()

    assert '<form class="search" role="search" action="/search/" method="get">' in page
    # role="combobox" is allowed on a text box, not on type="search" (the W3C checker refuses that).
    assert re.search(r'<input id="search-q" name="q" type="text" inputmode="search" enterkeyhint="search"', page)
    for attribute in ('role="combobox"', 'aria-expanded="false"', 'aria-controls="search-suggestions"',
                      'aria-autocomplete="list"', 'hx-get="/search/suggest/"',
                      'hx-trigger="input changed delay:250ms"', 'id="search-suggestions" class="search-suggestions"'
                      ' role="listbox"', 'id="search-suggestions-status" class="visually-hidden" role="status"'):
        assert attribute in page


@pytest.fixture
def large_catalogue(category_tree_three_levels):
    leaf = category_tree_three_levels[2]
    ProductFactory.create_batch(65, category=leaf, name="Linen wrap dress", variants=[("10", 2), ("12", 0)])


def test_suggestions_use_one_query_and_write_nothing_however_big_the_catalogue(client, large_catalogue):
    suggest(client, "linen")  # the category tree is now cached, as on a running shop

    with CaptureQueriesContext(connection) as queries:
        response = suggest(client, "linen dress")

    assert response.status_code == 200
    assert [query["sql"].split()[0] for query in queries.captured_queries] == ["SELECT"]
    assert "sessionid" not in response.cookies


def test_search_page_query_count_does_not_grow_with_the_catalogue(client, django_assert_max_num_queries,
                                                                  category_tree_three_levels):
    leaf = category_tree_three_levels[2]
    ProductFactory.create_batch(5, category=leaf, name="Linen wrap dress")
    client.get("/search/", {"q": "linen"})
    with CaptureQueriesContext(connection) as small:
        client.get("/search/", {"q": "linen"})
    small_count = len(small.captured_queries)  # read now: the next request clears the query log
    ProductFactory.create_batch(60, category=leaf, name="Linen wrap dress")
    client.get("/search/", {"q": "linen"})  # warm again: new products renew the cached facets

    with django_assert_max_num_queries(small_count):
        response = client.get("/search/", {"q": "linen"})

    assert response.status_code == 200


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=ANY_QUERY)
def test_search_and_suggestions_answer_any_query(client, query):
    ProductFactory(name="Harbour linen shirt")

    assert client.get("/search/", {"q": query}).status_code == 200
    assert suggest(client, query).status_code == 200


# --- Typos -----------------------------------------------------------------------------------------------


def test_a_misspelt_search_shows_what_the_words_spelt_right_find_and_asks_did_you_mean(client, db):
    ProductFactory(name="Harbour linen shirt")
    ProductFactory(name="Fjord wool jumper", material="Wool")

    response = client.get("/search/", {"q": "lnen shirt"})
    page = text_of(response)

    assert "Did you mean linen shirt?" in page
    assert ("/search/?q=linen%20shirt", "linen shirt") in internal_links(response)
    assert "Harbour linen shirt" in page
    assert "Fjord wool jumper" not in page
    assert "Harbour <mark>linen</mark> <mark>shirt</mark>" in response.content.decode()  # the corrected words


def test_a_search_that_finds_something_offers_no_correction_and_keeps_its_own_results(client, db):
    ProductFactory(name="Lined raincoat")
    ProductFactory(name="Linen shirt")

    response = client.get("/search/", {"q": "lined"})

    assert "Did you mean" not in text_of(response)
    assert names("lined") == ["Lined raincoat"]


def test_a_correction_that_finds_nothing_is_not_offered_and_the_search_counts_as_missed(client, db):
    ProductFactory(name="Linen shirt")

    page = text_of(client.get("/search/", {"q": "lnen mug"}))

    assert "Did you mean" not in page
    assert "Nothing matched “lnen mug”" in page
    assert list(MissedSearch.objects.values_list("query", flat=True)) == ["lnen mug"]


def test_a_misspelt_search_that_the_correction_answers_is_not_counted_as_missed(client, db):
    ProductFactory(name="Linen shirt")

    client.get("/search/", {"q": "lnen shirt"})

    assert not MissedSearch.objects.exists()


@pytest.mark.parametrize(("typed", "corrected"), [
    ("lnen shirt", "linen shirt"),
    ("Harbuor SHIRT", "harbour SHIRT"),  # known words stay as typed
    ("jaket", "jacket"),
    ("sweter", "sweater"),
    ("dreses", "dresses"),  # a category's name
    ("charcol", "charcoal"),  # a colour
    ("linen shirt", None),  # nothing to correct
    ("lnen FH-00042 xl", "linen FH-00042 xl"),  # SKUs, numbers and short words are never changed
    ("zzzzzz", None),  # nothing close enough
    ("rug", None),  # "mug" is another thing
    ("wok", None),  # and "work" not a pan
])
def test_spelling_is_corrected_to_the_closest_word_the_catalogue_uses(typed, corrected, db):
    CategoryFactory(name="Dresses")
    ProductFactory(name="Harbour linen shirt", colour="Charcoal")
    ProductFactory(name="Fjord rain jacket", material="Waxed cotton")
    ProductFactory(name="Wool sweater")
    ProductFactory(name="Enamel mug")

    assert spelling_corrected(typed, tree=category_tree()) == corrected


def test_a_new_product_is_found_by_its_misspelt_name_at_once(client, db):
    ProductFactory(name="Linen shirt")
    client.get("/search/", {"q": "lnen"})  # the vocabulary is now cached

    ProductFactory(name="Velvet cushion")
    page = text_of(client.get("/search/", {"q": "velvte cushion"}))

    assert "Did you mean velvet cushion?" in page


def test_hidden_products_lend_no_words_to_corrections(db):
    ProductFactory(name="Withdrawn tapestry", is_active=False)

    assert spelling_corrected("tapestyr", tree=category_tree()) is None


def test_suggestions_for_misspelt_words_are_those_for_the_words_spelt_right(client, db):
    shirt = ProductFactory(name="Harbour linen shirt")

    response = suggest(client, "lnen shirt")
    page = text_of(response)

    assert (shirt.get_absolute_url(), f"Harbour linen shirt £{shirt.price}") in internal_links(response)
    assert "Products for “linen shirt”" in page
    assert "Did you mean “linen shirt”? 1 suggestion" in page
    assert ("/search/?q=linen%20shirt", "All results for “linen shirt”") in internal_links(response)


def test_a_misspelt_search_costs_the_same_queries_however_big_the_catalogue(client, django_assert_max_num_queries,
                                                                            category_tree_three_levels):
    leaf = category_tree_three_levels[2]
    ProductFactory.create_batch(5, category=leaf, name="Linen wrap dress")
    client.get("/search/", {"q": "lnen"})
    with CaptureQueriesContext(connection) as small:
        client.get("/search/", {"q": "lnen"})
    small_count = len(small.captured_queries)
    ProductFactory.create_batch(60, category=leaf, name="Linen wrap dress", colour="Teal")
    client.get("/search/", {"q": "lnen"})  # warm again: new products renew the vocabulary and the facets

    with django_assert_max_num_queries(small_count):
        response = client.get("/search/", {"q": "lnen"})

    assert "Did you mean linen?" in text_of(response)


only_on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="full-text search and its GIN index exist only on PostgreSQL (run in the suite's PostgreSQL pass)")


@only_on_postgresql
def test_full_text_search_finds_other_forms_of_a_word(db):
    ProductFactory(name="Oxford shirt", description="Pressed and folded.")

    assert names("shirts") == ["Oxford shirt"]
    assert names("pressing fold") == ["Oxford shirt"]


@only_on_postgresql
def test_half_typed_words_and_sku_fragments_still_find_products(db):
    ProductFactory(name="Linen shirt", sku="FH-00042")

    assert names("linen sh") == ["Linen shirt"]
    assert names("FH-0004") == ["Linen shirt"]


@only_on_postgresql
def test_a_word_after_a_minus_sign_is_left_out(db):
    ProductFactory(name="Linen shirt")
    ProductFactory(name="Flannel shirt", material="Brushed cotton")

    assert names("shirt -linen") == ["Flannel shirt"]


@only_on_postgresql
def test_search_looks_words_up_in_the_gin_index(db):
    pan = ProductFactory(name="Cast iron pan")
    Product.objects.bulk_create(  # enough other products that reading them all costs more than the index
        Product(**{**model_to_dict(pan, exclude=["id", "category", "image"]), "category_id": pan.category_id,
                   "image": pan.image.name, "sku": f"PAN-{number}", "slug": f"pan-{number}"})
        for number in range(500))
    ProductFactory.create_batch(3, name="Linen shirt")
    sql, params = products_matching("shirt").query.sql_with_params()

    with connection.cursor() as cursor:
        # Earlier tests leave rows waiting in the index's pending list and the planner guessing at table
        # sizes; the question is only whether the search *can* be answered from the index.
        cursor.execute("SELECT gin_clean_pending_list('product_search_document_gin')")
        cursor.execute("ANALYZE shop_product, shop_productvariant")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    # The scan of the products themselves asks the index, with the search worked out beforehand ($n).
    assert re.search(r"Bitmap Index Scan on product_search_document_gin .*\n\s+Index Cond: \(to_tsvector\("
                     r"'english'::regconfig, COALESCE\(search_document, ''::text\)\) @@ \$\d+\)", plan), plan
