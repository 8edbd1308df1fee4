"""gunicorn as deploy/systemd/fernhill-gunicorn@.service starts it (with deploy/gunicorn.conf.py) writes each
request as one line in the shop's format, with the id the proxy gave the request."""

import os
import re
import signal
import socket
import subprocess
import time
import urllib.request

from tests.deploy.deploy_files import BASE_DIR, unit_command
from tests.servers import free_port


def test_gunicorns_access_log_line_carries_the_request_id_in_the_shops_one_line_format(tmp_path):
    port = free_port()
    environment = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "ENV_FILE": os.devnull,
                   "DJANGO_SETTINGS_MODULE": "storefront.settings", "WEB_CONCURRENCY": "1",
                   "DATABASE_URL": f"sqlite:///{tmp_path / 'shop.sqlite3'}", "CACHE_DIR": str(tmp_path / "cache")}
    log = tmp_path / "gunicorn.log"
    with open(log, "w") as output:
        gunicorn = subprocess.Popen(unit_command("fernhill-gunicorn@.service", str(port)), cwd=BASE_DIR,
                                    env=environment, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:  # until gunicorn listens; the one request is then sent once, however slowly it is answered
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline and gunicorn.poll() is None, log.read_text()
                time.sleep(0.2)
        request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz", headers={"X-Request-ID": "from-nginx-7"})
        with urllib.request.urlopen(request, timeout=60) as answer:  # noqa: S310 - our own loopback server
            assert answer.headers["X-Request-ID"] == "from-nginx-7"
    finally:
        os.killpg(gunicorn.pid, signal.SIGTERM)
        gunicorn.wait(timeout=30)

    lines = log.read_text().splitlines()
    access = [line for line in lines if "logger=gunicorn.access" in line]
    assert len(access) == 1, lines
    assert re.fullmatch(r"time=\S+ level=INFO logger=gunicorn\.access request_id=from-nginx-7 "
                        r'message="method=GET path=/healthz status=200 bytes=\d+ duration_ms=\d+ client=-"', access[0])
    assert all(line.startswith("time=") for line in lines), lines
