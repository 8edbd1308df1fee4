"""The outbox under the faults a real shop meets: workers killed with SIGKILL mid-send and Redis (which keeps
nothing on disk) restarted while orders are placed and confirmed. Real parts throughout: two Celery workers
and beat on a Redis server of the test's own, PostgreSQL shared with them, and an SMTP server that counts
what it receives. Every message must arrive; a second copy only where the outbox says one may exist."""

import os
import random
import signal
import subprocess
import sys
import time

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings as django_settings
from django.db import connection

from orders.models import Order
from orders.services import order_move
from outbox.models import Message
from outbox.sending import message_id_header
from storefront.celery import app
from tests.conftest import database_url_for_the_worker, forget_connections, require
from tests.factories import ProductFactory, cart_holding, order_from_cart
from tests.servers import CountingMailServer, RedisServer, free_port

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="the workers share the test database only on PostgreSQL (the suite's PostgreSQL pass)"),
    pytest.mark.timeout(240),
]

CHAOS_SECONDS = 25
SWEEP_SECONDS = 1
SENDING_TIMEOUT = 3  # a row "sending" this long was cut off: short, so the test need not wait minutes


@pytest.fixture
def mail_server():
    counting = CountingMailServer()
    controller = Controller(counting, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, counting
    controller.stop()


@pytest.fixture
def own_redis(settings):
    require(subprocess.run(["which", "redis-server"], capture_output=True).returncode == 0, "redis-server")
    server = RedisServer(free_port())
    server.start()
    previous = {key: app.conf[key] for key in ("broker_url", "result_backend", "task_always_eager")}
    forget_connections()
    app.conf.update(broker_url=server.url, result_backend=None, task_always_eager=False)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    yield server
    app.conf.update(previous)
    forget_connections()
    server.stop()


class Workers:
    """Two worker processes and beat, each in its own process group so SIGKILL takes all of it at once."""

    def __init__(self, environment: dict, tmp_path):
        self.environment, self.tmp_path = environment, tmp_path
        self.workers: dict[str, subprocess.Popen] = {}
        self.beat = None
        self.kills = 0

    def _start(self, arguments):
        return subprocess.Popen([sys.executable, "-m", "celery", "-A", "storefront", *arguments, "--loglevel=error"],
                                cwd=django_settings.BASE_DIR, env=self.environment, start_new_session=True,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def start_worker(self, name: str):
        self.workers[name] = self._start(["worker", "--pool=solo", "--without-gossip", "--without-mingle",
                                          f"--hostname={name}-{os.getpid()}@%h"])

    def start_beat(self):
        self.beat = self._start(["beat", f"--schedule={self.tmp_path / 'beat-schedule'}"])

    def kill_worker(self, name: str):
        os.killpg(self.workers[name].pid, signal.SIGKILL)
        self.workers[name].wait()
        self.kills += 1

    def stop_all(self):
        for process in [*self.workers.values(), self.beat]:
            if process and process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def test_no_message_is_lost_or_sent_twice_outside_its_window_when_workers_die_and_redis_restarts(
        mail_server, own_redis, tmp_path_factory, tmp_path, settings):
    controller, counting = mail_server
    environment = {**os.environ, "REDIS_URL": own_redis.url, "DJANGO_SETTINGS_MODULE": "tests.settings",
                   "DATABASE_URL": database_url_for_the_worker(tmp_path_factory),
                   "EMAIL_URL": f"smtp://127.0.0.1:{controller.port}", "OUTBOX_SWEEP_SECONDS": str(SWEEP_SECONDS),
                   "OUTBOX_SENDING_TIMEOUT": str(SENDING_TIMEOUT)}
    settings.OUTBOX_SENDING_TIMEOUT = SENDING_TIMEOUT
    workers = Workers(environment, tmp_path)
    workers.start_worker("first")
    workers.start_worker("second")
    workers.start_beat()
    product = ProductFactory(variants=[("M", 10_000)])
    variant = product.variants.get()
    rng = random.Random(14)
    redis_restarts = 0

    try:
        started = time.monotonic()
        next_kill, next_redis_restart = started + rng.uniform(1, 3), started + 8
        while time.monotonic() - started < CHAOS_SECONDS:
            order = order_from_cart(cart_holding(variant))  # its confirmation is queued at commit
            order_move(order=order, to=Order.Status.CONFIRMED)
            now = time.monotonic()
            if now >= next_kill:
                name = rng.choice(["first", "second"])
                workers.kill_worker(name)
                workers.start_worker(name)
                next_kill = now + rng.uniform(1, 3)
            if now >= next_redis_restart and redis_restarts < 2:
                own_redis.stop()
                for _ in range(5):  # orders go on while Redis is down: their messages wait in the table
                    order_move(order=order_from_cart(cart_holding(variant)), to=Order.Status.CONFIRMED)
                own_redis.start()
                redis_restarts += 1
                next_redis_restart = now + 8

        deadline = time.monotonic() + 90
        while Message.objects.exclude(status=Message.Status.SENT).exists() and time.monotonic() < deadline:
            time.sleep(0.5)
    finally:
        workers.stop_all()

    messages = list(Message.objects.all())
    ids = {message.pk: message_id_header(message) for message in messages}
    not_sent = [message for message in messages if message.status != Message.Status.SENT]
    never_arrived = [message.pk for message in messages if counting.received[ids[message.pk]] == 0]
    twice = {message.pk for message in messages if counting.received[ids[message.pk]] > 1}
    marked = {message.pk for message in messages if message.interrupted}
    assert workers.kills >= 5 and redis_restarts == 2
    assert len(messages) >= 2 * 40, "too few messages to say anything"
    assert not_sent == [] and never_arrived == []
    assert twice <= marked, "a second copy outside the one window the outbox owns up to"
    assert max(counting.received.values()) <= 2
