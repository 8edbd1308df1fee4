"""sitemap.xml's section for the practice pages (practice P62); storefront/urls.py adds it to the shop's."""

from django.urls import reverse

from support.sitemaps import EveryLanguageSitemap

from .catalogue import practices


class PracticeSitemap(EveryLanguageSitemap):
    changefreq = "monthly"

    def items(self):
        return [practice.id for practice in practices()]

    def location(self, item):
        return reverse("workshop:practice", args=[item])
