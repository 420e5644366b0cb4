from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.decorators.cache import cache_control

from distribution.api import api as content_api
from newsroom.views import healthz
from reader.sitemaps import NEWS_SITEMAPS, SITEMAPS
from reader.views import robots_txt

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

if settings.SERVE_MEDIA:
    from django.urls import re_path
    from django.views.static import serve

    # Demo only: renditions served by Django; production uses the web server or storage.
    # (Originals are not under MEDIA_ROOT, so they can never be served from here.)
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]
