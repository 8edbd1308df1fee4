"""Every page type (tests/browser/every_page.py) held to the same standards: it fits a 320 px phone without
scrolling sideways, logs no console error and passes axe; it does not move once loaded on a slow phone; and
the W3C Nu HTML checker finds no error in it."""

import json
import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from tests.browser.conftest import PHONE, SMALLEST_PHONE, axe_violations, open_page
from tests.browser.every_page import PAGE_TYPES, WIDEST_ELEMENTS, PageType, by_name, console_errors
from tests.conftest import require

pytestmark = pytest.mark.browser

VNU = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# htmx's attributes are not HTML's, and the checker says so for each; they stay as hx-* (the README says why),
# so those messages, and only those, are left out.
# shop.css, and where a page needs it one of its own (checkout, returns, survey); there used to be eleven.
MOST_STYLESHEETS = 2
HTMX_ATTRIBUTE = re.compile(r"^Attribute “hx-[a-z-]+” not allowed on element “[a-z]+” at this point\.$")


# The HTML the server sent for each page type's pages, as the 320 px test saw it: the W3C checker's test reads
# it from here rather than walking every page type a second time (a third of this module's time).
html_sent: dict[str, list[tuple[str, str]]] = {}


def visit(page, shop_url: str, page_type: PageType):
    """Each of the page type's pages in turn: (path, the server's response) once it has loaded."""
    sent = []
    for path in page_type.reach(page, shop_url):
        response = page.goto(shop_url + path)
        page.wait_for_load_state("networkidle")  # htmx's requests after load, if any, have answered
        assert response.status == page_type.status, path
        sent.append((path, response.text()))
        yield path, response
    html_sent[page_type.name] = sent


@pytest.mark.parametrize("page_type", by_name(PAGE_TYPES))
def test_every_page_fits_a_320_px_phone_logs_no_error_passes_axe_and_loads_few_stylesheets(smallest_phone_page,
                                                                                          shop_url, page_type):
    page = smallest_phone_page
    problems = {}

    for path, _ in visit(page, shop_url, page_type):
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > SMALLEST_PHONE["width"]:
            problems[path] = f"{width} px wide: " + ", ".join(page.evaluate(WIDEST_ELEMENTS))
        if violations := axe_violations(page):
            problems[path] = violations
        if errors := console_errors(page, page_type):
            problems[path] = errors
        if (stylesheets := page.locator("link[rel=stylesheet]").count()) > MOST_STYLESHEETS:
            problems[path] = f"{stylesheets} stylesheets"
        page.console_errors.clear()

    assert problems == {}


# Summed as Lighthouse does: every layout shift since the page began loading, less those right after input.
LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 1000);  // later shifts from deferred scripts and images are counted too
})"""

MAIN_PAGE_TYPES = ["home", "top category", "leaf category", "product with sizes", "search", "cart, full",
                   "checkout: details", "account: an order on its way", "tracking an order on its way", "help home",
                   "help articles", "Delivery", "contact"]


@pytest.mark.parametrize("page_type", by_name([page_type for page_type in PAGE_TYPES
                                               if page_type.name in MAIN_PAGE_TYPES]))
def test_main_pages_do_not_move_once_loaded_on_a_slow_phone(phone_page, shop_url, page_type):
    page = phone_page
    page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
    shifts = {}

    for path, _ in visit(page, shop_url, page_type):
        shifts[path] = round(page.evaluate(LAYOUT_SHIFT), 3)

    assert {path: shift for path, shift in shifts.items() if shift >= 0.05} == {}


@pytest.mark.timeout(600)  # it may visit every page type, then the checker reads them all at once
def test_the_w3c_html_checker_finds_no_error_on_any_page_type(browser, shop_url, tmp_path):
    require(VNU.exists(), "the W3C Nu HTML checker (`npm ci` installs vnu-jar)")
    pages = {}
    for page_type in PAGE_TYPES:
        if page_type.name not in html_sent:  # this test was run without the 320 px one before it
            context, page = open_page(browser, PHONE)
            for _ in visit(page, shop_url, page_type):
                pass
            context.close()
        for path, html in html_sent[page_type.name]:
            saved = tmp_path / f"page-{len(pages)}.html"
            saved.write_text(html)
            pages[saved.name] = path

    checked = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json",
                              *map(str, tmp_path.iterdir())], capture_output=True, text=True, timeout=300)

    pages_with = {}  # each error, and the pages it is on: most errors come from one template shared by many
    for message in json.loads(checked.stderr)["messages"]:  # the checker reports on stderr
        if not HTMX_ATTRIBUTE.match(message["message"]):
            page = pages.get(message.get("url", "").rpartition("/")[2], message.get("url"))
            pages_with.setdefault(message["message"], set()).add(page)
    assert pages_with == {}, "\n".join(f"{error} On {len(on)} pages: {', '.join(sorted(on)[:4])}…"
                                       for error, on in sorted(pages_with.items()))
