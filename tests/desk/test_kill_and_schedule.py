"""Kill and schedule from the desk, as readers then see it (no command run, ever)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.test import Client
from django.urls import NoReverseMatch, reverse

from articles.models import AuditEntry, Keyword, Status, Version, VersionWriter, Writer
from tests.conftest import draft, follow_up
from tests.desk.conftest import login
from tests.desk.helpers import press

SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")
CANARY = "Zebracanary lighthouse"


def public_listings(section, keyword, writer) -> list[str]:
    """Every public page that lists stories (those the reader site has so far)."""
    wanted = [
        ("articles:front", [], ""),
        ("articles:section", [section.slug], ""),
        ("articles:keyword", [keyword.slug], ""),
        ("articles:writer", [writer.slug], ""),
        ("articles:search", [], "?q=Zebracanary"),
        ("articles:feed_rss", [], ""),
        ("articles:feed_atom", [], ""),
        ("articles:section_feed_rss", [section.slug], ""),
        ("articles:section_feed_atom", [section.slug], ""),
        ("sitemap", [], ""),
        ("news_sitemap", [], ""),
    ]
    urls = []
    for name, args, query in wanted:
        try:
            urls.append(reverse(name, args=args) + query)
        except NoReverseMatch:
            continue
    return urls


def shows(client: Client, url: str, version: Version) -> bool:
    text = client.get(url).content.decode()
    return CANARY in text or version.article.code in text


@pytest.fixture
def live_story(db, section):
    writer = Writer.objects.create(name="Oh Se-ri", slug="oh-se-ri")
    keyword = Keyword.objects.create(name="Lighthouses", slug="lighthouses")
    version = draft(section, slug="Lighthouse", headline=f"{CANARY} reopens")
    VersionWriter.objects.create(version=version, writer=writer)
    version.article.keywords.add(keyword)
    version.publish(by=None, at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=1))
    follow_up(version)  # a second version, so version pages exist too
    return version, keyword, writer


def test_kill_from_the_desk_removes_the_story_from_every_listing_and_answers_410(
    live_story, section, desk, client
):
    version, keyword, writer = live_story
    listings = public_listings(section, keyword, writer)
    assert len(listings) >= 4
    assert all(shows(client, url, version) for url in listings), "canary missing before kill"

    desk_client = login(desk)
    kill = reverse("admin:articles_article_kill", args=[version.article_id])
    refused = desk_client.post(kill, {"kill_note": "   "})
    assert refused.status_code == 200 and refused.context["form"].has_error("kill_note")
    assert not version.article.__class__.objects.get(pk=version.article_id).is_killed

    desk_client.post(kill, {"kill_note": "This story was withdrawn: the source retracted."})
    for url in listings:
        assert not shows(client, url, version), url
    story = client.get(version.article.get_absolute_url())
    assert story.status_code == 410
    assert "the source retracted" in story.content.decode()
    old_version = reverse("articles:story_version", args=[version.article.code, 0])
    assert client.get(old_version).status_code == 410
    assert version.article.versions.count() == 2  # the history stays
    entry = AuditEntry.objects.get(article=version.article, action="kill")
    assert entry.actor == desk and "retracted" in entry.note


def test_kill_is_desk_only_and_needs_no_second_kill(live_story, desk, reporter):
    version, _, _ = live_story
    kill = reverse("admin:articles_article_kill", args=[version.article_id])
    assert login(reporter).post(kill, {"kill_note": "No."}).status_code in (403, 404)
    login(desk).post(kill, {"kill_note": "Withdrawn."})
    assert login(desk).post(kill, {"kill_note": "Again."}).status_code == 403


def test_audit_log_is_on_the_article_page_for_the_desk_only(live_story, desk, reporter):
    version, _, _ = live_story
    page = reverse("admin:articles_article_change", args=[version.article_id])
    html = login(desk).get(page).content.decode()
    assert "Audit log" in html and "publish" in html and "draft → published" in html
    assert login(reporter).get(reverse("admin:articles_auditentry_changelist")).status_code == 403


# --- scheduling: visibility is decided when the page is asked for, no cron ----------------

T = dt.datetime(2026, 3, 2, 14, 30, tzinfo=SEOUL)


def test_scheduled_version_appears_exactly_at_its_time_without_any_command(db, section, desk):
    with time_machine.travel(T - dt.timedelta(hours=2), tick=False):
        version = draft(section, slug="Embargoed", headline=f"{CANARY} embargoed report")
        response = press(login(desk), version, "_schedule", schedule_at="2026-03-02T14:30")
        assert response.status_code == 302
        version.refresh_from_db()
        assert version.status == Status.PUBLISHED and version.publish_at == T
        assert AuditEntry.objects.filter(version=version, action="schedule").exists()

    reader = Client()
    story_url = version.article.get_absolute_url()
    with time_machine.travel(T - dt.timedelta(seconds=1), tick=False):
        assert reader.get(story_url).status_code == 404
        assert CANARY not in reader.get(reverse("articles:front")).content.decode()
        state = login(desk).get(
            reverse("admin:articles_article_changelist"), {"state": "scheduled"}
        )
        assert version.article_id in {a.pk for a in state.context["cl"].result_list}
    with time_machine.travel(T, tick=False):
        assert reader.get(story_url).status_code == 200
        assert CANARY in reader.get(reverse("articles:front")).content.decode()
        state = login(desk).get(reverse("admin:articles_article_changelist"), {"state": "live"})
        assert version.article_id in {a.pk for a in state.context["cl"].result_list}


def test_a_scheduled_lead_replaces_the_live_version_at_its_time(db, section, desk):
    with time_machine.travel(T - dt.timedelta(hours=3), tick=False):
        original = draft(section, slug="Vote", headline="Polls open")
        original.publish(by=desk)
        lead = follow_up(original, publish=False)
        press(
            login(desk), lead, "_schedule", headline="Turnout high", schedule_at="2026-03-02T14:30"
        )
    reader = Client()
    with time_machine.travel(T - dt.timedelta(seconds=1), tick=False):
        assert "Polls open" in reader.get(original.article.get_absolute_url()).content.decode()
    with time_machine.travel(T, tick=False):
        assert (
            "(LEAD) Turnout high"
            in reader.get(original.article.get_absolute_url()).content.decode()
        )
