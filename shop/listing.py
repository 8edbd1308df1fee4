"""Category and search listings: filters, sorting and pages, all read from the query string (P46, P47).

The query string is the whole state of a listing, so a filtered page can be bookmarked, shared, and
reached again with the browser's back button. Bad or unknown parameters never stop the listing: they
are ignored, or, for a price the shopper typed, explained beside the field.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal
from hashlib import sha1
from math import ceil
from urllib.parse import urlencode

from babel.numbers import get_currency_name, get_currency_symbol
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, F, Min, OuterRef, Q, Value, Window
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from django_htmx.http import push_url

from storefront.dates import page_locale
from storefront.money import format_money
from storefront.numbers import parse_money

from .models import ProductVariant, size_name
from .selectors import catalogue_version, products_by_id

PAGE_LINKS_EACH_SIDE = 2  # numbered links either side of the current page, beside First/Previous/Next/Last
BIGGEST_OFFSET = 2**63 - 1  # the most rows PostgreSQL and SQLite can skip; a page beyond is past the end

# name: (label, ordering). Every ordering ends with a unique column so pages never overlap or skip.
SORTS = {
    "relevance": (_("Best match"), None),  # keeps the order search gives: best match first, then name and id
    "name": (_("Name, A to Z"), ("name", "pk")),
    "newest": (_("Newest first"), ("-created_at", "pk")),
    "price-low": (_("Price, low to high"), ("effective_price", "name", "pk")),
    "price-high": (_("Price, high to low"), ("-effective_price", "name", "pk")),
    "rating": (_("Best rated"), (F("rating_average").desc(nulls_last=True), "-rating_count", "name", "pk")),
    "best-selling": (_("Best selling"), ("-units_sold", "name", "pk")),
}
CATEGORY_SORTS = ["name", "newest", "price-low", "price-high", "rating", "best-selling"]  # the first is the default
SEARCH_SORTS = ["relevance", *CATEGORY_SORTS]

# The category's own attributes a shopper can tick: query parameter and label.
FACETS = {"colour": _("Colour"), "size": _("Size"), "material": _("Material")}
LETTER_SIZES = ["XXS", "XS", "S", "M", "L", "XL", "XXL"]
LEADING_NUMBER = re.compile(r"\d+(\.\d+)?")


def currency_symbol() -> str:
    """The shop's currency (SHOP["currency"]) as the page's language writes it beside an amount: "£"."""
    return get_currency_symbol(settings.SHOP["currency"], locale=page_locale())


class PriceField(forms.Field):
    """A price in the shop's currency, read by storefront/numbers.py; shoppers often type the currency's sign
    (before the number or after it), so it is allowed."""

    # Translators: %(currency)s is the currency's name, "British pounds".
    default_error_messages = {"invalid": _("Enter a price in %(currency)s, such as 25 or 19.99.")}

    def __init__(self, **kwargs):
        super().__init__(required=False, widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}), **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, str):
            symbol = currency_symbol()
            value = value.strip().removeprefix(symbol).removesuffix(symbol).strip()
        amount = parse_money(value)
        if amount is None:
            currency = get_currency_name(settings.SHOP["currency"], count=2, locale=page_locale())
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid", params={"currency": currency})
        return amount


class ListingForm(forms.Form):
    """The listing's filters and sort order, as GET parameters."""

    sort = forms.ChoiceField(label=_("Sort by"), required=False)
    min_price = PriceField()  # labelled in __init__, with the currency's sign
    max_price = PriceField()
    # A value of "1" keeps the URLs short: ?in_stock=1 rather than ?in_stock=on.
    in_stock = forms.BooleanField(label=_("In stock"), required=False, widget=forms.CheckboxInput(attrs={"value": "1"}))
    on_sale = forms.BooleanField(label=_("On sale"), required=False, widget=forms.CheckboxInput(attrs={"value": "1"}))
    colour = forms.MultipleChoiceField(label=FACETS["colour"], required=False, widget=forms.CheckboxSelectMultiple)
    size = forms.MultipleChoiceField(label=FACETS["size"], required=False, widget=forms.CheckboxSelectMultiple)
    material = forms.MultipleChoiceField(label=FACETS["material"], required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, data, *, sorts: list[str], facets: dict[str, list["FacetValue"]]):
        self.default_sort = sorts[0]
        choices = {"sort": [(name, SORTS[name][0]) for name in sorts]}
        choices.update({name: [(value.value, value.value) for value in values] for name, values in facets.items()})
        # Unknown values (an old bookmark, a colour no longer stocked, a typo) are dropped, not reported:
        # the shopper did not type them, so there is nothing for them to correct.
        data = data.copy()
        for name, field_choices in choices.items():
            known = {value for value, _ in field_choices}
            data.setlist(name, [value for value in dict.fromkeys(data.getlist(name)) if value in known])
        super().__init__(data)
        for name, field_choices in choices.items():
            self.fields[name].choices = field_choices
        # Translators: the price filter's boxes are labelled "From £ [  ] To £ [  ]"; %(currency)s is the sign.
        self.fields["min_price"].label = pgettext("price filter", "From %(currency)s") % {"currency": currency_symbol()}
        self.fields["max_price"].label = pgettext("price filter", "To %(currency)s") % {"currency": currency_symbol()}

    def clean_sort(self):
        return self.cleaned_data["sort"] or self.default_sort

    def clean(self):
        low, high = self.cleaned_data.get("min_price"), self.cleaned_data.get("max_price")
        if low is not None and high is not None and low > high:
            self.add_error("max_price", gettext("Enter a price of at least %(lowest)s, the lowest price you chose.")
                           % {"lowest": format_money(low)})
        return self.cleaned_data

    def applied(self) -> list[tuple[str, str]]:
        """The valid choices as query parameters, in a fixed order: what every link on the page keeps."""
        chosen = self.cleaned_data
        params = []
        if chosen.get("sort", self.default_sort) != self.default_sort:
            params.append(("sort", chosen["sort"]))
        for name in ("min_price", "max_price"):
            if chosen.get(name) is not None:
                params.append((name, str(chosen[name])))
        params.extend((name, "1") for name in ("in_stock", "on_sale") if chosen.get(name))
        params.extend((name, value) for name in FACETS for value in chosen.get(name, []))
        return params

    def facet_groups(self, facets: dict[str, list["FacetValue"]]) -> list["FacetGroup"]:
        """The attribute filters worth offering, with each value's count and whether it is ticked.

        A choice between one value is no choice, so such a group is left out.
        """
        groups = []
        for name, values in facets.items():
            if len(values) < 2:
                continue
            ticked = set(self.cleaned_data.get(name, []))
            options = [FacetOption(value=value.value, label=size_name(value.value) if name == "size" else value.value,
                                   count=value.count, checked=value.value in ticked,
                                   input_id=f"{self[name].auto_id}_{index}") for index, value in enumerate(values)]
            groups.append(FacetGroup(name=name, label=str(FACETS[name]), options=options))
        return groups


@dataclass
class FacetValue:
    value: str
    count: int  # products that match every other filter chosen and have this value
    order: int = 0  # for sizes: where the size comes in its product's list (Single, Double, King)


@dataclass
class FacetOption:
    value: str  # as the query string carries it
    label: str  # as the shopper reads it: a size in words in their language ("One size"), the rest as it is
    count: int
    checked: bool
    input_id: str


@dataclass
class FacetGroup:
    name: str
    label: str
    options: list[FacetOption] = field(default_factory=list)


def _size_sort_key(size: FacetValue):
    """Letter sizes small to large, then sizes that start with a number by that number (8, 10, 12; 20 cm, 24 cm),
    then the rest in the order products list them (Single, Double, King)."""
    if size.value in LETTER_SIZES:
        return (0, LETTER_SIZES.index(size.value), 0, "")
    if number := LEADING_NUMBER.match(size.value):
        return (1, Decimal(number.group()), 0, size.value)
    return (2, 0, size.order, size.value)


def _conditions(chosen: dict) -> dict[str, Q]:
    """Each filter chosen as a condition on products, by the name of its query parameter."""
    conditions = {}
    if chosen.get("min_price") is not None:
        conditions["min_price"] = Q(effective_price__gte=chosen["min_price"])
    if chosen.get("max_price") is not None:
        conditions["max_price"] = Q(effective_price__lte=chosen["max_price"])
    if chosen.get("in_stock"):
        conditions["in_stock"] = Q(Exists(ProductVariant.objects.filter(product=OuterRef("pk"), stock__gt=0)))
    if chosen.get("on_sale"):
        conditions["on_sale"] = Q(sale_price__isnull=False)
    for name in ("colour", "material"):
        if chosen.get(name):
            conditions[name] = Q(**{f"{name}__in": chosen[name]})
    if chosen.get("size"):
        sizes_in_stock = ProductVariant.objects.filter(product=OuterRef("pk"), size__in=chosen["size"], stock__gt=0)
        conditions["size"] = Q(Exists(sizes_in_stock))
    return conditions


def _facet_query(products, conditions: dict[str, Q]):
    """Colours, sizes and materials among `products`, each counted among the products that match every
    filter but its own group's, in one query.

    So a count says what ticking the value would show: with Navy ticked, Rust (3) means three more
    products, and with size 10 ticked, Navy (1) means one navy product in size 10. Every value of the
    listing stays offered, at (0) if the other filters leave none, so a ticked value never disappears.
    A size counts only where it is in stock, as the size filter does.
    """
    def others(name) -> Q | None:
        rest = [condition for other, condition in conditions.items() if other != name]
        return Q(*rest) if rest else None

    def by_product_field(name):
        return (products.order_by().exclude(**{name: ""})
                .values(facet=Value(name), value=F(name), order=Value(0))
                .annotate(count=Count("pk", filter=others(name))))

    size_condition = others("size")
    matching = None if size_condition is None else Q(product__in=products.filter(size_condition).values("pk"))
    sizes = (ProductVariant.objects.filter(product__in=products.values("pk"), stock__gt=0).exclude(size="")
             .order_by().values(facet=Value("size"), value=F("size"))
             .annotate(order=Min("position"), count=Count("product", distinct=True, filter=matching)))
    return by_product_field("colour").union(by_product_field("material"), sizes, all=True)


def facet_values(products, conditions: dict[str, Q]) -> dict[str, list[FacetValue]]:
    found = {name: [] for name in FACETS}
    for row in _facet_query(products, conditions):
        found[row["facet"]].append(FacetValue(value=row["value"], count=row["count"], order=row["order"]))
    found["colour"].sort(key=lambda colour: colour.value)
    found["material"].sort(key=lambda material: material.value)
    found["size"].sort(key=_size_sort_key)
    return found


def facet_values_cached(products, conditions: dict[str, Q]) -> dict[str, list[FacetValue]]:
    """facet_values, kept in the cache until any product or size changes (see shop/signals.py).

    The facet query groups every product of the listing (about 20 ms for a top-level category of a
    10,000-product shop on PostgreSQL), while its answer changes only when the catalogue does. Each
    combination of filters has its own counts, so the key is the query itself.
    """
    try:
        sql = str(_facet_query(products.order_by(), conditions).query)  # the order changes no facet
    except EmptyResultSet:  # a search with nothing to look for: no query to run or to cache
        return facet_values(products, conditions)
    key = f"shop:facets:{catalogue_version()}:{sha1(sql.encode()).hexdigest()}"  # noqa: S324
    return cache.get_or_set(key, lambda: facet_values(products, conditions), timeout=60 * 60)


def _page_ids(products, number: int, per_page: int) -> tuple[list[int], int | None]:
    """The ids on page `number` of `products`, in order, and how many products there are in all (None when
    the page is empty, as the count comes with its rows)."""
    start = (number - 1) * per_page
    if number < 1 or start > BIGGEST_OFFSET:
        return [], None
    rows = list(products.annotate(total=Window(Count("pk"))).values_list("pk", "total")[start:start + per_page])
    return [pk for pk, _ in rows], rows[0][1] if rows else None


def _page(products, requested, per_page: int) -> Page:
    """The page of `products` the query string asks for; the first when `requested` is not a number, the
    last when it is past the end, as Django's `Paginator.get_page` does.

    Two queries for a page that exists. The first finds the page's ids and, in the same pass, how many
    products there are, so the listing is filtered (and a search matched) once. The second reads just
    those products with their stock and sizes: annotated before paging, the database would work those out
    for every product up to the page too, some 2,000 of them on the last page of a large category.
    """
    try:
        number = int(requested)
    except (TypeError, ValueError):
        number = 1
    ids, total = _page_ids(products, number, per_page)
    if total is None and number != 1:
        # Past the end (an old link, a typed number): the last page, read from the end backwards so that
        # one query still finds both it and the count.
        backwards, total = _page_ids(products.reverse(), 1, per_page)
        number = max(1, ceil((total or 0) / per_page))
        ids = backwards[:(total or 0) - (number - 1) * per_page][::-1]
    paginator = Paginator(products, per_page)
    paginator.count = total or 0  # known already: Paginator would otherwise count them again
    return Page(products_by_id(ids), number, paginator)


@dataclass
class PageLink:
    label: str
    url: str
    rel: str = ""
    is_current: bool = False
    is_number: bool = False


@dataclass
class ActiveFilter:
    label: str
    remove_url: str  # this listing with only this one filter taken off


@dataclass
class Listing:
    form: ListingForm
    page: Page
    url: str  # this page of the listing, with only the choices that apply
    page_links: list[PageLink]
    facet_groups: list[FacetGroup]
    active_filters: list[ActiveFilter]
    clear_filters_url: str
    hidden_params: list[tuple[str, str]]  # kept by the filter form too, such as the search words


def _url(path: str, params: list[tuple[str, str]]) -> str:
    return f"{path}?{urlencode(params)}" if params else path


def _page_url(path: str, params: list[tuple[str, str]], number: int) -> str:
    return _url(path, [*params, ("page", str(number))] if number > 1 else params)


def _page_links(page: Page, path: str, params: list[tuple[str, str]]) -> list[PageLink]:
    if not page.has_other_pages():
        return []

    def link(number, label, rel="", is_number=False):
        return PageLink(label=label, url=_page_url(path, params, number), rel=rel, is_current=number == page.number,
                        is_number=is_number)

    last = page.paginator.num_pages
    links = [link(1, gettext("First")),
             link(page.previous_page_number(), gettext("Previous"), rel="prev")] if page.has_previous() else []
    window = range(max(1, page.number - PAGE_LINKS_EACH_SIDE), min(last, page.number + PAGE_LINKS_EACH_SIDE) + 1)
    links += [link(number, str(number), is_number=True) for number in window]
    if page.has_next():
        links += [link(page.next_page_number(), gettext("Next"), rel="next"), link(last, gettext("Last"))]
    return links


def _filter_label(name: str, value: str) -> str:
    """What a chip of the filters in use says: "From £20.00", "In stock", "Colour: Navy"."""
    if name == "min_price":
        return pgettext("a filter in use", "From %(amount)s") % {"amount": format_money(Decimal(value))}
    if name == "max_price":
        return pgettext("a filter in use", "Up to %(amount)s") % {"amount": format_money(Decimal(value))}
    if name == "in_stock":
        return gettext("In stock")
    if name == "on_sale":
        return gettext("On sale")
    shown = size_name(value) if name == "size" else value
    # Translators: a filter in use, its group and the value ticked: "Colour: Navy", "Size: M".
    return gettext("%(filter)s: %(value)s") % {"filter": FACETS[name], "value": shown}


def listing_build(*, products, params, path: str, sorts: list[str], per_page: int,
                  keep: tuple[tuple[str, str], ...] = ()) -> Listing:
    """One page of `products` as the query string `params` filters and sorts it.

    `keep` are parameters every link carries unchanged, such as the search words.
    """
    products = products.annotate(effective_price=Coalesce("sale_price", "price"))
    # The values on offer come from the whole listing; their counts then follow the filters chosen.
    offered = facet_values_cached(products, {})
    form = ListingForm(params, sorts=sorts, facets=offered)
    form.is_valid()  # a price typed wrongly gets its message; every valid choice still applies
    chosen = form.cleaned_data
    conditions = _conditions(chosen)
    facets = facet_values_cached(products, conditions) if conditions else offered
    ordering = SORTS[chosen["sort"]][1]
    shown = products.filter(*conditions.values())
    if ordering:
        shown = shown.order_by(*ordering)
    page = _page(shown, params.get("page"), per_page)

    applied = [*keep, *form.applied()]
    filters = [(name, value) for name, value in applied if name not in ("sort", *dict(keep))]
    active_filters = [
        ActiveFilter(label=_filter_label(name, value),
                     remove_url=_url(path, [param for param in applied if param != (name, value)]))
        for name, value in filters
    ]
    unfiltered = [param for param in applied if param not in filters]
    return Listing(form=form, page=page, url=_page_url(path, applied, page.number),
                   page_links=_page_links(page, path, applied), facet_groups=form.facet_groups(facets),
                   active_filters=active_filters,
                   clear_filters_url=_url(path, unfiltered), hidden_params=list(keep))


def listing_render(request, template_name: str, context: dict) -> HttpResponse:
    """The page, or for htmx only its listing region, which it names `listing`.

    htmx asks for the whole page when it restores one missing from its history cache. The address bar gets
    the listing's own URL rather than the form's (`?sort=name&min_price=&...`), so it stays short to share.
    """
    if request.htmx and not request.htmx.history_restore_request:
        response = push_url(render(request, f"{template_name}#listing", context), context["listing"].url)
    else:
        response = render(request, template_name, context)
    # One URL, two answers: caches (the browser's back button among them) must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response
