"""Database constraints back the invariants even against raw bad rows."""

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from articles.models import Article, Version
from tests.conftest import draft, published


def raw_insert_version(article: Article, **overrides) -> None:
    row = {
        "article_id": article.pk,
        "number": 5,
        "kind": "lead",
        "lead_ordinal": 1,
        "genre": "news",
        "genre_source": "",
        "headline": "h",
        "deck": "",
        "dateline_place": "",
        "body": "",
        "signoff": "",
        "correction_note": "",
        "internal_note": "",
        "status": "draft",
        "publish_at": None,
        "created_at": timezone.now(),
        "updated_at": timezone.now(),
        "revision": 1,
        "fingerprint": "",
    } | overrides
    columns = ", ".join(row)
    marks = ", ".join(["%s"] * len(row))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO articles_version ({columns}) VALUES ({marks})",  # noqa: S608 - fixed columns
            list(row.values()),
        )


def test_version_number_is_unique_per_article(db, section):
    version = draft(section)
    with pytest.raises(IntegrityError):
        raw_insert_version(version.article, number=0, kind="original")


def test_published_needs_a_publish_time(db, section):
    with pytest.raises(IntegrityError):
        raw_insert_version(draft(section).article, status="published", publish_at=None)


def test_status_must_be_one_of_the_choices(db, section):
    with pytest.raises(IntegrityError):
        raw_insert_version(draft(section).article, status="live")


def test_kind_and_genre_must_be_known(db, section):
    article = draft(section).article
    with pytest.raises(IntegrityError):
        raw_insert_version(article, kind="scoop")
    with pytest.raises(IntegrityError):
        raw_insert_version(article, genre="gossip")


def test_a_correction_carries_a_public_note(db, section):
    with pytest.raises(IntegrityError):
        raw_insert_version(draft(section).article, kind="correction", correction_note="")


def test_first_version_is_an_original_or_an_urgent(db, section):
    with pytest.raises(IntegrityError):
        raw_insert_version(draft(section).article, number=0, kind="lead")


def test_one_code_per_article(db, section):
    version = draft(section)
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(code=version.article.code, slug="Other", section=section)


def test_kill_needs_a_note(db, section):
    article = published(section).article
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(killed_at=timezone.now(), kill_note="")


def test_a_published_row_with_a_time_is_accepted(db, section):
    article = draft(section).article
    raw_insert_version(
        article, status="published", publish_at=timezone.now() - dt.timedelta(minutes=1)
    )
    assert Version.objects.filter(article=article, number=5).exists()
