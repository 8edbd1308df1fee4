"""Reads of the catalogue that pages share. The category tree is read once and cached."""

from dataclasses import dataclass, field

from django.core.cache import cache

from .models import Category, Product

CATEGORY_TREE_CACHE_KEY = "shop:category-tree:v3"


@dataclass
class CategoryNode:
    id: int
    name: str
    slug: str
    description: str
    url: str  # resolved once when the tree is built: the menu links every category on every page
    is_featured: bool = False
    parent: "CategoryNode | None" = None
    children: list["CategoryNode"] = field(default_factory=list)

    @property
    def ancestors(self) -> list["CategoryNode"]:
        """From the top level down to (not including) this node: the breadcrumb trail."""
        trail, node = [], self.parent
        while node is not None:
            trail.insert(0, node)
            node = node.parent
        return trail

    @property
    def trail_above(self) -> str:
        """The names of the categories above, from the top: "Clothing › Women"."""
        return " › ".join(node.name for node in self.ancestors)

    @property
    def descendant_ids(self) -> list[int]:
        """This category and every category below it: a category page lists all their products."""
        ids = [self.id]
        for child in self.children:
            ids.extend(child.descendant_ids)
        return ids

    def get_absolute_url(self) -> str:
        return self.url


@dataclass
class CategoryTree:
    roots: list[CategoryNode]
    by_slug: dict[str, CategoryNode]
    by_id: dict[int, CategoryNode]

    @property
    def featured(self) -> list[CategoryNode]:
        return [node for node in self.by_id.values() if node.is_featured]


def _build_category_tree() -> CategoryTree:
    nodes = {
        row.id: (row.parent_id, CategoryNode(id=row.id, name=row.name, slug=row.slug, description=row.description,
                                             url=row.get_absolute_url(), is_featured=row.is_featured))
        for row in Category.objects.only("id", "parent_id", "name", "slug", "description", "is_featured")
    }
    roots = []
    for parent_id, node in nodes.values():  # rows arrive in display order, so children do too
        if parent_id is None:
            roots.append(node)
        else:
            node.parent = nodes[parent_id][1]
            node.parent.children.append(node)
    by_id = {node.id: node for _, node in nodes.values()}
    return CategoryTree(roots=roots, by_slug={node.slug: node for node in by_id.values()}, by_id=by_id)


def category_tree() -> CategoryTree:
    """The whole tree, from the cache; one query when the cache is cold (see signals.py)."""
    return cache.get_or_set(CATEGORY_TREE_CACHE_KEY, _build_category_tree, timeout=None)


def category_tree_forget() -> None:
    cache.delete(CATEGORY_TREE_CACHE_KEY)


CATALOGUE_VERSION_CACHE_KEY = "shop:catalogue-version"


def catalogue_version() -> int:
    """A number that changes whenever a product or a size is saved or deleted; part of cache keys
    for things worked out from the whole catalogue (listing facets), so they never outlive a change."""
    return cache.get_or_set(CATALOGUE_VERSION_CACHE_KEY, 1, timeout=None)


def catalogue_changed() -> None:
    try:
        cache.incr(CATALOGUE_VERSION_CACHE_KEY)
    except ValueError:  # not in the cache (yet, or any more): any new number will do
        cache.set(CATALOGUE_VERSION_CACHE_KEY, 2, timeout=None)


# Long texts no product card shows: listings leave them in the database.
NOT_ON_CARDS = ("description", "search_document")


def products_by_id(ids: list[int]) -> list[Product]:
    """The visible products among `ids`, in that order, with what a product card shows (stock, sizes), in
    one query; none when `ids` is empty."""
    found = Product.objects.visible().defer(*NOT_ON_CARDS).in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


@dataclass
class HomeShelves:
    picks: list[Product]
    just_in: list[Product]
    on_sale: list[Product]
    best_sellers: list[Product]


def _home_shelf_ids() -> dict[str, list[int]]:
    active = Product.objects.active()
    chosen = {
        "picks": active.filter(is_featured=True)[:8],
        "just_in": active.order_by("-created_at")[:4],
        "on_sale": active.filter(sale_price__isnull=False).order_by("-updated_at")[:4],
        "best_sellers": active.order_by("-units_sold")[:4],
    }
    return {name: list(products.values_list("pk", flat=True)) for name, products in chosen.items()}


def home_shelves() -> HomeShelves:
    """The home page's lead-ins, in one query once the cache is warm.

    Which products each shelf shows is kept until the catalogue changes, as it takes four reads of the
    whole catalogue to choose them; the products themselves are read every time, so their stock is current.
    """
    chosen = cache.get_or_set(f"shop:home-shelves:{catalogue_version()}", _home_shelf_ids, timeout=60 * 60)
    products = {product.pk: product for product in products_by_id([pk for ids in chosen.values() for pk in ids])}
    return HomeShelves(**{name: [products[pk] for pk in ids if pk in products] for name, ids in chosen.items()})


def products_in_category(node: CategoryNode):
    """The products a category page lists, to filter, sort and page (see `products_by_id` for the page's own)."""
    return Product.objects.active().filter(category_id__in=node.descendant_ids)
