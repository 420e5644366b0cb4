"""Per-key rate limit of the content API: a fixed window counted in the Django cache.

The cache, not the database: counting in the database would be a write per request,
queuing every reader behind the write lock (SQLite) or a hot row (PostgreSQL). With
CACHE_URL pointing at Redis or memcached, as production is configured, the count is
shared by every process and ``incr`` is atomic there; the local-memory default counts per
process (development). A window is a fixed slot of time, so a client learns exactly when
it may come back (Retry-After).
"""

from __future__ import annotations

import math
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from ninja.throttling import BaseThrottle


def spend(key_id: int, *, now: float | None = None) -> float | None:
    """Count one request for key ``key_id``: None if allowed, else seconds to wait."""
    limit = settings.DISTRIBUTION_RATE_LIMIT
    window = settings.DISTRIBUTION_RATE_WINDOW_SECONDS
    now = time.time() if now is None else now
    slot = int(now // window)
    name = f"distribution:rate:{key_id}:{slot}"
    if cache.add(name, 1, timeout=window + 1):
        count = 1
    else:
        try:
            count = cache.incr(name)
        except ValueError:  # expired between add and incr: a new window
            cache.add(name, 1, timeout=window + 1)
            count = 1
    if count <= limit:
        return None
    return max((slot + 1) * window - now, 1)


class PerKeyThrottle(BaseThrottle):
    """django-ninja throttle (it answers 429 with Retry-After) over ``spend``. One
    instance serves every thread; ninja asks wait() right after allow_request()."""

    def __init__(self) -> None:
        self._local = threading.local()

    def allow_request(self, request: HttpRequest) -> bool:
        key = getattr(request, "auth", None)
        self._local.wait = spend(key.pk) if key is not None else None
        return self._local.wait is None

    def wait(self) -> float | None:
        seconds = getattr(self._local, "wait", None)
        return math.ceil(seconds) if seconds else None
