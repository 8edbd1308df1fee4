"""Settings come only from the environment; these run manage.py in a fresh process to prove it."""

import json
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings

REPORT = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'database': s.DATABASES['default']['ENGINE'], 'name': str(s.DATABASES['default']['NAME']), "
    "'cache': s.CACHES['default']['BACKEND'], 'broker': s.CELERY_BROKER_URL, 'eager': s.CELERY_TASK_ALWAYS_EAGER, "
    "'debug': s.DEBUG, 'journal': s.DATABASES['default'].get('OPTIONS', {}).get('init_command', '')}))"
)


def run_with_environment(extra: dict, *args: str) -> subprocess.CompletedProcess:
    environment = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "ENV_FILE": os.devnull,
                   "DJANGO_SETTINGS_MODULE": "storefront.settings", **extra}
    return subprocess.run([sys.executable, *args], cwd=settings.BASE_DIR, env=environment,
                          capture_output=True, text=True, timeout=60)


def settings_seen_with(extra: dict) -> dict:
    result = run_with_environment(extra, "-c", REPORT)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_with_no_environment_the_demo_runs_on_sqlite_file_cache_and_in_process_tasks():
    seen = settings_seen_with({})

    assert seen["database"] == "django.db.backends.sqlite3"
    assert seen["name"].endswith("var/shop.sqlite3")
    assert "journal_mode=WAL" in seen["journal"]
    assert seen["cache"].endswith("FileBasedCache")
    assert seen["eager"] is True
    assert seen["debug"] is True


def test_database_url_and_redis_url_switch_to_postgresql_and_redis():
    seen = settings_seen_with({"DATABASE_URL": "postgres://shop@db.internal:5432/shop",
                               "REDIS_URL": "redis://cache.internal:6379/2"})

    assert seen["database"] == "django.db.backends.postgresql"
    assert seen["name"] == "shop"
    assert seen["cache"] == "storefront.cache.DegradingRedisCache"
    assert seen["broker"] == "redis://cache.internal:6379/2"
    assert seen["eager"] is False


PRODUCTION = {"DEBUG": "false", "SECRET_KEY": "k3y-" + "x7Qp!2zR#9vL" * 5, "ALLOWED_HOSTS": "shop.example.com",
              "EMAIL_URL": "smtp+tls://shop:secret@smtp.example.com:587", "SHOP_SITE_URL": "https://shop.example.com"}


def test_production_mode_passes_the_deployment_checklist_without_warnings():
    result = run_with_environment(PRODUCTION, "manage.py", "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_mode_refuses_to_start_without_a_secret_key():
    without_key = {name: value for name, value in PRODUCTION.items() if name != "SECRET_KEY"}

    result = run_with_environment(without_key, "manage.py", "check")

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_every_setting_read_from_the_environment_is_documented_in_env_example():
    source = (settings.BASE_DIR / "storefront" / "settings.py").read_text()
    documented = (settings.BASE_DIR / ".env.example").read_text()

    names = set(re.findall(r'env(?:\.\w+)?\("([A-Z_]+)"', source))

    assert len(names) > 20
    assert [name for name in sorted(names) if f"{name}=" not in documented] == []


def test_the_deployment_checklist_refuses_e_mail_written_to_the_console_in_production():
    result = run_with_environment({**PRODUCTION, "EMAIL_URL": "consolemail://"}, "manage.py", "check", "--deploy")

    assert result.returncode != 0
    assert "storefront.E002" in result.stderr and "EMAIL_URL is the console" in result.stderr


@pytest.mark.parametrize("site_url", ["http://127.0.0.1:8000", "http://shop.example.com"])
def test_the_deployment_checklist_refuses_a_site_address_that_is_not_https_in_production(site_url):
    result = run_with_environment({**PRODUCTION, "SHOP_SITE_URL": site_url}, "manage.py", "check", "--deploy")

    assert result.returncode != 0
    assert "storefront.E003" in result.stderr and f"SHOP_SITE_URL is {site_url}" in result.stderr


def test_the_default_site_address_is_refused_when_none_is_set_in_production():
    without_site_url = {name: value for name, value in PRODUCTION.items() if name != "SHOP_SITE_URL"}

    result = run_with_environment(without_site_url, "manage.py", "check", "--deploy")

    assert "storefront.E003" in result.stderr


SEND_ONE_EMAIL = ("import django; django.setup(); from django.core.mail import send_mail; "
                  "send_mail('Hello', 'Body', 'shop@example.com', ['ann@example.com'])")


@pytest.mark.parametrize("slashes", ["///", "////"])
def test_a_filemail_address_names_an_absolute_folder_with_three_slashes_or_four(tmp_path, slashes):
    folder = tmp_path / "mail"

    result = run_with_environment({"EMAIL_URL": f"filemail:{slashes}{str(folder).lstrip('/')}"}, "-c", SEND_ONE_EMAIL)

    assert result.returncode == 0, result.stderr
    assert len(list(folder.iterdir())) == 1
    assert not (settings.BASE_DIR / str(folder).lstrip("/")).exists()
