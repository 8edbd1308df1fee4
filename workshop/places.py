"""The live places the practice catalogue and the guided tour point at ("see it: product page → …").

A place is a page of the demo shop, found afresh each time (the demo's first reviewed product, the demo
customer's delivered order…), so links stay true when the catalogue changes. Some pages show only to a
certain visitor: a shopper with something in the cart, the signed-in demo customer, or staff. `press`
lists buttons to press once there, for what shows only after a step, such as a form's error messages.
The generated browser test (tests/browser/test_practice_badges_in_a_browser.py) visits every place
as its visitor and finds the badge of each practice that names it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from django.apps import apps
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

# The account the "customer" visitor signs in as: the demo (demo/management/commands/load_demo.py) makes
# it with this address, a saved address and orders at several stages.
CUSTOMER_EMAIL = "customer@example.com"

VISITORS = {
    "guest": _("anyone"),
    "shopper": _("a visitor with something in the cart"),
    "customer": _("the demo customer, signed in, with something in the cart"),
    "staff": _("a member of staff, signed in"),
}


@dataclass(frozen=True)
class Place:
    key: str
    name: str  # in the page's language (a lazy translation)
    locate: Callable[[], str | None]  # the page's path, or None when the shop has nothing to show there
    visitor: str = "guest"
    # The English names of buttons to press in turn once on the page, as the browser test finds them; marked
    # for translation (gettext_noop), so the practice page says them as the page's language names the buttons.
    press: tuple[str, ...] = ()

    def path(self) -> str | None:
        return self.locate()

    @property
    def visitor_description(self) -> str:
        return VISITORS[self.visitor]


def _url(name: str, *args, query: dict | None = None) -> Callable[[], str]:
    return lambda: reverse(name, args=args) + (f"?{urlencode(query)}" if query else "")


def _showcase_product():
    """The demo's most reviewed product: it has sizes, a rating, reviews and questions to point at."""
    from shop.models import Product

    return Product.objects.active().filter(rating_count__gt=0).order_by("-rating_count", "pk").first()


def _product_page(name: str) -> Callable[[], str | None]:
    def locate():
        product = _showcase_product()
        return reverse(name, args=[product.slug]) if product else None
    return locate


def _reviews_the_shop_answered() -> str | None:
    """The reviews of the product whose poor review the shop answered last: its reply shows on the first page."""
    from shop.models import Review

    answered = Review.objects.filter(status=Review.Status.PUBLISHED).exclude(shop_reply="").select_related("product")
    review = answered.order_by("-created_at", "pk").first()
    return reverse("shop:reviews", args=[review.product.slug]) if review else None


def _first_category(*, leaf: bool) -> str | None:
    from shop.models import Category

    categories = Category.objects.filter(children__isnull=True) if leaf else Category.objects.filter(parent=None)
    category = categories.order_by("position", "pk").first()
    return category.get_absolute_url() if category else None


def _first_help_article(*, quoting_sources: bool = False) -> str | None:
    from support.models import HelpArticle

    articles = HelpArticle.objects.filter(is_published=True)
    if quoting_sources:
        articles = articles.exclude(sources="")
    article = articles.order_by("topic__position", "position", "pk").first()
    return article.get_absolute_url() if article else None


def _demo_customer_order(status: str, name: str) -> Callable[[], str | None]:
    def locate():
        from orders.models import Order

        order = Order.objects.filter(customer__email=CUSTOMER_EMAIL, status=status).order_by("-created_at").first()
        return reverse(name, args=[order.number]) if order else None
    return locate


def _demo_survey() -> str | None:
    from orders.models import Order
    from orders.survey.links import survey_link

    order = Order.objects.filter(customer__email=CUSTOMER_EMAIL, status=Order.Status.DELIVERED).first()
    return urlsplit(survey_link(order)).path if order else None


def _demo_inbox() -> str | None:
    """The demo inbox exists only while the demo app is installed (DEMO in settings.py)."""
    return reverse("demo_inbox:inbox") if apps.is_installed("demo") else None


_DELIVERED, _PLACED = "delivered", "placed"

PLACES = {place.key: place for place in [
    Place("home", _("Home page"), _url("shop:home")),
    Place("category", _("A top-level category"), lambda: _first_category(leaf=False)),
    Place("subcategory", _("A bottom-level category"), lambda: _first_category(leaf=True)),
    Place("product", _("A product page"), _product_page("shop:product")),
    Place("reviews", _("A product's reviews"), _product_page("shop:reviews")),
    Place("reviews_answered", _("A product's reviews, one answered by the shop"), _reviews_the_shop_answered),
    Place("ask_question", _("Asking about a product"), _product_page("support:ask_question")),
    Place("search", _("Search results for “linen”"), _url("shop:search", query={"q": "linen"})),
    Place("long_listing", _("Search results for “lasts”: every product, in pages"),
          _url("shop:search", query={"q": "lasts"})),
    Place("search_nothing", _("A search that finds nothing"), _url("shop:search", query={"q": "zebra umbrella"})),
    Place("cart", _("The cart"), _url("shop:cart"), visitor="shopper"),
    Place("checkout", _("Checkout: your details"), _url("orders:details"), visitor="shopper"),
    Place("checkout_error", _("Checkout: your details, sent empty"), _url("orders:details"), visitor="shopper",
          press=(gettext_noop("Continue to delivery"),)),
    Place("checkout_delivery", _("Checkout: delivery"), _url("orders:details"), visitor="customer",
          press=(gettext_noop("Continue to delivery"),)),
    Place("checkout_payment", _("Checkout: payment"), _url("orders:details"), visitor="customer",
          press=(gettext_noop("Continue to delivery"), gettext_noop("Continue to payment"))),
    Place("sign_up", _("Creating an account"), _url("accounts:sign_up")),
    Place("sign_in", _("Signing in"), _url("accounts:login")),
    Place("account", _("Your account"), _url("accounts:account"), visitor="customer"),
    Place("account_orders", _("Your orders"), _url("accounts:orders"), visitor="customer"),
    Place("delivered_order", _("A delivered order in the account"), _demo_customer_order(_DELIVERED, "accounts:order"),
          visitor="customer"),
    Place("new_order", _("A new order in the account"), _demo_customer_order(_PLACED, "accounts:order"),
          visitor="customer"),
    Place("addresses", _("Saved addresses"), _url("accounts:addresses"), visitor="customer"),
    Place("notification_settings", _("Notification preferences"), _url("accounts:notifications"), visitor="customer"),
    Place("cancel", _("Cancelling an order"), _demo_customer_order(_PLACED, "orders:cancel"), visitor="customer"),
    Place("return_start", _("Starting a return"), _demo_customer_order(_DELIVERED, "orders:return_start"),
          visitor="customer"),
    Place("withdraw", _("Withdrawing from the contract"), _demo_customer_order(_DELIVERED, "orders:withdraw"),
          visitor="customer"),
    Place("tracking_lookup", _("Track your order"), _url("orders:tracking_lookup")),
    Place("tracking", _("Tracking an order on its way"), _demo_customer_order("shipped", "orders:tracking"),
          visitor="customer"),
    Place("survey", _("The after-delivery survey"), _demo_survey),
    Place("demo_inbox", _("The demo inbox"), _demo_inbox),
    Place("help", _("Help centre"), _url("support:help")),
    Place("help_article", _("A help article"), _first_help_article),
    Place("help_article_sources", _("A help article that quotes its sources"),
          lambda: _first_help_article(quoting_sources=True)),
    Place("help_search", _("Help search for “return”"), _url("support:help_search", query={"q": "return"})),
    Place("faq", _("Frequently asked questions"), _url("support:faq")),
    Place("contact", _("Contact us"), _url("support:contact")),
    Place("contact_error", _("Contact us, sent empty"), _url("support:contact"), press=(gettext_noop("Send message"),)),
    Place("delivery_policy", _("Delivery policy"), _url("support:shipping")),
    Place("returns_policy", _("Returns policy"), _url("support:returns")),
    Place("about", _("About us"), _url("support:about")),
    Place("guarantees", _("Our guarantees"), _url("support:guarantees")),
    Place("privacy", _("Privacy and security"), _url("support:privacy")),
    Place("cookies", _("Cookies"), _url("support:cookies")),
    Place("terms", _("Terms and conditions"), _url("support:terms")),
    Place("legal", _("Legal notice"), _url("support:legal")),
    Place("site_map", _("Site map"), _url("support:site_map")),
    Place("practices", _("The practice catalogue"), _url("workshop:practices")),
    Place("tour", _("The guided tour"), _url("workshop:tour")),
    Place("dashboard", _("Customer-experience dashboard"), _url("workshop:dashboard"), visitor="staff"),
]}
