"""Template helpers for captioned photos (``{% load photo_tags %}``)."""

from __future__ import annotations

from django import template

from photos.models import Photo

register = template.Library()


@register.filter
def without_credit(text: str, photo: Photo) -> str:
    """The caption text without a trailing copy of the photo's credit line, which the
    template appends itself. Returns plain text: autoescaping still applies."""
    return photo.without_credit(text or "")


@register.filter
def rendition_url(path: str) -> str:
    """The URL of a rendition's storage path ("" for none)."""
    return Photo.rendition_url(path) if path else ""
