"""Parsed wire copy onto the model: find or start the article, add the version.

``articles.wire`` reads text into plain data; this module is the one place that decides
what that data means for the newsroom's tables (which article, which number, which
writers, which photo placeholders), so ``import_wire`` stays a thin command.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from articles import vocab
from articles.models import (
    Article,
    AuditEntry,
    Caption,
    Genre,
    RevisionTag,
    Section,
    Status,
    Verb,
    Version,
    VersionKind,
    VersionWriter,
    Writer,
    unique_slug,
)
from photos.models import Photo
from wire.text.story import WireCaption, WireStory

RESTRICTION_CREDITS = {"PHOTO NOT FOR SALE"}


@dataclass
class Imported:
    """What one file became: the version, or the version it duplicates."""

    version: Version
    duplicate: bool = False
    warnings: list[str] = field(default_factory=list)

    @property
    def line(self) -> str:
        v = self.version
        prefix = "already imported:" if self.duplicate else ""
        parts = [prefix, v.article.code, f"v{v.number}", v.label, v.headline]
        parts.append(v.article.get_absolute_url())
        return " ".join(p for p in parts if p)


def keyword_slug_from(headline: str) -> str:
    """A keyword slug for copy that arrived without one: the headline's first words."""
    words = [re.sub(r"'s$|[^A-Za-z0-9]", "", w) for w in headline.split()]
    words = [w for w in words if w][:3]
    return "-".join(w[:1].upper() + w[1:] for w in words) or "Untitled"


def dateline_date(month: str, day: int, *, near: dt.datetime) -> dt.date | None:
    """The wire gives month and day only; take the year that puts the date nearest ``near``."""
    number = vocab.parse_month(month)
    if number is None:
        return None
    local = timezone.localdate(near)
    candidates = []
    for year in (local.year - 1, local.year, local.year + 1):
        try:
            candidates.append(dt.date(year, number, day))
        except ValueError:  # Feb. 29 in a common year
            continue
    return min(candidates, key=lambda d: abs(d - local), default=None)


def genre_of(story: WireStory) -> tuple[str, str, list[str]]:
    """(genre, editorial source, warnings) from the copy's genre tags."""
    for tag in story.genres:
        found = vocab.genre_from_tag(tag)
        if found:
            genre, source = found
            return str(genre), source, []
    if story.genres:
        return Genre.NEWS, "", [f"unknown genre tag(s) {story.genres}; imported as news"]
    return Genre.NEWS, "", []


def writers_for(story: WireStory) -> list[Writer]:
    """Writers from the byline, created when unknown; a partner header's Hangul name is
    matched to a lone English byline."""
    writers = []
    for name in story.byline:
        writer = Writer.objects.filter(name__iexact=name).first()
        if writer is None:
            writer = Writer.objects.create(name=name, slug=unique_slug(Writer, name))
        writers.append(writer)
    if story.header_name and len(writers) == 1 and not writers[0].name_ko:
        writers[0].name_ko = story.header_name
        writers[0].save(update_fields=["name_ko"])
    return writers


def photo_placeholder(caption: WireCaption) -> Photo:
    """A caption-only photo ("awaiting image") carrying the caption's credits."""
    credits = list(caption.credits)
    restriction = " ".join(c for c in credits if c.upper() in RESTRICTION_CREDITS)
    others = [c for c in credits if c.upper() not in RESTRICTION_CREDITS]
    credit = others[-1] if others else ""
    source = " ".join(others[:-1])
    return Photo.objects.create(
        description=caption.text,
        alt_text=caption.text[:300],
        credit=credit,
        source=source,
        restriction=restriction,
    )


def next_number(article: Article | None, story: WireStory) -> int:
    if article is not None:
        newest = article.versions.aggregate(n=Max("number"))["n"]
        return 0 if newest is None else newest + 1
    if story.kind in (vocab.Kind.ORIGINAL, vocab.Kind.URGENT):
        return 0
    # A later version whose earlier ones never reached us keeps its place in the chain.
    return max(1, story.lead_ordinal)


def find_article(story: WireStory, slug: str) -> Article | None:
    """The article a re-send belongs to: the newest one with this keyword slug.

    An original always starts a new story, even when the slug was used before.
    """
    if story.kind in (vocab.Kind.ORIGINAL, vocab.Kind.URGENT):
        return None
    return Article.objects.filter(slug=slug, killed_at__isnull=True).order_by("-created_at").first()


def import_story(
    story: WireStory,
    *,
    section: Section,
    by: Any = None,
    publish: bool = False,
    at: dt.datetime | None = None,
    folds: list[Article] | tuple[Article, ...] = (),
) -> Imported:
    """Write one parsed story as a version (all or nothing), or find the one it repeats."""
    existing = (
        Version.objects.select_related("article").filter(fingerprint=story.fingerprint).first()
    )
    if existing is not None:
        return Imported(existing, duplicate=True)
    warnings = list(story.warnings)
    when = at or timezone.now()
    slug = story.slug
    if not slug:
        slug = keyword_slug_from(story.headline)
        warnings.append(f"no keyword slug; using {slug!r} from the headline")
    genre, genre_source, genre_warnings = genre_of(story)
    warnings += genre_warnings
    signoff = story.signoff
    try:
        validate_email(signoff) if signoff else None
    except ValidationError:
        warnings.append(f"sign-off {signoff!r} is not an e-mail address; dropped")
        signoff = ""
    unfit = [f"{v} {o}".strip() for v, o in story.advisory.tags if v not in Verb.values]
    notes = [f"Wire advisory kept verbatim: {story.advisory.text}"] if unfit else []

    with transaction.atomic():
        article = find_article(story, slug)
        number = next_number(article, story)
        if article is None:
            article = Article.objects.create(
                code=Article.next_code(at=when), slug=slug, section=section, created_at=when
            )
        kind = story.kind if story.kind in VersionKind.values else VersionKind.LEAD
        correction_note = ""
        if kind == VersionKind.CORRECTION:
            correction_note = story.advisory.text or "This story has been corrected."
        version = Version.objects.create(
            article=article,
            number=number,
            kind=kind,
            lead_ordinal=story.lead_ordinal if kind == VersionKind.LEAD else 0,
            genre=genre,
            genre_source=genre_source,
            headline=story.headline or slug.replace("-", " "),
            deck=story.deck,
            dateline_place=story.dateline.place if story.dateline else "",
            dateline_date=(
                dateline_date(story.dateline.month, story.dateline.day, near=when)
                if story.dateline
                else None
            ),
            body=story.body,
            signoff=signoff,
            correction_note=correction_note,
            internal_note="\n".join(notes),
            fingerprint=story.fingerprint,
            created_by=by,
            updated_by=by,
        )
        article.point_to_newest(version)
        VersionWriter.objects.bulk_create(
            VersionWriter(version=version, writer=w, position=i)
            for i, w in enumerate(writers_for(story))
        )
        RevisionTag.objects.bulk_create(
            RevisionTag(version=version, position=i, verb=verb, object=obj)
            for i, (verb, obj) in enumerate(story.advisory.tags)
            if verb in Verb.values
        )
        Caption.objects.bulk_create(
            Caption(
                version=version,
                photo=photo_placeholder(caption),
                order=i,
                after_paragraph=0,
                text=caption.text,
            )
            for i, caption in enumerate(story.captions)
        )
        AuditEntry.record(
            version=version,
            by=by,
            action="import",
            to_status=Status.DRAFT,
            note=f"from {story.file}" + (f"; {len(warnings)} warning(s)" if warnings else ""),
        )
        if publish:  # through the desk's own verb: the same checks and bookkeeping
            version.publish(by=by, at=when)
        for folded in folds:
            folded.fold_into(roundup=article, by=by)
    return Imported(version, warnings=warnings)


def default_section() -> Section:
    return Section.objects.get(slug=settings.NEWSROOM_DEFAULT_SECTION)
