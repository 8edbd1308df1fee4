"""One id per request, on every log line the request causes, so a search for it finds all it did.

The id comes from the proxy's `X-Request-ID` (deploy/nginx.conf passes the client's or makes one), or is made
here; it goes back in the answer's `X-Request-ID`, where gunicorn's access log reads it
(deploy/gunicorn.conf.py), and onto the error report when Sentry is on.
"""

import json
import logging
import re
import uuid
from contextvars import ContextVar

import sentry_sdk

HEADER = "X-Request-ID"
# Anything else a client sends is replaced: the id is written into logs, so it must not carry new lines.
ACCEPTABLE = re.compile(r"[A-Za-z0-9._-]{1,64}")
GUNICORN_RESPONSE_HEADER_ATOM = "{x-request-id}o"

current_request_id: ContextVar[str] = ContextVar("request_id", default="-")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offered = request.headers.get(HEADER, "")
        request.id = offered if ACCEPTABLE.fullmatch(offered) else uuid.uuid4().hex
        token = current_request_id.set(request.id)
        sentry_sdk.get_isolation_scope().set_tag("request_id", request.id)  # nothing happens with Sentry off
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response[HEADER] = request.id
        return response


class RequestIdFilter(logging.Filter):
    """Gives each record its `request_id`: the current request's; for the lines logged once the answer has left
    the middleware, the request's own (Django's "Not Found" and "Internal Server Error" lines carry it) or the
    one the answer carried (gunicorn's access log)."""

    def filter(self, record):
        gunicorn_atoms = record.args if isinstance(record.args, dict) else {}
        record.request_id = (getattr(getattr(record, "request", None), "id", None)
                             or gunicorn_atoms.get(GUNICORN_RESPONSE_HEADER_ATOM)
                             or current_request_id.get())
        return True


class OneLineFormatter(logging.Formatter):
    """`time=… level=… logger=… request_id=… message="…"`: one line per event, a traceback included, so that
    log tools that read line by line never split one event or mix two."""

    def format(self, record):
        message = record.getMessage()
        if record.exc_info:
            message = f"{message}\n{self.formatException(record.exc_info)}"
        fields = {"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"), "level": record.levelname,
                  "logger": record.name, "request_id": getattr(record, "request_id", "-"), "message": message}
        return " ".join(f"{name}={quoted(value)}" for name, value in fields.items())


def quoted(value: str) -> str:
    """A bare word stays bare; anything with spaces, quotes, '=' or new lines becomes a JSON string."""
    return value if re.fullmatch(r"[^\s\"=]+", value) else json.dumps(value, ensure_ascii=False)
