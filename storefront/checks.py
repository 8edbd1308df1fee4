"""`manage.py check --deploy` refuses what would leak in production: e-mail written to the log, links in
e-mails to an address that is not the shop's own over HTTPS (the demo refuses itself: demo/checks.py)."""

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
