"""A URL that fails, for the logging test (tests/test_settings.py)."""

from django.urls import path


def boom(request):
    raise RuntimeError("the printing press jammed")


urlpatterns = [path("boom/", boom)]
