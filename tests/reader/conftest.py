"""Builders for the reader-site tests: stories with any number of photos, keywords,
writers and versions, and photos whose renditions need no image decoding."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import timezone

from articles.models import Caption, Keyword, Section, Version, VersionWriter, Writer
from photos.models import Photo
from tests.conftest import draft, follow_up

PAYLOAD = "\"'><img src=x onerror=alert(1)>"


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Every test starts with an empty public page cache (it outlives the database)."""
    cache.clear()
    yield
    cache.clear()


def make_photo(n: int, *, credit: str = "Hanbit", folder: str = "", **fields: Any) -> Photo:
    """A library photo with renditions on record (the files themselves are not needed)."""
    folder = folder or f"photos/r/test{n:04d}"
    sizes = [
        {
            "name": f"w{w}",
            "width": w,
            "height": w * 2 // 3,
            "webp": f"{folder}/w{w}.webp",
            "jpeg": f"{folder}/w{w}.jpg",
        }
        for w in (320, 640, 960, 1280)
    ]
    thumb = {"name": "thumb", "width": 160, "height": 107}
    thumb |= {"webp": f"{folder}/thumb.webp", "jpeg": f"{folder}/thumb.jpg"}
    return Photo.objects.create(
        image=f"test-{n}.jpg",
        width=1920,
        height=1280,
        sha256=f"{n:064d}",
        renditions={"sizes": sizes, "thumb": thumb},
        description=fields.pop("description", f"Photo number {n}"),
        credit=credit,
        alt_text=fields.pop("alt_text", f"Alt text {n}"),
        **fields,
    )


def story(
    section: Section,
    *,
    slug: str = "Rich-story",
    headline: str = "Harbor reopens after the storm",
    photos: int = 0,
    keywords: int = 0,
    writers: int = 0,
    versions: int = 1,
    publish: bool = True,
    at: dt.datetime | None = None,
    caption: str = "Boats return to the harbor on Jan. 5, 2026.",
    **fields: Any,
) -> Version:
    """A story with ``versions`` published versions (or one draft when not ``publish``)."""
    fields.setdefault("body", "The harbor reopened.\n\nFerries resumed.\n\nTourists came back.")
    fields.setdefault("dateline_place", "BUSAN")
    fields.setdefault("dateline_date", dt.date(2026, 1, 5))
    version = draft(section, slug=slug, headline=headline, **fields)
    article = version.article
    base = Keyword.objects.count() + Writer.objects.count() + Photo.objects.count()
    for i in range(keywords):
        keyword = Keyword.objects.create(name=f"Keyword {base}-{i}", slug=f"kw-{base}-{i}")
        article.keywords.add(keyword)
    for i in range(writers):
        writer = Writer.objects.create(name=f"Writer {base}-{i}", slug=f"writer-{base}-{i}")
        VersionWriter.objects.create(version=version, writer=writer, position=i)
    for i in range(photos):
        Caption.objects.create(
            version=version,
            photo=make_photo(base * 100 + i),
            order=i,
            after_paragraph=i % 4,
            text=caption,
        )
    if not publish:
        return version
    start = at or timezone.now() - dt.timedelta(hours=versions + 1)
    version.publish(by=None, at=start)
    for n in range(1, versions):
        version = follow_up(
            version,
            headline=f"{headline} (update {n})",
            at=start + dt.timedelta(minutes=10 * n),
        )
    return version
