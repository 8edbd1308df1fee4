"""A task travels through real Redis to a real worker process and its answer comes back."""

import os
import signal
import subprocess
import sys
import time
from io import StringIO

import pytest
import redis
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from storefront.celery import app
from storefront.tasks import worker_ping_task
from tests.conftest import require

pytestmark = pytest.mark.django_db

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
    """A `celery worker` process on real Redis, started for these tests and stopped after."""
    require(redis_answers(), f"Redis at {TEST_REDIS_URL}")
    redis.Redis.from_url(TEST_REDIS_URL).flushdb()
    environment = {**os.environ, "REDIS_URL": TEST_REDIS_URL, "DJANGO_SETTINGS_MODULE": "tests.settings",
                   "DATABASE_URL": database_url_for_the_worker(tmp_path_factory)}
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "storefront", "worker", "--pool=solo", "--loglevel=warning",
         "--without-gossip", "--without-mingle", f"--hostname=test-worker-{os.getpid()}@%h"],
        cwd=settings.BASE_DIR, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
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


def forget_connections():
    """Celery keeps its broker pools and result backend once made (even an eager task makes them); drop
    them so the changed URLs take effect. Celery has no public call for this."""
    app.close()
    app.amqp._producer_pool = None
    app._backend_cache = None
    vars(app._local).pop("backend", None)


@pytest.mark.services
def test_a_task_round_trips_through_a_real_worker_on_redis(worker, tasks_on_redis):
    started = time.monotonic()

    answer = worker_ping_task.delay().get(timeout=30)

    assert answer["pid"] == worker.pid  # ran in the worker process, not in-process
    assert answer["database"] is True
    assert time.monotonic() - started < 30


@pytest.mark.services
def test_shop_status_reports_that_the_worker_answers(worker, tasks_on_redis):
    output = StringIO()

    call_command("shop_status", stdout=output)

    assert "Tasks: worker on" in output.getvalue()
    assert "answered" in output.getvalue()


def test_without_redis_tasks_run_in_process_so_the_demo_needs_no_worker():
    answer = worker_ping_task.delay().get(timeout=5)

    assert answer["pid"] == os.getpid()
