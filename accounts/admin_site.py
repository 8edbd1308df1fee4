"""The back office (Django's admin), signed into as carefully as the shop: the same limits as customers'
sign-in, per account and per client address, and a second factor for staff who turn it on.

Installed as the default admin site by accounts.apps.StaffAdminConfig, so every `admin.register` and
`admin.site` in the apps use it unchanged.
"""

from base64 import b32encode

import segno
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.decorators import method_decorator
from django_otp import login as otp_login

from storefront.ratelimit import rate_limited

from .forms import StaffSignInForm, TwoFactorConfirmForm
from .services import staff_two_factor_confirm, staff_two_factor_device, staff_two_factor_start
from .views import SIGN_IN_LIMITS


class StaffAdminSite(admin.AdminSite):
    login_form = StaffSignInForm
    login_template = "admin/staff_login.html"

    def has_permission(self, request):
        """Staff with an authenticator app enter only in a session its code verified: signing in on the shop's
        own sign-in page, with the password alone, does not open the back office to them."""
        if not super().has_permission(request):
            return False
        return request.user.is_verified() or staff_two_factor_device(staff=request.user) is None

    # The shop's own scope: tries at one account count together, on the shop's page and the back office's.
    @method_decorator(rate_limited(scope="sign-in", **SIGN_IN_LIMITS))
    def login(self, request, extra_context=None):
        return super().login(request, extra_context)

    def get_urls(self):
        return [path("two-step-sign-in/", self.admin_view(self.two_factor), name="two_factor"), *super().get_urls()]

    def two_factor(self, request):
        """Set up the authenticator app: scan the QR code (or type the secret), then confirm with its first code."""
        context = {**self.each_context(request), "title": "Two-step sign-in"}
        device = staff_two_factor_device(staff=request.user)
        if device is not None and "new" not in request.GET:
            return TemplateResponse(request, "admin/two_factor.html", {**context, "device": device})
        pending = staff_two_factor_start(staff=request.user)
        form = TwoFactorConfirmForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            if staff_two_factor_confirm(device=pending, code=form.cleaned_data["code"]):
                otp_login(request, pending)  # this session has just given a code: it stays in
                messages.success(request, "Two-step sign-in is on: from now on, signing in asks for the app's code.")
                return redirect("admin:two_factor")
            form.add_error("code", "That code is not the current one. Check the app's clock is right, then enter "
                                   "the code it shows now.")
        return TemplateResponse(request, "admin/two_factor.html", {
            **context, "form": form, "setup_uri": pending.config_url,
            "qr_code": segno.make(pending.config_url, error="m").svg_inline(scale=4, title="QR code to scan"),
            "secret": b32encode(pending.bin_key).decode()})
