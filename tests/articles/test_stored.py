"""A StoredQuery answers exactly what its queryset answers, composing it once per shape."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import CharField, Count, DateTimeField, IntegerField
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Version
from articles.stored import StoredQuery
from tests.conftest import follow_up, published

NOW = timezone.now()


def as_seen(version: Version) -> tuple:
    article = version.article
    return (
        version.pk,
        version.number,
        version.headline,
        version.publish_at,
        article.code,
        article.section.name,
        getattr(version, "parts", None),
    )


@pytest.fixture
def stories(section) -> list[Version]:
    first = published(section, slug="Floods", at=NOW - dt.timedelta(hours=3))
    lead = follow_up(first, headline="Floods spread", at=NOW - dt.timedelta(hours=1))
    other = published(section, slug="Budget", at=NOW - dt.timedelta(hours=2))
    return [first, lead, other]


def live_by_code(at, code):
    return (
        Version.objects.live(at=at)
        .filter(article__code=code)
        .select_related("article__section")
        .annotate(parts=Count("captions"))
        .order_by("-pk")
    )


def test_objects_are_the_querysets_own_for_any_value(stories):
    built = []
    stored = StoredQuery(
        lambda at, code: built.append(1) or live_by_code(at, code),
        at=DateTimeField(),
        code=CharField(),
    )
    first, lead, other = stories
    for at in (NOW, NOW - dt.timedelta(minutes=90), NOW - dt.timedelta(days=1)):
        for code in (first.article.code, other.article.code, "no-such-code"):
            expected = [as_seen(v) for v in live_by_code(at, code)]
            assert [as_seen(v) for v in stored.objects(at=at, code=code)] == expected
    assert len(built) == 1  # composed once, run nine times
    # An hour and a half ago the first version was live, now its lead.
    assert stored.objects(at=NOW - dt.timedelta(minutes=90), code=first.article.code)[0] == first
    assert stored.objects(at=NOW, code=first.article.code)[0] == lead


def test_a_list_value_is_compiled_per_length(stories):
    built = []
    stored = StoredQuery(
        lambda at, articles: (
            built.append(len(articles))
            or Version.objects.live(at=at).filter(article_id__in=articles).order_by("pk")
        ),
        at=DateTimeField(),
        articles=IntegerField(),
    )
    first, _, other = stories
    both = [first.article_id, other.article_id]
    assert stored.objects(at=NOW, articles=both) == list(
        Version.objects.live(at=NOW).filter(article_id__in=both).order_by("pk")
    )
    assert stored.objects(at=NOW, articles=[other.article_id]) == [other]
    assert stored.objects(at=NOW, articles=[first.article_id]) == [stories[1]]
    assert sorted(built) == [1, 2]


def test_rows_and_shapes(stories):
    stored = StoredQuery(
        lambda at, start: (
            Version.objects.live(at=at)
            .order_by("-publish_at")
            .values_list("pk", "publish_at")[start : start + 1]
        ),
        at=DateTimeField(),
    )
    expected = list(
        Version.objects.live(at=NOW).order_by("-publish_at").values_list("pk", "publish_at")
    )
    assert [tuple(r) for r in stored.rows(at=NOW, shape={"start": 0})] == expected[:1]
    assert [tuple(r) for r in stored.rows(at=NOW, shape={"start": 1})] == expected[1:2]


def test_one_query_a_call(stories):
    stored = StoredQuery(live_by_code, at=DateTimeField(), code=CharField())
    stored.objects(at=NOW, code="x")
    with CaptureQueriesContext(connection) as queries:
        stored.objects(at=NOW, code=stories[0].article.code)
    assert len(queries) == 1


def test_a_value_its_sql_does_not_take_is_refused(db):
    stored = StoredQuery(lambda at: Version.objects.all(), at=DateTimeField())
    with pytest.raises(ImproperlyConfigured, match="'at' is not a parameter"):
        stored.objects(at=NOW)


def test_an_empty_list_finds_nothing_without_a_query(stories):
    stored = StoredQuery(lambda ids: Version.objects.filter(pk__in=ids), ids=IntegerField())
    with CaptureQueriesContext(connection) as queries:
        assert stored.objects(ids=[]) == []
    assert len(queries) == 0
    assert stored.objects(ids=[stories[2].pk]) == [stories[2]]
