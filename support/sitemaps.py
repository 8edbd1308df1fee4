"""sitemap.xml for search engines (practice P62)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from shop.models import Category, Product

from .models import HelpArticle
from .pages import INFO_PAGES, LEARNING_LINKS


class EveryLanguageSitemap(Sitemap):
    """Each page once per language (/ko/cart/ beside /cart/), each listing the others as its alternates,
    and English as x-default: the address that sends a first visit on to the visitor's language."""

    i18n = True
    alternates = True
    x_default = True


class InfoPageSitemap(EveryLanguageSitemap):
    changefreq = "monthly"

    def items(self):
        return ["shop:home", "support:site_map", "support:help", "support:faq", "support:contact",
                *[f"support:{page.name}" for page in INFO_PAGES], *[name for _, name in LEARNING_LINKS]]

    def location(self, item):
        return reverse(item)


class CategorySitemap(EveryLanguageSitemap):
    changefreq = "weekly"

    def items(self):
        return Category.objects.order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class HelpArticleSitemap(EveryLanguageSitemap):
    changefreq = "monthly"

    def items(self):
        return HelpArticle.objects.filter(is_published=True).only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class ProductSitemap(EveryLanguageSitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return Product.objects.active().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {"pages": InfoPageSitemap, "help": HelpArticleSitemap, "categories": CategorySitemap,
            "products": ProductSitemap}
