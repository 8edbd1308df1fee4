from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.views.decorators.http import require_POST, require_safe
from django_htmx.http import trigger_client_event

from .context_processors import TEXT_SIZE_COOKIE, TEXT_SIZES
from .redirects import safe_next_path


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


@require_POST
def text_size(request):
    """Remember the chosen text size for a year; back to the page the shopper was on."""
    size = request.POST.get("size")
    if size not in {known for known, _, _ in TEXT_SIZES}:
        size = "medium"
    if request.htmx:
        # The page stays; text-size.js swaps the class on <html> when it hears this event.
        response = HttpResponse(status=204)
        trigger_client_event(response, "text-size-changed", {"size": size})
    else:
        response = HttpResponseRedirect(safe_next_path(request.POST.get("next", "")) or "/")
    response.set_cookie(TEXT_SIZE_COOKIE, size, max_age=60 * 60 * 24 * 365, samesite="Lax",
                        secure=request.is_secure(), httponly=True)
    return response
