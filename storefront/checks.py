"""`manage.py check --deploy` warns about demo-only switches left on in production."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def demo_inbox_off_in_production(app_configs, **kwargs):
    if settings.DEMO_INBOX:
        return [Error("DEMO_INBOX is on: anyone could read every e-mail the shop sends, password-reset links "
                      "included, at /demo/inbox/.", hint="Set DEMO_INBOX=false in production.",
                      id="storefront.E001")]
    return []
