"""What readers see is decided at query time: Version.objects.live() and friends."""

import datetime as dt

import time_machine
from django.utils import timezone

from articles.models import Article, Keyword, Version, VersionKind, VersionQuerySet
from tests.conftest import draft, follow_up, published

NOON = dt.datetime(2026, 6, 1, 3, 0, tzinfo=dt.UTC)


def live_pks() -> set[int]:
    return set(Version.objects.live().values_list("pk", flat=True))


def test_draft_is_not_live(db, section):
    draft(section)
    assert live_pks() == set()
    assert Article.objects.live().count() == 0


def test_submitted_is_not_live(db, section):
    version = draft(section)
    version.submit(by=None)
    assert live_pks() == set()


def test_published_is_live(db, section):
    version = published(section)
    assert live_pks() == {version.pk}
    assert list(Article.objects.live()) == [version.article]


def test_scheduled_version_appears_at_its_time_with_no_command_run(db, section):
    with time_machine.travel(NOON, tick=False):
        version = draft(section)
        version.publish(by=None, at=NOON + dt.timedelta(hours=2))
        assert list(Version.objects.scheduled()) == [version]
    with time_machine.travel(NOON + dt.timedelta(hours=2) - dt.timedelta(seconds=1), tick=False):
        assert live_pks() == set()
    with time_machine.travel(NOON + dt.timedelta(hours=2), tick=False):
        assert live_pks() == {version.pk}
        assert list(Version.objects.scheduled()) == []


def test_killed_article_has_no_live_version(db, section):
    version = published(section)
    version.article.kill(by=None, note="Withdrawn: the event was cancelled.")
    assert live_pks() == set()
    assert Article.objects.live().count() == 0


def test_newer_published_version_supersedes_the_older(db, section):
    original = published(section)
    lead = follow_up(original)
    assert live_pks() == {lead.pk}
    assert set(Version.objects.published().values_list("pk", flat=True)) == {original.pk, lead.pk}


def test_a_newer_draft_does_not_hide_the_published_version(db, section):
    original = published(section)
    follow_up(original, publish=False)
    assert live_pks() == {original.pk}


def test_a_scheduled_update_does_not_hide_the_current_version_until_its_time(db, section):
    original = published(section)
    update = follow_up(original, publish=False)
    update.publish(by=None, at=timezone.now() + dt.timedelta(hours=1))
    assert live_pks() == {original.pk}
    with time_machine.travel(timezone.now() + dt.timedelta(hours=1, seconds=1)):
        assert live_pks() == {update.pk}


def test_drafts_and_scheduled_querysets(db, section):
    first = draft(section, slug="One")
    second = draft(section, slug="Two")
    second.publish(by=None, at=timezone.now() + dt.timedelta(days=1))
    assert list(Version.objects.drafts()) == [first]
    assert list(Version.objects.scheduled()) == [second]


def test_each_article_contributes_one_live_version(db, section):
    a = published(section, slug="A")
    follow_up(follow_up(a, kind=VersionKind.LEAD), kind=VersionKind.LEAD)
    b = published(section, slug="B")
    assert Version.objects.live().count() == 2
    assert {v.article_id for v in Version.objects.live()} == {a.article_id, b.article_id}


def test_a_keyword_finds_the_same_newest_first_stories_whether_common_or_rare(
    db, section, monkeypatch
):
    tagged = Keyword.objects.create(name="Harbor", slug="harbor")
    stories = []
    for n in range(4):
        version = published(section, slug=f"Story-{n}", headline=f"Story {n}")
        if n != 2:
            version.article.keywords.add(tagged)
            stories.append(version)
    stories[0] = follow_up(stories[0], headline="Story 0, updated")

    def page() -> list[int]:
        versions = Version.objects.live().with_keyword(tagged)
        return list(versions.order_by("-publish_at", "-pk").values_list("pk", flat=True))

    expected = [v.pk for v in sorted(stories, key=lambda v: (v.publish_at, v.pk), reverse=True)]
    assert page() == expected  # rare: its articles gathered
    monkeypatch.setattr(VersionQuerySet, "COMMON_KEYWORD", 2)
    assert page() == expected  # common: the newest versions walked
