from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.decorators.cache import cache_control

from distribution.api import api as content_api
from newsroom.views import healthz
from reader.sitemaps import NEWS_SITEMAPS, SITEMAPS
from reader.views import favicon_ico, robots_txt

# Crawlers poll sitemaps; a few minutes of caching spares the database.
sitemap_cache = cache_control(public=True, max_age=300)

admin.site.site_header = f"{settings.NEWSROOM_NAME} — newsroom"
admin.site.site_title = "Newsroom"
admin.site.index_title = "Desk"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("api/v1/", content_api.urls),  # subscribers' content API (distribution)
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon_ico, name="favicon_ico"),
    path(
        "sitemap.xml",
        sitemap_cache(sitemap),
        # Our template gives lastmod to the second (Django's own gives the date only).
        {"sitemaps": SITEMAPS, "template_name": "articles/sitemap.xml"},
        name="sitemap",
    ),
    path(
        "news-sitemap.xml",
        sitemap_cache(sitemap),
        {"sitemaps": NEWS_SITEMAPS, "template_name": "articles/news_sitemap.xml"},
        name="news_sitemap",
    ),
    path("preview/", include("desk.views")),  # signed draft previews (the desk)
    path("", include("reader.urls")),
]

if not settings.MEDIA_URL.startswith(("http://", "https://", "//")):
    from django.urls import re_path

    from reader.renditions import rendition

    # Renditions not yet in MEDIA_ROOT: published on first request once a story readers
    # can see shows them, shown to staff, else 404 (reader.renditions). In production the
    # web server serves MEDIA_ROOT and falls back to this for a missing file; in
    # development this serves MEDIA_ROOT too. (Originals are never under MEDIA_ROOT.)
    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", rendition, name="rendition")
    ]
