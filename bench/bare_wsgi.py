"""The true ceiling for a cached page: a bare Django WSGI app, no middleware, no apps,
no database, returning the same bytes as the story page (read once at start-up from the
file named by BENCH_BARE_PAGE). Served by gunicorn with the same settings as the site.

    BENCH_BARE_PAGE=var/bench/story.html gunicorn bench.bare_wsgi:application
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.management.utils import get_random_secret_key
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

PAGE = Path(os.environ["BENCH_BARE_PAGE"]).read_bytes()


def page(request, **kwargs):
    return HttpResponse(PAGE, content_type="text/html; charset=utf-8")


settings.configure(
    DEBUG=False,
    # A throwaway app that signs nothing; a fresh key each start.
    SECRET_KEY=get_random_secret_key(),
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    USE_TZ=True,
)
urlpatterns = [path("<path:anything>", page), path("", page)]
application = get_wsgi_application()
