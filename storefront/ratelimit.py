"""A small limit on how often one visitor may submit a public form (sign-in now; contact, Q&A later)."""

import time
from functools import wraps

from django.core.cache import cache
from django.shortcuts import render


def rate_limited(*, scope: str, limit: int, per_seconds: int):
    """Answer "429 Too Many Requests" once one address has POSTed `limit` times within the window.

    Counted per REMOTE_ADDR in the shared cache. Behind a proxy, make the proxy set REMOTE_ADDR
    (gunicorn's --forwarded-allow-ips) rather than trusting a header any client can forge.
    """

    def decorator(view):
        @wraps(view)
        def limited_view(request, *args, **kwargs):
            if request.method == "POST":
                window = int(time.time() // per_seconds)
                key = f"ratelimit:{scope}:{request.META.get('REMOTE_ADDR', '')}:{window}"
                cache.add(key, 0, timeout=per_seconds)
                try:
                    count = cache.incr(key)
                except ValueError:  # the cache lost the counter or is down: let the request through
                    count = 1
                if count > limit:
                    minutes_left = max(1, round(((window + 1) * per_seconds - time.time()) / 60))
                    return render(request, "429.html", {"minutes_left": minutes_left}, status=429)
            return view(request, *args, **kwargs)

        return limited_view

    return decorator
