from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from .delivery import delivery_cost, delivery_estimate
from .images import largest_rendition_url
from .listing import CATEGORY_SORTS, SEARCH_SORTS, listing_build, listing_render
from .models import Product
from .product_page import (
    RECENTLY_VIEWED_COOKIE,
    back_to_results_url,
    recently_viewed_ids,
    recently_viewed_products,
    recently_viewed_remember,
    related_products,
)
from .search import clean_query, suggestions_for
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
    listing = listing_build(products=products_in_category(node), params=request.GET, path=request.path,
                            sorts=CATEGORY_SORTS, per_page=PRODUCTS_PER_PAGE)
    return listing_render(request, "shop/category.html", {"category": node, "listing": listing, "page": listing.page})


@require_safe
@vary_on_headers("Cookie", "Referer")  # recently viewed products and the way back to results depend on them
def product(request, slug):
    item = get_object_or_404(Product.objects.visible().prefetch_related("variants", "images"), slug=slug)
    node = category_tree().by_id[item.category_id]
    variants = item.variants.all()
    viewed_ids = recently_viewed_ids(request.COOKIES.get(RECENTLY_VIEWED_COOKIE, ""))
    response = render(request, "shop/product.html", {
        "product": item, "category": node, "trail": [*node.ancestors, node],
        "variants": variants, "has_sizes": any(variant.size for variant in variants),
        "chosen_variant": next((variant for variant in variants if variant.stock), None),  # first size in stock
        "estimate": delivery_estimate(dispatch_days=item.dispatch_days),
        "delivery_cost": delivery_cost(order_total=item.current_price),
        "related": related_products(product=item, category=node, excluding=viewed_ids),
        "recently_viewed": recently_viewed_products(viewed_ids, current=item),
        "back_to_results": back_to_results_url(request, product=item),
        "canonical_url": request.build_absolute_uri(item.get_absolute_url()),
        "share_image_url": request.build_absolute_uri(largest_rendition_url(item.image.name, item.image_width)),
    })
    recently_viewed_remember(response, viewed_ids, current=item)
    return response


@require_safe
def search(request):
    # NUL characters are refused by PostgreSQL; nobody types them, so they are simply dropped.
    query = request.GET.get("q", "").replace("\x00", "").strip()[:SEARCH_QUERY_MAX_LENGTH]
    if not query:
        return render(request, "shop/search.html", {"query": query})
    listing = listing_build(products=products_matching(query), params=request.GET, path=request.path,
                            sorts=SEARCH_SORTS, per_page=PRODUCTS_PER_PAGE, keep=(("q", query),))
    return listing_render(request, "shop/search.html", {"query": query, "listing": listing})


@require_safe
@vary_on_headers("HX-Request")
def search_suggestions(request):
    """Suggestions under the header search box as the shopper types (htmx): one query at most, no writes."""
    query = clean_query(request.GET.get("q", ""))
    if not request.htmx:  # only the search box asks for this fragment; a person is better served by the results
        return redirect(f"{reverse('shop:search')}?{urlencode({'q': query})}")
    suggestions = suggestions_for(query, tree=category_tree())
    return render(request, "shop/_search_suggestions.html", {"suggestions": suggestions})


@require_safe
def cart(request):
    return render(request, "shop/cart.html")
