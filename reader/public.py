"""Who and what readers may see besides stories, derived from ``Version.objects.live()``.

A writer or a keyword is public only while a live story carries it: one seen only on
drafts, scheduled or killed copy has no page, no filter entry and no search match.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from articles.models import Keyword, Version, Writer


def public_writers() -> QuerySet[Writer]:
    return Writer.objects.filter(Exists(Version.objects.live().filter(writers=OuterRef("pk"))))


def public_keywords() -> QuerySet[Keyword]:
    return Keyword.objects.filter(
        Exists(Version.objects.live().filter(article__keywords=OuterRef("pk")))
    )
