"""Who and what readers may see besides stories, derived from ``Version.objects.live()``.

A writer or a keyword is public only while a live story carries it: one seen only on
drafts, scheduled or killed copy has no page, no filter entry and no search match (a
keyword's or writer's page is its listing of live stories, a 404 when that is empty).
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from articles.models import Section, Version, Writer
from reader import freshness


def public_writers() -> QuerySet[Writer]:
    return Writer.objects.filter(Exists(Version.objects.live().filter(writers=OuterRef("pk"))))


@freshness.per_token(freshness.GENERATION)
def writers() -> list[Writer]:
    """The public writers, read once in each process per generation of the site (a
    publish or a kill may add or take one away; an edited name moves it too)."""
    return list(public_writers())


@freshness.per_token(freshness.REFERENCE)
def sections() -> list[Section]:
    """Every section in the desk's order, read once in each process until one is edited."""
    return list(Section.objects.all())


def section(slug: str) -> Section | None:
    return next((s for s in sections() if s.slug == slug), None)


def writer(slug: str) -> Writer | None:
    return next((w for w in writers() if w.slug == slug), None)
