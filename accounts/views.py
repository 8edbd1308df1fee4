from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from shop.services import cart_for_request, cart_merge
from storefront.ratelimit import rate_limited

from .forms import SignInForm


class SignInView(auth_views.LoginView):
    """Django's sign-in, which also keeps whatever the shopper put in the cart as a guest."""

    template_name = "accounts/login.html"
    authentication_form = SignInForm

    def form_valid(self, form):
        guest_cart = cart_for_request(self.request)  # still the guest's, until login() below
        response = super().form_valid(form)
        if guest_cart is not None:
            account_cart = cart_for_request(self.request, create=True)
            for change in cart_merge(guest_cart=guest_cart, customer_cart=account_cart):
                messages.warning(self.request, f"{change.variant}: {change.note}")
        return response


# Ten tries per address per quarter hour stops password guessing.
sign_in = rate_limited(scope="sign-in", limit=10, per_seconds=15 * 60)(SignInView.as_view())
sign_out = auth_views.LogoutView.as_view()


@require_safe
@login_required
def account(request):
    return render(request, "accounts/account.html")
