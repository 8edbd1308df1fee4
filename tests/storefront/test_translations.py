"""Every string the shop marks for translation is translated in locale/, in every language: a new
`{% translate %}` without its Chinese and Korean fails here, not in front of a shopper."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.apps import apps
from django.conf import settings

from tests.conftest import require

LOCALES = ["zh_Hant", "zh_Hans", "ko"]
NOT_SOURCE = shutil.ignore_patterns(".git", ".venv", "node_modules", "var", "test-artifacts", "static", "tests",
                                    "__pycache__", "*.mo")


def catalogue(path: Path):
    with path.open("rb") as file:
        return read_po(file)


def msgids(path: Path) -> set:
    return {message.id for message in catalogue(path) if message.id}


@pytest.fixture(scope="module")
def remade(tmp_path_factory) -> Path:
    """The locale/ folder as makemessages leaves it after reading today's code, in a copy of the project."""
    require(shutil.which("xgettext") is not None, "GNU gettext's xgettext, which makemessages runs")
    copy = tmp_path_factory.mktemp("project") / "shop"
    shutil.copytree(settings.BASE_DIR, copy, ignore=NOT_SOURCE, symlinks=True)
    subprocess.run([sys.executable, "manage.py", "makemessages", *[f"--locale={name}" for name in LOCALES],
                    "--no-obsolete", "--add-location=file", "--verbosity=0"],
                   cwd=copy, check=True, env={**os.environ, "ENV_FILE": "/dev/null",
                                              "DJANGO_SETTINGS_MODULE": "storefront.settings"})
    return copy / "locale"


@pytest.mark.parametrize("name", LOCALES)
def test_the_committed_catalogue_holds_exactly_the_strings_the_code_marks(remade, name):
    committed = Path(settings.BASE_DIR) / "locale" / name / "LC_MESSAGES" / "django.po"

    made = remade / name / "LC_MESSAGES" / "django.po"

    assert msgids(made) - msgids(committed) == set(), "marked in the code, missing from locale/ (run makemessages)"
    assert msgids(committed) - msgids(made) - only_the_demos(committed) == set(), \
        "in locale/, no longer in the code (run makemessages)"


def only_the_demos(committed: Path) -> set:
    """The demo's own words (its inbox), when the demo is not installed: a shop that has deleted demo/ keeps
    their translations until it next runs makemessages, which is harmless."""
    if apps.is_installed("demo"):
        return set()
    return {message.id for message in catalogue(committed)
            if message.id and message.locations and all(path.startswith("demo/") for path, _ in message.locations)}


@pytest.mark.parametrize("name", LOCALES)
def test_every_string_is_translated_and_none_is_fuzzy(remade, name):
    messages = [message for message in catalogue(remade / name / "LC_MESSAGES" / "django.po") if message.id]

    untranslated = [message.id for message in messages
                    if not (all(message.string) if isinstance(message.string, tuple) else message.string)]
    fuzzy = [message.id for message in messages if message.fuzzy]
    assert untranslated == []
    assert fuzzy == []
