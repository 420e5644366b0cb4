"""/healthz: the liveness check load balancers poll (and the benchmark's ceiling)."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_as_plain_text(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert reverse("healthz") == "/healthz"


def test_healthz_is_never_cached_by_the_site_or_by_proxies(client):
    response = client.get("/healthz")

    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control
    assert "max-age=0" in cache_control


def test_healthz_adds_no_query_to_the_page_cache_lookup(client, django_assert_max_num_queries):
    # The public page cache asks the audit log for its generation first; the view adds nothing.
    with django_assert_max_num_queries(1):
        client.get("/healthz")


def test_healthz_refuses_writes(client):
    assert client.post("/healthz").status_code == 405
