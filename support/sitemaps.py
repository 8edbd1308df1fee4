"""sitemap.xml for search engines (practice P62)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from shop.models import Category, Product

from .pages import INFO_PAGES


class InfoPageSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return ["shop:home", "support:site_map", *[f"support:{page.name}" for page in INFO_PAGES]]

    def location(self, item):
        return reverse(item)


class CategorySitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Category.objects.order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class ProductSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return Product.objects.visible().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {"pages": InfoPageSitemap, "categories": CategorySitemap, "products": ProductSitemap}
