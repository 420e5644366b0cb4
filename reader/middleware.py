"""Anonymous public pages served from the cache.

A page is stored under the newsroom's *generation*: the id of the newest audit entry that
readers can see (a publish, schedule, kill or fold; draft saves don't count). Every such
change writes its audit entry in its transaction, so the next request after one looks
under a new key and renders afresh: nobody clears anything. A scheduled version needs no
change at all to appear, so no entry outlives the next scheduled publish time.

Staff (anyone with a session cookie), the admin, and responses marked private (previews)
bypass the cache entirely, so an anonymous reader can never be served a staff view.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db.models import Min
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control

CACHEABLE_STATUS = {200, 404, 410}


def generation() -> int:
    from articles.models import AuditEntry

    return AuditEntry.reader_generation()


def seconds_until_next_scheduled() -> float | None:
    from articles.models import Version

    upcoming = Version.objects.scheduled().aggregate(first=Min("publish_at"))["first"]
    return None if upcoming is None else (upcoming - timezone.now()).total_seconds()


class PublicPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.cacheable_request(request):
            return self.get_response(request)
        # Hashed: a long search URL must not become a key memcached would refuse.
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"public:{generation()}:{request.method}:{path}"
        response = cache.get(key)
        if response is not None:
            return response
        response = self.get_response(request)
        if self.cacheable_response(response):
            timeout = float(settings.PUBLIC_CACHE_SECONDS)
            upcoming = seconds_until_next_scheduled()
            if upcoming is not None:
                timeout = min(timeout, max(upcoming, 0))
            if timeout >= 1:
                # Browsers and proxies revalidate every time (cheap 304s), so a kill or a
                # correction reaches the very next reader.
                patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
                cache.set(key, response, timeout)
        return response

    @staticmethod
    def cacheable_request(request: HttpRequest) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(settings.PUBLIC_CACHE_SKIP_PREFIXES)
        )

    @staticmethod
    def cacheable_response(response: HttpResponse) -> bool:
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code in CACHEABLE_STATUS
            and not response.streaming
            and not response.cookies
            and "private" not in cache_control
            and "no-store" not in cache_control
            and "no-cache" not in cache_control
        )
