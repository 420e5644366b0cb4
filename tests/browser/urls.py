"""The site's URLs plus the renditions under this test's MEDIA_ROOT, for the live server.

(The project serves media only in development, from the folder set at import time.)
"""

from django.conf import settings
from django.urls import include, re_path
from django.views.static import serve


def media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", media),
    re_path(r"", include("newsroom.urls")),
]
