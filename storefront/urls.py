from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from accounts import views as account_views
from storefront import views
from support.sitemaps import SITEMAPS as SHOP_SITEMAPS
from workshop.sitemaps import PracticeSitemap

# Each app describes its own pages; the project serves them as one sitemap index.
SITEMAPS = {**SHOP_SITEMAPS, "practices": PracticeSitemap}

# The pages shoppers read, in every language: "/cart/" in English (unprefixed, so every link made before
# languages keeps working), "/zh-hant/cart/", "/zh-hans/cart/" and "/ko/cart/" (storefront/languages.py).
urlpatterns = i18n_patterns(
    path("", include("shop.urls")),
    path("", include("support.urls")),
    path("account/", include("accounts.urls")),
    path("", include("orders.urls")),
    path("", include("workshop.urls")),
    prefix_default_language=False,
)

# Addresses for machines and for forms' answers, the same in every language.
urlpatterns += [
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap-index"),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS},
         name="django.contrib.sitemaps.views.sitemap"),
    path("robots.txt", views.robots_txt),
    path("healthz", views.health),
    path("readyz", views.ready),
    path("favicon.ico", views.favicon),
    path("text-size/", views.text_size, name="text_size"),
    path("language/", account_views.language_switch, name="language"),
]

if apps.is_installed("demo"):
    # Demo only: see DEMO in settings.py. A shop without the demo/ folder has no such pages. The inbox is read by
    # people, in their language, like the shop's own pages.
    urlpatterns += i18n_patterns(path("demo/inbox/", include("demo.urls")), prefix_default_language=False)

if settings.SERVE_MEDIA:
    # Demo only: see SERVE_MEDIA in settings.py.
    urlpatterns.append(path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", views.demo_media))

admin.site.site_header = f"{settings.SHOP['name']} back office"
admin.site.site_title = settings.SHOP["name"]
