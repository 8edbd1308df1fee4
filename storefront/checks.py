"""`manage.py check --deploy` refuses what would leak in production: e-mail written to the log, links in
e-mails to an address that is not the shop's own over HTTPS, or that only works on the server itself (the
default, http://127.0.0.1:8000, is both). The demo refuses itself: demo/checks.py."""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def email_leaves_the_shop_in_production(app_configs, **kwargs):
    if settings.EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend":
        return [Error("EMAIL_URL is the console: every e-mail, password-reset links included, would be written to "
                      "the log instead of reaching the customer.",
                      hint="Set EMAIL_URL to your mail server, e.g. smtp+tls://user:password@smtp.example.com:587.",
                      id="storefront.E002")]
    return []


@register(Tags.security, deploy=True)
def site_url_is_the_shops_own_https_address(app_configs, **kwargs):
    if not settings.SHOP["site_url"].startswith("https://"):
        return [Error(f"SHOP_SITE_URL is {settings.SHOP['site_url']}: links in e-mails (order tracking, password "
                      "resets) would point there, not at the shop, or travel unencrypted.",
                      hint="Set SHOP_SITE_URL to the shop's https:// address, e.g. https://shop.example.com.",
                      id="storefront.E003")]
    return []


@register(Tags.security, deploy=True)
def site_url_is_reachable_by_customers(app_configs, **kwargs):
    """An address on the server itself (https://localhost, https://127.0.0.1:8000) passes E003's https test,
    yet every link in every e-mail would lead customers to their own computer."""
    host = urlsplit(settings.SHOP["site_url"]).hostname or ""
    try:
        on_this_machine = ipaddress.ip_address(host).is_loopback or ipaddress.ip_address(host).is_unspecified
    except ValueError:
        on_this_machine = host == "localhost" or host.endswith(".localhost")
    if on_this_machine or not host:
        return [Error(f"SHOP_SITE_URL is {settings.SHOP['site_url']}, an address only this server can open: links "
                      "in e-mails (track your order, password resets) would lead customers nowhere.",
                      hint="Set SHOP_SITE_URL to the address customers open the shop at, e.g. "
                           "https://shop.example.com.",
                      id="storefront.E004")]
    return []
