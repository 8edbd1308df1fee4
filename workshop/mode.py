"""Workshop mode: numbered badges on the page elements that show a practice. Off unless a visitor turns it on.

On or off is remembered in a cookie, never the session, so the mode adds no database work to a page.
The footer's switch posts to `workshop_mode_switch` (views.py); `?workshop=on` (or `off`) in any address
does the same, which lets a facilitator hand out links that open with the badges showing.
"""

from django.http import HttpResponse

WORKSHOP_COOKIE = "workshop"
WORKSHOP_PARAMETER = "workshop"
_CHOICES = {"on": True, "off": False}
_REMEMBER_FOR = 60 * 60 * 24 * 30  # a month: longer than any course, shorter than forgetting it is on


def mode_remember(response: HttpResponse, request, on: bool) -> None:
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
            mode_remember(response, request, asked)
        return response

