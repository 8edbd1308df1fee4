"""gunicorn's settings for the shop (deploy/systemd/fernhill-gunicorn@.service passes the address to bind).

Its access log is written in the shop's own one-line format with the request's id (storefront/request_id.py),
so an id found in nginx's log, gunicorn's or the app's finds the same request in the others.
"""

import os

# Two workers per instance by default; WEB_CONCURRENCY is gunicorn's own name for the number.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
timeout = 30
# On SIGTERM (systemctl stop or restart), requests under way get this long to finish.
graceful_timeout = 20
# nginx holds connections open to the app between requests.
keepalive = 5

accesslog = "-"
errorlog = "-"
# Each field is one word (or "-"), so the line stays key=value after the formatter quotes the whole.
access_log_format = ("method=%(m)s path=%(U)s status=%(s)s bytes=%(B)s duration_ms=%(M)s "
                     "client=%({x-forwarded-for}i)s")
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "storefront.request_id.RequestIdFilter"}},
    "formatters": {"one_line": {"()": "storefront.request_id.OneLineFormatter"}},
    "handlers": {
        "access": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "filters": ["request_id"],
                   "formatter": "one_line"},
        "error": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr", "filters": ["request_id"],
                  "formatter": "one_line"},
    },
    "root": {"level": "INFO", "handlers": ["error"]},
    "loggers": {
        "gunicorn.access": {"level": "INFO", "handlers": ["access"], "propagate": False},
        "gunicorn.error": {"level": "INFO", "handlers": ["error"], "propagate": False},
    },
}
