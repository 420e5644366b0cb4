"""A story's whole life on the desk, in the admin alone: draft to (ROUNDUP), then
corrected and killed, with suggested advisories and a comparison on the way."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import time_machine
from django.test import Client
from django.urls import reverse

from articles.models import Article, Status, Version
from tests.desk.conftest import login
from tests.desk.helpers import press

SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")
START = dt.datetime(2026, 1, 5, 9, 0, tzinfo=SEOUL)


def newest(article: Article) -> Version:
    return Version.objects.filter(article=article).latest()


def test_a_story_from_draft_to_roundup_correction_and_kill(db, section, desk, reporter):
    reporter_client, desk_client, reader = login(reporter), login(desk), Client()
    with time_machine.travel(START, tick=False):
        # The reporter starts the story, writes it and sends it to the desk.
        reporter_client.post(
            reverse("admin:articles_article_add"),
            {
                "slug": "Lee-China-summit",
                "section": section.pk,
                "kind": "original",
                "headline": "Lee, Xi to meet in Beijing",
            },
        )
        article = Article.objects.get(slug="Lee-China-summit")
        first = newest(article)
        press(
            reporter_client, first, "_save", body="Lead.\n\nBackground.", dateline_place="BEIJING"
        )
        press(reporter_client, first, "_submit")
        assert newest(article).status == Status.SUBMITTED

        # The desk publishes it.
        press(desk_client, first, "_publish")
        assert reader.get(article.get_absolute_url()).status_code == 200

        # A LEAD: the advisory is suggested from what changed.
        desk_client.post(reverse("admin:articles_article_new_version", args=[article.pk, "lead"]))
        lead = newest(article)
        press(
            desk_client,
            lead,
            "_publish",
            headline="Lee, Xi agree to expand trade",
            body="Lead.\n\nBackground.\n\nNew quote from Lee.",
        )
        assert newest(article).advisory == "(ATTN: ADDS more info in para 3; CHANGES headline)"

        # A second story on the summit, to be folded into the roundup.
        reporter_client.post(
            reverse("admin:articles_article_add"),
            {
                "slug": "Lee-China-trade",
                "section": section.pk,
                "kind": "original",
                "headline": "Trade deal signed",
            },
        )
        strand = Article.objects.get(slug="Lee-China-trade")
        press(desk_client, newest(strand), "_publish")

        # The ROUNDUP folds the second story in, scheduled for 11:00 Seoul time.
        desk_client.post(
            reverse("admin:articles_article_new_version", args=[article.pk, "roundup"]),
            {"fold_in": [strand.pk]},
        )
        roundup = newest(article)
        press(
            desk_client,
            roundup,
            "_schedule",
            body="Roundup lead.\n\nBackground.",
            schedule_at="2026-01-05T11:00",
        )
        assert newest(article).is_scheduled

        compare = reverse("admin:articles_article_compare", args=[article.pk])
        html = desk_client.get(f"{compare}?old=1&new=2").content.decode()
        assert "<del>" in html and "<ins>" in html

    with time_machine.travel(START.replace(hour=11), tick=False):
        page = reader.get(article.get_absolute_url()).content.decode()
        assert "(ROUNDUP) Lee, Xi agree to expand trade" in page
        assert Article.objects.get(pk=strand.pk).folded_into_id == article.pk

        # A correction, with its public note; then the story is killed.
        desk_client.post(
            reverse("admin:articles_article_new_version", args=[article.pk, "correction"]),
            {"correction_note": "Corrects the venue in para 1."},
        )
        press(desk_client, newest(article), "_publish")
        assert (
            "Corrects the venue in para 1."
            in reader.get(article.get_absolute_url()).content.decode()
        )
        assert newest(article).label == "(CORRECTED)"

        desk_client.post(
            reverse("admin:articles_article_kill", args=[article.pk]),
            {"kill_note": "Withdrawn: the meeting was called off."},
        )
        gone = reader.get(article.get_absolute_url())
        assert gone.status_code == 410 and "called off" in gone.content.decode()
        assert [v.label for v in Version.objects.filter(article=article)] == [
            "",
            "(LEAD)",
            "(ROUNDUP)",
            "(CORRECTED)",
        ]
