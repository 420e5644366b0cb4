"""Anonymous public pages served from the cache, at no database cost for a hit.

A page is stored under the newsroom's *generation* (reader.freshness), which moves with
every change readers can see (a publish, schedule, kill or fold; draft saves don't
count), and under the request's scheme and host, so a request with another Host header
(or over HTTP rather than HTTPS) never reads or fills another address's page. A
scheduled version needs no change at all to appear, so no entry outlives the next
scheduled publish time.

Staff (anyone with a session cookie), the admin, and responses marked private (previews)
bypass the cache entirely, so an anonymous reader can never be served a staff view.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

from reader import freshness

CACHEABLE_STATUS = {200, 404, 410}


class PublicPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.cacheable_request(request):
            return self.get_response(request)
        # Hashed: a long search URL must not become a key memcached would refuse. The
        # page names its own address (canonical, og:url, JSON-LD), so the scheme and the
        # host are part of the key; the host is one that ALLOWED_HOSTS admits (get_host()
        # refuses any other).
        url = f"{request.scheme}://{request.get_host()} {request.get_full_path()}"
        path = hashlib.sha256(url.encode()).hexdigest()
        key = f"public:{freshness.generation()}:{request.method}:{path}"
        response = cache.get(key)
        if response is not None:
            return response
        response = self.get_response(request)
        if self.cacheable_response(response):
            timeout = float(settings.PUBLIC_CACHE_SECONDS)
            upcoming = freshness.seconds_until_next_scheduled()
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
