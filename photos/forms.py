"""Admin forms of the photo library: the upload form and the photo's metadata form.

Both do every check in ``clean`` (Photo.objects.prepare: format, size, pixels, frames,
damage, renditions made in memory), so a refused file is a form error naming it and
nothing at all is written; the admin stores the prepared uploads only once the form is
valid.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from django.utils.html import format_html

from photos.imaging import CONTENT_TYPES, ImageRejected
from photos.models import Photo, PreparedUpload

ACCEPT = ",".join(CONTENT_TYPES.values())

# Control and bidi characters, which could disguise a name in a message.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def display_name(filename: str, *, limit: int = 60) -> str:
    """The uploader's file name as it may appear in a message: last path part only, no
    control characters, shortened in the middle so the extension stays visible."""
    name = re.split(r"[\\/]", filename or "")[-1]
    name = _UNPRINTABLE.sub("", unicodedata.normalize("NFC", name)).strip() or "(unnamed file)"
    if len(name) > limit:
        keep = limit - 1
        name = f"{name[: keep - keep // 3]}…{name[-(keep // 3) :]}"
    return name


def photo_link(photo: Photo) -> str:
    url = reverse("admin:photos_photo_change", args=[photo.pk])
    return format_html('<a href="{}">photo {}: {}</a>', url, photo.pk, str(photo))


def refusal(filename: str, rejected: ImageRejected) -> ValidationError:
    return ValidationError(
        "%(name)s: %(reason)s",
        code=rejected.code,
        params={"name": display_name(filename), "reason": rejected.message},
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one <input type=file multiple>; cleans to a list."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        items = data if isinstance(data, list | tuple) else [data]
        items = [item for item in items if item]
        if not items:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        clean_one = super().clean
        return [clean_one(item, initial) for item in items]


class PhotoUploadForm(forms.Form):
    images = MultipleFileField(
        label="Photos",
        # Empty files reach Photo.objects.prepare, whose message names the file.
        allow_empty_file=True,
        widget=MultipleFileInput(attrs={"accept": ACCEPT}),
        help_text="JPEG, PNG, WebP or GIF; choose several at once if you like. Captions, "
        "credits and dates embedded in the files are read into each photo.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.repeats: list[tuple[str, str]] = []  # (name, name of its twin in this batch)
        self.refused: list[ValidationError] = []  # bad files of a batch with good ones

    def clean_images(self) -> list[tuple[str, PreparedUpload]]:
        """Prepare every file. The good ones of a batch are kept even when others are
        refused (``refused`` names each with its reason), so one bad file never costs
        the desk the rest; a batch with nothing good is a form error naming every file.
        Re-uploading a corrected batch is safe: files already stored are recognised."""
        errors: list[ValidationError] = []
        prepared: list[tuple[str, PreparedUpload]] = []
        seen: dict[str, str] = {}
        for upload in self.cleaned_data["images"]:
            try:
                ready = Photo.objects.prepare(upload, filename=upload.name)
            except ImageRejected as rejected:
                errors.append(refusal(upload.name, rejected))
                continue
            name = display_name(upload.name)
            if ready.sha256 in seen:
                self.repeats.append((name, seen[ready.sha256]))
                continue
            seen[ready.sha256] = name
            prepared.append((name, ready))
        if errors and not prepared:
            raise ValidationError(errors)
        self.refused = errors
        return prepared

    def refusals(self) -> list[str]:
        """Each refused file of the batch, with its reason, as the editor reads it."""
        return [message for error in self.refused for message in error.messages]


class PhotoForm(forms.ModelForm):
    """The library metadata; placeholders awaiting their image also get an upload field."""

    new_image = forms.FileField(
        label="Image",
        required=False,
        allow_empty_file=True,
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        help_text="This photo came from wire copy without a picture. Upload it here: the "
        "caption stays, and embedded metadata fills only the empty fields.",
    )

    class Meta:
        model = Photo
        fields = [*Photo.LIBRARY_FIELDS, "taken_at"]
        widgets = {"alt_text": forms.Textarea(attrs={"rows": 2, "maxlength": 300})}

    def clean_new_image(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("new_image")
        self.prepared_upload: PreparedUpload | None = None
        if not upload:
            return None
        if self.instance.has_image:
            raise ValidationError("This photo already has its image.", code="has_image")
        try:
            ready = Photo.objects.prepare(upload, filename=upload.name)
        except ImageRejected as rejected:
            raise refusal(upload.name, rejected) from None
        if ready.existing is not None and ready.existing.pk != self.instance.pk:
            raise ValidationError(
                format_html(
                    "{}: this picture is already in the library as {}. Attach that photo "
                    "to the story instead of uploading it again.",
                    display_name(upload.name),
                    photo_link(ready.existing),
                ),
                code="duplicate",
            )
        self.prepared_upload = ready
        return upload
