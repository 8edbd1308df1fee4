"""Product search: which products match what a shopper typed, best match first, and which words to mark.

Every product keeps the words a shopper might type in one column, `Product.search_document`.
On SQLite (the demo) each word must appear in it; on PostgreSQL its full-text search reads the same
column through a GIN index (migration 0002), so a search costs an index lookup, not a catalogue scan.
An exact style or size SKU finds its product on both.

A search that finds nothing is tried once more with its misspelt words corrected ("lnen shirt" becomes
"linen shirt", offered as "Did you mean …"): each word the catalogue does not use is replaced by the closest
word it does, from a vocabulary of the catalogue's product names, colours, materials and categories.
"""

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache, reduce
from operator import and_

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchQuery, SearchQueryField, SearchRank, SearchVector
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import BooleanField, Case, Exists, ExpressionWrapper, F, Func, Q, Value, When
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeData, SafeString, mark_safe

from .models import MissedSearch, Product, ProductVariant
from .selectors import CategoryNode, CategoryTree, catalogue_version

QUERY_MAX_LENGTH = 100
SUGGESTED_PRODUCTS = 6
SUGGESTED_CATEGORIES = 3
SUGGEST_FROM_LENGTH = 2  # one letter matches half the catalogue and helps nobody

# Exactly the expression migration 0002 indexes: PostgreSQL uses an expression index only for the same
# expression, so the search and the index must never drift apart.
DOCUMENT_VECTOR = SearchVector("search_document", config="english")
# Results are ranked on the name alone: ranking on the whole document would re-read every matching
# description (about 140 ms for a common word in 10,000 products), and a match in the name is what
# a shopper sees as the best one.
NAME_VECTOR = SearchVector("name", config="english")

_EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")
_VOCABULARY_WORD = re.compile(r"[^\W\d_]{3,}")  # letters only: numbers and SKUs are never corrected
# How alike a typed word and a catalogue word must be (difflib's ratio) to offer the one for the other:
# "lnen" and "linen" score 0.89, "jaket" and "jacket" 0.91; "mug" and "rug" (0.67) are different things.
CORRECTION_CUTOFF = 0.75
# A word of three letters or fewer is too short to guess what was meant: "wok" is one letter from "work", and
# "rug" from "mug", but each is a thing of its own.
CORRECT_FROM_LENGTH = 4


def clean_query(raw: str) -> str:
    """What a search reads of the query string: NUL characters dropped (PostgreSQL refuses them and nobody
    types them), spaces trimmed, at most QUERY_MAX_LENGTH characters."""
    return raw.replace("\x00", "").strip()[:QUERY_MAX_LENGTH]


def query_words(query: str) -> list[str]:
    """The words of a query, without the punctuation around them: `(linen), shirt!` gives linen and shirt.

    Punctuation inside a word stays, so a SKU such as FH-00012-XL is one word.
    """
    words = (_EDGE_PUNCTUATION.sub("", chunk) for chunk in clean_query(query).split())
    return [word for word in words if word]


def products_matching(query: str):
    """Visible products that match every word of `query`, or whose style or size SKU it is; best first."""
    query = clean_query(query)
    words = query_words(query)
    if not words:
        return Product.objects.none()
    if connection.vendor == "postgresql":
        return _matching_full_text(query)
    return _matching_every_word(query, words)


def _matching_every_word(query: str, words: list[str]):
    """SQLite (any database but PostgreSQL): every word somewhere in the search document, as typed.

    Best first: an exact SKU, then products with every word in the name, then those with the whole phrase.
    """
    size_sku = ProductVariant.objects.filter(sku__iexact=query).values("product_id")
    exact_sku = Q(sku__iexact=query) | Q(pk__in=size_sku)
    every_word = reduce(and_, (Q(search_document__icontains=word) for word in words))
    every_word_in_name = reduce(and_, (Q(name__icontains=word) for word in words))
    relevance = Case(
        When(exact_sku, then=Value(3)),
        When(every_word_in_name, then=Value(2)),
        When(search_document__icontains=" ".join(words), then=Value(1)),
        default=Value(0),
    )
    return (Product.objects.active().filter(every_word | exact_sku)
            .alias(relevance=relevance).order_by("-relevance", "name", "pk"))


class _Condition(Func):
    """Two expressions joined by an SQL operator, given as `arg_joiner`: `document @@ query`, `pk = ANY(…)`."""

    template = "%(expressions)s"
    output_field = BooleanField()


class _WorkedOutOnce(Func):
    """`(SELECT …)`: PostgreSQL works an uncorrelated subquery out once, before reading the table, so the
    text-search query it gives can still be looked up in the index."""

    template = "(SELECT %(expressions)s)"


def _prefix_query_text(query: str) -> str:
    """The query in to_tsquery syntax with every word as a prefix (`'lin':* & 'sh':*`), for words still
    being typed and parts of SKUs. Quoted, so any text is valid; `-word` excludes, `or` is left out."""
    terms = []
    for chunk in query.split():
        excluded = chunk.startswith("-") and len(chunk) > 1
        word = chunk[1:] if excluded else chunk
        if word.lower() == "or":
            continue
        quoted = "'" + word.replace("\\", "\\\\").replace("'", "''") + "':*"
        terms.append(f"!{quoted}" if excluded else quoted)
    return " & ".join(terms)


def _matching_full_text(query: str):
    """PostgreSQL: full-text search with stemming ("shirts" finds "shirt") and web-search syntax
    ("quoted phrase", -excluded, or). When that finds nothing, every word counts as the start of a
    word instead, so half-typed words and SKU fragments still find something."""
    web_search = SearchQuery(query, config="english", search_type="websearch")
    prefixes = SearchQuery(_prefix_query_text(query), config="english", search_type="raw")
    web_search_finds_something = Exists(
        Product.objects.active().filter(_Condition(DOCUMENT_VECTOR, web_search, arg_joiner=" @@ ")))
    search = _WorkedOutOnce(Case(When(web_search_finds_something, then=web_search), default=prefixes),
                            output_field=SearchQueryField())
    # `pk = ANY(ARRAY(SELECT …))` rather than `pk IN (SELECT …)`: PostgreSQL combines it with the index
    # lookups of the OR below, where IN would make it read every product.
    size_sku_products = ArraySubquery(ProductVariant.objects.filter(sku__iexact=query).order_by().values("product_id"))
    exact_sku = Q(sku__iexact=query) | Q(_Condition(F("pk"), Func(size_sku_products, function="ANY"),
                                                    arg_joiner=" = "))
    return (Product.objects.active().filter(Q(_Condition(DOCUMENT_VECTOR, search, arg_joiner=" @@ ")) | exact_sku)
            .alias(is_sku=ExpressionWrapper(exact_sku, output_field=BooleanField()),
                   rank=SearchRank(NAME_VECTOR, search))
            .order_by("-is_sku", "-rank", "name", "pk"))


def vocabulary(*, tree: CategoryTree) -> frozenset[str]:
    """Every word, in lower case, of the visible products' names, colours and materials and of the categories.

    Worked out from one query, cached until the catalogue changes (as the listings' facets are): a search
    that finds nothing asks for it, and reading 10,000 names for every such search would cost more than the
    search. The categories come from their (cached) tree, which is kept up to date on its own.
    """
    def build() -> frozenset[str]:
        texts = Product.objects.active().order_by().values_list("name", "colour", "material").distinct()
        return frozenset(word for row in texts for text in row for word in _VOCABULARY_WORD.findall(text.casefold()))

    product_words = cache.get_or_set(f"shop:search-vocabulary:{catalogue_version()}", build, timeout=60 * 60 * 24)
    category_words = (word for node in tree.by_id.values() for word in _VOCABULARY_WORD.findall(node.name.casefold()))
    return product_words.union(category_words)


def spelling_corrected(query: str, *, tree: CategoryTree) -> str | None:
    """`query` with each word the catalogue does not use replaced by the closest one it does, or None when no
    word was changed: "lnen shirt" gives "linen shirt". Words the catalogue uses, numbers and SKUs stay."""
    words = query_words(query)
    known = vocabulary(tree=tree)
    corrected = [_closest_known_word(word, known) for word in words]
    return " ".join(corrected) if corrected != words else None


def _closest_known_word(word: str, known: frozenset[str]) -> str:
    typed = word.casefold()
    if typed in known or len(typed) < CORRECT_FROM_LENGTH or not _VOCABULARY_WORD.fullmatch(typed):
        return word
    # One letter more, less or swapped is the usual typo: comparing only words of about the same length keeps
    # difflib quick in a large vocabulary, and a word that differs more in length was not a typo of this one.
    similar_length = [candidate for candidate in known if abs(len(candidate) - len(typed)) <= 2]
    closest = difflib.get_close_matches(typed, similar_length, n=1, cutoff=CORRECTION_CUTOFF)
    return closest[0] if closest else word


def categories_matching(query: str, *, tree: CategoryTree) -> list[CategoryNode]:
    """Categories whose trail (Clothing › Men › Shirts) holds every word, those named by the words first.

    Read from the (cached) category tree, so it costs no query.
    """
    words = [word.casefold() for word in query_words(query)]
    if not words:
        return []

    def contains_every_word(text: str) -> bool:
        text = text.casefold()
        return all(word in text for word in words)

    found = [node for node in tree.by_id.values()
             if contains_every_word(" ".join(step.name for step in [*node.ancestors, node]))]
    return sorted(found, key=lambda node: (not contains_every_word(node.name), len(node.ancestors)))


def missed_search_record(query: str) -> None:
    """Count a search that found nothing under today's date: what shoppers want and cannot find (CX dashboard).

    An update that adds one, else a new row; when another request makes today's row between the two, the
    unique (query, day) key refuses the second row and the update runs again. So every search counts once,
    on PostgreSQL and SQLite alike, in the same few statements however many searches there were.
    """
    query = clean_query(query).lower()[:QUERY_MAX_LENGTH]  # lower() may lengthen a few letters, such as İ
    if not query:
        return
    today = timezone.localdate()
    todays_row = MissedSearch.objects.filter(query=query, day=today)
    if todays_row.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():  # a savepoint, so a refused row leaves an outer transaction usable
            MissedSearch.objects.create(query=query, day=today)
    except IntegrityError:
        todays_row.update(count=F("count") + 1)


@dataclass
class Suggestions:
    query: str  # what they are suggestions for: the words typed, or those words spelt right
    products: list[Product]
    categories: list[CategoryNode]
    searched: bool  # False while the query is too short to suggest anything
    corrected: bool = False  # True when the words typed found nothing and `query` is their spelling corrected

    @property
    def count(self) -> int:
        return len(self.products) + len(self.categories)


def suggestions_for(query: str, *, tree: CategoryTree) -> Suggestions:
    """What the search box offers while the shopper types: a few products and categories, in one query.
    When those words find nothing, the suggestions for them spelt right, in one more."""
    query = clean_query(query)
    if len(query) < SUGGEST_FROM_LENGTH:
        return Suggestions(query=query, products=[], categories=[], searched=False)
    found = _suggestions(query, tree=tree)
    if found.count:
        return found
    corrected = spelling_corrected(query, tree=tree)
    found_corrected = _suggestions(corrected, tree=tree, corrected=True) if corrected else None
    return found_corrected if found_corrected and found_corrected.count else found


def _suggestions(query: str, *, tree: CategoryTree, corrected: bool = False) -> Suggestions:
    return Suggestions(query=query, products=list(products_matching(query)[:SUGGESTED_PRODUCTS]),
                       categories=categories_matching(query, tree=tree)[:SUGGESTED_CATEGORIES], searched=True,
                       corrected=corrected)


@lru_cache(maxsize=64)
def _words_pattern(query: str) -> re.Pattern | None:
    """What `highlight` looks for, worked out once for the 48 names and summaries of a page of results."""
    words = sorted(set(query_words(query)), key=len, reverse=True)  # the longest first: "linen" before "lin"
    return re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE) if words else None


def highlight(text, query: str) -> SafeString:
    """`text`, HTML-escaped, with each word of `query` wrapped in <mark>, whatever its case.

    Words are found in the text before it is escaped, so a mark never cuts an entity such as &amp; in two.
    Text already marked safe is HTML, where a mark could cut a tag in two: it is returned as it is.
    """
    if isinstance(text, SafeData):
        return text
    text = str(text)
    pattern = _words_pattern(query)
    if pattern is None:
        return escape(text)
    pieces, end = [], 0
    for match in pattern.finditer(text):
        pieces += [escape(text[end:match.start()]), format_html("<mark>{}</mark>", match.group())]
        end = match.end()
    pieces.append(escape(text[end:]))
    return mark_safe("".join(pieces))  # noqa: S308 -- every piece was escaped above
