"""A photo's renditions are reachable at their URLs only once a story readers can see
shows the photo: not for a draft, not for a story still scheduled (whatever the URL's
finder knows), and no longer once the story is killed. Staff see them all along."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from articles.models import Caption
from tests.conftest import draft, make_user
from tests.photos.helpers import ingest


def public_file(path: str) -> Path:
    """Where a web server serving MEDIA_ROOT would find the rendition."""
    return Path(settings.MEDIA_ROOT) / path


@pytest.fixture
def scheduled(db, section):
    """A story scheduled an hour from now, with a real photo (renditions on disk)."""
    start = timezone.now()
    version = draft(section, headline="Bridge opens at dawn")
    photo = ingest(7, alt_text="A bridge at dawn")
    Caption.for_photo(photo, version=version).save()
    version.publish(by=None, at=start + dt.timedelta(hours=1))
    return {"version": version, "photo": photo, "start": start}


def test_renditions_of_a_scheduled_story_are_unreachable_until_it_is_public(client, scheduled):
    photo, start = scheduled["photo"], scheduled["start"]
    path = photo.default_rendition["jpeg"]
    url = f"/media/{path}"
    with time_machine.travel(start + dt.timedelta(minutes=59), tick=False):
        assert not public_file(path).exists()  # a web server has nothing to serve
        assert client.get(url).status_code == 404  # nor has the app
        assert client.get(url.replace(".jpg", ".webp")).status_code == 404
    with time_machine.travel(start + dt.timedelta(hours=1, seconds=1), tick=False):
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"
        assert "immutable" in response["Cache-Control"]
        # Published once: every rendition is now where the web server serves it.
        for other in [s["jpeg"] for s in photo.sizes] + [photo.thumbnail["webp"]]:
            assert public_file(other).exists(), other


def test_staff_see_unpublished_renditions_but_nothing_caches_them(client, scheduled):
    path = scheduled["photo"].thumbnail["jpeg"]
    client.force_login(make_user("photo-editor", "Photo editor"))
    response = client.get(f"/media/{path}")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert not public_file(path).exists()


def test_a_drafts_photo_and_made_up_paths_are_404(client, section):
    version = draft(section, headline="Still a draft")
    photo = ingest(8, alt_text="A bridge at dawn")
    Caption.for_photo(photo, version=version).save()
    for path in [
        photo.thumbnail["jpeg"],
        photo.thumbnail["jpeg"].replace("thumb", "w9999"),
        "photos/r/../../../etc/passwd",
        "photos/r/nothing/thumb.jpg",
        "originals/whatever.jpg",
    ]:
        assert client.get(f"/media/{path}").status_code == 404, path


def test_a_killed_storys_photos_are_withdrawn(
    client, section, desk, django_capture_on_commit_callbacks
):
    version = draft(section, headline="Harbor reopens")
    photo = ingest(9, alt_text="A bridge at dawn")
    Caption.for_photo(photo, version=version).save()
    version.publish(by=None, at=timezone.now() - dt.timedelta(minutes=5))
    path = photo.default_rendition["jpeg"]
    assert client.get(f"/media/{path}").status_code == 200
    assert public_file(path).exists()
    with django_capture_on_commit_callbacks(execute=True):
        version.article.kill(by=desk, note="Withdrawn.")
    assert not public_file(path).exists()
    assert client.get(f"/media/{path}").status_code == 404
