"""Every log line names the request that caused it, and errors reach Sentry when a DSN is set."""

import gzip
import io
import logging
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.storefront.test_settings import run_with_environment

pytestmark = pytest.mark.django_db


@pytest.fixture
def console_log():
    """What the configured console handler (settings.LOGGING) writes, one string."""
    handler = next(handler for handler in logging.getLogger().handlers if handler.get_name() == "console")
    written = io.StringIO()
    previous = handler.setStream(written)
    yield written
    handler.setStream(previous)


def test_a_requests_log_line_carries_the_request_id_the_proxy_gave_it(client, console_log):
    response = client.get("/no-such-page/", HTTP_X_REQUEST_ID="nginx-4f2a9c")

    lines = console_log.getvalue().splitlines()
    assert response.status_code == 404 and response["X-Request-ID"] == "nginx-4f2a9c"
    assert [line for line in lines if "Not Found" in line and "request_id=nginx-4f2a9c" in line] != []


def test_a_request_without_an_acceptable_id_gets_one_of_its_own(client, console_log):
    response = client.get("/no-such-page/", HTTP_X_REQUEST_ID="forged\nlevel=ERROR message=hacked")

    made = response["X-Request-ID"]
    assert len(made) == 32 and "forged" not in console_log.getvalue()
    assert f"request_id={made}" in console_log.getvalue()


def test_an_error_with_its_traceback_is_one_line(console_log):
    try:
        raise RuntimeError("payment provider unreachable")
    except RuntimeError:
        logging.getLogger("orders").exception("Could not take payment")

    line = console_log.getvalue()
    assert len(line.splitlines()) == 1
    assert 'level=ERROR logger=orders request_id=- message="Could not take payment\\nTraceback' in line


class SentryStandIn(BaseHTTPRequestHandler):
    """Takes Sentry's envelopes as sentry.io would, and keeps their text."""

    received: list[str] = []

    def do_POST(self):  # noqa: N802 - http.server's hook name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding", "")
        body = gzip.decompress(body) if encoding == "gzip" else zlib.decompress(body) if encoding == "deflate" else body
        self.received.append(body.decode(errors="replace"))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_with_a_sentry_dsn_an_error_logged_reaches_sentry():
    server = ThreadingHTTPServer(("127.0.0.1", 0), SentryStandIn)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    dsn = f"http://publickey@127.0.0.1:{server.server_port}/1"
    report = ("import django, logging, sentry_sdk; django.setup(); "
              "logging.getLogger('orders').error('Payment provider unreachable'); sentry_sdk.flush(5)")

    try:
        result = run_with_environment({"SENTRY_DSN": dsn}, "-c", report)
        without_dsn = run_with_environment({}, "-c", report)
    finally:
        server.shutdown()

    assert result.returncode == 0 and without_dsn.returncode == 0, result.stderr + without_dsn.stderr
    assert len([body for body in SentryStandIn.received if "Payment provider unreachable" in body]) == 1
