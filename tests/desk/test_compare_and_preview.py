"""Compare any two versions side by side; preview a draft as readers would see it."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from articles.compare import Side, compare, mark_words
from articles.models import Caption, Version
from desk.views import preview_token
from photos.models import Photo
from tests.conftest import draft, follow_up, published
from tests.desk.conftest import login

SCRIPT = "<script>alert(1)</script>"


def compare_url(version: Version, old: int, new: int) -> str:
    url = reverse("admin:articles_article_compare", args=[version.article_id])
    return f"{url}?old={old}&new={new}"


# --- compare -------------------------------------------------------------------------------


def test_changed_words_are_marked_and_the_rest_left_alone():
    old, new = mark_words("The mayor said on Monday.", "The governor said on Tuesday.")
    assert old == "The <del>mayor</del> said on <del>Monday.</del>"
    assert new == "The <ins>governor</ins> said on <ins>Tuesday.</ins>"


def test_paragraphs_are_aligned_added_removed_and_edited():
    result = compare(
        Side(number=0, paragraphs=("Alpha beta gamma delta.", "Old closing words here.")),
        Side(
            number=1,
            paragraphs=("Alpha beta gamma epsilon.", "A fresh paragraph entirely new."),
        ),
    )
    assert [(r.name, r.change) for r in result.paragraphs] == [
        ("1 → 1", "edited"),
        (" → 2", "added"),
        ("2 → ", "removed"),
    ]


def test_caption_changes_are_shown_by_photo():
    result = compare(
        Side(number=0, captions=((1, "Crowds on Monday.", ""), (2, "Gone.", ""))),
        Side(number=1, captions=((1, "Crowds on Tuesday.", ""), (3, "New photo.", ""))),
    )
    assert [(r.name, r.change) for r in result.captions] == [
        ("photo 1", "edited"),
        ("photo 3", "added"),
        ("photo 2", "removed"),
    ]


def test_compare_view_escapes_script_in_both_versions(db, section, desk):
    original = published(
        section,
        headline=f"Old {SCRIPT} headline",
        body=f"First {SCRIPT} paragraph.\n\nSecond.",
    )
    photo = Photo.objects.create(description="x")
    lead = follow_up(
        original,
        publish=False,
        headline=f"New {SCRIPT} headline <b>bold</b>",
        body=f"First {SCRIPT} paragraph, updated.\n\nSecond.\n\n<img src=x onerror=alert(2)>",
    )
    Caption.objects.create(version=lead, photo=photo, text=f"Caption {SCRIPT}")
    response = login(desk).get(compare_url(original, 0, 1))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in html and "<b>bold</b>" not in html and "<img src=x" not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 4  # headline, body, caption
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "<ins>" in html and "<del>" in html


def test_compare_shows_headline_and_caption_changes(db, section, desk):
    original = published(section, headline="Library opens")
    photo = Photo.objects.create(description="x")
    lead = follow_up(original, publish=False, headline="Library opens to crowds")
    Caption.objects.create(version=lead, photo=photo, text="Queues outside the library.")
    html = login(desk).get(compare_url(original, 0, 1)).content.decode()
    assert "Library opens<ins> to crowds</ins>" in html
    assert f"photo {photo.pk}" in html and "Queues outside the library." in html


@pytest.mark.parametrize("query", ["?old=0&new=9", "?old=x&new=1"])
def test_compare_with_a_missing_version_is_a_404(db, section, desk, query):
    original = published(section)
    url = reverse("admin:articles_article_compare", args=[original.article_id])
    assert login(desk).get(url + query).status_code == 404


def test_compare_defaults_to_the_newest_against_the_one_before(db, section, desk):
    original = published(section, headline="First")
    follow_up(original, headline="Second")
    url = reverse("admin:articles_article_compare", args=[original.article_id])
    response = login(desk).get(url)
    assert (response.context["old"].number, response.context["new"].number) == (0, 1)


# --- preview -------------------------------------------------------------------------------


def preview_headers_are_private(response) -> bool:
    cache = response["Cache-Control"]
    return (
        "noindex" in response["X-Robots-Tag"]
        and "private" in cache
        and "no-store" in cache
        and "public" not in cache
    )


def test_staff_preview_renders_the_public_template_for_a_draft(db, section, desk):
    version = draft(section, by=desk, headline="Not yet public", body="Draft body text.")
    response = login(desk).get(reverse("admin:articles_version_preview", args=[version.pk]))
    assert response.status_code == 200
    assert "articles/story.html" in [t.name for t in response.templates]
    assert response.context["preview"] is True and response.context["version"] == version
    html = response.content.decode()
    assert "Not yet public" in html and "Draft body text." in html and "(END)" in html
    assert preview_headers_are_private(response)


def test_preview_shows_what_readers_would_see_and_no_internal_note(db, section, desk):
    version = draft(section, by=desk, internal_note="Source is the mayor's aide")
    html = login(desk).get(reverse("admin:articles_version_preview", args=[version.pk]))
    assert "mayor&#x27;s aide" not in html.content.decode()


def test_shared_preview_link_works_for_anyone_until_it_expires(db, section, desk, settings):
    settings.NEWSROOM_PREVIEW_MAX_AGE = 3600
    version = draft(section, by=desk, headline="Shared draft")
    start = dt.datetime(2026, 2, 1, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        share = login(desk).get(reverse("admin:articles_version_share", args=[version.pk]))
        link = share.context["link"]
    path = link.removeprefix("http://testserver")
    reader = Client()
    with time_machine.travel(start + dt.timedelta(minutes=59), tick=False):
        response = reader.get(path)
        assert response.status_code == 200 and "Shared draft" in response.content.decode()
        assert preview_headers_are_private(response)
    with time_machine.travel(start + dt.timedelta(minutes=61), tick=False):
        assert reader.get(path).status_code == 404


def test_tampered_preview_links_are_a_404(db, section, desk):
    version = draft(section, by=desk)
    other = draft(section, by=desk, slug="Other")
    token = preview_token(version)
    reader = Client()
    assert reader.get(f"/preview/{token}/").status_code == 200
    forged = token.replace(f"{version.pk}:", f"{other.pk}:", 1)
    assert reader.get(f"/preview/{forged}/").status_code == 404
    assert reader.get(f"/preview/{token[:-2]}xx/").status_code == 404
    assert reader.get("/preview/not-a-token/").status_code == 404


def test_only_the_desk_can_make_a_share_link(db, section, reporter):
    version = draft(section, by=reporter)
    share = reverse("admin:articles_version_share", args=[version.pk])
    assert login(reporter).get(share).status_code == 403


def test_preview_link_of_a_killed_story_is_gone(db, section, desk):
    version = published(section)
    token = preview_token(version)
    version.article.kill(by=desk, note="Withdrawn.")
    assert Client().get(f"/preview/{token}/").status_code == 404
