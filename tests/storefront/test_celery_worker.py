"""A task travels through real Redis to a real worker process and its answer comes back."""

import os
import time
from io import StringIO

import pytest
from django.core.management import call_command

from storefront.tasks import worker_ping_task

pytestmark = pytest.mark.django_db

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
