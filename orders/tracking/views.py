"""The tracking pages: the lookup (number and e-mail in), and the order's progress."""

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from django.views.decorators.vary import vary_on_headers

from orders.checkout import REMEMBERED_ORDERS, order_remember, orders_visible_to
from orders.returns.selectors import after_delivery
from storefront.breadcrumbs import Crumb
from storefront.ratelimit import rate_limited

from .forms import TrackingLookupForm
from .selectors import order_lookup, order_tracking


@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited(scope="order-tracking", limit=10, per_seconds=15 * 60)
def tracking_lookup(request):
    """Order number and e-mail in, the tracking page out; or the orders this visitor may already follow."""
    form = TrackingLookupForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        order = order_lookup(number=form.cleaned_data["number"], email=form.cleaned_data["email"])
        if order is not None:
            order_remember(request.session, order.number)
            return redirect("orders:tracking", number=order.number)
        form.add_error(None, _("We could not find an order with that number and e-mail address. Check both against "
                               "your order confirmation e-mail, or call us on %(hotline)s and we will look it up for "
                               "you.") % {"hotline": settings.SHOP["hotline"]})
    return _lookup_page(request, form)


@require_safe
@never_cache
@vary_on_headers("HX-Request")
def tracking(request, number):
    """The order's progress; htmx asks for just the timeline when it checks for news."""
    order = orders_visible_to(request).prefetch_related("events", "shipments__lines", "lines").filter(
        number=number).first()
    if order is None:
        # Not found, whether there is no such order or it is not this visitor's. The lookup comes with the
        # number filled in, so a guest opening our e-mail's link on another device only adds the e-mail address.
        return _lookup_page(request, TrackingLookupForm(initial={"number": number}), asked_for=number, status=404)
    if request.htmx:
        return render(request, "orders/tracking.html#timeline", {"order": order, "tracking": order_tracking(order)})
    return render(request, "orders/tracking.html", {"order": order, "tracking": order_tracking(order),
                                                    "after_delivery": after_delivery(order),
                                                    "trail": [Crumb(_("Track your order"),
                                                                    reverse("orders:tracking_lookup"))]})


def _lookup_page(request, form: TrackingLookupForm, *, asked_for: str = "", status: int = 200):
    known = orders_visible_to(request).order_by("-created_at")[:REMEMBERED_ORDERS]
    return render(request, "orders/tracking_lookup.html", {"form": form, "orders": known, "asked_for": asked_for},
                  status=status)
