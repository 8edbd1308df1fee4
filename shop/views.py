from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .models import Product
from .selectors import category_tree, products_in_category, products_matching

PRODUCTS_PER_PAGE = 24
SEARCH_QUERY_MAX_LENGTH = 100


@require_safe
def home(request):
    """Quick ways in for shoppers who know what they want (P49) and lead-ins for those who browse (P36, P37)."""
    listing = Product.objects.visible()
    shelves = [  # (heading, lead-in, products)
        ("Our picks", "Chosen by our team this season.", listing.filter(is_featured=True)[:8]),
        ("Just in", "New to the shop in the last few weeks.", listing.order_by("-created_at")[:4]),
        ("On sale now", "The same quality, for less, while stocks last.",
         listing.filter(sale_price__isnull=False).order_by("-updated_at")[:4]),
        ("Best sellers", "What other customers buy most.", listing.order_by("-units_sold")[:4]),
    ]
    return render(request, "shop/home.html", {"shelves": shelves, "featured_categories": category_tree().featured})


@require_safe
def category(request, slug):
    node = category_tree().by_slug.get(slug)
    if node is None:
        raise Http404("No such category")
    page = Paginator(products_in_category(node), PRODUCTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "shop/category.html", {"category": node, "page": page})


@require_safe
def product(request, slug):
    item = get_object_or_404(Product.objects.visible(), slug=slug)
    node = category_tree().by_id[item.category_id]
    related = products_in_category(node).exclude(pk=item.pk)[:4]
    sizes = [variant.size for variant in item.variants.all() if variant.size]
    return render(request, "shop/product.html", {
        "product": item, "category": node, "trail": [*node.ancestors, node], "related": related, "sizes": sizes,
    })


@require_safe
def search(request):
    # NUL characters are refused by PostgreSQL; nobody types them, so they are simply dropped.
    query = request.GET.get("q", "").replace("\x00", "").strip()[:SEARCH_QUERY_MAX_LENGTH]
    results = products_matching(query) if query else Product.objects.none()
    page = Paginator(results, PRODUCTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "shop/search.html", {"query": query, "page": page})


@require_safe
def cart(request):
    return render(request, "shop/cart.html")
