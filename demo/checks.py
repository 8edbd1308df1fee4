"""`manage.py check --deploy` refuses a production shop with the demo installed."""

from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def demo_off_in_production(app_configs, **kwargs):
    # Registered only while this app is installed, which is exactly when there is something to refuse.
    return [Error("The demo is installed (DEMO is on): its accounts have published passwords, and anyone could "
                  "read every e-mail the shop sends, password-reset links included, at /demo/inbox/.",
                  hint="Set DEMO=false in production, or delete the demo/ folder.", id="demo.E001")]
