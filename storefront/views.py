from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.views.decorators.http import require_safe


@require_safe
def health(request):
    """For a load balancer or uptime monitor: 200 when the database and the cache answer."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    cache.get("healthz")
    return JsonResponse({"database": "ok", "cache": "ok"})


@require_safe
def robots_txt(request):
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
    return HttpResponse(f"User-agent: *\nDisallow: /admin/\nDisallow: /account/\nSitemap: {sitemap_url}\n",
                        content_type="text/plain")


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico on their own, whatever the page's <link rel="icon"> says."""
    return redirect(static("img/logo-mark.svg"), permanent=True)
