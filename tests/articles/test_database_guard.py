"""The database itself refuses every change to published copy, raw SQL included.

Only the bookkeeping a publish or a kill derives may touch a published row: its
``superseded_at`` set, or moved earlier. Runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from articles.models import Caption, RevisionTag, Version, VersionWriter
from photos.models import Photo
from tests.conftest import draft, follow_up, published


def raw(sql: str, params: list) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def refused(sql: str, params: list) -> None:
    with pytest.raises(DatabaseError, match="published versions are immutable"):
        raw(sql, params)


@pytest.fixture
def story(db, section, writer):
    """A published version with a byline, an advisory tag, a caption and a folded story."""
    other = published(section, slug="Other-story")
    version = draft(section)
    VersionWriter.objects.create(version=version, writer=writer)
    RevisionTag.objects.create(version=version, verb="ADDS", object="byline")
    Caption.objects.create(
        version=version, photo=Photo.objects.create(), text="A caption", alt_text="A ferry"
    )
    version.folds_in.add(other.article)
    version.publish(by=None)
    return version


def test_raw_delete_of_a_published_version_is_refused(story):
    refused("DELETE FROM articles_version WHERE id = %s", [story.pk])
    assert Version.objects.filter(pk=story.pk).exists()


@pytest.mark.parametrize("column", ["headline", "body", "status", "internal_note", "number"])
def test_raw_update_of_any_column_of_a_published_version_is_refused(story, column):
    value = 99 if column == "number" else "draft" if column == "status" else "raw"
    refused(f"UPDATE articles_version SET {column} = %s WHERE id = %s", [value, story.pk])  # noqa: S608


@pytest.mark.parametrize(
    ("table", "columns", "values"),
    [
        (
            "articles_caption",
            'photo_id, text, alt_text, "order", after_paragraph',
            "%s, 'x', 'x', 9, 0",
        ),
        ("articles_revisiontag", "verb, object, position", "'UPDATES', 'x', 9"),
        ("articles_versionwriter", "writer_id, position", "%s, 9"),
        ("articles_version_folds_in", "article_id", "%s"),
    ],
)
def test_raw_insert_of_a_part_of_a_published_version_is_refused(
    story, section, table, columns, values
):
    extra = {
        "articles_caption": [Photo.objects.create().pk],
        "articles_versionwriter": [
            VersionWriter.objects.get(version=story)
            .writer.__class__.objects.create(name="Another Writer", slug="another-writer")
            .pk
        ],
        "articles_version_folds_in": [draft(section, slug="Third").article_id],
    }.get(table, [])
    refused(
        f"INSERT INTO {table} (version_id, {columns}) VALUES (%s, {values})",  # noqa: S608
        [story.pk, *extra],
    )


@pytest.mark.parametrize(
    ("table", "column"),
    [
        ("articles_caption", "text"),
        ("articles_revisiontag", "object"),
        ("articles_versionwriter", "position"),
        ("articles_version_folds_in", "article_id"),
    ],
)
def test_raw_update_and_delete_of_a_part_of_a_published_version_are_refused(story, table, column):
    value = 7 if column in ("position",) else "raw"
    if column == "article_id":
        value = story.article_id
    refused(f"UPDATE {table} SET {column} = %s WHERE version_id = %s", [value, story.pk])  # noqa: S608
    refused(f"DELETE FROM {table} WHERE version_id = %s", [story.pk])  # noqa: S608
    assert story.captions.count() == 1
    assert story.revision_tags.count() == 1
    assert story.bylines.count() == 1
    assert story.folds_in.count() == 1


def test_a_part_can_not_be_moved_onto_a_published_version(story, section):
    other = draft(section, slug="Open-draft")
    tag = RevisionTag.objects.create(version=other, verb="ADDS", object="x")
    refused("UPDATE articles_revisiontag SET version_id = %s WHERE id = %s", [story.pk, tag.pk])


def test_the_parts_of_a_draft_stay_editable_by_raw_sql(db, section, writer):
    version = draft(section)
    raw(
        "INSERT INTO articles_revisiontag (version_id, verb, object, position) "
        "VALUES (%s, 'ADDS', 'x', 0)",
        [version.pk],
    )
    raw("DELETE FROM articles_revisiontag WHERE version_id = %s", [version.pk])
    assert not version.revision_tags.exists()


def test_bookkeeping_may_only_end_a_published_version_earlier(story):
    later = timezone.now() + dt.timedelta(days=1)
    earlier = timezone.now() - dt.timedelta(seconds=30)
    raw("UPDATE articles_version SET superseded_at = %s WHERE id = %s", [later, story.pk])
    raw("UPDATE articles_version SET superseded_at = %s WHERE id = %s", [earlier, story.pk])
    refused("UPDATE articles_version SET superseded_at = %s WHERE id = %s", [later, story.pk])
    refused("UPDATE articles_version SET superseded_at = NULL WHERE id = %s", [story.pk])
    refused(
        "UPDATE articles_version SET superseded_at = %s, headline = 'x' WHERE id = %s",
        [earlier - dt.timedelta(seconds=1), story.pk],
    )


# --- the live interval --------------------------------------------------------------------


def test_publishing_a_new_version_ends_the_previous_ones_life(db, section):
    first = published(section)
    second = follow_up(first)
    first.refresh_from_db()
    assert first.superseded_at == second.publish_at
    assert second.superseded_at is None
    assert list(Version.objects.live()) == [second]


def test_a_scheduled_version_ends_the_current_one_at_its_time(db, section):
    first = published(section)
    tomorrow = (timezone.now() + dt.timedelta(days=1)).replace(microsecond=0)
    second = follow_up(first, at=tomorrow)
    first.refresh_from_db()
    assert first.superseded_at == tomorrow
    assert list(Version.objects.live()) == [first]
    assert list(Version.objects.live(at=tomorrow)) == [second]


def test_a_later_version_published_before_a_scheduled_one_takes_over(db, section):
    """v1 scheduled for tomorrow, then v2 published now: v2 wins now and tomorrow (the
    highest-numbered version whose time has passed), and v1 is never live."""
    v0 = published(section)
    tomorrow = timezone.now() + dt.timedelta(days=1)
    v1 = follow_up(v0, at=tomorrow)
    v2 = follow_up(v1)
    v1.refresh_from_db()
    assert v1.superseded_at <= v1.publish_at
    assert list(Version.objects.live()) == [v2]
    assert list(Version.objects.live(at=tomorrow + dt.timedelta(hours=1))) == [v2]
    assert v1 not in Version.objects.published(at=tomorrow + dt.timedelta(hours=1))


def test_a_kill_ends_the_life_of_every_version(db, section):
    first = published(section)
    tomorrow = timezone.now() + dt.timedelta(days=1)
    scheduled = follow_up(first, at=tomorrow)
    first.article.kill(by=None, note="Withdrawn")
    assert not Version.objects.live().exists()
    assert not Version.objects.live(at=tomorrow + dt.timedelta(hours=1)).exists()
    scheduled.refresh_from_db()
    assert scheduled.superseded_at == first.article.killed_at


def test_first_published_is_recorded_once_by_publish(db, section):
    first = published(section, at=timezone.now() - dt.timedelta(hours=2))
    follow_up(first)
    first.article.refresh_from_db()
    assert first.article.first_published_at == first.publish_at
