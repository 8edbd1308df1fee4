"""Fixtures shared by the whole suite.

Tests that need a real part (Redis, a Celery worker, PostgreSQL, Chromium) skip on a laptop that
lacks it, but fail in CI (CI=true), where a missing part means a broken set-up, not a passing test.
"""

import os
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command

from tests.factories import CategoryFactory, ProductFactory

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"


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


@pytest.fixture
def demo_shop(db, settings):
    """The demo catalogue at its real size (120 products), pictures included."""
    settings.DEBUG = True  # load_demo refuses to run in production; the test runner turns DEBUG off
    call_command("load_demo", stdout=StringIO())
    settings.DEBUG = False


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
