"""A limit on how often one visitor may submit a public form, and who "one visitor" is behind a proxy.

Every count is kept in the shared cache, per client address (`client_address`) and, for a form that
names an account (sign-in), also per account: a room of thirty behind one router shares one address,
so the address's limit is generous, while guessing the password of one account stays stopped by the
account's own limit, whichever addresses the guesses come from.
"""

import hashlib
import ipaddress
import math
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import ngettext


def client_address(request) -> str:
    """The address of the visitor, as the last of our own proxies saw it.

    Each proxy appends the address it was reached from to X-Forwarded-For (nginx's
    `$proxy_add_x_forwarded_for`), so with TRUSTED_PROXY_COUNT proxies in front the entry that many from
    the right was written by the first of them; everything further left came from the client and can be
    anything. With no proxy configured (0, the default) the header is never read: a client that talks
    to the app directly cannot choose its own bucket.
    """
    connected = request.META.get("REMOTE_ADDR", "")
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted <= 0:
        return connected
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(forwarded) < trusted:  # not through every proxy: all we know is who connected
        return connected
    try:
        return str(ipaddress.ip_address(forwarded[-trusted]))
    except ValueError:
        return connected


def limit_exceeded(*, scope: str, who: str, limit: int, per_seconds: int) -> int:
    """Count one more try by `who`; the minutes until they may try again once past `limit`, else 0.

    A sliding window: the tries of this window count in full and the previous window's in the share of it
    still within `per_seconds`. With fixed windows, ten guesses just before the quarter hour turns and ten
    just after would all pass.
    """
    now = time.time()
    window, into_window = divmod(now, per_seconds)
    still_counted = 1 - into_window / per_seconds  # the share of the previous window still within reach
    tries = _count_one_more(_window_key(scope, who, int(window)), timeout=2 * per_seconds)
    before = cache.get(_window_key(scope, who, int(window) - 1), 0)
    if tries + before * still_counted <= limit:
        return 0
    # When the next try would pass: the previous window's weight falls to nothing as this one ends, and in
    # the next window this one's tries are the previous ones.
    if tries + 1 <= limit:
        seconds = per_seconds * (1 - (limit - tries - 1) / before) - into_window
    else:
        seconds = per_seconds * (1 - (limit - 1) / tries) + per_seconds - into_window
    return max(1, math.ceil((seconds + 1) / 60))  # a second to spare: at the very instant, rounding may still say no


def _window_key(scope: str, who: str, window: int) -> str:
    # Hashed: an e-mail address or a long IPv6 address makes a short key, and no address is kept in the cache.
    return f"ratelimit:{scope}:{hashlib.sha256(who.encode()).hexdigest()[:32]}:{window}"


def _count_one_more(key: str, *, timeout: int) -> int:
    cache.add(key, 0, timeout=timeout)
    try:
        tries = cache.incr(key)
    except ValueError:  # the count expired between add and incr: this is its first try
        cache.add(key, 1, timeout=timeout)
        return 1
    # Redis keeps a key's expiry through incr; the file cache of the demo writes the count again with its
    # default five minutes, which would forget the previous window's tries before they stop counting.
    cache.touch(key, timeout=timeout)
    return tries


def too_many_tries(request, minutes_left: int):
    """The page a visitor past a limit sees: how long to wait, and the phone number meanwhile."""
    return render(request, "429.html", {"minutes_left": minutes_left}, status=429)


def limit_message(request, *, scope: str, limit: int, per_seconds: int) -> str:
    """For a small form answered in place (a vote, a discount code): count one try by this address, and once
    past `limit` the sentence to show in place of the answer, else "". The form then says it where it is,
    with htmx or without, instead of the whole page turning into "Too many attempts"."""
    minutes_left = limit_exceeded(scope=scope, who=client_address(request), limit=limit, per_seconds=per_seconds)
    if not minutes_left:
        return ""
    return ngettext("That is a lot of tries from here in a short time: please try again in about %(minutes)s minute.",
                    "That is a lot of tries from here in a short time: please try again in about %(minutes)s minutes.",
                    minutes_left) % {"minutes": minutes_left}


def rate_limited(*, scope: str, limit: int, per_seconds: int, account_field: str = "", per_account: int = 0):
    """Answer "429 Too Many Requests" once one address has POSTed `limit` times within the window.

    With `account_field` (the form field naming the account, such as the e-mail typed to sign in), also
    once `per_account` POSTs within the window named the same account, from any addresses. The account is
    compared as typed, ignoring case and surrounding spaces, as sign-in does.
    """

    def decorator(view):
        @wraps(view)
        def limited_view(request, *args, **kwargs):
            if request.method == "POST":
                minutes_left = limit_exceeded(scope=scope, who=client_address(request), limit=limit,
                                              per_seconds=per_seconds)
                account = request.POST.get(account_field, "").strip().casefold() if account_field else ""
                if account:  # a form sent with the field empty names no account, and signs no one in
                    minutes_left = max(minutes_left, limit_exceeded(
                        scope=f"{scope}:account", who=account, limit=per_account, per_seconds=per_seconds))
                if minutes_left:
                    return too_many_tries(request, minutes_left)
            return view(request, *args, **kwargs)

        return limited_view

    return decorator
