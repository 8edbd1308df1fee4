"""Real servers a test starts for itself on a free loopback port: Redis that can be stopped and restarted,
and an SMTP server that counts what it receives."""

import asyncio
import email
import random
import signal
import socket
import subprocess
import threading
import time
from collections import Counter

import redis


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class CountingMailServer:
    """An aiosmtpd handler that accepts everything, a little slowly (so kills land mid-send), and counts each
    Message-ID it receives."""

    def __init__(self):
        self.received: Counter[str] = Counter()
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        message_id = email.message_from_bytes(envelope.content)["Message-ID"]
        await asyncio.sleep(random.uniform(0.01, 0.08))
        with self.lock:
            self.received[message_id] += 1
        return "250 OK"


class RedisServer:
    """A Redis server of the test's own, keeping nothing on disk like the shop's, that can be restarted."""

    def __init__(self, port: int):
        self.port, self.url, self.process = port, f"redis://127.0.0.1:{port}/0", None

    def start(self):
        self.process = subprocess.Popen(["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
                                         "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if redis.Redis.from_url(self.url, socket_connect_timeout=0.2).ping():
                    return
            except redis.RedisError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.process.send_signal(signal.SIGKILL)  # everything queued and unacknowledged is gone
        self.process.wait()
