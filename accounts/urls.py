from django.contrib.auth import views as auth_views
from django.urls import path

from storefront.ratelimit import rate_limited

from . import views
from .forms import SignInForm

app_name = "accounts"

urlpatterns = [
    path("", views.account, name="account"),
    path("sign-in/", rate_limited(scope="sign-in", limit=10, per_seconds=15 * 60)(
        auth_views.LoginView.as_view(
            template_name="accounts/login.html", authentication_form=SignInForm)), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
]
