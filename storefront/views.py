import errno
import uuid

from django.conf import settings
from django.core.cache import cache, caches
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_POST, require_safe
from django.views.static import serve
from django_htmx.http import trigger_client_event

from .cache import DegradingRedisCache
from .context_processors import TEXT_SIZE_COOKIE, TEXT_SIZES
from .redirects import safe_next_path

PARTS = ("database", "cache")


def parts_down() -> list[str]:
    """The parts the shop leans on that do not answer now: "database", "cache"."""
    down = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        down.append("database")
    if not cache_answers():
        down.append("cache")
    return down


def cache_answers() -> bool:
    """A round trip through the cache; DegradingRedisCache hides Redis being down, so it is asked directly."""
    if isinstance(caches["default"], DegradingRedisCache):
        return caches["default"].answers()
    probe = f"healthz:{uuid.uuid4()}"
    try:
        cache.set(probe, "ok", 10)
        answered = cache.get(probe) == "ok"
        cache.delete(probe)
    except Exception:  # any backend's failure, whatever it raises, means "down" here
        return False
    return answered


def parts_report(down: list[str]) -> dict:
    status = "down" if "database" in down else "degraded" if down else "ok"
    return {"status": status, "down": down, **{part: "down" if part in down else "ok" for part in PARTS}}


@require_safe
def health(request):
    """Liveness, for an uptime monitor: 200 while this process answers, saying "ok", or "degraded" with what is
    down (without Redis pages are served without the cache), or "down" when the database does not answer."""
    return JsonResponse(parts_report(parts_down()))


@require_safe
def ready(request):
    """Readiness, for a load balancer: 503 while the database does not answer (no page can be served), else 200;
    either way the answer says what is down."""
    down = parts_down()
    return JsonResponse(parts_report(down), status=503 if "database" in down else 200)


@require_safe
def demo_media(request, path):
    """Demo only (SERVE_MEDIA): uploaded and generated pictures. A name the file system cannot even look up
    (longer than it allows) is a file we do not have."""
    try:
        return serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError as error:
        if error.errno == errno.ENAMETOOLONG:
            raise Http404("No such file") from error
        raise


@require_safe
def robots_txt(request):
    """Crawlers keep out of the back office and the customers' accounts, in every language's address, but may
    list the sign-in and sign-up pages: people search for "<shop> sign in"."""
    rules = ["User-agent: *", "Disallow: /admin/"]
    for code, _ in settings.LANGUAGES:
        with translation.override(code):
            rules += [f"Allow: {reverse('accounts:login')}", f"Allow: {reverse('accounts:sign_up')}",
                      f"Disallow: {reverse('accounts:account')}"]
    rules.append(f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}")
    return HttpResponse("\n".join(rules) + "\n", content_type="text/plain")


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
