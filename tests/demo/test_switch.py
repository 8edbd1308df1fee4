"""One switch, DEMO, installs the demo app with its inbox; production runs without it and refuses it."""

import json

from tests.storefront.test_settings import PRODUCTION, run_with_environment

REPORT = (
    "import django, json; django.setup(); from django.apps import apps; from django.conf import settings as s; "
    "from django.urls import Resolver404, resolve\n"
    "try:\n    routed = bool(resolve('/demo/inbox/'))\nexcept Resolver404:\n    routed = False\n"
    "print(json.dumps({'installed': apps.is_installed('demo'), 'routed': routed, "
    "'email': s.EMAIL_BACKEND, 'sms': s.SMS_BACKEND}))"
)


def demo_seen_with(extra: dict) -> dict:
    result = run_with_environment(extra, "-c", REPORT)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_with_no_environment_the_demo_is_installed_and_keeps_every_message_in_its_inbox():
    seen = demo_seen_with({})

    assert seen == {"installed": True, "routed": True, "email": "demo.inbox.DemoInboxEmailBackend",
                    "sms": "demo.inbox.DemoInboxSmsBackend"}


def test_with_demo_off_nothing_of_it_is_installed_routed_or_sent_through():
    seen = demo_seen_with({"DEMO": "false"})

    assert seen == {"installed": False, "routed": False, "email": "django.core.mail.backends.console.EmailBackend",
                    "sms": "outbox.sms.ConsoleSmsBackend"}


def test_production_runs_without_the_demo():
    assert demo_seen_with(PRODUCTION)["installed"] is False


def test_the_deployment_checklist_refuses_the_demo_left_on_in_production():
    result = run_with_environment({**PRODUCTION, "DEMO": "true"}, "manage.py", "check", "--deploy")

    assert result.returncode != 0
    assert "demo.E001" in result.stderr and "The demo is installed" in result.stderr
