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
