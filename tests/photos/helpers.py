"""Small helpers for the photo library's Django-side tests (admin uploads, files on disk)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from photos.models import Photo, rendition_paths
from tests.photos import images

UPLOAD_URL = "/admin/photos/photo/add/"


def upload(client: Client, *files: tuple[str, bytes], **extra: Any):
    """POST files to the admin's upload form, as a browser's multiple file input would."""
    payload = [SimpleUploadedFile(name, data) for name, data in files]
    return client.post(reverse("admin:photos_photo_add"), {"images": payload, **extra})


def stored_files() -> list[Path]:
    """Every file under MEDIA_ROOT, PHOTO_ORIGINALS_ROOT and PHOTO_PRIVATE_RENDITIONS_ROOT
    (tests point them all at tmp)."""
    roots = [
        Path(settings.MEDIA_ROOT),
        Path(settings.PHOTO_ORIGINALS_ROOT),
        Path(settings.PHOTO_PRIVATE_RENDITIONS_ROOT),
    ]
    return sorted(p for root in roots if root.exists() for p in root.rglob("*") if p.is_file())


def rendition_files(photo: Photo) -> list[Path]:
    """Where a photo's renditions are made: private until a published story shows it."""
    root = Path(settings.PHOTO_PRIVATE_RENDITIONS_ROOT)
    return [root / p for p in rendition_paths(photo.renditions)]


def jpeg(seed: int = 0, **kwargs: Any) -> bytes:
    """A small JPEG whose bytes differ per ``seed`` (so each is a different photo)."""
    colour = ((seed * 53) % 256, (seed * 97) % 256, (seed * 31 + 60) % 256)
    return images.make_jpeg(color=colour, **kwargs)


def ingest(seed: int = 0, **fields: Any) -> Photo:
    photo, created = Photo.objects.ingest(io.BytesIO(jpeg(seed)), filename="a.jpg", **fields)
    assert created
    return photo


def form_errors(response) -> list[str]:
    return [str(e) for e in response.context["form"].errors.get("images", [])]
