"""The model side of the desk: the newest-version pointer, compare-and-set saves, folds."""

from __future__ import annotations

import re

import pytest

from articles.models import (
    Article,
    AuditEntry,
    DeskState,
    EditConflict,
    EditingPresence,
    Status,
    TransitionError,
    Version,
    VersionKind,
)
from tests.conftest import draft, follow_up, make_user, published


def test_start_and_new_version_keep_the_newest_version_pointer(db, section):
    original = published(section)
    assert Article.objects.get(pk=original.article_id).newest_version == original
    lead = follow_up(original, publish=False)
    assert Article.objects.get(pk=original.article_id).newest_version == lead


def test_deleting_the_open_draft_points_back_to_the_previous_version(db, section):
    original = published(section)
    lead = follow_up(original, publish=False)
    lead.delete()
    assert Article.objects.get(pk=original.article_id).newest_version == original


def test_bulk_pointer_repair_finds_the_highest_number(db, section):
    original = published(section)
    lead = follow_up(original, publish=False)
    Article.objects.update(newest_version=None)
    assert Article.objects.all().point_to_newest() == 1
    assert Article.objects.get().newest_version == lead


def test_desk_state_follows_the_newest_version_and_kill_wins(db, section, desk):
    version = published(section)
    article = Article.objects.get(pk=version.article_id)
    assert article.desk_state() == DeskState.LIVE
    follow_up(version, publish=False)
    article.refresh_from_db()
    assert article.desk_state() == DeskState.DRAFT
    article.kill(by=desk, note="Withdrawn.")
    assert article.desk_state() == DeskState.KILLED
    assert list(Article.objects.in_desk_state(DeskState.KILLED)) == [article]


def test_save_edit_writes_only_the_named_fields_and_records_who(db, section, desk):
    version = draft(section, by=desk)
    copy = Version.objects.get(pk=version.pk)
    copy.headline, copy.body = "New headline", "Not written"
    copy.save_edit(by=desk, revision=version.revision, fields=["headline"])
    stored = Version.objects.get(pk=version.pk)
    assert (stored.headline, stored.body) == ("New headline", version.body)
    assert stored.revision == version.revision + 1 and stored.updated_by == desk
    assert AuditEntry.objects.filter(version=version, action="edit", actor=desk).exists()


def test_a_stale_save_edit_raises_a_conflict_naming_who_and_when(db, section, desk):
    other = make_user("fran", "Desk editor", first_name="Fran", last_name="Kim")
    version = draft(section, by=desk)
    first = Version.objects.get(pk=version.pk)
    first.headline = "Fran's"
    first.save_edit(by=other, revision=version.revision)
    version.headline = "Mine"
    with pytest.raises(EditConflict) as caught:
        version.save_edit(by=desk, revision=version.revision)
    assert re.fullmatch(
        r"This version was changed by Fran Kim at \d\d:\d\d:\d\d \w+ \d\d since you opened it\.",
        str(caught.value),
    )
    assert Version.objects.get(pk=version.pk).headline == "Fran's"


def test_a_published_version_takes_no_edit(db, section, desk):
    version = published(section)
    with pytest.raises(EditConflict):
        version.save_edit(by=desk, revision=version.revision)


def test_publishing_a_roundup_folds_its_stories_in_one_transaction(db, section, desk):
    main = published(section, slug="Main")
    strand = published(section, slug="Strand")
    roundup = follow_up(main, kind=VersionKind.ROUNDUP, publish=False)
    roundup.folds_in.set([strand.article])
    roundup.publish(by=desk)
    assert Article.objects.get(pk=strand.article_id).folded_into_id == main.article_id
    assert AuditEntry.objects.filter(article=strand.article, action="fold").count() == 1


def test_a_failed_publish_folds_nothing(db, section, desk):
    main = published(section, slug="Main")
    strand = published(section, slug="Strand")
    roundup = follow_up(main, kind=VersionKind.ROUNDUP, publish=False)
    roundup.folds_in.set([strand.article])
    Version.objects.filter(pk=roundup.pk).update(revision=99)  # someone else moved it on
    with pytest.raises(TransitionError):
        roundup.publish(by=desk)
    assert Article.objects.get(pk=strand.article_id).folded_into is None
    assert Version.objects.get(pk=roundup.pk).status == Status.DRAFT


def test_presence_lists_other_recent_editors_only(db, section, desk):
    other = make_user("gil", "Desk editor")
    version = draft(section, by=desk)
    assert EditingPresence.opened(version=version, user=desk) == []
    assert EditingPresence.opened(version=version, user=other) == [desk]
    EditingPresence.left(version=version, user=desk)
    assert EditingPresence.opened(version=version, user=other) == []
