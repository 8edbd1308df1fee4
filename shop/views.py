from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import trigger_client_event

from storefront.ratelimit import limit_message
from storefront.redirects import safe_next_path

from .delivery import delivery_cost, delivery_estimate, home_country_name
from .images import largest_rendition_url
from .listing import CATEGORY_SORTS, SEARCH_SORTS, listing_build, listing_render
from .models import Product, ProductVariant
from .product_page import (
    RECENTLY_VIEWED_COOKIE,
    back_to_results_url,
    gallery_pictures,
    recently_viewed_ids,
    recently_viewed_products,
    recently_viewed_remember,
    related_products,
)
from .search import clean_query, missed_search_record, products_matching, spelling_corrected, suggestions_for
from .selectors import category_tree, home_shelves, products_in_category
from .services import (
    MAX_QUANTITY_PER_LINE,
    CouponError,
    cart_add_item,
    cart_apply_coupon,
    cart_for_request,
    cart_remove_coupon,
    cart_remove_line,
    cart_set_quantity,
    cart_summary,
)
from .size_guides import size_guide_for, size_guide_named

PRODUCTS_PER_PAGE = 24


@require_safe
def home(request):
    """Quick ways in for shoppers who know what they want (P49) and lead-ins for those who browse (P36, P37)."""
    chosen = home_shelves()
    shelves = [  # (heading, lead-in, products, the practice its workshop badge shows)
        (_("Our picks"), _("Chosen by our team this season."), chosen.picks, "P37"),
        (_("Just in"), _("New to the shop in the last few weeks."), chosen.just_in, "P35"),
        (_("On sale now"), _("The same quality, for less, while stocks last."), chosen.on_sale, "P11"),
        (_("Best sellers"), _("What other customers buy most."), chosen.best_sellers, "P10"),
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
        "product": item, "category": node, "trail": [*node.ancestors, node], "pictures": gallery_pictures(item),
        "variants": variants, "has_sizes": any(variant.size for variant in variants),
        # One variant needs no choice. Of several, none is chosen for the shopper (a preselected size is
        # bought by mistake): the quantity may go up to the most of any size until they choose.
        "only_variant": variants[0] if len(variants) == 1 else None,
        "most_in_stock": max((variant.stock for variant in variants), default=0),
        "size_guide": size_guide_for(node) if len(variants) > 1 and item.in_stock else None,
        # Back from "Add to cart" without a size (cart_add, without JavaScript): ask beside the sizes and
        # keep the quantity typed.
        "size_missing": request.GET.get("size") == "missing",
        "quantity_typed": request.GET.get("quantity", "1")[:4],
        "estimate": delivery_estimate(dispatch_days=item.dispatch_days),
        "delivery_cost": delivery_cost(order_total=item.current_price), "home_country": home_country_name(),
        "related": related_products(product=item, category=node, excluding=viewed_ids),
        "recently_viewed": recently_viewed_products(viewed_ids, current=item),
        "back_to_results": back_to_results_url(request, product=item),
        "canonical_url": request.build_absolute_uri(item.get_absolute_url()),
        "share_image_url": request.build_absolute_uri(largest_rendition_url(item.image.name, item.image_width)),
    })
    recently_viewed_remember(response, viewed_ids, current=item)
    return response


@require_safe
def size_guide(request, slug):
    """A size guide as a page of its own: the product page's dialog without JavaScript, and an address to share."""
    guide = size_guide_named(slug)
    if guide is None:
        raise Http404("No such size guide")
    return render(request, "shop/size_guide.html", {"guide": guide})


@require_safe
def search(request):
    query = clean_query(request.GET.get("q", ""))
    if not query:
        return render(request, "shop/search.html", {"query": query})
    listing, corrected = _search_listing(request, query), None
    found_nothing = listing.page.paginator.count == 0 and not listing.active_filters
    if found_nothing:
        # "Did you mean …": the words spelt as the catalogue spells them, and their results if they have any.
        # The listing's links then carry the corrected words, so filtering and paging keep these results.
        corrected = spelling_corrected(query, tree=category_tree())
        corrected_listing = _search_listing(request, corrected) if corrected else None
        if corrected_listing and corrected_listing.page.paginator.count:
            listing, found_nothing = corrected_listing, False
        else:
            corrected = None
    # Counted once, when the results page first loads: htmx requests re-read the same search, and an empty
    # page the shopper's own filters made says nothing about the words.
    if found_nothing and request.method == "GET" and not request.htmx:
        missed_search_record(query)
    return listing_render(request, "shop/search.html", {"query": query, "corrected": corrected, "listing": listing})


def _search_listing(request, query: str):
    return listing_build(products=products_matching(query), params=request.GET, path=request.path,
                         sorts=SEARCH_SORTS, per_page=PRODUCTS_PER_PAGE, keep=(("q", query),))


@require_safe
@vary_on_headers("HX-Request")
def search_suggestions(request):
    """Suggestions under the header search box as the shopper types (htmx): one query at most, no writes."""
    query = clean_query(request.GET.get("q", ""))
    if not request.htmx:  # only the search box asks for this fragment; a person is better served by the results
        return redirect(f"{reverse('shop:search')}?{urlencode({'q': query})}")
    suggestions = suggestions_for(query, tree=category_tree())
    return render(request, "shop/_search_suggestions.html", {"suggestions": suggestions})


# --- Cart -----------------------------------------------------------------------------------------
# Every cart change is a POST that works as a plain form (redirect back with a message) and, with
# htmx, answers with just the part of the page that changed plus a "cart-updated" event: the header
# count refreshes itself on that event and cart.js reads the message out in the live region.


def _posted_variant(request) -> ProductVariant | None:
    try:
        variant_id = int(request.POST.get("variant", ""))
    except ValueError:
        return None
    return ProductVariant.objects.select_related("product").filter(pk=variant_id, product__is_active=True).first()


def _posted_product(request) -> Product | None:
    """The product whose page the form is on, posted by the product page only."""
    try:
        product_id = int(request.POST.get("product", ""))
    except ValueError:
        return None
    return Product.objects.filter(pk=product_id, is_active=True).first()


def _posted_quantity(request) -> int | None:
    try:
        quantity = int(request.POST.get("quantity", "1"))
    except ValueError:
        return None
    return quantity if 0 <= quantity <= MAX_QUANTITY_PER_LINE else None


def _back_to(request) -> str:
    """The page the form was on (a path on this site only), else the cart."""
    return safe_next_path(request.POST.get("next", "")) or reverse("shop:cart")


def _cart_changed(response, message: str, *, open_mini_cart: bool = False):
    # After settling, so the mini-cart's new contents are in place before cart.js opens it.
    trigger_client_event(response, "cart-updated", {"message": message, "openMiniCart": open_mini_cart},
                         after="settle")
    return response


@require_safe
def cart(request):
    return render(request, "shop/cart.html", {"summary": cart_summary(cart=cart_for_request(request))})


@require_safe
def cart_link(request):
    """The header's cart link, re-fetched by htmx whenever the cart changes."""
    return render(request, "shop/_cart_link.html")


@require_safe
def mini_cart(request):
    return render(request, "shop/_mini_cart.html", {"summary": cart_summary(cart=cart_for_request(request))})


@require_POST
def cart_add(request):
    variant, quantity = _posted_variant(request), _posted_quantity(request)
    if variant is None and not request.htmx and (product := _posted_product(request)):
        # No size chosen on the product page without JavaScript (size-choice.js asks before sending): the
        # page again, asking for one beside the sizes, with the quantity typed still in its box.
        query = urlencode({"size": "missing", "quantity": request.POST.get("quantity", "")[:4]})
        return redirect(f"{product.get_absolute_url()}?{query}#size-choice")
    if variant is None or not quantity:
        message = gettext("Please choose a size and a quantity of at least 1.")
        if request.htmx:
            return _cart_changed(HttpResponse(status=204), message)
        messages.error(request, message)
        return HttpResponseRedirect(_back_to(request))
    cart = cart_for_request(request, create=True)
    change = cart_add_item(cart=cart, variant=variant, quantity=quantity)
    message = change.note or gettext("Added %(quantity)s × %(item)s to your cart.") % {
        "quantity": quantity, "item": variant.display_name}
    if request.POST.get("on_cart_page"):  # "Undo" after a removal: the cart page stays the cart page
        put_back = gettext("Put %(item)s back in your cart.") % {"item": variant.display_name}
        return _cart_contents(request, cart, put_back, changed_variant=variant.pk)
    if request.htmx:
        response = render(request, "shop/_mini_cart.html", {"summary": cart_summary(cart=cart), "message": message})
        return _cart_changed(response, message, open_mini_cart=True)
    messages.success(request, message)
    return HttpResponseRedirect(_back_to(request))


def _cart_contents(request, cart, message: str, **context):
    """After a change on the cart page: the whole page without htmx, the cart contents with it."""
    if not request.htmx:
        messages.info(request, message)
        return redirect("shop:cart")
    response = render(request, "shop/cart.html#cart-contents",
                      {"summary": cart_summary(cart=cart), "message": message, **context})
    return _cart_changed(response, message)


@require_POST
def cart_update(request):
    cart, variant, quantity = cart_for_request(request), _posted_variant(request), _posted_quantity(request)
    if cart is None or variant is None:
        return redirect("shop:cart")
    if quantity is None:
        problem = gettext("Please enter a quantity from 0 to %(most)s.") % {"most": MAX_QUANTITY_PER_LINE}
        return _cart_contents(request, cart, problem,
                              quantity_error={"variant": variant.pk, "typed": request.POST.get("quantity", "")})
    if quantity == 0:
        return _removed(request, cart, variant)
    change = cart_set_quantity(cart=cart, variant=variant, quantity=quantity)
    message = change.note or gettext("You now have %(quantity)s × %(item)s.") % {
        "quantity": change.quantity, "item": variant.display_name}
    return _cart_contents(request, cart, message, changed_variant=variant.pk,
                          line_note={"variant": variant.pk, "text": change.note})


@require_POST
def cart_remove(request):
    cart, variant = cart_for_request(request), _posted_variant(request)
    if cart is None or variant is None:
        return redirect("shop:cart")
    return _removed(request, cart, variant)


def _removed(request, cart, variant):
    """Take the line out, and offer to put it back: one mis-tap should not cost the shopper their choice."""
    quantity = cart_remove_line(cart=cart, variant=variant)
    return _cart_contents(request, cart, gettext("Removed %(item)s from your cart.") % {"item": variant.display_name},
                          removed={"variant": variant, "quantity": quantity})


@require_POST
def cart_coupon(request):
    cart = cart_for_request(request)
    if cart is None:
        return redirect("shop:cart")
    if request.POST.get("remove"):
        cart_remove_coupon(cart=cart)
        return _cart_contents(request, cart, gettext("Removed the discount code."))
    code = request.POST.get("code", "")[:32]
    # Codes can be guessed, so each address has ten tries a quarter hour: plenty for typing one's own.
    problem = limit_message(request, scope="coupon", limit=10, per_seconds=15 * 60)
    if not problem:
        try:
            coupon = cart_apply_coupon(cart=cart, code=code)
        except CouponError as refused:
            problem = str(refused)
    if not problem:
        return _cart_contents(request, cart, gettext("The code %(code)s is applied.") % {"code": coupon.code})
    if not request.htmx:
        messages.error(request, problem)
        return redirect("shop:cart")
    return _cart_contents(request, cart, problem, coupon_error=problem, coupon_typed=code)
