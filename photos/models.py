"""The photo library: pictures with their lasting metadata and web renditions.

Knows nothing of articles; a story's words under a photo live in articles.Caption.

Taking a picture in is two steps, so a form can refuse every bad file before anything is
written: ``Photo.objects.prepare()`` checks the bytes, reads the embedded metadata and
makes the renditions in memory (ImageRejected on refusal); ``Photo.objects.store()`` (a
new photo) or ``photo.attach_prepared()`` (a placeholder awaiting its image) writes the
files and the row, removing whatever it wrote if anything fails on the way.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from photos.imaging import (
    ImageInfo,
    ImageRejected,
    Limits,
    Rendition,
    inspect_upload,
    make_renditions,
    safe_stored_name,
)
from photos.metadata import PhotoMetadata, read_metadata


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


class DuplicatePhoto(Exception):
    """The same bytes are already in the library as ``existing``."""

    def __init__(self, existing: Photo) -> None:
        super().__init__(existing)
        self.existing = existing
        self.message = f"This picture is already in the library as photo {existing.pk}."

    def __str__(self) -> str:
        return self.message


def _aware(value: dt.datetime | dt.date | None) -> dt.datetime | None:
    """A timestamp for ``taken_at``: naive camera times are read in the newsroom's zone,
    and a bare date (IPTC date created without a time) becomes that day's midnight."""
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time())
    return value if timezone.is_aware(value) else timezone.make_aware(value)


class PrivateRenditionsStorage(FileSystemStorage):
    """Where renditions are made: outside MEDIA_ROOT, with no URL.

    A photo's renditions are copied to the public media storage only once readers may
    see the photo (``Photo.publish_renditions``, called by the reader site when a
    published story shows it), so a web server serving MEDIA_ROOT can never hand out
    the picture of a draft or a story still scheduled. Read from settings on every use.
    """

    @property
    def base_location(self) -> str:
        return str(settings.PHOTO_PRIVATE_RENDITIONS_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("Unpublished renditions are private and have no URL.")


def private_renditions() -> FileSystemStorage:
    return PrivateRenditionsStorage()


def store_renditions(renditions: list[Rendition]) -> dict[str, Any]:
    """Write renditions under a random folder in the private renditions storage; return
    what templates need.

    {"sizes": [{"name": "w640", "width": 640, "height": 427, "webp": path, "jpeg": path}, …]
    widest last, "thumb": {…}}. The paths are also where the public copies go (under
    MEDIA_ROOT) once the photo is published, so a URL never changes. The random folder
    keeps them unguessable as well. A failure part-way removes what was already written.
    """
    storage = private_renditions()
    folder = f"photos/r/{secrets.token_hex(16)}"
    by_name: dict[str, dict[str, Any]] = {}
    written: list[str] = []
    try:
        for r in renditions:
            entry = by_name.setdefault(
                r.name, {"name": r.name, "width": r.width, "height": r.height}
            )
            path = storage.save(f"{folder}/{r.name}.{r.extension}", ContentFile(r.content))
            written.append(path)
            entry[r.format.lower()] = path
    except BaseException:
        _delete_renditions(written)
        raise
    thumb = by_name.pop("thumb", None)
    return {"sizes": sorted(by_name.values(), key=lambda e: e["width"]), "thumb": thumb}


# The shape store_renditions gives a rendition's path; anything else is no rendition.
RENDITION_PATH = re.compile(r"photos/r/[\w-]{1,64}/[\w-]{1,32}\.(?:jpg|webp)")


def is_rendition_path(path: str) -> bool:
    return RENDITION_PATH.fullmatch(path) is not None


def rendition_paths(renditions: dict[str, Any] | None) -> list[str]:
    """Every file a renditions dict points to (storage paths, private and public alike)."""
    if not renditions:
        return []
    entries = [*renditions.get("sizes", []), renditions.get("thumb") or {}]
    return [e[fmt] for e in entries for fmt in ("webp", "jpeg") if e.get(fmt)]


def _delete_public(paths: Iterable[str]) -> None:
    _delete_from(default_storage, paths)


def _delete_renditions(paths: Iterable[str]) -> None:
    paths = list(paths)
    _delete_from(private_renditions(), paths)
    _delete_from(default_storage, paths)


def _delete_from(storage: Any, paths: Iterable[str]) -> None:
    folders = set()
    for path in paths:
        with suppress(OSError):
            storage.delete(path)
        folders.add(os.path.dirname(path))
    for folder in folders:
        # The random folder is the photo's alone; leave no empty husk behind.
        with suppress(OSError, NotImplementedError):
            os.rmdir(storage.path(folder))


def upload_limits() -> Limits:
    return Limits(
        max_bytes=settings.PHOTO_MAX_BYTES,
        max_pixels=settings.PHOTO_MAX_PIXELS,
        max_frames=settings.PHOTO_MAX_FRAMES,
        max_total_pixels=settings.PHOTO_MAX_TOTAL_PIXELS,
    )


@dataclass
class PreparedUpload:
    """A file that passed every check, with its renditions made in memory; nothing stored.

    ``existing`` is the library photo with the same bytes, when there is one; then no
    metadata or renditions were made, since nothing new will be stored.
    """

    fileobj: IO[bytes]
    info: ImageInfo
    metadata: PhotoMetadata = field(default_factory=PhotoMetadata)
    renditions: list[Rendition] = field(default_factory=list)
    existing: Photo | None = None

    @property
    def sha256(self) -> str:
        return self.info.sha256

    @property
    def prefill(self) -> dict[str, Any]:
        """Library fields as the file's embedded metadata states them (blanks left out)."""
        found = self.metadata
        values = {
            "description": found.description,
            "photographer": found.photographer[:200],
            "credit": found.credit[:100],
            "source": found.source[:100],
            "restriction": found.restriction[:100],
            "copyright": found.copyright[:200],
            "alt_text": found.alt_text[:300],
            "taken_at": _aware(found.date_taken or found.date_created),
        }
        return {k: v for k, v in values.items() if v}


class PhotoQuerySet(models.QuerySet):
    def prepare(self, fileobj: IO[bytes], *, filename: str) -> PreparedUpload:
        """Check an uploaded file and make its renditions, writing nothing.

        Raises ImageRejected (``.code``, ``.message``) when the file is not a photo we
        accept. The file name only has to carry the right extension; it is never stored.
        """
        info = inspect_upload(fileobj, filename=filename, limits=upload_limits())
        existing = self.filter(sha256=info.sha256).first()
        if existing is not None:
            return PreparedUpload(fileobj=fileobj, info=info, existing=existing)
        metadata = read_metadata(fileobj)
        renditions = make_renditions(fileobj)
        fileobj.seek(0)
        return PreparedUpload(fileobj=fileobj, info=info, metadata=metadata, renditions=renditions)

    def store(self, upload: PreparedUpload, *, by: Any = None, **fields: Any) -> tuple[Photo, bool]:
        """Add a prepared upload to the library: (photo, created).

        The same bytes already in the library give the existing photo, not a second copy.
        Embedded metadata fills what ``fields`` leave empty.
        """
        if upload.existing is not None:
            return upload.existing, False
        photo = self.model(
            uploaded_by=by if getattr(by, "pk", None) else None,
            **(upload.prefill | {k: v for k, v in fields.items() if v}),
        )
        try:
            photo._write(upload)
        except IntegrityError:
            # Someone stored the same bytes between our check and our write.
            existing = self.filter(sha256=upload.sha256).first()
            if existing is None:
                raise
            return existing, False
        return photo, True

    def ingest(
        self, fileobj: IO[bytes], *, filename: str, by: Any = None, **fields: Any
    ) -> tuple[Photo, bool]:
        """Take an uploaded picture into the library: (photo, created).

        Checks it (ImageRejected on refusal, nothing stored), returns the existing photo
        for the same bytes, reads embedded metadata to pre-fill what ``fields`` leave
        empty, stores the original privately under a generated name, and makes the
        renditions now, so no reader's request ever resizes anything.
        """
        return self.store(self.prepare(fileobj, filename=filename), by=by, **fields)

    def with_rendition(self, path: str) -> Photo | None:
        """The photo whose renditions include ``path``, or None."""
        if not is_rendition_path(path):
            return None
        folder = path.rsplit("/", 1)[0] + "/"
        # Every photo with renditions has a thumbnail in its folder.
        for photo in self.filter(renditions__thumb__jpeg__startswith=folder)[:2]:
            if path in rendition_paths(photo.renditions):
                return photo
        return None

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

    # --- credit ---

    @property
    def credit_line(self) -> str:
        """'(PHOTO NOT FOR SALE) (Pool photo) (Hanbit)': restriction, source, then credit."""
        parts = [self.restriction, self.source, self.credit]
        return " ".join(f"({p})" for p in parts if p)

    def without_credit(self, text: str) -> str:
        """``text`` minus a trailing copy of this photo's credit line.

        Wire captions often arrive already ending in "(Pool photo) (Hanbit)"; the credit
        is appended on display, so it must not show twice.
        """
        text = text.strip()
        credit = self.credit_line
        if credit and _fold(text).endswith(_fold(credit)):
            # Cut by groups rather than characters, so spacing differences do not matter.
            for _ in range(credit.count("(")):
                text = re.sub(r"\s*\([^()]*\)\s*$", "", text)
        return text.strip()

    def credited(self, text: str) -> str:
        """A caption as readers see it: the text, then the credit line, once."""
        return " ".join(p for p in (self.without_credit(text), self.credit_line) if p)

    # --- renditions ---

    @property
    def has_image(self) -> bool:
        return bool(self.image)

    @property
    def sizes(self) -> list[dict[str, Any]]:
        return self.renditions.get("sizes", []) if self.renditions else []

    @property
    def thumbnail(self) -> dict[str, Any] | None:
        return self.renditions.get("thumb") if self.renditions else None

    @property
    def default_rendition(self) -> dict[str, Any] | None:
        """The JPEG a browser without srcset gets: the 960 width, or the widest below it."""
        sizes = self.sizes
        fitting = [s for s in sizes if s["width"] <= 960]
        return (fitting or sizes)[-1] if sizes else None

    @staticmethod
    def rendition_url(path: str) -> str:
        return default_storage.url(path)

    def srcset(self, fmt: str) -> str:
        """'…/w320.webp 320w, …/w640.webp 640w' for ``fmt`` "webp" or "jpeg"."""
        return ", ".join(
            f"{self.rendition_url(s[fmt])} {s['width']}w" for s in self.sizes if s.get(fmt)
        )

    @property
    def webp_srcset(self) -> str:
        return self.srcset("webp")

    @property
    def jpeg_srcset(self) -> str:
        return self.srcset("jpeg")

    @property
    def default_url(self) -> str:
        rendition = self.default_rendition
        return self.rendition_url(rendition["jpeg"]) if rendition else ""

    @property
    def thumbnail_url(self) -> str:
        thumb = self.thumbnail
        return self.rendition_url(thumb["jpeg"]) if thumb else ""

    # --- the image ---

    def attach_image(self, fileobj: IO[bytes], *, filename: str, by: Any = None) -> None:
        """Give a placeholder (a wire caption awaiting its picture) its image.

        Same checks and renditions as a new upload. The caption already written is kept;
        embedded metadata only fills fields that are still empty. Bytes that are already
        in the library as another photo are refused (DuplicatePhoto): attach that photo
        to the story instead, so one picture never has two library entries.
        """
        self.attach_prepared(Photo.objects.prepare(fileobj, filename=filename), by=by)

    def attach_prepared(self, upload: PreparedUpload, *, by: Any = None) -> None:
        if self.has_image:
            raise ImageRejected("has_image", "This photo already has its image.")
        if upload.existing is not None and upload.existing.pk != self.pk:
            raise DuplicatePhoto(upload.existing)
        for name, value in upload.prefill.items():
            if not getattr(self, name):
                setattr(self, name, value)
        if getattr(by, "pk", None) and self.uploaded_by_id is None:
            self.uploaded_by = by
        try:
            self._write(upload)
        except IntegrityError:
            existing = Photo.objects.filter(sha256=upload.sha256).exclude(pk=self.pk).first()
            if existing is None:
                raise
            raise DuplicatePhoto(existing) from None

    def _write(self, upload: PreparedUpload) -> None:
        """Write renditions, the original and the row; on any failure remove the files
        written and leave this instance as it was."""
        before = {"image": self.image.name, "renditions": self.renditions}
        before |= {"sha256": self.sha256, "width": self.width, "height": self.height}
        stored_original = ""
        self.renditions = store_renditions(upload.renditions)
        try:
            upload.fileobj.seek(0)
            name = safe_stored_name(upload.sha256, upload.info.extension)
            self.image.save(name, File(upload.fileobj), save=False)
            stored_original = self.image.name
            self.sha256 = upload.sha256
            # As displayed (after EXIF orientation), which is what renditions show.
            self.width, self.height = upload.info.width, upload.info.height
            with transaction.atomic():
                self.save()
        except BaseException:
            _delete_renditions(rendition_paths(self.renditions))
            if stored_original:
                with suppress(OSError):
                    self.image.storage.delete(stored_original)
            self.image.name = before.pop("image") or ""
            for key, value in before.items():
                setattr(self, key, value)
            raise

    def publish_renditions(self) -> None:
        """Copy the renditions to the public media storage (MEDIA_ROOT or object storage),
        where the web server serves them at their URLs. Only the reader site calls this,
        once a story readers can see shows the photo; a copy already there is kept."""
        private = private_renditions()
        for path in rendition_paths(self.renditions):
            if default_storage.exists(path) or not private.exists(path):
                continue
            with private.open(path) as source:
                saved = default_storage.save(path, source)
            if saved != path:  # another request published it meanwhile: keep theirs
                with suppress(OSError):
                    default_storage.delete(saved)

    def withdraw_renditions(self) -> None:
        """Remove the public copies (the story showing it was killed); the private
        renditions stay, so publishing the photo again costs one copy."""
        _delete_public(rendition_paths(self.renditions))

    def discard_files(self) -> None:
        """Remove the original and renditions from disk (after the row is deleted)."""
        _delete_renditions(rendition_paths(self.renditions))
        if self.image.name:
            with suppress(OSError):
                self.image.storage.delete(self.image.name)


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()
