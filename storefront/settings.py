"""Settings for the storefront, read from the environment only.

Every variable is documented in `.env.example`. With no environment at all the shop runs as a
self-contained demo: SQLite, a file cache, Celery tasks run in-process, e-mails printed to the
console. Production (`DEBUG=false`) refuses to start without its secrets.
"""

from pathlib import Path

import environ

from storefront.opening_hours import OpeningHours

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A .env file beside manage.py is read if present; real environment variables win over it.
environ.Env.read_env(env.str("ENV_FILE", default=str(BASE_DIR / ".env")), overwrite=False)

# --- Core -----------------------------------------------------------------------------------

DEBUG = env.bool("DEBUG", default=True)

if DEBUG:
    # Demo only: a fixed key so the demo starts with no set-up. Production has no default.
    SECRET_KEY = env("SECRET_KEY", default="demo-only-insecure-key-do-not-use-in-production")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
else:
    SECRET_KEY = env("SECRET_KEY")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

# Demo only: the demo app (demo/) builds the demo shop (`manage.py load_demo`) and keeps every e-mail and
# text message sent for the demo inbox (/demo/inbox/). On with DEBUG while the folder is there, so a shop
# that deletes demo/ needs no setting; `check --deploy` refuses it in production.
DEMO = env.bool("DEMO", default=DEBUG and (BASE_DIR / "demo").is_dir())

INSTALLED_APPS = [
    "accounts.apps.StaffAdminConfig",  # Django's admin, signed into as accounts/admin_site.py says
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_htmx",
    "template_partials",
    "csp",
    "django_otp",  # staff's second factor at the back office's sign-in
    "django_otp.plugins.otp_totp",
    "storefront",  # project-wide commands and tasks (shop_status, worker_ping_task)
    "outbox",  # every e-mail and text message, sent by one task
    "accounts",
    "shop",
    "orders",
    "support",
    "workshop",
]
if DEMO:
    INSTALLED_APPS.append("demo")

MIDDLEWARE = [
    "storefront.request_id.RequestIdMiddleware",  # first, so every log line of the request carries its id
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before common: the language comes from the address, and CommonMiddleware's slash
    # redirect must see the prefixed path.
    "django.middleware.locale.LocaleMiddleware",
    "storefront.languages.FirstVisitLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): this session gave a staff member's code
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "storefront.money.VisitorLocaleMiddleware",
    "workshop.mode.WorkshopModeMiddleware",
]

ROOT_URLCONF = "storefront.urls"
WSGI_APPLICATION = "storefront.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:account"
LOGOUT_REDIRECT_URL = "shop:home"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "storefront.context_processors.shop_details",
                "storefront.context_processors.text_size",
                "storefront.context_processors.languages",
                "shop.context_processors.navigation",
            ],
            # `{% practice "P27" %}` works in every template without a {% load %}: badges go everywhere.
            "builtins": ["workshop.templatetags.workshop_tags"],
        },
    },
]

# --- Database -------------------------------------------------------------------------------

# SQLite is tuned for a shop under load: WAL lets readers and the writer work at once,
# IMMEDIATE takes the write lock when a transaction starts (instead of failing half-way with
# "database is locked"), and the timeout makes a second writer wait rather than error.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": (
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=NORMAL;"
        "PRAGMA busy_timeout=20000;"
        "PRAGMA foreign_keys=ON;"
    ),
}

# var/ holds everything the demo writes: database, cache, media, collected static files.
(BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'shop.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and Celery -----------------------------------------------------------------------

REDIS_URL = env("REDIS_URL", default="")

if REDIS_URL:
    # Redis down is a slower shop, not a broken one: its errors are cache misses (storefront/cache.py), and
    # a Redis that hangs is given up on within half a second.
    CACHES = {"default": {"BACKEND": "storefront.cache.DegradingRedisCache", "LOCATION": REDIS_URL,
                          "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}}
else:
    # A file cache is shared by every server process, so clearing a cached value (the category
    # tree, a rate-limit counter) is seen by all of them; a per-process memory cache is not.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env("CACHE_DIR", default=str(BASE_DIR / "var" / "cache")),
        }
    }

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
# Demo only: with no Redis, tasks run in-process so the demo needs no worker.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
# A task whose worker was killed goes back on the queue after this, not after Redis's default hour
# (the outbox's sweeper would send its message anyway; this only makes other tasks come back sooner).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 5 * 60}
# While Redis is down, queuing gives up at once instead of holding the customer's request: the outbox row waits.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5, "interval_max": 0.5}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_EXPIRES = 3600
CELERY_TIMEZONE = "UTC"
# Run by `celery -A storefront beat` (see the README).
CELERY_BEAT_SCHEDULE = {
    "delete-abandoned-guest-carts": {"task": "shop.tasks.carts_delete_abandoned_task", "schedule": 24 * 60 * 60},
    "alert-late-shipments": {"task": "orders.tasks.shipments_alert_late_task", "schedule": 60 * 60},
    "send-due-surveys": {"task": "orders.tasks.surveys_send_due_task", "schedule": 60 * 60},
    "cancel-unconfirmed-cash-orders": {"task": "orders.tasks.orders_cancel_unconfirmed_task", "schedule": 60 * 60},
    "void-abandoned-payments": {"task": "orders.tasks.payments_void_abandoned_task", "schedule": 15 * 60},
    "make-missing-photo-renditions": {"task": "shop.reviews.tasks.review_photos_renditions_sweep_task",
                                      "schedule": 60 * 60},
    "sweep-outbox": {"task": "outbox.tasks.messages_sweep_task", "schedule": env.int("OUTBOX_SWEEP_SECONDS",
                                                                                      default=2 * 60)},
}
# A message still "sending" after this was cut off (its worker died): the sweeper sends it again. It also
# is how long the task queued at commit has before the sweeper steps in. Longer than a send can take.
OUTBOX_SENDING_TIMEOUT = env.int("OUTBOX_SENDING_TIMEOUT", default=5 * 60)

# --- Sessions, security ---------------------------------------------------------------------

SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# --- Behind a reverse proxy ---------------------------------------------------------------

# How many proxies of ours stand in front of the app (nginx: 1; a load balancer and nginx: 2). Their
# X-Forwarded-For entries give the client's address (storefront/ratelimit.py client_address); with 0,
# the default, no header is believed, since any client can send one. Only the proxy may reach the app.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
if TRUSTED_PROXY_COUNT > 0:
    # The proxy terminates TLS and overwrites X-Forwarded-Proto (nginx: proxy_set_header X-Forwarded-Proto
    # $scheme), so the header says how the client came; without a proxy, a client could claim HTTPS.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Health checks ------------------------------------------------------------------------

# Load balancers and uptime monitors may ask an app server directly, over plain HTTP: they get the answer,
# not a redirect to HTTPS (storefront/views.py health and ready).
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

# Scripts and styles come only from our own static files: no inline script, no CDN.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Static and media files -----------------------------------------------------------------

STATIC_URL = "/static/"
# Where `collectstatic` puts the hashed, compressed files; nginx serves them from there (deploy/nginx.conf).
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
# Demo only: Django serves uploaded and generated images itself. In production put them behind
# the web server or object storage and leave this off.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)

# Media on S3-compatible object storage (AWS, MinIO, Ceph, Scaleway…), through django-storages, for a shop on
# more than one machine: every app server then sees every upload. The keys come from the environment
# (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), as boto3 reads them, never from a file in the repository.
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="files")  # "files" (MEDIA_ROOT) or "s3"
if MEDIA_STORAGE == "s3":
    AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
    AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL", default=None)  # unset: Amazon's own
    AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME", default=None)
    # true: each picture's address is signed and expires (a private bucket); false: plain addresses, for a
    # bucket that allows public reads or a CDN in front (AWS_S3_CUSTOM_DOMAIN), which browsers can cache.
    AWS_QUERYSTRING_AUTH = env.bool("AWS_QUERYSTRING_AUTH", default=True)
    AWS_QUERYSTRING_EXPIRE = env.int("AWS_QUERYSTRING_EXPIRE", default=60 * 60)
    AWS_S3_SIGNATURE_VERSION = "s3v4"  # what every S3-compatible service accepts; v2 is retired at Amazon
    # With plain addresses the pictures must be readable by anyone: a bucket policy, or "public-read" here.
    AWS_DEFAULT_ACL = env("AWS_DEFAULT_ACL", default=None)
    AWS_S3_CUSTOM_DOMAIN = env("AWS_S3_CUSTOM_DOMAIN", default=None)
    AWS_S3_FILE_OVERWRITE = False  # two uploads with one name both keep their pictures, as on disk
    AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "max-age=31536000"}  # an uploaded name never changes content
    MEDIA_BACKEND = "storages.backends.s3.S3Storage"
else:
    MEDIA_BACKEND = "django.core.files.storage.FileSystemStorage"

STORAGES = {
    "default": {"BACKEND": MEDIA_BACKEND},
    "staticfiles": {
        # Hashed, compressed names need `collectstatic`; the demo and tests serve files as they are.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}

# --- E-mail ---------------------------------------------------------------------------------

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
# filemail:///var/mail names the folder /var/mail, as file:///var/mail would; django-environ drops that
# slash, and each process would write under whatever folder it was started in. Four slashes mean the same.
if EMAIL_CONFIG.get("EMAIL_FILE_PATH"):
    EMAIL_CONFIG["EMAIL_FILE_PATH"] = "/" + EMAIL_CONFIG["EMAIL_FILE_PATH"].lstrip("/")
vars().update(EMAIL_CONFIG)  # EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT, user, password, TLS: all from one URL
if DEMO and "EMAIL_URL" not in env:
    # Demo only: e-mails go to the demo inbox, so a workshop can see the customer's side.
    EMAIL_BACKEND = "demo.inbox.DemoInboxEmailBackend"

# Text messages: printed by default (the demo inbox in the demo); a real shop names its provider's
# backend (see outbox/sms.py).
SMS_BACKEND = env("SMS_BACKEND", default="demo.inbox.DemoInboxSmsBackend" if DEMO else "outbox.sms.ConsoleSmsBackend")
# No mail server may hold a worker for long: a send that times out is tried again later by the outbox.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Fernhill Goods <hello@fernhill.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Language and time ----------------------------------------------------------------------

# English is the source language and has no prefix in the address; the others are /zh-hant/, /zh-hans/, /ko/.
# Each is named in its own language, as the switcher shows it.
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English"), ("zh-hant", "繁體中文"), ("zh-hans", "简体中文"), ("ko", "한국어")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The header's switcher remembers the choice for a year; Lax, so it rides along when a link from elsewhere
# opens the shop.
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- The shop's own details -----------------------------------------------------------------

# Shown in the header, footer, e-mails and the legal notice. A merchant sets their own.
SHOP = {
    "name": env("SHOP_NAME", default="Fernhill Goods"),
    # Where the shop is reached, for links in e-mails (which are sent without a request to ask).
    "site_url": env("SHOP_SITE_URL", default="http://127.0.0.1:8000"),
    "tagline": env("SHOP_TAGLINE", default="Everyday things, made to last"),
    "hotline": env("SHOP_HOTLINE", default="+44 20 7946 0321"),
    # schema.org's notation; written out in each page's language (storefront/opening_hours.py)
    "hotline_hours": OpeningHours(env("SHOP_HOTLINE_HOURS", default="Mo-Fr 08:00-20:00; Sa 09:00-17:00")),
    "email": env("SHOP_EMAIL", default="help@fernhill.example"),
    "address": env("SHOP_ADDRESS", default="Fernhill Goods Ltd, 12 Mill Lane, Bristol BS1 4XE, United Kingdom"),
    "company_number": env("SHOP_COMPANY_NUMBER", default="Registered in England and Wales, no. 09876543"),
    "vat_number": env("SHOP_VAT_NUMBER", default="GB 123 4567 89"),
    "currency": env.str("SHOP_CURRENCY", default="GBP"),
    "free_delivery_over": env.int("SHOP_FREE_DELIVERY_OVER", default=40),
    "delivery_cost": env.str("SHOP_DELIVERY_COST", default="3.95"),
    "delivery_working_days": env.list("SHOP_DELIVERY_WORKING_DAYS", cast=int, default=[2, 3]),
    "express_delivery_cost": env.str("SHOP_EXPRESS_DELIVERY_COST", default="6.95"),
    "international_delivery_cost": env.str("SHOP_INTERNATIONAL_DELIVERY_COST", default="9.95"),
    "international_working_days": env.list("SHOP_INTERNATIONAL_WORKING_DAYS", cast=int, default=[4, 8]),
    "home_country": env.str("SHOP_HOME_COUNTRY", default="GB"),
    "dispatch_cutoff_hour": env.int("SHOP_DISPATCH_CUTOFF_HOUR", default=15),
    "return_days": env.int("SHOP_RETURN_DAYS", default=30),
    # The returns policy's other numbers: every page that quotes the policy reads them from here.
    "returns_free": env.bool("SHOP_RETURNS_FREE", default=True),  # a prepaid label in the box and online
    "refund_days": env.int("SHOP_REFUND_DAYS", default=5),  # working days from receiving a return to refunding
    "new_for_days": env.int("SHOP_NEW_FOR_DAYS", default=30),
    # Reviews: published at once, or after staff have read them; from buyers only, or any signed-in shopper.
    "reviews_need_moderation": env.bool("SHOP_REVIEWS_NEED_MODERATION", default=True),
    "reviews_from_buyers_only": env.bool("SHOP_REVIEWS_FROM_BUYERS_ONLY", default=False),
    # Days after delivery before the "how did it go?" survey is sent.
    "survey_after_days": env.int("SHOP_SURVEY_AFTER_DAYS", default=3),
    # Stock held by orders nobody has paid for yet: at most this many of one item per order, this many
    # cash-on-delivery orders waiting for staff per e-mail address or phone a day, and a cash-on-delivery
    # order staff have not confirmed within these hours is cancelled, its stock back on sale.
    "max_quantity_per_item": env.int("SHOP_MAX_QUANTITY_PER_ITEM", default=10),
    "cod_orders_per_day": env.int("SHOP_COD_ORDERS_PER_DAY", default=2),
    "unconfirmed_cod_hours": env.int("SHOP_UNCONFIRMED_COD_HOURS", default=48),
}

# --- Staff's second factor ------------------------------------------------------------------

# The name an authenticator app shows beside the back office's codes.
OTP_TOTP_ISSUER = SHOP["name"]

# How long a parcel may stay in a stage before the customer and staff are told it is late (hours).
STAGE_EXPECTED_HOURS = env.dict("STAGE_EXPECTED_HOURS", cast={"value": int}, default={
    "placed": 24, "confirmed": 24, "packed": 24, "shipped": 72, "out_for_delivery": 12, "delayed": 48})

# --- Holding stock and payments for unfinished orders ---------------------------------------

# A card authorisation without an order this long after it was made is voided by beat: the shopper left.
PAYMENT_ABANDONED_MINUTES = env.int("PAYMENT_ABANDONED_MINUTES", default=60)

# --- Logs and error reports ----------------------------------------------------------------

# One line per event, with the request's id (storefront/request_id.py); gunicorn's access log uses the same
# format (deploy/gunicorn.conf.py), so one search for an id finds the request and all it logged.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "storefront.request_id.RequestIdFilter"}},
    "formatters": {"one_line": {"()": "storefront.request_id.OneLineFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": "one_line"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# Errors in pages and tasks go to Sentry (or a service that speaks its protocol) when a DSN is set. Off by default.
SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(dsn=SENTRY_DSN, integrations=[DjangoIntegration(), CeleryIntegration()],
                    environment=env("SENTRY_ENVIRONMENT", default="production"),
                    traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
                    send_default_pii=False)  # no e-mail addresses or cookies of customers leave the shop
