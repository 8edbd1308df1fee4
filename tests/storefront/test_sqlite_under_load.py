"""The demo database must never answer "database is locked", even with many writers at once."""

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings

# Each process reads, then writes in the same transaction: the pattern that fails with SQLite's
# default deferred transactions when another process holds the write lock.
WRITER = """
import django
django.setup()
from django.db import transaction
from shop.models import Category
for n in range(25):
    with transaction.atomic():
        Category.objects.count()
        Category.objects.create(name=f"w{WORKER}-{n}", slug=f"w{WORKER}-{n}")
"""


def run(database_file, *args):
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{database_file}", "ENV_FILE": os.devnull,
                   "DJANGO_SETTINGS_MODULE": "storefront.settings"}
    return subprocess.run([sys.executable, *args], cwd=settings.BASE_DIR, env=environment,
                          capture_output=True, text=True, timeout=120)


def test_six_processes_writing_at_once_never_see_database_is_locked(tmp_path):
    database_file = tmp_path / "shop.sqlite3"
    migrate = run(database_file, "manage.py", "migrate", "--noinput")
    assert migrate.returncode == 0, migrate.stderr

    with ThreadPoolExecutor(max_workers=6) as pool:
        writers = [WRITER.replace("WORKER", str(worker)) for worker in range(6)]
        results = list(pool.map(lambda code: run(database_file, "-c", code), writers))

    assert [result.stderr for result in results if result.returncode != 0] == []
    counted = run(database_file, "-c", "import django; django.setup(); from shop.models import Category; "
                                 "print(Category.objects.count())")
    assert counted.stdout.strip() == str(6 * 25)
