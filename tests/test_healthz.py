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


def test_healthz_costs_no_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        client.get("/healthz")


def test_healthz_refuses_writes(client):
    assert client.post("/healthz").status_code == 405
