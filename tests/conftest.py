"""Fixtures shared by the whole suite.

Tests that need a real part (Redis, a Celery worker, PostgreSQL, Chromium) skip on a laptop that
lacks it, but fail in CI (CI=true), where a missing part means a broken set-up, not a passing test.
"""

import os
import shutil
import signal
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
import redis
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.utils import translation

from storefront.celery import app
from tests.factories import CategoryFactory, ProductFactory

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
TESTS = Path(__file__).parent


def require(available: bool, what: str) -> None:
    """Skip when a real part is missing here; fail when it is missing in CI."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{what} is required in CI but is not available", pytrace=False)
    pytest.skip(f"{what} is not available on this machine")


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache, so a cached category tree never leaks between tests."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def english_outside_requests():
    """Each test starts in English. LocaleMiddleware leaves the language of the last request active in the
    thread, so a test after one that asked for /ko/ would otherwise reverse every address with the prefix."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    """The .mo files, built from locale/*.po when missing or older (scripts/test builds them first; a bare
    `pytest` on a fresh clone would otherwise see every page in English). Before any test: Django keeps a
    catalogue it has read for the whole process."""
    for po in Path(settings.LOCALE_PATHS[0]).glob("*/LC_MESSAGES/django.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            call_command("compilemessages", locale=[po.parent.parent.name], verbosity=0,
                         ignore_patterns=[".venv", "node_modules", ".git", "var", "test-artifacts"])


# --- The demo ----------------------------------------------------------------------------------------

# Fixtures that need the demo app (demo/). A test using one is marked `demo`, so that a shop which has deleted
# the app runs the rest with `-m "not demo"` (scripts/test-without-demo proves it does). The demo's own tests
# live in tests/demo/, the only test modules that import it at the top.
DEMO_FIXTURES = {"demo_shop", "demo_accounts", "shop_url"}


def pytest_collection_modifyitems(config, items):
    demo_installed = apps.is_installed("demo")
    for item in items:
        if DEMO_FIXTURES & set(item.fixturenames) or item.path.is_relative_to(TESTS / "demo"):
            item.add_marker(pytest.mark.demo)
        if item.get_closest_marker("demo") and not demo_installed:
            item.add_marker(pytest.mark.skip(reason="needs the demo app (demo/), which this shop does not install"))


@pytest.fixture
def demo_shop(db, settings):
    """The demo catalogue at its real size (120 products), pictures included."""
    settings.DEBUG = True  # load_demo refuses to run in production; the test runner turns DEBUG off
    call_command("load_demo", stdout=StringIO())
    settings.DEBUG = False


@pytest.fixture(scope="session")
def demo_accounts() -> dict[str, tuple[str, str]]:
    """The demo's sign-ins, (e-mail, password) for "customer" and "staff"."""
    from demo.management.commands.load_demo import DEMO_CUSTOMER, DEMO_STAFF  # here: collecting needs no demo

    return {"customer": DEMO_CUSTOMER, "staff": DEMO_STAFF}


@pytest.fixture
def product(db):
    return ProductFactory()


@pytest.fixture
def category_tree_three_levels(db):
    top = CategoryFactory(name="Clothing", slug="clothing")
    middle = CategoryFactory(name="Women", slug="clothing-women", parent=top)
    leaf = CategoryFactory(name="Dresses", slug="clothing-women-dresses", parent=middle)
    return top, middle, leaf


@pytest.fixture(scope="session")
def artifacts_dir():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def chromium_path():
    path = shutil.which("chromium") or "/usr/bin/chromium"
    require(Path(path).exists(), "Chromium (Debian package 'chromium')")
    return path


# --- A real Celery worker on real Redis -----------------------------------------------------------

TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_answers() -> bool:
    try:
        return redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError:
        return False


def database_url_for_the_worker(tmp_path_factory) -> str:
    """The test database on PostgreSQL; SQLite's in-memory test database cannot be shared, so a file."""
    database = connection.settings_dict
    if database["ENGINE"].endswith("postgresql"):
        return (f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:{database['PORT']}"
                f"/{database['NAME']}")
    return f"sqlite:///{tmp_path_factory.mktemp('worker') / 'worker.sqlite3'}"


@pytest.fixture(scope="module")
def worker(django_db_setup, tmp_path_factory):
    """A `celery worker` process on real Redis, started for a test module and stopped after.

    `worker.mail_dir` holds the e-mails it sent, one file each."""
    require(redis_answers(), f"Redis at {TEST_REDIS_URL}")
    redis.Redis.from_url(TEST_REDIS_URL).flushdb()
    mail_dir = tmp_path_factory.mktemp("worker-mail")
    environment = {**os.environ, "REDIS_URL": TEST_REDIS_URL, "DJANGO_SETTINGS_MODULE": "tests.settings",
                   "DATABASE_URL": database_url_for_the_worker(tmp_path_factory),
                   "EMAIL_URL": f"filemail:///{mail_dir}"}  # each message the worker sends becomes a file
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "storefront", "worker", "--pool=solo", "--loglevel=warning",
         "--without-gossip", "--without-mingle", f"--hostname=test-worker-{os.getpid()}@%h"],
        cwd=settings.BASE_DIR, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    process.mail_dir = mail_dir
    yield process
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture
def tasks_on_redis(settings):
    """Point this process's Celery app at the same Redis, as a shop with REDIS_URL set would be."""
    previous = {key: app.conf[key] for key in ("broker_url", "result_backend", "task_always_eager")}
    forget_connections()
    app.conf.update(broker_url=TEST_REDIS_URL, result_backend=TEST_REDIS_URL, task_always_eager=False)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    yield
    app.conf.update(previous)
    forget_connections()


@pytest.fixture
def redis_down(settings):
    """The Celery app pointed at a Redis that does not answer, as during a restart."""
    previous = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    forget_connections()
    app.conf.update(broker_url="redis://127.0.0.1:1/0", task_always_eager=False)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    yield
    app.conf.update(previous)
    forget_connections()


def forget_connections():
    """Celery keeps its broker pools and result backend once made (even an eager task makes them); drop
    them so the changed URLs take effect. Celery has no public call for this."""
    app.close()
    app.amqp._producer_pool = None
    app._backend_cache = None
    vars(app._local).pop("backend", None)
