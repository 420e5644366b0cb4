"""Project-level views that belong to no app."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@require_safe
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness for load balancers and monitors: the process answers, nothing more.

    Never cached (a stale "ok" would hide an outage) and touches no database, so it is also
    the benchmark's ceiling for the cheapest request Django can serve.
    """
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
