"""Every type of page a shopper meets in the demo shop, and how a browser gets to each (signed in, with a cart,
part-way through checkout), for the tests that hold all of them to the same standards
(test_every_page_in_a_browser.py). A new page type belongs here, so that it is checked like the rest."""

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from orders.models import Order
from shop.models import ProductVariant
from support.models import HelpArticle
from support.pages import INFO_PAGES

CUSTOMER = ("customer@example.com", "demo-customer-2026")  # the demo's customer (demo/…/load_demo.py)
DETAILS = {"E-mail address": "ada@example.com", "Full name": "Ada Lovelace", "Address line 1": "12 Mill Lane",
           "Town or city": "Bristol", "Postcode": "BS1 4XE", "Phone number": "07400 123456"}
CARD = {"Card number": "4242 4242 4242 4242", "Name on the card": "Ada Lovelace", "Expiry date": "04/39",
        "Security code": "123"}


@dataclass(frozen=True)
class PageType:
    name: str
    # Does what a shopper does to get there (sign in, fill the cart…) and gives the paths to check: one for
    # most types, every article for "help articles".
    reach: Callable[[Page, str], list[str]]
    status: int = 200


def sign_in(page: Page, shop_url: str) -> None:
    page.goto(shop_url + "/account/sign-in/")
    page.get_by_label("E-mail address").fill(CUSTOMER[0])
    page.get_by_label("Password").fill(CUSTOMER[1])
    page.locator("main").get_by_role("button", name="Sign in").click()
    expect(page).not_to_have_url(re.compile(r"/sign-in/"))


def fill_cart(page: Page, shop_url: str) -> None:
    """An item in a size and a one-size item, posted as the product page's form would."""
    page.goto(shop_url + "/cart/")
    token = next(cookie["value"] for cookie in page.context.cookies() if cookie["name"] == "csrftoken")
    in_stock = ProductVariant.objects.filter(stock__gt=2, product__is_active=True).order_by("pk")
    for variant in (in_stock.exclude(size="").first(), in_stock.filter(size="").first()):
        response = page.request.post(shop_url + "/cart/add/", form={"variant": str(variant.pk), "quantity": "1"},
                                     headers={"X-CSRFToken": token, "Referer": shop_url + "/cart/"})
        assert response.ok, response.status


def _continue(page: Page, button: str, step: str) -> None:
    page.get_by_role("button", name=button).click()
    expect(page).to_have_url(re.compile(step))


def _fill(page: Page, values: dict[str, str]) -> None:
    for label, value in values.items():
        page.get_by_label(label, exact=True).fill(value)


def checkout_to(step: str) -> Callable[[Page, str], list[str]]:
    """A guest with a full cart, through checkout up to `step` (details, delivery, payment, review, done)."""
    steps = ["details", "delivery", "payment", "review", "done"]

    def reach(page: Page, shop_url: str) -> list[str]:
        fill_cart(page, shop_url)
        page.goto(shop_url + "/checkout/")
        expect(page).to_have_url(re.compile(r"/checkout/details/$"))
        if steps.index(step) >= 1:
            _fill(page, DETAILS)
            _continue(page, "Continue to delivery", r"/checkout/delivery/$")
        if steps.index(step) >= 2:
            _continue(page, "Continue to payment", r"/checkout/payment/$")
        if steps.index(step) >= 3:
            _fill(page, CARD)
            _continue(page, "Continue to review", r"/checkout/review/$")
        if step == "done":
            page.get_by_role("button", name=re.compile(r"^Place order")).click()
            expect(page).to_have_url(re.compile(r"/checkout/thank-you/"))
        return [page.url.removeprefix(shop_url)]

    return reach


def path(address: str | Callable[[], str], *, signed_in: bool = False, cart: bool = False):
    def reach(page: Page, shop_url: str) -> list[str]:
        if signed_in:
            sign_in(page, shop_url)
        if cart:
            fill_cart(page, shop_url)
        return [address() if callable(address) else address]

    return reach


def customers_order(status: str) -> Callable[[], str]:
    def number() -> str:
        return Order.objects.filter(customer__email=CUSTOMER[0], status=status).values_list("number", flat=True)[0]

    return number


def product_with_sizes() -> str:
    variant = ProductVariant.objects.filter(product__is_active=True, stock__gt=0).exclude(size="").order_by("pk")[0]
    return variant.product.get_absolute_url()


def every_help_article(page: Page, shop_url: str) -> list[str]:
    return [article.get_absolute_url() for article in HelpArticle.objects.filter(is_published=True).order_by("pk")]


PAGE_TYPES = [
    PageType("home", path("/")),
    PageType("top category", path("/category/clothing/")),
    PageType("leaf category", path("/category/clothing-women-dresses/")),
    PageType("product with sizes", path(product_with_sizes)),
    PageType("product reviews", path(lambda: product_with_sizes() + "reviews/")),
    PageType("search", path("/search/?q=linen")),
    PageType("search without results", path("/search/?q=zzqx")),
    PageType("cart, empty", path("/cart/")),
    PageType("cart, full", path("/cart/", cart=True)),
    PageType("checkout: details", checkout_to("details")),
    PageType("checkout: delivery", checkout_to("delivery")),
    PageType("checkout: payment", checkout_to("payment")),
    PageType("checkout: review", checkout_to("review")),
    PageType("checkout: thank you", checkout_to("done")),
    PageType("sign-in", path("/account/sign-in/")),
    PageType("sign-up", path("/account/sign-up/")),
    PageType("password reset", path("/account/password-reset/")),
    PageType("account", path("/account/", signed_in=True)),
    PageType("account: orders", path("/account/orders/", signed_in=True)),
    PageType("account: an order on its way",
             path(lambda: f"/account/orders/{customers_order('shipped')()}/", signed_in=True)),
    PageType("account: addresses", path("/account/addresses/", signed_in=True)),
    PageType("account: new address", path("/account/addresses/add/", signed_in=True)),
    PageType("account: details", path("/account/profile/", signed_in=True)),
    PageType("account: order updates", path("/account/notifications/", signed_in=True)),
    PageType("tracking lookup", path("/track/")),
    PageType("tracking an order on its way", path(lambda: f"/track/{customers_order('shipped')()}/", signed_in=True)),
    PageType("returning a delivered order",
             path(lambda: f"/orders/{customers_order('delivered')()}/return/", signed_in=True)),
    PageType("help home", path("/help/")),
    PageType("help articles", every_help_article),
    PageType("help search", path("/help/search/?q=refund")),
    PageType("FAQ", path("/faq/")),
    PageType("contact", path("/contact/")),
    *[PageType(info_page.title, path(f"/{info_page.path}")) for info_page in INFO_PAGES],
    PageType("site map", path("/site-map/")),
    PageType("page not found", path("/no-such-page/"), status=404),
]


def by_name(page_types: list[PageType]):
    return [pytest.param(page_type, id=page_type.name) for page_type in page_types]


def console_errors(page, page_type: PageType) -> list[str]:
    """The page's console errors, but for the browser's note of the page's own 404 status when that is the point."""
    own_status = f"the server responded with a status of {page_type.status}"
    return [error for error in page.console_errors if page_type.status == 200 or own_status not in error]


# What sticks out to the right, for the failure message: the innermost elements wider than the screen.
WIDEST_ELEMENTS = """() => [...document.body.querySelectorAll('*')]
  .filter(element => element.getBoundingClientRect().right > innerWidth + 1
                     && ![...element.children].some(child => child.getBoundingClientRect().right > innerWidth + 1))
  .slice(0, 5)
  .map(element => `${element.localName}.${element.className} "${element.textContent.trim().slice(0, 20)}"`)"""
