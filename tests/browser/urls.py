"""The site's URLs for the live server (renditions are answered by reader.renditions,
from this test's MEDIA_ROOT and private renditions folder, whatever DEBUG says)."""

from django.urls import include, re_path

urlpatterns = [re_path(r"", include("newsroom.urls"))]
