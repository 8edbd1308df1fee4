"""Sign up, sign in, password reset and the account pages.

Every account page is `login_required`, and every order or address is looked up together with the
signed-in customer, so another customer's number or id is simply "not found" (404).
"""

from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Sum
from django.forms.models import model_to_dict
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from orders.countries import address_lines
from orders.forms import AddressForm
from orders.models import Order
from orders.returns.selectors import after_delivery
from orders.tracking.selectors import order_tracking
from storefront.breadcrumbs import Crumb
from storefront.languages import path_in_language, remember_language
from storefront.ratelimit import rate_limited
from storefront.redirects import safe_next_path
from storefront.signed_links import LinkNotValid

from .forms import (
    FirstPasswordForm,
    NewPasswordForm,
    NotificationsForm,
    PasswordResetRequestForm,
    ProfileForm,
    SignInForm,
    SignUpForm,
)
from .models import Address
from .services import (
    ACCOUNT_LINK_VALID_FOR,
    ADDRESS_FIELDS,
    AccountExists,
    account_link_read,
    account_link_send,
    account_open,
    address_add,
    address_delete,
    address_make_default,
    address_update,
    customer_language_set,
    email_is_registered,
    sign_in_keeping_cart,
)

ORDERS_PER_PAGE = 10
RESET_LINK_DAYS = max(1, settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60))


# The steps above an account page, named in the page's language (so made for each request, not at import).
def _account_crumb() -> Crumb:
    return Crumb(gettext("Your account"), reverse("accounts:account"))


def _orders_crumb() -> Crumb:
    return Crumb(gettext("Your orders"), reverse("accounts:orders"))


def _addresses_crumb() -> Crumb:
    return Crumb(gettext("Saved addresses"), reverse("accounts:addresses"))


# --- Signing in and up -------------------------------------------------------------------------------


class SignInView(auth_views.LoginView):
    """Django's sign-in, which also keeps whatever the shopper put in the cart as a guest."""

    template_name = "accounts/login.html"
    authentication_form = SignInForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return {**context, "sign_up_url": _carrying_on("accounts:sign_up", context.get("next", ""))}

    def form_valid(self, form):
        customer = form.get_user()
        sign_in_keeping_cart(request=self.request, customer=customer)
        next_url = self.get_success_url()
        if not customer.language:
            return HttpResponseRedirect(next_url)
        # The language they chose before, perhaps on another browser: the next page in it, and this browser
        # remembers it too. (A `next` on another host of the shop is left as it is.)
        response = HttpResponseRedirect(path_in_language(next_url, customer.language)
                                        if safe_next_path(next_url) else next_url)
        remember_language(response, customer.language)
        return response


@require_POST
def language_switch(request):
    """The header's language switch: the same page, with the same filters, in the chosen language; remembered
    in a cookie and, for a signed-in customer, in the account. A POST form, like the text size: it changes
    what the shop remembers, which a link (followed by crawlers and prefetching browsers) must not."""
    language = request.POST.get("language")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    if request.user.is_authenticated:
        customer_language_set(customer=request.user, language=language)
    response = HttpResponseRedirect(path_in_language(safe_next_path(request.POST.get("next", "")) or "/", language))
    remember_language(response, language)
    return response


def _next_url(request) -> str:
    """Where the shopper was heading (checkout, say), if it is a page of this shop."""
    return safe_next_path(request.POST.get("next") or request.GET.get("next") or "")


def _carrying_on(url_name: str, next_url: str) -> str:
    """The way from sign-in to sign-up or back, still heading where the shopper was going. (Made here, not in the
    template: the link sits inside a translated sentence, which takes a finished address.)"""
    return reverse(url_name) + (f"?next={quote(next_url)}" if next_url else "")


@require_http_methods(["GET", "HEAD", "POST"])
def sign_up_page(request):
    if request.user.is_authenticated:
        return redirect("accounts:account")
    form = SignUpForm(request.POST) if request.method == "POST" else SignUpForm()
    if request.method == "POST" and form.is_valid():
        account_link_send(email=form.cleaned_data["email"], next_url=_next_url(request))
        return redirect("accounts:sign_up_sent")  # the same page whether or not the address has an account
    return render(request, "accounts/sign_up.html", {
        "form": form, "next": _next_url(request), "sign_in_url": _carrying_on("accounts:login", _next_url(request))})


@require_safe
def sign_up_sent(request):
    return render(request, "accounts/sign_up_sent.html", {"link_valid_days": ACCOUNT_LINK_VALID_FOR.days})


@require_http_methods(["GET", "HEAD", "POST"])
def account_open_page(request, token):
    """The page the e-mailed link opens: the address is proved, so one password opens the account."""
    try:
        link = account_link_read(token)
    except LinkNotValid as problem:
        return render(request, "accounts/account_link_invalid.html", {
            "expired": problem.expired, "link_valid_days": ACCOUNT_LINK_VALID_FOR.days}, status=404)
    used = {"email": link.email, "form": None}  # the link opened the account already: the page offers to sign in
    if email_is_registered(link.email):
        return render(request, "accounts/account_open.html", used)
    form = FirstPasswordForm(request.POST if request.method == "POST" else None, email=link.email)
    if not form.is_valid():  # also the first visit: an unbound form is never valid
        return render(request, "accounts/account_open.html", {"email": link.email, "form": form})
    try:
        customer, order = account_open(link=link, password=form.cleaned_data["password"])
    except AccountExists:  # a double click: the first press opened it
        return render(request, "accounts/account_open.html", used)
    sign_in_keeping_cart(request=request, customer=customer)
    if order is not None:
        messages.success(request, gettext("Your account is ready, and this order is in it."))
    else:
        messages.success(request, gettext("Welcome to %(shop_name)s: your account is ready. Your name, phone number "
                                          "and addresses can wait: add them whenever you like, here or at your next "
                                          "checkout.") % {"shop_name": settings.SHOP["name"]})
    return redirect(safe_next_path(link.next_url) or (order.get_absolute_url() if order else "accounts:account"))


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = PasswordResetRequestForm
    extra_email_context = {"shop": settings.SHOP, "link_valid_days": RESET_LINK_DAYS}
    success_url = reverse_lazy("accounts:password_reset_sent")


class NewPasswordView(auth_views.PasswordResetConfirmView):
    """The page the e-mailed link opens. Once the new password is saved, the customer is signed in."""

    template_name = "accounts/password_reset_confirm.html"
    form_class = NewPasswordForm
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        response = super().form_valid(form)
        sign_in_keeping_cart(request=self.request, customer=form.user)
        messages.success(self.request, gettext("Your new password is saved and you are signed in."))
        return response


# Sign-in is limited twice per quarter hour. Per account, ten tries: enough for someone who has forgotten
# which password they chose (and then resets it), too few to guess one. Per address, a hundred: a class, an
# office or a mobile network shares one address, and thirty people there signing in, a few of them twice,
# must not lock each other out, while one address trying many accounts is still stopped.
SIGN_IN_LIMITS = {"limit": 100, "account_field": "username", "per_account": 10, "per_seconds": 15 * 60}
sign_in = rate_limited(scope="sign-in", **SIGN_IN_LIMITS)(SignInView.as_view())
# Each sign-up e-mails the address typed: ten an address and three an inbox a quarter hour, so the form cannot be
# used to flood someone's inbox.
sign_up = rate_limited(scope="sign-up", limit=10, per_seconds=15 * 60, account_field="email", per_account=3)(
    sign_up_page)
account_open_link = rate_limited(scope="account-open", limit=10, per_seconds=15 * 60)(account_open_page)
sign_out = auth_views.LogoutView.as_view()
# Fewer for reset e-mails: each one lands in someone's inbox.
password_reset = rate_limited(scope="password-reset", limit=5, per_seconds=15 * 60)(PasswordResetView.as_view())
password_reset_sent = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_sent.html", extra_context={"link_valid_days": RESET_LINK_DAYS})
password_reset_confirm = NewPasswordView.as_view()


# --- Orders ------------------------------------------------------------------------------------------


def _orders_of(customer):
    """Newest first, each with its number of items (a grouped query ignores Meta.ordering, hence order_by)."""
    return (Order.objects.filter(customer=customer).annotate(item_count=Sum("lines__quantity"))
            .order_by("-created_at", "-pk"))


@require_safe
@login_required
def account(request):
    return render(request, "accounts/account.html", {"latest_orders": _orders_of(request.user)[:3],
                                                     "has_address": request.user.addresses.exists()})


@require_safe
@login_required
def orders(request):
    page = Paginator(_orders_of(request.user), ORDERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "accounts/orders.html", {"page": page, "trail": [_account_crumb()]})


@require_safe
@login_required
def order(request, number):
    placed = get_object_or_404(Order.objects.prefetch_related("lines", "payments", "events", "shipments__lines"),
                               number=number, customer=request.user)
    # The tracking page's timeline, in the page from the start: fetched after load, it pushed the lines down.
    return render(request, "accounts/order.html", {"order": placed, "after_delivery": after_delivery(placed),
                                                   "tracking": order_tracking(placed),
                                                   "trail": [_account_crumb(), _orders_crumb()]})


# --- Saved addresses ---------------------------------------------------------------------------------


@require_safe
@login_required
def addresses(request):
    saved = [(address, address_lines(address)) for address in request.user.addresses.all()]
    return render(request, "accounts/addresses.html", {"addresses": saved, "trail": [_account_crumb()]})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def address_add_page(request):
    form = AddressForm(request.POST) if request.method == "POST" else AddressForm()
    if request.method == "POST" and form.is_valid():
        address = address_add(customer=request.user, fields=form.cleaned_data)
        if address.is_default:
            messages.success(request, gettext("Address saved: %(address)s. It is the one checkout will use first.")
                             % {"address": address})
        else:
            messages.success(request, gettext("Address saved: %(address)s.") % {"address": address})
        return redirect("accounts:addresses")
    return render(request, "accounts/address_form.html",
                  {"form": form, "trail": [_account_crumb(), _addresses_crumb()]})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def address_edit(request, pk):
    address = get_object_or_404(Address, pk=pk, customer=request.user)
    if request.method == "POST":
        form = AddressForm(request.POST)
    else:
        form = AddressForm(initial=model_to_dict(address, fields=ADDRESS_FIELDS))
    if request.method == "POST" and form.is_valid():
        address_update(address=address, fields=form.cleaned_data)
        messages.success(request, gettext("Address updated: %(address)s.") % {"address": address})
        return redirect("accounts:addresses")
    return render(request, "accounts/address_form.html",
                  {"form": form, "address": address, "trail": [_account_crumb(), _addresses_crumb()]})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def address_delete_page(request, pk):
    """A confirmation page first: deleting cannot be undone."""
    address = get_object_or_404(Address, pk=pk, customer=request.user)
    if request.method == "POST":
        address_delete(address=address)
        messages.success(request, gettext("Address deleted: %(address)s.") % {"address": address})
        return redirect("accounts:addresses")
    return render(request, "accounts/address_delete.html", {"address": address, "lines": address_lines(address),
                                                            "trail": [_account_crumb(), _addresses_crumb()]})


@require_POST
@login_required
def address_default(request, pk):
    address = get_object_or_404(Address, pk=pk, customer=request.user)
    address_make_default(address=address)
    messages.success(request, gettext("Checkout will now use this address first: %(address)s.") % {"address": address})
    return redirect("accounts:addresses")


# --- Details and preferences -------------------------------------------------------------------------


def _edit_own_details(request, *, form_class, template: str, saved_message):
    """The profile and notification pages: a form on the customer's own account, saved as it is."""
    form = form_class(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, saved_message)
        return redirect("accounts:account")
    return render(request, template, {"form": form, "trail": [_account_crumb()]})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def profile(request):
    return _edit_own_details(request, form_class=ProfileForm, template="accounts/profile.html",
                             saved_message=gettext("Your details are saved. Checkout will fill them in for you."))


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def notifications(request):
    return _edit_own_details(request, form_class=NotificationsForm, template="accounts/notifications.html",
                             saved_message=gettext("Your choices are saved. We will tell you about your orders "
                                                   "that way."))
