"""Workshop mode: numbered badges on the page elements that show a practice. Off unless a visitor turns it on.

On or off is remembered in a cookie, never the session, so the mode adds no database work to a page.
The footer's switch posts here; `?workshop=on` (or `off`) in any address does the same, which lets a
facilitator hand out links that open with the badges showing.
"""

from django.http import HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_POST

from storefront.redirects import safe_next_path

WORKSHOP_COOKIE = "workshop"
WORKSHOP_PARAMETER = "workshop"
_CHOICES = {"on": True, "off": False}
_REMEMBER_FOR = 60 * 60 * 24 * 30  # a month: longer than any course, shorter than forgetting it is on


def _remember(response: HttpResponse, request, on: bool) -> None:
    if on:
        response.set_cookie(WORKSHOP_COOKIE, "on", max_age=_REMEMBER_FOR, samesite="Lax",
                            secure=request.is_secure(), httponly=True)
    else:
        response.delete_cookie(WORKSHOP_COOKIE, samesite="Lax")


class WorkshopModeMiddleware:
    """Sets `request.workshop_mode`, from `?workshop=on|off` when the address has it, else from the cookie."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        asked = _CHOICES.get(request.GET.get(WORKSHOP_PARAMETER, ""))
        request.workshop_mode = asked if asked is not None else request.COOKIES.get(WORKSHOP_COOKIE) == "on"
        response = self.get_response(request)
        if asked is not None:
            _remember(response, request, asked)
        return response


@require_POST
def workshop_mode_switch(request):
    """The footer's switch: turn the mode on or off and return to the same page, now with or without badges."""
    on = request.POST.get("mode") == "on"
    response = HttpResponseRedirect(safe_next_path(request.POST.get("next", "")) or "/")
    _remember(response, request, on)
    return response
