"""Benchmark the shop at a realistic catalogue size, served the way production serves it.

What it measures, on a fresh throw-away database filled by `load_demo`:

1. SQL queries per page type (home, categories, a deep category page, a product, search, site map,
   help), each page fetched twice in-process with Django's test client: the first fetch (cold
   cache) and the second (warm). It also checks that a warm page view writes nothing.
2. Time to first byte from gunicorn (`--workers 2`, DEBUG=false), over loopback with plain
   `http.client`: sequentially per page type, then under concurrent load from a mix of pages.
3. The floor to compare with: a bare Django view (one `HttpResponse`, no middleware, no database)
   served by the same gunicorn on the same machine, so each page's time reads as a multiple of it.

Run it from the project root (setup takes about a minute at 10,000 products):

    .venv/bin/python scripts/benchmark.py --products 10000
    .venv/bin/python scripts/benchmark.py --products 10000 --postgres postgres://postgres@127.0.0.1:5432/postgres

The first uses SQLite in the temporary folder; the second creates a throw-away database on that
PostgreSQL server and drops it afterwards. It prints a Markdown report to stdout (progress goes to
stderr), so it can be pasted into an issue.
Nothing outside a temporary directory is touched except `var/staticfiles` (git-ignored), which
`collectstatic` fills because production serves hashed static files. Standard library, Django and
psycopg only.
"""

import argparse
import http.client
import math
import os
import platform
import re
import secrets
import shlex
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from random import Random

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = Path(sys.executable).parent / "gunicorn"
WORKERS = 2
HOST = "127.0.0.1"  # all traffic stays on loopback
WARM_UP_REQUESTS = 5
SEQUENTIAL_TIME_LIMIT = 30  # seconds per page type
CONCURRENT_TIME_LIMIT = 60  # seconds for the whole concurrent run
REQUEST_TIMEOUT = 30  # seconds; gunicorn's own worker timeout is 30 s too

# Settings read from the environment (storefront/settings.py). A developer's shell may set any of
# them (a REDIS_URL would even point the benchmark at their cache), so the benchmark drops them all.
SETTINGS_VARIABLES = re.compile(
    r"^(ENV_FILE|DEBUG|DEMO|SECRET_KEY|ALLOWED_HOSTS|DATABASE_URL|CONN_MAX_AGE|REDIS_URL|CACHE_DIR|SECURE_.*"
    r"|CSRF_TRUSTED_ORIGINS|MEDIA_ROOT|SERVE_MEDIA|EMAIL_URL|DEFAULT_FROM_EMAIL|SHOP_.*|LOG_LEVEL"
    r"|DJANGO_SETTINGS_MODULE|GUNICORN_CMD_ARGS|WEB_CONCURRENCY)$"
)


# --- Environment and database ---------------------------------------------------------------


@dataclass
class Workspace:
    """A throw-away folder for media, cache and logs, and the database the run fills."""

    directory: Path
    database_url: str


@contextmanager
def workspace(postgres_server: str | None):
    """A temporary folder, and a SQLite file in it or a throw-away database on the PostgreSQL server."""
    directory = Path(tempfile.mkdtemp(prefix="fernhill-bench-"))
    if postgres_server is None:
        # An absolute path after sqlite:// gives four slashes.
        yield Workspace(directory, f"sqlite:///{directory / 'bench.sqlite3'}")
        return
    import environ
    import psycopg

    server = environ.Env.db_url_config(postgres_server)
    name = f"fernhill_bench_{secrets.token_hex(4)}"
    admin = psycopg.connect(host=server["HOST"], port=server["PORT"] or 5432, user=server["USER"],
                            password=server["PASSWORD"], dbname=server["NAME"] or "postgres", autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield Workspace(directory, postgres_server.rsplit("/", 1)[0] + f"/{name}")
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def demo_environment(work: Workspace) -> dict[str, str]:
    """What every step shares: a database, media and cache inside `workdir`, and no .env file."""
    env = {name: value for name, value in os.environ.items() if not SETTINGS_VARIABLES.match(name)}
    return env | {
        "DJANGO_SETTINGS_MODULE": "storefront.settings",
        "ENV_FILE": os.devnull,
        "DATABASE_URL": work.database_url,
        "MEDIA_ROOT": str(work.directory / "media"),
        "CACHE_DIR": str(work.directory / "cache"),
    }


def production_environment(work: Workspace) -> dict[str, str]:
    """The demo environment with DEBUG off, as gunicorn runs in production."""
    return demo_environment(work) | {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        # In production a TLS proxy sits in front; here plain HTTP would be redirected to https.
        "SECURE_SSL_REDIRECT": "false",
        "SERVE_MEDIA": "false",
    }


def manage(*args: str, env: dict[str, str]) -> float:
    """Run one `manage.py` command; return how long it took. Its output is shown only if it fails."""
    progress(f"manage.py {' '.join(args)}")
    started = time.perf_counter()
    result = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return time.perf_counter() - started


def build_database(work: Workspace, products: int) -> dict[str, float]:
    """Migrate, fill the catalogue and collect static files; return each step's duration."""
    # load_demo refuses to run with DEBUG=false, so these two steps keep DEBUG unset (true).
    demo = demo_environment(work)
    timings = {
        "migrate": manage("migrate", "--noinput", env=demo),
        f"load_demo --products {products}": manage("load_demo", "--products", str(products), env=demo),
    }
    # Production serves hashed, compressed files from a manifest that only collectstatic writes.
    timings["collectstatic"] = manage("collectstatic", "--noinput", "-v0", env=production_environment(work))
    return timings


# --- Query counts, in-process ---------------------------------------------------------------
# Django and the shop are imported inside the functions: settings are read from the environment
# when Django starts, and setup_django() sets that environment only once the database is built.


@dataclass
class Page:
    label: str
    path: str


@dataclass
class QueryCount:
    page: Page
    status: int
    cold: int
    warm: int
    writes: list[str]  # INSERT / UPDATE / DELETE statements during the warm view
    most_repeated: tuple[str, int]  # the warm view's most frequent query shape, and how often it ran


def setup_django(work: Workspace) -> None:
    """Configure Django in this process with the production settings, for the test client."""
    os.environ.update(production_environment(work))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


TRANSLATED = ["zh-hant", "zh-hans", "ko"]  # the address prefixes of the languages besides English


def pages_to_measure() -> list[Page]:
    """The page types a visitor meets, with real slugs from the benchmark's database."""
    from shop.models import Product
    from shop.selectors import category_tree

    tree = category_tree()
    top = tree.by_slug["clothing"]
    visible = Product.objects.visible().order_by("pk")
    product = visible[visible.count() // 2]  # from the middle of the catalogue, not the first one made
    english = [
        Page("Home", "/"),
        Page("Category, top level", top.get_absolute_url()),
        Page("Category, leaf", tree.by_slug["clothing-women-dresses"].get_absolute_url()),
        Page("Category, page 5", f"{top.get_absolute_url()}?page=5"),
        Page("Category, last page", f"{top.get_absolute_url()}?page={page_count(top)}"),
        Page("Product", product.get_absolute_url()),
        Page("Search", "/search/?q=shirt"),
        Page("Site map", "/site-map/"),
        Page("Help", "/help/"),
        Page("Practices", "/practices/"),
        Page("Practice", "/practices/P27/"),
    ]
    # The same pages in each other language: a translated page may be no slower and cost no more queries.
    translated = [Page(f"{page.label} · {language}", f"/{language}{page.path}") for language in TRANSLATED
                  for page in english if page.label in ("Home", "Category, top level", "Product", "Search",
                                                        "Practices")]
    # Last: the test client keeps the cookie this sets, and the pages above are measured with the mode off.
    return [*english, *translated, Page("Product, workshop mode on", f"{product.get_absolute_url()}?workshop=on")]


def page_count(node) -> int:
    from shop.selectors import products_in_category
    from shop.views import PRODUCTS_PER_PAGE

    return max(1, math.ceil(products_in_category(node).count() / PRODUCTS_PER_PAGE))


def count_queries(pages: list[Page]) -> list[QueryCount]:
    """Fetch each page twice and count the SQL of each fetch: cold cache first, then warm."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    # The host gunicorn will see too; the test client's default "testserver" is not allowed.
    client = Client(raise_request_exception=False, HTTP_HOST=HOST)
    results = []
    for page in pages:
        cache.clear()  # so "cold" means cold for every page, not only the first one
        with CaptureQueriesContext(connection) as cold:
            client.get(page.path)
        with CaptureQueriesContext(connection) as warm:
            response = client.get(page.path)
        statements = [query["sql"] for query in warm.captured_queries]
        writes = [sql for sql in statements if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
        results.append(QueryCount(page, response.status_code, len(cold), len(warm), writes, most_repeated(statements)))
    return results


def most_repeated(statements: list[str]) -> tuple[str, int]:
    """The most frequent query once numbers and strings are blanked out: an N+1 shows up here."""
    if not statements:
        return ("", 0)
    shapes = Counter(re.sub(r"'[^']*'|\b\d+\b", "?", sql) for sql in statements)
    return shapes.most_common(1)[0]


def concurrent_mix(count: int, seed: int = 1) -> list[Page]:
    """A shopper-like mix of requests: mostly products and category pages, with varying slugs and pages."""
    from shop.models import Product
    from shop.selectors import category_tree

    rng = Random(seed)  # the same mix on every run, so runs compare
    slugs = list(Product.objects.visible().values_list("slug", flat=True))
    categories = [(node, page_count(node)) for node in category_tree().by_id.values()]
    makers = [
        (40, lambda: Page("Product", f"/products/{rng.choice(slugs)}/")),
        (30, lambda: category_page(*rng.choice(categories), rng)),
        (10, lambda: Page("Home", "/")),
        (10, lambda: Page("Search", f"/search/?q={rng.choice(('shirt', 'mug', 'linen', 'tent', 'FH-00042'))}")),
        (5, lambda: Page("Site map", "/site-map/")),
        (5, lambda: Page("Help", "/help/")),
    ]
    weights = [weight for weight, _ in makers]
    return [rng.choices(makers, weights)[0][1]() for _ in range(count)]


def category_page(node, pages: int, rng: Random) -> Page:
    return Page("Category", f"{node.get_absolute_url()}?page={rng.randint(1, pages)}")


# --- gunicorn -------------------------------------------------------------------------------

# The baseline: Django with nothing of the shop, written into the workspace and served like the shop.
BARE_DJANGO_APP = f'''
import django
from django.conf import settings
from django.http import HttpResponse
from django.urls import path

settings.configure(DEBUG=False, SECRET_KEY="benchmark", ALLOWED_HOSTS=["{HOST}"], ROOT_URLCONF=__name__, MIDDLEWARE=[])
django.setup()
urlpatterns = [path("", lambda request: HttpResponse("Hello"))]

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
'''
BARE_PAGE = Page("Bare Django view (baseline)", "/")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_gunicorn(work: Workspace, port: int, bare: bool = False) -> subprocess.Popen:
    """Start gunicorn as production does (the shop, or the bare Django baseline) and wait until it answers."""
    progress(f"starting gunicorn on {HOST}:{port}" + (" with the bare Django view" if bare else ""))
    if bare:
        (work.directory / "bare_django.py").write_text(BARE_DJANGO_APP)
    name = "bare-gunicorn.log" if bare else "gunicorn.log"
    log = open(work.directory / name, "w")  # noqa: SIM115 - the process keeps writing to it
    server = subprocess.Popen(
        [GUNICORN, "bare_django" if bare else "storefront.wsgi", "--workers", str(WORKERS),
         "--bind", f"{HOST}:{port}",
         # gunicorn's control socket defaults to one path in $HOME; keep ours apart from any other server.
         "--control-socket", str(work.directory / "gunicorn.ctl")],
        cwd=work.directory if bare else ROOT, env=production_environment(work), stdout=log, stderr=subprocess.STDOUT,
    )
    health = "/" if bare else "/healthz"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn exited with {server.returncode}:\n{(work.directory / name).read_text()}")
        if fetch(port, health, timeout=2).status == 200:
            return server
        time.sleep(0.2)
    stop_gunicorn(server)
    sys.exit(f"gunicorn did not answer {health} within 30 s")


def stop_gunicorn(server: subprocess.Popen) -> None:
    """SIGTERM lets gunicorn finish requests in flight; SIGKILL only if it hangs."""
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def log_problems(work: Workspace) -> list[str]:
    """Error lines gunicorn logged (worker timeouts, tracebacks) while it served the benchmark."""
    log = work.directory / "gunicorn.log"
    lines = log.read_text(errors="replace").splitlines() if log.exists() else []
    return [line for line in lines if re.search(r"\[(ERROR|CRITICAL)\]|Traceback|Error:", line)]


# --- HTTP timing ----------------------------------------------------------------------------


@dataclass
class Sample:
    label: str
    status: int | str  # an HTTP status, or the name of the error when there was no response
    ttfb_ms: float
    size: int


def fetch(port: int, path: str, label: str = "", timeout: float = REQUEST_TIMEOUT) -> Sample:
    """One GET on a new connection, as a browser's first visit (gunicorn's sync workers don't keep
    connections alive). Time to first byte is measured up to the parsed status line and headers."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    started = time.perf_counter()
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        ttfb = time.perf_counter() - started
        return Sample(label, response.status, ttfb * 1000, len(response.read()))
    except (OSError, http.client.HTTPException) as error:
        return Sample(label, type(error).__name__, (time.perf_counter() - started) * 1000, 0)
    finally:
        connection.close()


def sequential(port: int, page: Page, requests: int) -> list[Sample]:
    """One request at a time: the page's own latency, without queueing behind other requests."""
    progress(f"sequential: {page.label} {page.path}")
    for _ in range(WARM_UP_REQUESTS):
        fetch(port, page.path)
    samples, deadline = [], time.monotonic() + SEQUENTIAL_TIME_LIMIT
    while len(samples) < requests and time.monotonic() < deadline:
        samples.append(fetch(port, page.path, page.label))
    return samples


def concurrent(port: int, mix: list[Page], concurrency: int) -> tuple[list[Sample], float]:
    """`concurrency` threads work through the mix; return the samples and the wall-clock seconds."""
    progress(f"concurrent: {len(mix)} requests from {concurrency} threads (at most {CONCURRENT_TIME_LIMIT} s)")
    deadline = time.monotonic() + CONCURRENT_TIME_LIMIT

    def one(page: Page) -> Sample | None:
        # Past the deadline the remaining requests are skipped, so the run is bounded in time too.
        return fetch(port, page.path, page.label) if time.monotonic() < deadline else None

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        samples = [sample for sample in pool.map(one, mix) if sample is not None]
    return samples, time.perf_counter() - started


def percentile(values: list[float], percent: float) -> float:
    """Nearest-rank percentile: the smallest value that `percent` % of the values don't exceed."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(percent / 100 * len(ordered)) - 1)] if ordered else float("nan")


# --- Report ---------------------------------------------------------------------------------


def table(headers: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    # A "|" inside a cell (SQL's || operator, say) would end the cell early.
    lines += ["| " + " | ".join(str(cell).replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def ms(value: float) -> str:
    return f"{value:.1f}"


def statuses(samples: list[Sample]) -> str:
    counts = Counter(sample.status for sample in samples)
    return ", ".join(f"{status} × {count}" for status, count in sorted(counts.items(), key=lambda item: str(item[0])))


def database_description() -> str:
    """Which database served the run, and how big the catalogue made it."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT current_setting('server_version'), pg_database_size(current_database())")
            server_version, size = cursor.fetchone()
            return f"PostgreSQL {server_version}, {size / 1e6:.1f} MB"
        cursor.execute("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()")
        return f"SQLite {sqlite3.sqlite_version}, {cursor.fetchone()[0] / 1e6:.1f} MB"


def machine_section(args, timings: dict[str, float], database: str) -> str:
    python = Path(PYTHON)
    command = shlex.join([str(python.relative_to(ROOT)) if python.is_relative_to(ROOT) else PYTHON, *sys.argv])
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    setup = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in timings.items())
    return "\n".join([
        f"## Benchmark: {args.products:,} products",
        "",
        f"- Command: `{command}`",
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {cpus} CPUs (nproc), {platform.platform()}",
        f"- Python {platform.python_version()}, Django {version('django')}, gunicorn {version('gunicorn')}"
        f" ({WORKERS} sync workers)",
        f"- Database: {database}; setup: {setup}",
        "- The load generator runs on the same machine, so it competes with gunicorn for the CPUs.",
    ])


def queries_section(counts: list[QueryCount]) -> str:
    rows = [
        [c.page.label, f"`{c.page.path}`", c.status, c.cold, c.warm, len(c.writes) or "none",
         f"{c.most_repeated[1]} × `{c.most_repeated[0][:60]}…`" if c.most_repeated[1] > 1 else "–"]
        for c in counts
    ]
    writes = [f"- {c.page.label}: `{sql[:120]}`" for c in counts for sql in c.writes]
    return "\n".join([
        "### SQL queries per page (in-process test client, DEBUG=false)",
        "",
        table(["Page", "URL", "Status", "Queries (cold)", "Queries (warm)", "Writes (warm)", "Most repeated (warm)"],
              rows),
        *(["", "Writes during a warm page view (there should be none):", *writes] if writes else []),
    ])


def sequential_section(results: list[tuple[Page, list[Sample]]], bare: list[Sample]) -> str:
    bare_p50 = percentile([sample.ttfb_ms for sample in bare], 50)
    rows = []
    for page, samples in [(BARE_PAGE, bare), *results]:
        ttfb = [sample.ttfb_ms for sample in samples]
        sizes = sorted({sample.size for sample in samples})
        size = f"{sizes[0]:,}" if len(sizes) == 1 else f"{sizes[0]:,}–{sizes[-1]:,}"
        rows.append([page.label, f"`{page.path}`", len(samples), ms(percentile(ttfb, 50)), ms(percentile(ttfb, 95)),
                     ms(max(ttfb)), f"{percentile(ttfb, 50) / bare_p50:.1f}", size, statuses(samples)])
    return "\n".join([
        f"### Time to first byte, one request at a time ({WARM_UP_REQUESTS} warm-up requests first)",
        "",
        "The first row is the floor: a bare Django view served by the same gunicorn; \"× bare\" is each page's p50"
        " divided by its p50.",
        "",
        table(["Page", "URL", "Requests", "p50 ms", "p95 ms", "max ms", "× bare", "Bytes", "Statuses"], rows),
    ])


def concurrent_section(samples: list[Sample], seconds: float, planned: int, concurrency: int) -> str:
    ttfb = [sample.ttfb_ms for sample in samples]
    failed = [sample for sample in samples if sample.status != 200]
    summary = table(
        ["Requests", "Threads", "Seconds", "Throughput req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "Non-200"],
        [[f"{len(samples)} of {planned}", concurrency, f"{seconds:.1f}", f"{len(samples) / seconds:.1f}",
          ms(percentile(ttfb, 50)), ms(percentile(ttfb, 95)), ms(percentile(ttfb, 99)), ms(max(ttfb)),
          f"{len(failed)} ({statuses(failed)})" if failed else "0"]],
    )
    by_label = {}
    for sample in samples:
        by_label.setdefault(sample.label, []).append(sample)
    rows = [
        [label, len(group), ms(percentile([s.ttfb_ms for s in group], 50)),
         ms(percentile([s.ttfb_ms for s in group], 95)), ms(percentile([s.ttfb_ms for s in group], 99)),
         statuses(group)]
        for label, group in sorted(by_label.items(), key=lambda item: -len(item[1]))
    ]
    return "\n".join([
        "### Time to first byte under concurrent load (mixed pages, varying products and page numbers)",
        "",
        summary,
        "",
        table(["Page type", "Requests", "p50 ms", "p95 ms", "p99 ms", "Statuses"], rows),
    ])


def progress(message: str) -> None:
    print(f"[benchmark] {message}", file=sys.stderr, flush=True)


# --- Main -----------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--products", type=int, default=10_000, help="catalogue size (default 10000)")
    parser.add_argument("--requests", type=int, default=50, help="sequential requests per page type (default 50)")
    parser.add_argument("--concurrency", type=int, default=16, help="threads in the concurrent run (default 16)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (SQLite file, logs)")
    parser.add_argument("--postgres", metavar="URL",
                        help="measure on PostgreSQL: a server URL such as postgres://postgres@127.0.0.1:5432/postgres;"
                             " a throw-away database is created there and dropped afterwards")
    args = parser.parse_args()
    if args.products < 1 or args.requests < 1 or args.concurrency < 1:
        parser.error("--products, --requests and --concurrency must be at least 1")
    return args


def main() -> None:
    args = parse_args()
    server = None
    with workspace(args.postgres) as work:
        try:
            timings = build_database(work, args.products)
            setup_django(work)
            database = database_description()
            pages = pages_to_measure()
            progress("counting queries")
            counts = count_queries(pages)
            mix = concurrent_mix(count=100 * args.concurrency)

            from django.db import connections

            connections.close_all()  # gunicorn's workers open their own
            port = free_port()
            server = start_gunicorn(work, port, bare=True)
            bare_samples = sequential(port, BARE_PAGE, args.requests)
            stop_gunicorn(server)
            server = start_gunicorn(work, port)
            sequential_results = [(page, sequential(port, page, args.requests)) for page in pages]
            concurrent_samples, seconds = concurrent(port, mix, args.concurrency)
            stop_gunicorn(server)
            server = None

            problems = log_problems(work)
            print("\n\n".join([
                machine_section(args, timings, database),
                queries_section(counts),
                sequential_section(sequential_results, bare_samples),
                concurrent_section(concurrent_samples, seconds, len(mix), args.concurrency),
                f"gunicorn logged {len(problems)} error line(s)" + "".join(f"\n    {line}" for line in problems[:10]),
            ]))
        finally:
            if server is not None:
                stop_gunicorn(server)
            if args.keep:
                progress(f"kept {work.directory}")
            else:
                shutil.rmtree(work.directory, ignore_errors=True)


if __name__ == "__main__":
    main()
