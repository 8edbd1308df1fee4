from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from storefront.ratelimit import rate_limited

from .forms import SignInForm

# Django's own sign-in and sign-out; ten tries per address per quarter hour stops password guessing.
sign_in = rate_limited(scope="sign-in", limit=10, per_seconds=15 * 60)(
    auth_views.LoginView.as_view(template_name="accounts/login.html", authentication_form=SignInForm))
sign_out = auth_views.LogoutView.as_view()


@require_safe
@login_required
def account(request):
    return render(request, "accounts/account.html")
