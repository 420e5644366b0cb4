"""API keys: hashed at rest, shown once, revocable; each subscriber sees its own products."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import CommandError, call_command

from articles.models import Section
from distribution import keys
from distribution.models import ApiKey, Product, Subscriber
from tests.conftest import published
from tests.distribution.conftest import Api, make_subscriber


def test_a_key_is_stored_only_as_a_hash_and_its_prefix(subscriber):
    found, key = subscriber
    row = ApiKey.objects.get(subscriber=found)
    assert key.startswith(f"nrk_{row.prefix}_")
    assert row.digest == keys.digest(key) and key not in row.digest
    stored = [str(v) for v in ApiKey.objects.values_list(flat=True).values().get().values()]
    assert not any(key in value for value in stored)
    assert len(key) > 50  # 256 bits of randomness after the prefix


def test_a_valid_key_reads_the_feed_and_records_its_use(api, subscriber):
    assert api.get("/feed").status_code == 200
    assert ApiKey.objects.get(subscriber=subscriber[0]).last_used_at is not None


@pytest.mark.parametrize(
    "header",
    [None, "Bearer ", "Bearer nrk_abcdefgh_" + "x" * 43, "Basic dXNlcjpwYXNz", "nonsense"],
)
def test_a_missing_or_unknown_key_is_401(db, header):
    headers = {"Authorization": header} if header is not None else {}
    response = Api(None).get("/feed", **headers)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_key_is_refused_at_once(api, subscriber):
    assert api.get("/feed").status_code == 200
    ApiKey.objects.get(subscriber=subscriber[0]).revoke()
    assert api.get("/feed").status_code == 401


def test_a_key_of_an_inactive_subscriber_is_refused(api, subscriber):
    Subscriber.objects.filter(pk=subscriber[0].pk).update(active=False)
    assert api.get("/feed").status_code == 401


def test_a_subscriber_cannot_read_another_products_item(db, section):
    sports = Section.objects.create(name="Sports", slug="sports")
    national_only = Product.objects.create(name="National", slug="national")
    national_only.sections.add(section)
    sports_only = Product.objects.create(name="Sports desk", slug="sports")
    sports_only.sections.add(sports)
    _, national_key, _ = make_subscriber("National Daily", products=[national_only])
    _, sports_key, _ = make_subscriber("Sports Weekly", products=[sports_only])
    story = published(sports, slug="Final-score")
    code = story.article.code

    assert Api(sports_key).get(f"/items/{code}").status_code == 200
    refused = Api(national_key).get(f"/items/{code}")
    missing = Api(national_key).get("/items/HEN20990101999900")
    assert refused.status_code == missing.status_code == 404
    assert refused.json() == missing.json()  # nothing tells it apart from a missing item
    assert Api(national_key).get(f"/items/{code}/versions/0").status_code == 404
    assert Api(national_key).feed()["events"] == []
    assert [e["code"] for e in Api(sports_key).feed()["events"]] == [code]


def test_the_rate_limit_answers_429_with_retry_after(api, settings):
    settings.DISTRIBUTION_RATE_LIMIT = 3
    assert [api.get("/feed").status_code for _ in range(3)] == [200, 200, 200]
    refused = api.get("/feed")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= settings.DISTRIBUTION_RATE_WINDOW_SECONDS


def test_the_rate_limit_is_per_key(db, settings):
    settings.DISTRIBUTION_RATE_LIMIT = 1
    first, second = Api(make_subscriber("A")[1]), Api(make_subscriber("B")[1])
    assert first.get("/feed").status_code == 200
    assert first.get("/feed").status_code == 429
    assert second.get("/feed").status_code == 200


def test_add_subscriber_prints_a_working_key_once(db):
    out = io.StringIO()
    call_command("add_subscriber", "Morning Star", "--email", "desk@star.example", stdout=out)
    key = re.search(r"^API_KEY=(\S+)$", out.getvalue(), re.M).group(1)
    subscriber = Subscriber.objects.get(name="Morning Star")
    assert [p.slug for p in subscriber.products.all()] == ["all"]
    assert Api(key).get("/feed").status_code == 200
    assert "WEBHOOK_SECRET" not in out.getvalue()


def test_add_subscriber_with_a_webhook_prints_its_signing_secret(db):
    out = io.StringIO()
    call_command(
        "add_subscriber", "Evening Post", "--webhook", "https://post.example/hooks", stdout=out
    )
    secret = re.search(r"^WEBHOOK_SECRET=(\S+)$", out.getvalue(), re.M).group(1)
    assert Subscriber.objects.get(name="Evening Post").webhook_secret == secret


def test_add_subscriber_refuses_plain_http_and_unknown_products(db, settings):
    settings.DISTRIBUTION_WEBHOOK_ALLOW_HTTP_LOOPBACK = False
    with pytest.raises(CommandError, match="HTTPS"):
        call_command("add_subscriber", "X", "--webhook", "http://x.example/h", stdout=io.StringIO())
    with pytest.raises(CommandError, match="loopback in development"):
        call_command("add_subscriber", "X", "--webhook", "http://127.0.0.1/h", stdout=io.StringIO())
    with pytest.raises(CommandError, match="No product 'nope'"):
        call_command("add_subscriber", "X", "--product", "nope", stdout=io.StringIO())
    assert not Subscriber.objects.exists()


def test_add_subscriber_dry_run_creates_nothing(db):
    out = io.StringIO()
    call_command("add_subscriber", "Dry", "--dry-run", stdout=out)
    assert "dry run" in out.getvalue() and "API_KEY" not in out.getvalue()
    assert not Subscriber.objects.exists() and not ApiKey.objects.exists()
