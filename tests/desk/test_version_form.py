"""The version form: editorial order, the desk's buttons and their checks, advisories."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import (
    Caption,
    RevisionTag,
    Status,
    Version,
    VersionKind,
    VersionWriter,
    Writer,
)
from photos.models import Photo
from tests.conftest import draft, follow_up, published
from tests.desk.conftest import login
from tests.desk.helpers import open_form, press, publish_url, read_form, version_url

SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")


def photo_with_thumb(n: int) -> Photo:
    return Photo.objects.create(
        description=f"Photo {n}",
        alt_text=f"Alt {n}",
        credit="Hanbit",
        renditions={
            "sizes": [],
            "thumb": {
                "name": "thumb",
                "width": 160,
                "height": 107,
                "jpeg": f"photos/r/abc{n}/thumb.jpg",
                "webp": f"photos/r/abc{n}/thumb.webp",
            },
        },
    )


def lead_with_parts(section, *, captions: int, writers: int, by=None) -> Version:
    """A published story and its LEAD draft with photos, a byline and an advisory."""
    original = published(section, by=by)
    lead = follow_up(original, kind=VersionKind.LEAD, publish=False, by=by)
    for n in range(captions):
        Caption.objects.create(version=lead, photo=photo_with_thumb(n), order=n, text=f"Cap {n}")
    for n in range(writers):
        writer = Writer.objects.create(name=f"Writer {n}", slug=f"writer-{lead.pk}-{n}")
        VersionWriter.objects.create(version=lead, writer=writer, position=n)
    RevisionTag.objects.create(version=lead, verb="ADDS", object="photo")
    return lead


def test_form_fields_come_in_editorial_order(db, section, desk):
    lead = lead_with_parts(section, captions=1, writers=1)
    html = login(desk).get(version_url(lead)).content.decode()
    order = [
        "(LEAD)",
        'name="genre"',
        'name="headline"',
        'name="deck"',
        'name="bylines-TOTAL_FORMS"',
        'name="dateline_place"',
        'name="body"',
        'name="signoff"',
        'name="revision_tags-TOTAL_FORMS"',
        'name="captions-TOTAL_FORMS"',
        'name="internal_note"',
        'name="schedule_at"',
    ]
    positions = [html.index(marker) for marker in order]
    assert positions == sorted(positions)
    assert 'name="kind"' not in html and 'name="label"' not in html  # label is derived


def test_captions_show_thumbnails_and_pick_photos_by_autocomplete(db, section, desk, settings):
    lead = lead_with_parts(section, captions=1, writers=0)
    html = login(desk).get(version_url(lead)).content.decode()
    assert f'src="{settings.MEDIA_URL}photos/r/abc0/thumb.jpg"' in html
    assert 'data-model-name="caption"' in html and 'data-field-name="photo"' in html
    assert "admin-autocomplete" in html


def test_form_query_count_does_not_grow_with_photos_and_writers(db, section, desk):
    client = login(desk)
    small = lead_with_parts(section, captions=1, writers=1)
    client.get(version_url(small))  # warm the session and permission caches
    with CaptureQueriesContext(connection) as few:
        assert client.get(version_url(small)).status_code == 200
    big = lead_with_parts(section, captions=12, writers=6)
    client.get(version_url(big))
    with CaptureQueriesContext(connection) as many:
        assert client.get(version_url(big)).status_code == 200
    assert len(many) == len(few)


def test_form_stays_under_its_query_ceiling(db, section, desk, django_assert_max_num_queries):
    lead = lead_with_parts(section, captions=8, writers=3)
    client = login(desk)
    with django_assert_max_num_queries(40):
        assert client.get(version_url(lead)).status_code == 200
    form = open_form(client, lead)
    # Saving validates each inline row (its id, its photo or writer, the foreign key):
    # Django's formset costs three queries a row; everything else is fixed.
    rows = 8 + 3
    with django_assert_max_num_queries(45 + 3 * rows):
        assert press(client, lead, "_save", form, headline="Saved").status_code == 302


def test_submit_moves_a_draft_to_the_desk(db, section, reporter):
    version = draft(section, by=reporter)
    response = press(login(reporter), version, "_submit")
    assert response.status_code == 302
    assert Version.objects.get(pk=version.pk).status == Status.SUBMITTED


def test_publish_now_makes_the_version_live(db, section, desk, client):
    version = draft(section, by=desk)
    press(login(desk), version, "_publish", headline="Published headline")
    version.refresh_from_db()
    assert version.status == Status.PUBLISHED and not version.is_scheduled
    assert "Published headline" in client.get(version.article.get_absolute_url()).content.decode()


def test_send_back_needs_a_note_and_the_writer_sees_it(db, section, desk, reporter):
    version = draft(section, by=reporter)
    version.submit(by=reporter)
    desk_client = login(desk)
    response = press(desk_client, version, "_sendback")
    assert response.status_code == 200
    assert "Say what the writer should change." in response.content.decode()
    assert Version.objects.get(pk=version.pk).status == Status.SUBMITTED

    press(desk_client, version, "_sendback", send_back_note="Add the mayor's comment.")
    assert Version.objects.get(pk=version.pk).status == Status.DRAFT
    html = login(reporter).get(version_url(version)).content.decode()
    assert "Add the mayor&#x27;s comment." in html


@time_machine.travel(dt.datetime(2026, 1, 5, 9, 0, tzinfo=SEOUL), tick=False)
def test_schedule_in_the_past_is_a_form_error(db, section, desk):
    version = draft(section, by=desk)
    response = press(login(desk), version, "_schedule", schedule_at="2026-01-05T08:59")
    assert response.status_code == 200
    assert response.context["adminform"].form.has_error("schedule_at", code="past")
    assert Version.objects.get(pk=version.pk).status == Status.DRAFT


@time_machine.travel(dt.datetime(2026, 1, 5, 9, 0, tzinfo=SEOUL), tick=False)
def test_schedule_without_a_time_is_a_form_error(db, section, desk):
    version = draft(section, by=desk)
    response = press(login(desk), version, "_schedule", schedule_at="")
    assert response.context["adminform"].form.has_error("schedule_at", code="required")


@time_machine.travel(dt.datetime(2026, 1, 5, 9, 0, tzinfo=SEOUL), tick=False)
def test_schedule_time_is_read_in_the_newsrooms_zone(db, section, desk):
    version = draft(section, by=desk)
    press(login(desk), version, "_schedule", schedule_at="2026-01-05T13:44")
    version.refresh_from_db()
    assert version.is_scheduled
    assert version.publish_at == dt.datetime(2026, 1, 5, 13, 44, tzinfo=SEOUL)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("2027-03-14T02:30", "ambiguous_timezone"),  # clocks jump 02:00 -> 03:00: no 02:30
        ("2027-11-07T01:30", "ambiguous_timezone"),  # clocks fall back: 01:30 happens twice
    ],
)
def test_schedule_in_a_dst_gap_or_overlap_is_a_form_error(db, section, desk, settings, typed, code):
    settings.TIME_ZONE = "America/New_York"
    with time_machine.travel(dt.datetime(2027, 1, 10, 12, 0, tzinfo=dt.UTC), tick=False):
        version = draft(section, by=desk)
        response = press(login(desk), version, "_schedule", schedule_at=typed)
    assert response.status_code == 200
    assert response.context["adminform"].form.has_error("schedule_at", code=code)
    assert Version.objects.get(pk=version.pk).status == Status.DRAFT


def test_urgent_keeps_to_one_paragraph(db, section, desk):
    version = draft(section, by=desk, kind=VersionKind.URGENT, body="North Korea fires a missile.")
    response = press(login(desk), version, "_save", body="One.\n\nTwo.")
    assert response.context["adminform"].form.has_error("body", code="urgent_one_paragraph")
    assert press(login(desk), version, "_publish", body="Still one.").status_code == 302


def test_correction_keeps_its_public_note(db, section, desk):
    original = published(section)
    correction = follow_up(
        original, kind=VersionKind.CORRECTION, publish=False, correction_note="Fixes para 2."
    )
    response = press(login(desk), correction, "_save", correction_note="")
    assert response.context["adminform"].form.has_error("correction_note", code="correction_note")


def test_publishing_needs_alt_text_on_every_photo(db, section, desk):
    version = draft(section, by=desk)
    photo = Photo.objects.create(renditions={"sizes": []})
    # An image on file (no need to read it: its size is known), but no alt text anywhere.
    Photo.objects.filter(pk=photo.pk).update(image="x.jpg", width=40, height=30)
    Caption.objects.create(version=version, photo=photo, text="A caption", alt_text="")
    client = login(desk)
    response = press(client, version, "_publish")
    assert response.status_code == 200  # the confirmation says why, and offers no button
    assert "has no alt text" in response.content.decode()
    assert "_confirm" not in read_form(response.content.decode(), "publish_form").buttons
    current = Version.objects.get(pk=version.pk).revision
    forged = client.post(publish_url(version), {"revision": current, "_confirm": "x"})
    assert forged.status_code == 409
    assert Version.objects.get(pk=version.pk).status == Status.DRAFT


# --- advisories suggested from the diff, pre-filled and editable ----------------------------


def test_saving_a_follow_up_fills_in_the_suggested_advisory(db, section, desk):
    original = published(section, headline="Library opens", body="One.\n\nTwo.")
    lead = follow_up(original, publish=False)
    client = login(desk)
    press(client, lead, "_save", headline="Library opens to crowds", body="One.\n\nTwo.\n\nThree.")
    assert Version.objects.get(pk=lead.pk).advisory == (
        "(ATTN: ADDS more info in para 3; CHANGES headline)"
    )
    form = open_form(client, lead)
    assert form.fields["revision_tags-0-verb"] == ["ADDS"]
    assert form.fields["revision_tags-1-object"] == ["headline"]


def test_an_advisory_edited_by_hand_is_kept_through_later_saves(db, section, desk):
    original = published(section, headline="Library opens", body="One.\n\nTwo.")
    lead = follow_up(original, publish=False)
    client = login(desk)
    press(client, lead, "_save", body="One.\n\nTwo.\n\nThree.")
    press(client, lead, "_save", **{"revision_tags-0-object": "residents' comments in para 3"})
    press(client, lead, "_save", headline="A new headline")
    assert Version.objects.get(pk=lead.pk).advisory == (
        "(ATTN: ADDS residents' comments in para 3)"
    )
    press(client, lead, "_save", use_suggestion="on")
    assert Version.objects.get(pk=lead.pk).advisory == (
        "(ATTN: ADDS more info in para 3; CHANGES headline)"
    )


def test_the_form_shows_the_current_suggestion(db, section, desk):
    original = published(section, body="One.\n\nTwo.")
    lead = follow_up(original, publish=False)
    Version.objects.filter(pk=lead.pk).update(body="One.\n\nTwo.\n\nThree.")
    html = login(desk).get(version_url(lead)).content.decode()
    assert "(ATTN: ADDS more info in para 3)" in html


def test_first_versions_carry_no_advisory(db, section, desk):
    version = draft(section, by=desk)
    press(login(desk), version, "_save", headline="Changed")
    assert Version.objects.get(pk=version.pk).advisory == ""


def test_article_add_form_starts_a_story_with_the_reporters_byline(db, section, reporter):
    writer = Writer.objects.create(name="Kim Reporter", slug="kim", user=reporter)
    client = login(reporter)
    response = client.post(
        reverse("admin:articles_article_add"),
        {
            "slug": "Library-opening",
            "section": section.pk,
            "kind": "original",
            "headline": "Library opens",
        },
    )
    version = Version.objects.get(article__slug="Library-opening")
    assert response.status_code == 302 and response["Location"] == version_url(version)
    assert version.created_by == reporter and list(version.writers.all()) == [writer]
    html = client.get(version_url(version)).content.decode()
    assert "_save" in read_form(html).buttons


def test_article_add_form_refuses_a_slug_that_is_not_a_keyword_slug(db, section, reporter):
    response = login(reporter).post(
        reverse("admin:articles_article_add"),
        {"slug": "library opening!", "section": section.pk, "kind": "original", "headline": "x"},
    )
    assert response.context["adminform"].form.has_error("slug", code="slug")
