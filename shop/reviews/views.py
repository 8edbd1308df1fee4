"""The reviews pages: all of a product's reviews, the form (signed in, or from an invitation), and the vote."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from accounts.models import User
from shop.models import Product, Review
from storefront.ratelimit import rate_limited
from storefront.redirects import safe_next_path
from storefront.signed_links import LinkNotValid
from storefront.visitors import visitor_id

from .forms import ReviewForm
from .invitations import INVITE_VALID_FOR, review_invite_purchase
from .selectors import (
    DEFAULT_SORT,
    SORTS,
    RatingSpread,
    ReviewPermission,
    account_display_name,
    order_display_name,
    published_reviews,
    review_permission,
    reviews_by,
    reviews_shown_at_once,
    sort_links,
)
from .services import review_save, review_vote_record

REVIEWS_PER_PAGE = 10


@require_safe
@vary_on_headers("HX-Request")
def review_list(request, slug):
    """All of a product's reviews, a page at a time, in the order chosen. htmx asks for just the list
    (sorting or paging in place, on this page or the product's); a restored history entry gets the page."""
    product = get_object_or_404(Product.objects.active(), slug=slug)
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else DEFAULT_SORT
    page = Paginator(published_reviews(product=product, sort=sort), REVIEWS_PER_PAGE).get_page(request.GET.get("page"))
    reviews = list(page)
    context = {"product": product, "page": page, "reviews": reviews, "sort": SORTS[sort],
               "sorts": sort_links(product=product, current=sort), "spread": RatingSpread.of(reviews),
               "first_shown": page.start_index(), "last_shown": page.end_index(), "trail": [product]}
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "shop/review_list.html#review-results", context)
    return render(request, "shop/review_list.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited(scope="review-write", limit=10, per_seconds=15 * 60)  # each post may carry three photos to check
def review_write(request, slug):
    """The review form for a signed-in shopper; one who has reviewed the product before changes that review."""
    product = get_object_or_404(Product.objects.active(), slug=slug)
    return _review_form_page(request, product=product, customer=request.user,
                             permission=review_permission(product=product, customer=request.user),
                             suggested_name=account_display_name(request.user))


@never_cache  # the address is the reviewer's key: no cache between them and us keeps a copy
@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited(scope="review-invite", limit=20, per_seconds=15 * 60)
def review_invited(request, slug, token):
    """The review form straight from the e-mail sent after delivery (P53): the signed link proves the
    purchase, so nobody signs in. The review is the order's account's when it has one, else a guest's."""
    product = get_object_or_404(Product.objects.active(), slug=slug)
    try:
        purchase = review_invite_purchase(token=token, product=product)
    except LinkNotValid as problem:
        return render(request, "shop/review_invite_invalid.html",
                      {"product": product, "trail": [product], "expired": problem.expired,
                       "valid_days": INVITE_VALID_FOR.days}, status=410 if problem.expired else 400)
    return _review_form_page(request, product=product, customer=purchase.order.customer,
                             permission=ReviewPermission(purchase=purchase),
                             suggested_name=order_display_name(purchase.order), invited=True)


def _review_form_page(request, *, product: Product, customer: User | None, permission: ReviewPermission,
                      suggested_name: str, invited: bool = False):
    """The form, and the review saved from it: the same for a signed-in shopper and an invited one."""
    context = {"product": product, "trail": [product], "permission": permission, "invited": invited,
               "shown_at_once": reviews_shown_at_once()}
    if not permission.allowed:
        return render(request, "shop/review_write.html", context, status=403)
    review = reviews_by(product=product, customer=customer, purchase=permission.purchase) \
        .prefetch_related("photos").first()
    if request.method != "POST":
        form = ReviewForm(review=review, initial={} if review else {"display_name": suggested_name})
        return render(request, "shop/review_write.html", {**context, "form": form, "review": review})

    form = ReviewForm(request.POST, request.FILES, review=review)
    if not form.is_valid():
        # Browsers never send a chosen file again: say so rather than let the photos vanish unnoticed.
        context["choose_photos_again"] = bool(request.FILES) and "photos" not in form.errors
        return render(request, "shop/review_write.html", {**context, "form": form, "review": review})
    data = form.cleaned_data
    saved = review_save(product=product, customer=customer, permission=permission, rating=data["rating"],
                        title=data["title"], text=data["text"], display_name=data["display_name"],
                        new_photos=data["photos"], photo_description=data["photo_description"],
                        remove_photo_ids=data["remove_photos"])
    if saved.status == Review.Status.PUBLISHED:
        messages.success(request, gettext("Thank you for your review: it is on the page now."))
    else:
        messages.success(request, gettext("Thank you for your review. It will appear on this page once our team has "
                                          "read it, usually within a working day."))
    return redirect(product.get_absolute_url() + "#reviews")


VOTE_ANSWERS = {"yes": True, "no": False}


def _back_to(request, review: Review) -> str:
    """The page the vote was made on (a path on this site only), else the product's reviews."""
    return (safe_next_path(request.POST.get("next", ""))
            or reverse("shop:reviews", args=[review.product.slug]) + f"#review-{review.pk}")


@require_POST
@rate_limited(scope="review-vote", limit=60, per_seconds=10 * 60)
def review_vote(request, review_id):
    """"Was this review helpful?": a plain form that posts and comes back; htmx swaps only the answer."""
    review = get_object_or_404(Review.objects.select_related("product"), pk=review_id,
                               status=Review.Status.PUBLISHED, product__is_active=True)
    helpful = VOTE_ANSWERS.get(request.POST.get("helpful", ""))
    no_answer = gettext("Press Yes or No to say whether the review helped you.")
    if helpful is not None:
        review_vote_record(review=review, visitor=visitor_id(request), helpful=helpful)
        review.refresh_from_db(fields=["helpful_count"])
    if request.htmx:
        return render(request, "shop/review_list.html#review-vote",
                      {"review": review, "voted": helpful, "next": _back_to(request, review),
                       "error": no_answer if helpful is None else ""})
    if helpful is None:
        messages.error(request, no_answer)
    else:
        messages.success(request, gettext("Thank you: your vote helps other shoppers find the most useful reviews."))
    return HttpResponseRedirect(_back_to(request, review))
