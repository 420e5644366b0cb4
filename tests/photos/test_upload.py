"""Uploading through the admin: every refused file is named with its reason (a batch keeps
its good files); accepted files become photos with renditions, metadata read and names
generated."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.urls import reverse
from PIL import Image

from photos.models import Photo, PhotoQuerySet
from tests.photos import images
from tests.photos.helpers import form_errors, jpeg, rendition_files, stored_files, upload

STORED_ORIGINAL = re.compile(r"[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{32}\.(jpg|png|webp|gif)")
STORED_RENDITION = re.compile(r"photos/r/[0-9a-f]{32}/(thumb|w\d+)\.(webp|jpg)")


def truncated_jpeg() -> bytes:
    data = images.make_jpeg(200, 150, noise=True)
    return data[: len(data) // 2]


def assert_nothing_stored() -> None:
    assert Photo.objects.count() == 0
    assert stored_files() == []


# --------------------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    ("filename", "data", "code", "says"),
    [
        pytest.param("logo.svg", images.SVG_WITH_SCRIPT, "format", "SVG drawing", id="svg-script"),
        pytest.param("photo.jpg", images.HTML_PAGE, "format", "HTML page", id="html-as-jpg"),
        pytest.param("scan.pdf", images.PDF_DOC, "format", "PDF document", id="pdf"),
        pytest.param("scan.tif", images.make_tiff(), "format", "TIFF image", id="tiff"),
        pytest.param("layout.psd", images.make_psd(), "format", "Photoshop", id="psd"),
        pytest.param("art.eps", images.make_eps(), "format", "PostScript", id="eps"),
        pytest.param("photo.jpg", images.make_png(), "extension", "PNG image", id="png-as-jpg"),
        pytest.param("empty.jpg", b"", "empty", "empty", id="empty"),
        pytest.param(
            "bomb.png",
            images.png_header_only(15000, 15000),
            "too_many_pixels",
            "too many pixels",
            id="header-only-15000px-png",
        ),
        pytest.param("cut.jpg", truncated_jpeg(), "corrupt", "damaged", id="truncated-jpeg"),
    ],
)
def test_refused_upload_is_a_form_error_naming_the_file_and_stores_nothing(
    photo_client, filename, data, code, says
):
    response = upload(photo_client, (filename, data))
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()["images"]
    assert [e.code for e in errors] == [code]
    message = form_errors(response)[0]
    assert message.startswith(f"{filename}: ") and says in message
    assert "Nothing was stored" in response.content.decode()
    assert_nothing_stored()


def test_file_over_the_size_limit_is_refused(photo_client, settings):
    settings.PHOTO_MAX_BYTES = 2000
    data = images.make_jpeg(200, 200, noise=True)
    assert len(data) > 2000
    response = upload(photo_client, ("big.jpg", data))
    assert response.context["form"].errors.as_data()["images"][0].code == "too_large"
    assert "big.jpg: " in form_errors(response)[0] and "2,000 bytes" in form_errors(response)[0]
    assert_nothing_stored()


def test_bad_files_in_a_batch_are_listed_and_every_good_one_is_stored(photo_client):
    response = upload(
        photo_client,
        ("good-1.jpg", jpeg(1)),
        ("bad.svg", images.SVG_WITH_SCRIPT),
        ("good-2.jpg", jpeg(2)),
        ("cut.jpg", truncated_jpeg()),
    )
    assert response.status_code == 200
    assert Photo.objects.count() == 2
    assert all(p.has_image and p.thumbnail for p in Photo.objects.all())
    refused = response.context["refused"]
    assert len(refused) == 2
    assert refused[0].startswith("bad.svg: ") and "SVG drawing" in refused[0]
    assert refused[1].startswith("cut.jpg: ") and "damaged" in refused[1]
    html = response.content.decode()
    assert "Uploaded good-1.jpg" in html and "Uploaded good-2.jpg" in html
    assert "bad.svg: " in html and 'type="file"' in html  # try the bad ones again, here
    assert "Nothing was stored" not in html


def test_a_batch_of_only_bad_files_stores_nothing_and_names_each(photo_client):
    response = upload(
        photo_client, ("bad.svg", images.SVG_WITH_SCRIPT), ("cut.jpg", truncated_jpeg())
    )
    errors = form_errors(response)
    assert len(errors) == 2
    assert errors[0].startswith("bad.svg: ") and errors[1].startswith("cut.jpg: ")
    assert "Nothing was stored" in response.content.decode()
    assert_nothing_stored()


def test_uploading_a_corrected_batch_again_stores_only_what_is_new(photo_client):
    upload(photo_client, ("good-1.jpg", jpeg(1)), ("cut.jpg", truncated_jpeg()))
    response = upload(photo_client, ("good-1.jpg", jpeg(1)), ("fixed.jpg", jpeg(3)))
    assert response.status_code == 302
    assert Photo.objects.count() == 2


def test_submitting_no_file_is_a_form_error(photo_client):
    response = photo_client.post(reverse("admin:photos_photo_add"), {})
    assert response.context["form"].errors.as_data()["images"][0].code == "required"
    assert_nothing_stored()


def test_file_name_in_a_refusal_is_escaped(photo_client):
    response = upload(photo_client, ("<img src=x onerror=alert(1)>.svg", images.SVG_WITH_SCRIPT))
    html = response.content.decode()
    assert "<img src=x onerror" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;.svg:" in html
    assert_nothing_stored()


# --------------------------------------------------------------------------- accepted


def test_single_upload_lands_on_the_photo_form(photo_client, photo_editor):
    response = upload(photo_client, ("seoul.jpg", images.make_jpeg(1600, 1000)))
    photo = Photo.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:photos_photo_change", args=[photo.pk])
    assert photo.uploaded_by == photo_editor
    assert (photo.width, photo.height) == (1600, 1000)
    assert [s["width"] for s in photo.sizes] == [320, 640, 960, 1280]
    assert all(path.exists() for path in rendition_files(photo))
    assert Path(photo.image.path).is_relative_to(Path(settings.PHOTO_ORIGINALS_ROOT))


def test_multi_file_upload_of_three_files_creates_three_photos(photo_client):
    response = upload(
        photo_client,
        ("a.jpg", jpeg(1)),
        ("b.png", images.make_png()),
        ("c.webp", images.make_webp()),
    )
    assert response.status_code == 302
    assert response.url == reverse("admin:photos_photo_changelist")
    assert Photo.objects.count() == 3
    assert all(p.has_image and p.thumbnail for p in Photo.objects.all())
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert sum(m.startswith("Uploaded ") for m in messages) == 3


def test_the_same_picture_twice_in_one_batch_is_stored_once(photo_client):
    data = jpeg(5)
    response = upload(photo_client, ("first.jpg", data), ("again.jpg", data))
    assert Photo.objects.count() == 1
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert "Stored once: again.jpg is the same picture as first.jpg." in messages


def test_duplicate_upload_is_offered_as_the_existing_photo(photo_client):
    data = jpeg(7)
    upload(photo_client, ("first.jpg", data))
    photo = Photo.objects.get()
    files_before = stored_files()

    response = upload(photo_client, ("renamed copy.jpg", data))
    change_url = reverse("admin:photos_photo_change", args=[photo.pk])
    assert response.status_code == 302 and response.url == change_url
    assert Photo.objects.count() == 1
    assert stored_files() == files_before
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(
        m.startswith("Not stored again: renamed copy.jpg is already in the library")
        and f'href="{change_url}"' in m
        for m in messages
    )


def test_png_with_html_appended_gives_renditions_without_it(photo_client):
    data = images.make_png(64, 48) + b"<html><body><script>alert(1)</script></body></html>"
    response = upload(photo_client, ("trick.png", data))
    assert response.status_code == 302
    photo = Photo.objects.get()
    renditions = rendition_files(photo)
    assert len(renditions) == 2 * (1 + len(photo.sizes))
    for path in renditions:
        assert b"<html" not in path.read_bytes(), path
    # Everything readers can reach lives under MEDIA_ROOT; the original is not there.
    media = Path(settings.MEDIA_ROOT)
    assert all(b"<html" not in p.read_bytes() for p in media.rglob("*") if p.is_file())


def test_exif_orientation_6_upload_gives_upright_renditions(photo_client):
    data = images.make_jpeg(40, 20, color=images.BLUE, corner=images.RED, orientation=6)
    upload(photo_client, ("turned.jpg", data))
    photo = Photo.objects.get()
    assert (photo.width, photo.height) == (20, 40)
    for path in rendition_files(photo):
        with Image.open(path) as im:
            rgb = im.convert("RGB")
        assert rgb.size == (20, 40), path
        top_right, top_left = rgb.getpixel((18, 1)), rgb.getpixel((1, 1))
        assert top_right[0] > 200 and top_right[2] < 60, (path, top_right)
        assert top_left[2] > 200 and top_left[0] < 60, (path, top_left)


def test_gps_is_absent_from_every_rendition_of_an_upload(photo_client):
    data = images.make_jpeg(700, 500, gps=True, date_taken="2026:01:05 13:44:00")
    upload(photo_client, ("located.jpg", data))
    photo = Photo.objects.get()
    renditions = rendition_files(photo)
    assert renditions
    for path in renditions:
        raw = path.read_bytes()
        assert b"Exif\x00\x00" not in raw and b"EXIF" not in raw, path
        with Image.open(path) as im:
            assert len(im.getexif()) == 0, path
            assert not im.getexif().get_ifd(0x8825), path


def test_large_upload_streams_to_a_temporary_file(photo_client, settings, monkeypatch):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024
    seen: list[type] = []
    prepare = PhotoQuerySet.prepare

    def spy(self, fileobj, *, filename):
        seen.append(type(fileobj))
        return prepare(self, fileobj, filename=filename)

    monkeypatch.setattr(PhotoQuerySet, "prepare", spy)
    data = images.make_jpeg(300, 200, noise=True)
    assert len(data) > 1024
    upload(photo_client, ("big.jpg", data))
    assert seen == [TemporaryUploadedFile]
    assert Photo.objects.get().has_image


# --------------------------------------------------------------------------- file names


@pytest.mark.parametrize(
    "filename",
    [
        "../../etc/passwd.jpg",
        "..\\..\\windows\\system32\\evil.jpg",
        "/etc/cron.d/evil.jpg",
        "x" * 296 + ".jpg",
    ],
)
def test_traversal_and_long_upload_names_are_replaced_by_generated_ones(photo_client, filename):
    response = upload(photo_client, (filename, jpeg(3)))
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert STORED_ORIGINAL.fullmatch(photo.image.name)
    assert all(STORED_RENDITION.fullmatch(p) for p in _paths(photo))
    roots = [
        Path(root).resolve()
        for root in (
            settings.PHOTO_ORIGINALS_ROOT,
            settings.MEDIA_ROOT,
            settings.PHOTO_PRIVATE_RENDITIONS_ROOT,
        )
    ]
    for path in stored_files():
        root = next(r for r in roots if path.resolve().is_relative_to(r))
        assert not re.search(r"passwd|evil|xxxx|\.\.", str(path.resolve().relative_to(root)))


@pytest.mark.parametrize(
    "filename",
    [
        "../../etc/passwd.jpg",
        "/absolute/path.jpg",
        "evil\x00name.jpg",
        "line\nbreak\r\t\x1b[31m.jpg",
        "\u202egpj.exe.jpg",
        "y" * 300 + ".jpg",
    ],
)
def test_ingest_never_uses_the_given_name(db, tmp_path, filename):
    photo, created = Photo.objects.ingest(io.BytesIO(jpeg(4)), filename=filename)
    assert created and STORED_ORIGINAL.fullmatch(photo.image.name)
    assert all(STORED_RENDITION.fullmatch(p) for p in _paths(photo))
    everything = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert sorted(everything) == stored_files()


def _paths(photo: Photo) -> list[str]:
    from photos.models import rendition_paths

    return rendition_paths(photo.renditions)
