"""Parsed wire copy onto the model: find or start the article, add the version.

``wire.text`` and ``wire.formats`` read copy into plain data; this module is the one place
that decides what that data means for the newsroom's tables (which article, which number,
which writers, which photo placeholders, whose copy it is), so ``import_wire`` and the
inbox stay thin. Articles and versions are made only through the model's own verbs:
``Article.start``, ``article.new_version``, ``version.publish``, ``article.kill``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.utils import timezone

from articles import vocab
from articles.models import (
    Article,
    AuditEntry,
    Caption,
    Genre,
    RevisionTag,
    Section,
    Verb,
    Version,
    VersionKind,
    VersionWriter,
    Writer,
    unique_slug,
)
from photos.models import Photo
from wire.text.language import looks_english
from wire.text.parser import is_keyword_slug
from wire.text.story import WireCaption, WireStory

RESTRICTION_CREDITS = {"PHOTO NOT FOR SALE"}
# The desk note that marks a version whose copy arrived cut off (no end mark). Export
# reads it back, so cut-off copy never goes out with an (END) it did not have.


class ImportRefused(Exception):
    """Copy the newsroom will not take as it stands; nothing of it was written."""

    def __init__(self, filename: str, reason: str) -> None:
        super().__init__(f"{filename}: {reason}")
        self.filename = filename
        self.reason = reason


@dataclass
class Imported:
    """What one file became: the version, or the version it duplicates."""

    version: Version
    duplicate: bool = False
    killed: bool = False
    published: bool = False
    warnings: list[str] = field(default_factory=list)

    @property
    def line(self) -> str:
        v = self.version
        prefix = "already imported:" if self.duplicate else "killed:" if self.killed else ""
        parts = [prefix, v.article.code, f"v{v.number}", v.label, v.headline]
        if not self.duplicate and not self.killed:
            parts.append("(published)" if self.published else "(draft)")
        parts.append(v.article.get_absolute_url())
        return " ".join(p for p in parts if p)


# -- limits -----------------------------------------------------------------------------


def _limit(model: type[models.Model], name: str) -> int:
    """A field's max_length, read from the model so it is never written twice."""
    return model._meta.get_field(name).max_length


def check_limits(story: WireStory, *, slug: str, source: str, copyright: str) -> None:
    """Refuse copy whose fields do not fit the model's columns (PostgreSQL enforces them;
    SQLite would store them silently, so both databases refuse the same copy here)."""
    checks: list[tuple[str, str, int]] = [
        ("headline", story.headline, _limit(Version, "headline")),
        ("deck", story.deck, _limit(Version, "deck")),
        ("keyword slug", slug, _limit(Article, "slug")),
        ("source agency", source, _limit(Article, "source")),
        ("copyright line", copyright, _limit(Article, "source_copyright")),
        ("sign-off", story.signoff, _limit(Version, "signoff")),
    ]
    if story.dateline is not None:
        checks.append(("dateline place", story.dateline.place, _limit(Version, "dateline_place")))
    checks += [("byline name", name, _limit(Writer, "name")) for name in story.byline]
    if story.header_name:
        checks.append(("writer's name in Hangul", story.header_name, _limit(Writer, "name_ko")))
    checks += [
        ("advisory tag", obj, _limit(RevisionTag, "object")) for _, obj in story.advisory.tags
    ]
    for caption in story.captions:
        restriction, source_line, credit = credit_parts(caption)
        checks += [
            ("photo credit", credit, _limit(Photo, "credit")),
            ("photo source", source_line, _limit(Photo, "source")),
            ("photo restriction", restriction, _limit(Photo, "restriction")),
            ("photographer", caption.by, _limit(Photo, "photographer")),
        ]
    genre, genre_source, _ = genre_of(story)
    checks.append(("genre source", genre_source, _limit(Version, "genre_source")))
    for name, value, limit in checks:
        if len(value) > limit:
            raise ImportRefused(
                story.file,
                f"{name} is {len(value):,} characters, over the limit of {limit} "
                f"({value[:40]!r}…); nothing imported",
            )


# -- what the copy means ----------------------------------------------------------------


def keyword_slug_from(headline: str) -> str:
    """A keyword slug for copy that arrived without one: the headline's first words."""
    words = [re.sub(r"'s$|[^A-Za-z0-9]", "", w) for w in headline.split()]
    words = [w for w in words if w][:3]
    return "-".join(w[:1].upper() + w[1:] for w in words) or "Untitled"


def keyword_slug(raw: str, *, headline: str) -> str:
    """The newsroom's keyword slug for an agency's: kept when it already reads as one
    ("Lee-China-summit"), else its words joined by hyphens ("Germany-football/Munich/"
    -> "Germany-football-Munich"; "procès-santé" -> "proces-sante"), else from the headline."""
    if raw and is_keyword_slug(raw):
        return raw
    ascii_text = unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode()
    words = re.findall(r"[A-Za-z0-9]+", ascii_text)
    if len(words) >= 2:
        return "-".join(words)[:120].rstrip("-")
    return keyword_slug_from(headline)


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
    """(genre, editorial source, warnings) from the copy's genre tags; a story that is
    only a captioned photo is a photo item."""
    for tag in story.genres:
        found = vocab.genre_from_tag(tag)
        if found:
            genre, source = found
            return str(genre), source, []
    if story.photo_item:
        return Genre.PHOTO, "", []
    if story.genres:
        return Genre.NEWS, "", [f"unknown genre tag(s) {story.genres}; imported as news"]
    return Genre.NEWS, "", []


def source_of(story: WireStory) -> tuple[str, str]:
    """(source agency, copyright line) as the article keeps them: blank for our own copy.

    Only our own copy says our name: copy credited to another agency keeps that agency
    and its copyright line (or, when none came with it, a line naming that agency).
    """
    source = story.source or (story.dateline.agency if story.dateline else "")
    if not source or source.lower() == settings.NEWSROOM_AGENCY.lower():
        return "", ""
    return source, story.copyright or f"(C) {source}"


def writers_for(story: WireStory) -> list[Writer]:
    """Writers from the byline, created when unknown; a partner header's Hangul name is
    matched to a lone English byline."""
    writers = []
    for name in dict.fromkeys(story.byline):
        writer = Writer.objects.filter(name__iexact=name).first()
        if writer is None:
            writer = Writer.objects.create(name=name, slug=unique_slug(Writer, name))
        writers.append(writer)
    if story.header_name and len(writers) == 1 and not writers[0].name_ko:
        writers[0].name_ko = story.header_name
        writers[0].save(update_fields=["name_ko"])
    return writers


def credit_parts(caption: WireCaption) -> tuple[str, str, str]:
    """(restriction, source, credit) of a caption's credits: '(PHOTO NOT FOR SALE)
    (Pool photo) (Yonhap)' -> ('PHOTO NOT FOR SALE', 'Pool photo', 'Yonhap')."""
    credits = list(caption.credits)
    restriction = " ".join(c for c in credits if c.upper() in RESTRICTION_CREDITS)
    others = [c for c in credits if c.upper() not in RESTRICTION_CREDITS]
    return restriction, " ".join(others[:-1]), others[-1] if others else ""


def photo_placeholder(caption: WireCaption) -> Photo:
    """A caption-only photo ("awaiting image") carrying the caption's credits.

    Its alt text is the caption: readers who cannot see the picture get its words, and
    the desk can publish once the image is attached.
    """
    restriction, source, credit = credit_parts(caption)
    return Photo.objects.create(
        description=caption.text,
        alt_text=caption.text[: _limit(Photo, "alt_text")],
        photographer=caption.by,
        credit=credit,
        source=source,
        restriction=restriction,
    )


def publish_refusals(story: WireStory) -> list[str]:
    """Why this copy must not go live on its own, however --publish was asked; [] if none.

    Only copy with a real headline and a real body is published: not a slug standing in
    for a headline, not a lone word, not a photo still waiting for its image, not copy in
    another language than the wire's, never a kill.
    """
    reasons = []
    words = re.findall(r"[^\W\d_]{2,}", story.headline)
    if not story.headline:
        reasons.append("it has no headline")
    elif len(words) < 2:
        reasons.append(f"its headline {story.headline[:40]!r} is not a real headline")
    body_words = sum(len(p.split()) for p in story.paragraphs)
    if story.photo_item:
        reasons.append("it is a photo item waiting for its image")
    elif body_words < 8:
        reasons.append("it has no story text" if not body_words else "its text is a fragment")
    if story.language and not story.language.lower().startswith("en"):
        reasons.append(f"its language is {story.language!r}, not English")
    elif not looks_english(" ".join(story.paragraphs)):
        reasons.append("its text does not read as English")
    if story.killed:
        reasons.append("it is a kill")
    return reasons


def find_article(story: WireStory, slug: str, source: str) -> Article | None:
    """The article a re-send belongs to: the newest unkilled one with this keyword slug
    from the same source. An original always starts a new story."""
    if story.kind in (vocab.Kind.ORIGINAL, vocab.Kind.URGENT) and not story.killed:
        return None
    return (
        Article.objects.filter(slug=slug, source=source, killed_at__isnull=True)
        .order_by("-created_at")
        .first()
    )


# -- import -----------------------------------------------------------------------------


def _fields(story: WireStory, *, when: dt.datetime, kind: str) -> tuple[dict[str, Any], list[str]]:
    """Version fields from the copy, and warnings about what was changed on the way."""
    warnings: list[str] = []
    genre, genre_source, genre_warnings = genre_of(story)
    warnings += genre_warnings
    signoff = story.signoff
    try:
        validate_email(signoff) if signoff else None
    except ValidationError:
        warnings.append(f"sign-off {signoff!r} is not an e-mail address; dropped")
        signoff = ""
    notes = [f"From {story.source or 'the wire'} ({story.format}): {n}" for n in story.notes]
    unfit = [f"{v} {o}".strip() for v, o in story.advisory.tags if v not in Verb.values]
    if unfit:
        notes.append(f"Wire advisory kept verbatim: {story.advisory.text}")
    correction_note = ""
    if kind == VersionKind.CORRECTION:
        correction_note = story.advisory.text or "This story has been corrected."
    fields = {
        "genre": genre,
        "genre_source": genre_source,
        "deck": story.deck,
        "dateline_place": story.dateline.place if story.dateline else "",
        "dateline_date": (
            dateline_date(story.dateline.month, story.dateline.day, near=when)
            if story.dateline
            else None
        ),
        "body": story.body,
        "signoff": signoff,
        "correction_note": correction_note,
        "internal_note": "\n".join(notes),
        "complete": story.end,
        "fingerprint": story.fingerprint,
    }
    return fields, warnings


def _parts(version: Version, story: WireStory, *, reuse: dict[str, Photo], fresh: bool) -> None:
    """Bylines, revision tags and captions of a draft version, as the copy has them
    (replacing those a new version copied from the one before, unless ``fresh``)."""
    if not fresh:
        VersionWriter.objects.filter(version=version).delete()
        Caption.objects.filter(version=version).delete()
    VersionWriter.objects.bulk_create(
        VersionWriter(version=version, writer=w, position=i)
        for i, w in enumerate(writers_for(story))
    )
    RevisionTag.objects.bulk_create(
        RevisionTag(version=version, position=i, verb=verb, object=obj)
        for i, (verb, obj) in enumerate(story.advisory.tags)
        if verb in Verb.values
    )
    captions = []
    for i, caption in enumerate(story.captions):
        # A re-send repeating a caption keeps the photo, and any image attached to it.
        photo = reuse.get(caption.text) or photo_placeholder(caption)
        made = Caption.for_photo(photo, version=version, order=i)
        made.text = caption.text
        made.alt_text = made.alt_text or caption.text[: _limit(Caption, "alt_text")]
        captions.append(made)
    Caption.objects.bulk_create(captions)


def import_story(
    story: WireStory,
    *,
    section: Section,
    by: Any = None,
    publish: bool = False,
    at: dt.datetime | None = None,
    folds: list[Article] | tuple[Article, ...] = (),
) -> Imported:
    """Write one parsed story as a version (all or nothing), or find the one it repeats.

    Raises ImportRefused (nothing written) for copy that does not fit, and TransitionError
    when the story's newest version is still a draft the desk has to finish first.
    """
    warnings = list(story.warnings)
    slug = keyword_slug(
        story.slug, headline=story.headline or (story.paragraphs or ["Untitled"])[0]
    )
    if not story.slug:
        warnings.append(f"no keyword slug; using {slug!r} from the headline")
    elif slug != story.slug:
        warnings.append(f"keyword slug {story.slug!r} written as {slug!r}")
    source, copyright = source_of(story)
    check_limits(story, slug=slug, source=source, copyright=copyright)
    existing = (
        Version.objects.select_related("article").filter(fingerprint=story.fingerprint).first()
    )
    if existing is not None:
        return Imported(existing, duplicate=True)
    when = at or timezone.now()
    kind = story.kind if story.kind in VersionKind.values else VersionKind.LEAD
    fields, field_warnings = _fields(story, when=when, kind=kind)
    warnings += field_warnings
    refusals = publish_refusals(story)
    headline = story.headline or slug.replace("-", " ")

    with transaction.atomic():
        article = find_article(story, slug, source)
        if story.killed and article is not None:
            note = (story.notes or [f"Withdrawn by {source or 'the wire'}."])[0]
            article.kill(by=by, note=note)
            version = article.versions.order_by("-number").first()
            AuditEntry.record(
                version=version, by=by, action="import", note=f"kill from {story.file}"
            )
            return Imported(version, killed=True, warnings=warnings)
        reuse: dict[str, Photo] = {}
        fresh = article is None  # a version start() made has no parts to replace
        if article is None:
            first_kind = (
                kind
                if kind in (VersionKind.ORIGINAL, VersionKind.URGENT)
                else (VersionKind.ORIGINAL)
            )
            version = Article.start(
                by=by, slug=slug, section=section, headline=headline, kind=first_kind, at=when,
                **fields,
            )  # fmt: skip
            article = version.article
            if kind != first_kind:
                # A re-send whose earlier versions never reached us keeps its place in the
                # chain and the label it came with (model change requested: start(number=)).
                version.number = max(1, story.lead_ordinal)
                version.kind = kind
                version.lead_ordinal = story.lead_ordinal if kind == VersionKind.LEAD else 0
                version.save(update_fields=["number", "kind", "lead_ordinal"])
                warnings.append(f"first of its story here, as version {version.number}")
            if source:
                article.source, article.source_copyright = source, copyright
                article.save(update_fields=["source", "source_copyright"])
        else:
            base = article.versions.order_by("-number").first()
            reuse = {c.text: c.photo for c in base.captions.select_related("photo")} if base else {}
            version = article.new_version(by=by, kind=kind, headline=headline, **fields)
            ordinal = story.lead_ordinal if kind == VersionKind.LEAD else 0
            if version.lead_ordinal != ordinal and ordinal:
                version.lead_ordinal = ordinal  # only the copy's own label counts
                version.save(update_fields=["lead_ordinal"])
        _parts(version, story, reuse=reuse, fresh=fresh)
        AuditEntry.record(
            version=version,
            by=by,
            action="import",
            note=f"from {story.file} ({story.format})"
            + (f"; {len(warnings)} warning(s)" if warnings else ""),
        )
        published = False
        if story.killed:
            article.kill(by=by, note=(story.notes or [f"Withdrawn by {source or 'the wire'}."])[0])
            return Imported(version, killed=True, warnings=warnings)
        if publish and refusals:
            warnings.append("kept as a draft, not published: " + "; ".join(refusals))
        elif publish:
            moment = when
            if story.embargo is not None and story.embargo > moment:
                moment = story.embargo
                warnings.append(f"embargoed: scheduled for {story.embargo.isoformat()}")
            version.publish(by=by, at=moment)
            published = True
        for folded in folds:
            folded.fold_into(roundup=article, by=by)
    return Imported(version, published=published, warnings=warnings)


def check_story(story: WireStory) -> None:
    """What a dry run can check without writing: the fields fit (ImportRefused if not)."""
    slug = keyword_slug(story.slug, headline=story.headline or (story.paragraphs or [""])[0])
    source, copyright = source_of(story)
    check_limits(story, slug=slug, source=source, copyright=copyright)


def default_section(*, create: bool = True) -> Section:
    """The section imports go to unless told otherwise (NEWSROOM_DEFAULT_SECTION), made on
    first use so import works right after migrate."""
    slug = settings.NEWSROOM_DEFAULT_SECTION
    if not create:
        return Section.objects.get(slug=slug)
    section, _ = Section.objects.get_or_create(
        slug=slug, defaults={"name": slug.replace("-", " ").title()}
    )
    return section
