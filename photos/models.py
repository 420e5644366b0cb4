"""The photo library: pictures with their lasting metadata and web renditions.

Knows nothing of articles; a story's words under a photo live in articles.Caption.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from typing import IO, Any

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import models
from django.utils import timezone

from photos.imaging import Limits, Rendition, inspect_upload, make_renditions, safe_stored_name
from photos.metadata import read_metadata


class OriginalsStorage(FileSystemStorage):
    """Originals live outside MEDIA_ROOT and have no URL: readers only ever get renditions.

    The folder is read from settings on every use, so tests can point it elsewhere.
    """

    @property
    def base_location(self) -> str:
        return str(settings.PHOTO_ORIGINALS_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("Photo originals are private and have no URL.")


def originals_storage() -> FileSystemStorage:
    return OriginalsStorage()


def original_upload_to(instance: Photo, filename: str) -> str:
    # The upload pipeline passes a generated name; the user's file name never survives.
    return filename


def _aware(value: dt.datetime | dt.date | None) -> dt.datetime | None:
    if not isinstance(value, dt.datetime):
        return None
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def store_renditions(renditions: list[Rendition]) -> dict[str, Any]:
    """Write renditions under a random folder in MEDIA_ROOT; return what templates need.

    {"sizes": [{"name": "w640", "width": 640, "height": 427, "webp": path, "jpeg": path}, …]
    widest last, "thumb": {…}}. The random folder keeps unpublished photos unguessable.
    """
    folder = f"photos/r/{secrets.token_hex(16)}"
    by_name: dict[str, dict[str, Any]] = {}
    for r in renditions:
        entry = by_name.setdefault(r.name, {"name": r.name, "width": r.width, "height": r.height})
        path = default_storage.save(f"{folder}/{r.name}.{r.extension}", ContentFile(r.content))
        entry[r.format.lower()] = path
    thumb = by_name.pop("thumb", None)
    return {"sizes": sorted(by_name.values(), key=lambda e: e["width"]), "thumb": thumb}


def upload_limits() -> Limits:
    return Limits(
        max_bytes=settings.PHOTO_MAX_BYTES,
        max_pixels=settings.PHOTO_MAX_PIXELS,
        max_frames=settings.PHOTO_MAX_FRAMES,
        max_total_pixels=settings.PHOTO_MAX_TOTAL_PIXELS,
    )


class PhotoQuerySet(models.QuerySet):
    def ingest(
        self, fileobj: IO[bytes], *, filename: str, by: Any = None, **fields: Any
    ) -> tuple[Photo, bool]:
        """Take an uploaded picture into the library: (photo, created).

        Checks it (ImageRejected on refusal, nothing stored), returns the existing photo
        for the same bytes, reads embedded metadata to pre-fill what ``fields`` leave
        empty, stores the original privately under a generated name, and makes the
        renditions now, so no reader's request ever resizes anything.
        """
        info = inspect_upload(fileobj, filename=filename, limits=upload_limits())
        existing = self.filter(sha256=info.sha256).first()
        if existing is not None:
            return existing, False
        found = read_metadata(fileobj)
        fileobj.seek(0)
        prefill = {
            "description": found.description,
            "photographer": found.photographer,
            "credit": found.credit,
            "source": found.source,
            "restriction": found.restriction,
            "copyright": found.copyright,
            "alt_text": found.alt_text[:300],
        }
        photo = self.model(
            sha256=info.sha256,
            uploaded_by=by if getattr(by, "pk", None) else None,
            taken_at=_aware(found.date_taken),
            **({k: v for k, v in prefill.items() if v} | {k: v for k, v in fields.items() if v}),
        )
        photo.renditions = store_renditions(make_renditions(fileobj))
        fileobj.seek(0)
        photo.image.save(safe_stored_name(info.sha256, info.extension), File(fileobj), save=False)
        photo.save()
        return photo, True

    def with_image(self) -> PhotoQuerySet:
        return self.exclude(image="")

    def awaiting_image(self) -> PhotoQuerySet:
        """Placeholders made from wire captions that arrived without a picture."""
        return self.filter(image="")


class Photo(models.Model):
    image = models.ImageField(
        upload_to=original_upload_to,
        storage=originals_storage,
        blank=True,
        width_field="width",
        height_field="height",
        help_text="The original file. Never served publicly; readers get renditions.",
    )
    sha256 = models.CharField(max_length=64, blank=True, editable=False)
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # Renditions made once at upload: {"w640": {"width": 640, "height": 427,
    # "webp": "photos/r/…/w640.webp", "jpeg": "photos/r/…/w640.jpg"}, …}
    renditions = models.JSONField(default=dict, blank=True, editable=False)

    description = models.TextField(blank=True, help_text="What the picture shows.")
    photographer = models.CharField(max_length=200, blank=True)
    credit = models.CharField(
        max_length=100, blank=True, help_text="Agency credit, e.g. Hanbit or KCNA-Hanbit."
    )
    source = models.CharField(max_length=100, blank=True, help_text="e.g. Pool photo")
    restriction = models.CharField(max_length=100, blank=True, help_text="e.g. PHOTO NOT FOR SALE")
    copyright = models.CharField(max_length=200, blank=True)
    alt_text = models.CharField(max_length=300, blank=True)
    taken_at = models.DateTimeField(null=True, blank=True)

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PhotoQuerySet.as_manager()

    # The lasting metadata staff edit (and embedded metadata pre-fills).
    LIBRARY_FIELDS = (
        "description",
        "photographer",
        "credit",
        "source",
        "restriction",
        "copyright",
        "alt_text",
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["sha256"], condition=~models.Q(sha256=""), name="photo_unique_content"
            ),
        ]
        indexes = [models.Index(fields=["-created_at"], name="photo_created_idx")]

    def __str__(self) -> str:
        return (self.description or self.alt_text or f"Photo {self.pk}")[:80]

    @property
    def credit_line(self) -> str:
        """'(PHOTO NOT FOR SALE) (Pool photo) (Hanbit)': restriction, source, then credit."""
        parts = [self.restriction, self.source, self.credit]
        return " ".join(f"({p})" for p in parts if p)

    @property
    def has_image(self) -> bool:
        return bool(self.image)

    @property
    def sizes(self) -> list[dict[str, Any]]:
        return self.renditions.get("sizes", []) if self.renditions else []

    @property
    def default_rendition(self) -> dict[str, Any] | None:
        """The JPEG a browser without srcset gets: the 960 width, or the widest below it."""
        sizes = self.sizes
        fitting = [s for s in sizes if s["width"] <= 960]
        return (fitting or sizes)[-1] if sizes else None
