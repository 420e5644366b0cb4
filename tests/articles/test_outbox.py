"""The outbox: every change subscribers must hear of is written by the transition itself,
numbered in one stream when it falls due, never before (invariant 7); embargoes."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import DatabaseError, connection, transaction

from articles.models import (
    OutboxEvent,
    TransitionError,
    Version,
    VersionKind,
    released_versions,
)
from tests.conftest import draft, follow_up, published

NOON = dt.datetime(2026, 6, 1, 3, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)


def stream() -> list[tuple[str, int]]:
    """The released events as (action, version number), in stream order."""
    return [
        (e.action, e.version.number)
        for e in OutboxEvent.objects.filter(seq__isnull=False).order_by("seq")
    ]


def test_a_publish_enqueues_an_event_numbered_at_once(db, section):
    version = published(section)
    (event,) = OutboxEvent.objects.all()
    assert (event.action, event.version, event.seq) == ("publish", version, 1)
    assert event.due_at == version.release_at == version.publish_at


def test_a_publish_that_fails_leaves_no_event(db, section):
    version = draft(section)
    with pytest.raises(RuntimeError), transaction.atomic():
        version.publish(by=None)
        raise RuntimeError("crash before commit")
    assert not OutboxEvent.objects.exists()
    assert Version.objects.get(pk=version.pk).status == "draft"


def test_update_and_correction_are_their_own_actions(db, section):
    original = published(section)
    follow_up(original, kind=VersionKind.LEAD)
    follow_up(original, kind=VersionKind.CORRECTION, correction_note="Fixes the date.")
    assert stream() == [("publish", 0), ("update", 1), ("correction", 2)]


def test_drafts_and_submitted_versions_enqueue_nothing(db, section):
    version = draft(section)
    version.submit(by=None)
    original = published(section, slug="Other")
    original.article.new_version(by=None, kind=VersionKind.LEAD)
    assert stream() == [("publish", 0)]


def test_a_scheduled_version_is_numbered_only_when_it_falls_due(db, section):
    with time_machine.travel(NOON, tick=False):
        early = published(section, slug="Early")
        scheduled = draft(section, slug="Later")
        scheduled.publish(by=None, at=NOON + HOUR)
        assert stream() == [("publish", 0)]
        assert OutboxEvent.release_due() == 0
    with time_machine.travel(NOON + HOUR, tick=False):
        later = draft(section, slug="Latest")
        later.publish(by=None)  # its publish releases what fell due before it first
    events = list(OutboxEvent.objects.order_by("seq"))
    assert [e.version for e in events] == [early, scheduled, later]
    assert [e.seq for e in events] == [1, 2, 3]


def test_the_stream_releases_due_events_without_a_transition(db, section):
    with time_machine.travel(NOON, tick=False):
        version = draft(section)
        version.publish(by=None, at=NOON + HOUR)
    with time_machine.travel(NOON + 2 * HOUR, tick=False):
        assert OutboxEvent.high_water() == 0
        assert OutboxEvent.release_due() == 1
        assert OutboxEvent.high_water() == 1
        assert OutboxEvent.release_due() == 0


def test_a_kill_is_an_event_for_stories_subscribers_had(db, section):
    version = published(section)
    version.article.kill(by=None, note="Withdrawn: wrong date.")
    assert stream() == [("publish", 0), ("kill", 0)]


def test_killing_a_story_subscribers_never_had_sends_nothing(db, section):
    with time_machine.travel(NOON, tick=False):
        version = draft(section)
        version.publish(by=None, at=NOON + HOUR)
        version.article.kill(by=None, note="Dropped before it ran.")
    with time_machine.travel(NOON + 2 * HOUR, tick=False):
        OutboxEvent.release_due()
    assert stream() == []
    assert OutboxEvent.objects.get().withdrawn


def test_a_scheduled_version_replaced_before_its_time_is_never_sent(db, section):
    with time_machine.travel(NOON, tick=False):
        original = published(section)
        lead = follow_up(original, at=NOON + 2 * HOUR)  # scheduled
        follow_up(lead, kind=VersionKind.LEAD, at=NOON + HOUR)  # goes out first
    with time_machine.travel(NOON + 3 * HOUR, tick=False):
        OutboxEvent.release_due()
    assert stream() == [("publish", 0), ("update", 2)]


def test_an_older_version_falling_due_after_a_newer_one_is_not_sent(db, section):
    with time_machine.travel(NOON, tick=False):
        original = published(section)
        lead = original.article.new_version(by=None, kind=VersionKind.LEAD)
        lead.publish(by=None, at=NOON + 2 * HOUR, embargo_until=NOON + 5 * HOUR)
        second = lead.article.new_version(by=None, kind=VersionKind.LEAD)
        second.publish(by=None, at=NOON + HOUR, embargo_until=NOON + 4 * HOUR)
    with time_machine.travel(NOON + 3 * HOUR, tick=False):
        OutboxEvent.release_due()
    assert stream() == [("publish", 0), ("update", 2)]


# --- embargo ---


def test_an_embargoed_version_reaches_subscribers_before_readers(db, section):
    with time_machine.travel(NOON, tick=False):
        version = draft(section)
        version.publish(by=None, embargo_until=NOON + HOUR)
        version.refresh_from_db()
        assert (version.release_at, version.publish_at) == (NOON, NOON + HOUR)
        assert stream() == [("publish", 0)]
        assert list(released_versions()) == [version]
        assert not Version.objects.live().exists()
        assert not version.article.first_published_at < NOON + HOUR
    with time_machine.travel(NOON + HOUR, tick=False):
        assert list(Version.objects.live()) == [version]


def test_an_embargoed_update_leaves_readers_on_the_previous_version(db, section):
    with time_machine.travel(NOON, tick=False):
        original = published(section, at=NOON - HOUR)
        lead = original.article.new_version(by=None, kind=VersionKind.LEAD)
        lead.publish(by=None, embargo_until=NOON + HOUR)
        assert list(Version.objects.live()) == [original]
        assert set(released_versions()) == {original, lead}
    with time_machine.travel(NOON + HOUR, tick=False):
        assert list(Version.objects.live()) == [lead]


def test_a_scheduled_embargoed_version_waits_for_its_send_time(db, section):
    with time_machine.travel(NOON, tick=False):
        version = draft(section)
        version.publish(by=None, at=NOON + HOUR, embargo_until=NOON + 2 * HOUR)
        assert not released_versions().exists()
    with time_machine.travel(NOON + HOUR, tick=False):
        OutboxEvent.release_due()
        assert stream() == [("publish", 0)]
        assert not Version.objects.live().exists()


def test_an_embargo_ending_before_the_send_is_refused(db, section):
    version = draft(section)
    with time_machine.travel(NOON, tick=False), pytest.raises(TransitionError, match="embargo"):
        version.publish(by=None, at=NOON + HOUR, embargo_until=NOON)


def test_the_release_time_of_published_copy_is_guarded(db, section):
    version = published(section)
    with (
        pytest.raises(DatabaseError, match="published versions are immutable"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE articles_version SET release_at = %s WHERE id = %s",
            [NOON, version.pk],
        )
