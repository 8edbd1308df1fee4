"""Full-page screenshots of every page type at the widths the shop is designed for.

Serves the demo shop on a free port from a throw-away SQLite database (migrate, load_demo, runserver
with DEBUG on), walks a shopper's path through it in Debian's Chromium with Playwright, and saves one PNG
per page and width, named `<page>-<width>.png`:

    scripts/screenshots                         # into test-artifacts/screenshots/
    scripts/screenshots --out /tmp/shots --widths 390 1280 --pages home product

Checkout is followed as far as it goes without paying (details, delivery, payment); the account and
order pages are those of the demo customer. A page that cannot be reached is reported and skipped, so a
change that breaks one step still gives the other pictures. Standard library, Django and Playwright only.
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CHROMIUM = "/usr/bin/chromium"
WIDTHS = (320, 390, 768, 1280)
HEIGHT = 900  # only the first screen; the pictures are full page
CUSTOMER = ("customer@example.com", "demo-customer-2026")  # demo/management/commands/load_demo.py
DETAILS = {"E-mail address": "ada@example.com", "Full name": "Ada Lovelace", "Address line 1": "12 Mill Lane",
           "Town or city": "Bristol", "Postcode": "BS1 4XE", "Phone number": "07400 123456"}


def progress(message: str) -> None:
    print(f"==> {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def demo_environment(directory: Path) -> dict[str, str]:
    """The demo on a database, media and cache of its own, whatever the developer's shell or .env says."""
    return os.environ | {
        "DJANGO_SETTINGS_MODULE": "storefront.settings",
        "ENV_FILE": os.devnull,
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{directory / 'shop.sqlite3'}",
        "MEDIA_ROOT": str(directory / "media"),
        "CACHE_DIR": str(directory / "cache"),
        "REDIS_URL": "",
    }


def manage(*args: str, env: dict[str, str]) -> None:
    progress(f"manage.py {' '.join(args)}")
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def wait_until_answering(url: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("runserver stopped before it answered")
        try:
            urllib.request.urlopen(url, timeout=5).close()  # noqa: S310 - our own server on loopback
            return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"{url} did not answer within {timeout:.0f} s")


# --- The pages: each step opens its page in `page`, which may already hold a cart or a signed-in customer ---


def first_link(page, selector: str) -> None:
    page.goto(urljoin(page.url, page.locator(selector).first.get_attribute("href")))


def open_product(page, base: str) -> None:
    page.goto(base + "/category/electronics/?in_stock=1")
    first_link(page, ".product-card a[href*='/products/']")


def open_cart(page, base: str) -> None:
    open_product(page, base)
    sizes_in_stock = page.locator(".size-choice__option:not(.size-choice__option--sold-out)")
    if sizes_in_stock.count():  # no size is chosen for the shopper
        sizes_in_stock.first.click()
    page.get_by_role("button", name="Add to cart").first.click()
    page.wait_for_load_state("networkidle")
    page.goto(base + "/cart/")


def open_checkout_details(page, base: str) -> None:
    open_cart(page, base)
    page.get_by_role("link", name="Go to checkout").click()
    page.wait_for_url("**/checkout/details/")


def fill_in_details(page) -> None:
    for label, value in DETAILS.items():
        page.get_by_label(label, exact=True).fill(value)


def open_checkout_delivery(page, base: str) -> None:
    open_checkout_details(page, base)
    fill_in_details(page)
    page.get_by_role("button", name="Continue to delivery").click()
    page.wait_for_url("**/checkout/delivery/")


def open_checkout_payment(page, base: str) -> None:
    open_checkout_delivery(page, base)
    page.get_by_role("button", name="Continue to payment").click()
    page.wait_for_url("**/checkout/payment/")


def sign_in(page, base: str) -> None:
    page.goto(base + "/account/sign-in/")
    page.locator("input[name=username]").fill(CUSTOMER[0])
    page.locator("input[name=password]").fill(CUSTOMER[1])
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def open_account(page, base: str) -> None:
    sign_in(page, base)
    page.goto(base + "/account/")


def open_order(page, base: str) -> None:
    sign_in(page, base)
    page.goto(base + "/account/orders/")
    first_link(page, "main a[href*='/account/orders/']")


def open_path(path: str) -> Callable:
    return lambda page, base: page.goto(base + path)


PAGES: dict[str, Callable] = {
    "home": open_path("/"),
    "category": open_path("/category/clothing/"),
    "product": open_product,
    "search": open_path("/search/?q=shirt"),
    "search-nothing": open_path("/search/?q=zzzz"),
    "cart": open_cart,
    "checkout-details": open_checkout_details,
    "checkout-delivery": open_checkout_delivery,
    "checkout-payment": open_checkout_payment,
    "sign-in": open_path("/account/sign-in/"),
    "account": open_account,
    "order": open_order,
    "tracking": open_path("/track/"),
    "help": open_path("/help/"),
    "contact": open_path("/contact/"),
    "delivery": open_path("/delivery/"),
    "site-map": open_path("/site-map/"),
    "not-found": open_path("/no-such-page/"),
}


def take_screenshots(base: str, out: Path, widths: list[int], names: list[str]) -> list[str]:
    from playwright.sync_api import Error, sync_playwright

    failed = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=["--no-sandbox", "--disable-gpu"])
        for width in widths:
            for name in names:
                # A fresh context per picture: each page starts from an empty cart, signed out.
                context = browser.new_context(viewport={"width": width, "height": HEIGHT})
                page = context.new_page()
                page.set_default_timeout(15_000)
                try:
                    PAGES[name](page, base)
                    page.wait_for_load_state("networkidle")
                    page.screenshot(path=out / f"{name}-{width}.png", full_page=True)
                    progress(f"{name} at {width} px")
                except Error as error:
                    failed.append(f"{name} at {width} px: {error.message.splitlines()[0]}")
                    progress(f"could not reach {failed[-1]}")
                context.close()
        browser.close()
    return failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "test-artifacts" / "screenshots")
    parser.add_argument("--widths", type=int, nargs="+", default=list(WIDTHS))
    parser.add_argument("--pages", nargs="+", choices=PAGES, default=list(PAGES), metavar="PAGE",
                        help=f"some of: {', '.join(PAGES)}")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="fernhill-screenshots-") as directory:
        env = demo_environment(Path(directory))
        manage("migrate", "--noinput", env=env)
        manage("load_demo", env=env)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        progress(f"serving the demo on {base}")
        server = subprocess.Popen([PYTHON, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
                                  cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_until_answering(base + "/healthz", server)
            failed = take_screenshots(base, args.out, args.widths, args.pages)
        finally:
            server.terminate()
            server.wait(timeout=10)

    print(f"Screenshots in {args.out}")
    if failed:
        sys.exit("Not reached:\n  " + "\n  ".join(failed))


if __name__ == "__main__":
    main()
