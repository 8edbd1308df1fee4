"""Reads of the catalogue that pages share. The category tree is read once and cached."""

from dataclasses import dataclass, field

from django.core.cache import cache

from .models import Category, Product
from .search import search_products

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


def products_in_category(node: CategoryNode):
    return Product.objects.visible().filter(category_id__in=node.descendant_ids)


def products_matching(query: str):
    """Visible products that match `query` (every word, or an exact style or size SKU), best match first.

    How they are matched and ranked, on SQLite and on PostgreSQL, is in search.py.
    """
    return search_products(query)
