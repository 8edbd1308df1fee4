"""One path for every message: nothing but the outbox builds or sends mail or texts, so nothing can skip
its once-only record, its retries or staff's view of it."""

import ast
from pathlib import Path

from django.conf import settings

APPS = ["accounts", "shop", "orders", "support", "workshop", "storefront"]
MAIL_API = {"send_mail", "send_mass_mail", "mail_admins", "mail_managers", "EmailMessage", "EmailMultiAlternatives",
            "get_connection", "sms_send"}


def mail_api_used_in(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.module in {"django.core.mail", "outbox.sms"}:
            found += [f"{path}:{node.lineno} {alias.name}" for alias in node.names if alias.name in MAIL_API]
        if isinstance(node, ast.Attribute) and node.attr in MAIL_API - {"get_connection"}:
            found.append(f"{path}:{node.lineno} .{node.attr}")
    return found


def test_only_the_outbox_builds_or_sends_email_or_text_messages():
    base = Path(settings.BASE_DIR)
    modules = [path for app in APPS for path in (base / app).rglob("*.py") if "migrations" not in path.parts]

    assert len(modules) > 50
    assert [use for path in modules for use in mail_api_used_in(path)] == []
