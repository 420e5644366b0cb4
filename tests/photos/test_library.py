"""Photo.objects.prepare/store/ingest and Photo.attach_image: what is written, when, and
what is cleaned up when a step fails after files were written."""

from __future__ import annotations

import io

import pytest
from django.db import DatabaseError, IntegrityError

from photos.imaging import ImageRejected
from photos.models import DuplicatePhoto, OriginalsStorage, Photo
from tests.photos import images
from tests.photos.helpers import ingest, jpeg, rendition_files, stored_files


def test_prepare_writes_nothing(db):
    upload = Photo.objects.prepare(io.BytesIO(jpeg(1)), filename="a.jpg")
    assert upload.renditions and upload.existing is None
    assert stored_files() == [] and Photo.objects.count() == 0


def test_prepare_refuses_with_a_code_and_writes_nothing(db):
    with pytest.raises(ImageRejected) as caught:
        Photo.objects.prepare(io.BytesIO(images.PDF_DOC), filename="a.pdf")
    assert caught.value.code == "format"
    assert stored_files() == []


def test_ingest_stores_original_and_renditions_privately(db, settings):
    photo = ingest(1)
    originals = [p for p in stored_files() if p.is_relative_to(settings.PHOTO_ORIGINALS_ROOT)]
    assert len(originals) == 1 and originals[0].read_bytes() == jpeg(1)
    assert set(rendition_files(photo)) == set(stored_files()) - set(originals)
    # Nothing under MEDIA_ROOT until a published story shows the photo (reader.renditions).
    assert not any(p.is_relative_to(settings.MEDIA_ROOT) for p in stored_files())
    with pytest.raises(ValueError, match="private"):
        OriginalsStorage().url(photo.image.name)


def test_explicit_fields_win_over_embedded_metadata(db):
    data = images.make_jpeg(iptc={"caption": "Embedded", "credit": "Embedded credit"})
    photo, _ = Photo.objects.ingest(
        io.BytesIO(data), filename="a.jpg", description="Typed", credit=""
    )
    assert (photo.description, photo.credit) == ("Typed", "Embedded credit")


def test_same_bytes_give_the_existing_photo(db):
    photo = ingest(1)
    files = stored_files()
    again, created = Photo.objects.ingest(io.BytesIO(jpeg(1)), filename="other name.jpg")
    assert (again.pk, created) == (photo.pk, False)
    assert stored_files() == files


def test_database_error_after_writing_removes_the_files(db, monkeypatch):
    def broken_save(self, *args, **kwargs):
        raise DatabaseError("disk I/O error")

    monkeypatch.setattr(Photo, "save", broken_save)
    with pytest.raises(DatabaseError):
        Photo.objects.ingest(io.BytesIO(jpeg(1)), filename="a.jpg")
    assert stored_files() == []


def test_failure_writing_the_original_removes_the_renditions(db, monkeypatch):
    def full_disk(self, name, content):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(OriginalsStorage, "_save", full_disk)
    with pytest.raises(OSError):
        Photo.objects.ingest(io.BytesIO(jpeg(1)), filename="a.jpg")
    assert stored_files() == [] and Photo.objects.count() == 0


def test_a_concurrent_upload_of_the_same_bytes_gives_the_stored_photo(db):
    first = Photo.objects.prepare(io.BytesIO(jpeg(1)), filename="a.jpg")
    second = Photo.objects.prepare(io.BytesIO(jpeg(1)), filename="b.jpg")
    winner, created = Photo.objects.store(first)
    files = stored_files()
    loser, created_again = Photo.objects.store(second)  # prepared before the first was stored
    assert created and not created_again and loser.pk == winner.pk
    assert stored_files() == files  # the loser's files were removed


def test_a_failed_write_leaves_the_placeholder_as_it_was(db, monkeypatch):
    placeholder = Photo.objects.create(description="From the wire")

    def broken_save(self, *args, **kwargs):
        raise IntegrityError("constraint failed")

    upload = Photo.objects.prepare(io.BytesIO(jpeg(1)), filename="a.jpg")
    monkeypatch.setattr(Photo, "save", broken_save)
    with pytest.raises(IntegrityError):
        placeholder.attach_prepared(upload)
    assert not placeholder.has_image and placeholder.renditions == {} and not placeholder.sha256
    assert stored_files() == []


# --------------------------------------------------------------------------- placeholders


def test_attach_image_fills_a_placeholder_and_keeps_its_caption(db):
    placeholder = Photo.objects.create(description="Wire caption.", credit="Hanbit")
    data = images.make_jpeg(900, 600, iptc={"caption": "Embedded", "byline": "Seo Photo"})
    placeholder.attach_image(io.BytesIO(data), filename="wire.jpg")
    placeholder.refresh_from_db()
    assert placeholder.description == "Wire caption." and placeholder.photographer == "Seo Photo"
    assert placeholder.has_image and [s["width"] for s in placeholder.sizes] == [320, 640]
    assert Photo.objects.awaiting_image().count() == 0


def test_attach_image_refuses_bytes_already_in_the_library(db):
    existing = ingest(1)
    placeholder = Photo.objects.create(description="Wire caption.")
    files = stored_files()
    with pytest.raises(DuplicatePhoto) as caught:
        placeholder.attach_image(io.BytesIO(jpeg(1)), filename="a.jpg")
    assert caught.value.existing == existing
    placeholder.refresh_from_db()
    assert not placeholder.has_image and stored_files() == files


def test_attach_image_refuses_a_photo_that_has_one(db):
    photo = ingest(1)
    with pytest.raises(ImageRejected) as caught:
        photo.attach_image(io.BytesIO(jpeg(2)), filename="a.jpg")
    assert caught.value.code == "has_image"


def test_discard_files_removes_original_and_renditions(db):
    photo = ingest(1)
    photo.discard_files()
    assert stored_files() == []
