"""Articles and their versions: the story's identity, each write-through, and the audit trail.

An Article never holds text; every word lives in a Version. Published versions are
immutable (model, queryset and a database trigger refuse it), and what readers see is
decided at query time by ``Version.objects.live()``, so scheduling needs no cron job.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connections, models, transaction
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from articles import advisories, vocab
from articles.dbobjects import fts5_available
from photos.models import Photo


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    PUBLISHED = "published", "Published"


class VersionKind(models.TextChoices):
    ORIGINAL = vocab.Kind.ORIGINAL.value, "Original"
    URGENT = vocab.Kind.URGENT.value, "Urgent"
    LEAD = vocab.Kind.LEAD.value, "Lead"
    ROUNDUP = vocab.Kind.ROUNDUP.value, "Roundup"
    CORRECTION = vocab.Kind.CORRECTION.value, "Correction"


class Genre(models.TextChoices):
    NEWS = vocab.Genre.NEWS.value, "News"
    NEWS_FOCUS = vocab.Genre.NEWS_FOCUS.value, "News Focus"
    INTERVIEW = vocab.Genre.INTERVIEW.value, "Interview"
    FEATURE = vocab.Genre.FEATURE.value, "Feature"
    EDITORIAL = vocab.Genre.EDITORIAL.value, "Editorial"
    SUMMARY = vocab.Genre.SUMMARY.value, "News summary"
    PHOTO = vocab.Genre.PHOTO.value, "Photo item"


class Verb(models.TextChoices):
    UPDATES = "UPDATES"
    ADDS = "ADDS"
    CHANGES = "CHANGES"
    RECASTS = "RECASTS"
    RESTORES = "RESTORES"
    CORRECTS = "CORRECTS"
    REWRITES = "REWRITES"
    REPLACES = "REPLACES"
    DELETES = "DELETES"


class PublishedVersionError(Exception):
    """Raised on any attempt to change or delete a published version or its parts."""

    def __init__(self, message: str = "") -> None:
        super().__init__(
            message or "A published version never changes. Start a new version instead."
        )


class TransitionError(Exception):
    """An editorial verb that the version's current state does not allow."""


class EditConflict(Exception):
    """A save based on an older revision: someone else saved the version first."""

    def __init__(self, *, by: Any, at: dt.datetime | None, status: str) -> None:
        self.by = by
        self.at = at
        self.status = status
        who = (by.get_full_name() or by.get_username()) if by is not None else "someone"
        when = f"{timezone.localtime(at):%H:%M:%S %b %d}" if at else "an unknown time"
        super().__init__(f"This version was changed by {who} at {when} since you opened it.")


class DeskState(models.TextChoices):
    """Where an article stands on the desk: its newest version's state, unless killed."""

    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    SCHEDULED = "scheduled", "Scheduled"
    LIVE = "live", "Live"
    KILLED = "killed", "Killed"


def _user(by: Any) -> Any:
    """A user to store as actor, or None for commands run without one."""
    return by if getattr(by, "pk", None) else None


def split_paragraphs(body: str) -> list[str]:
    """A body's paragraphs: blank-line separated, trimmed, empty ones dropped."""
    return [p.strip() for p in body.replace("\r\n", "\n").split("\n\n") if p.strip()]


def choices_check(
    field: str, choices: type[models.TextChoices], name: str
) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)


# --- reference data -----------------------------------------------------------------------


class Section(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:section", args=[self.slug])


class Writer(models.Model):
    name = models.CharField("English name", max_length=120)
    name_ko = models.CharField("name in Hangul", max_length=60, blank=True)
    email = models.EmailField(blank=True)
    slug = models.SlugField(max_length=120, unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="writer",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:writer", args=[self.slug])


class Keyword(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:keyword", args=[self.slug])


class DailySerial(models.Model):
    """The last story serial handed out on a newsroom-local day (for article codes)."""

    day = models.DateField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.day}: {self.last}"

    @classmethod
    def next_for(cls, day: dt.date) -> int:
        """Hand out the day's next serial; safe under concurrent creation.

        The increment is a single UPDATE, so the row lock (PostgreSQL) or the write lock
        of the IMMEDIATE transaction (SQLite) serialises concurrent callers.
        """
        with transaction.atomic():
            if not cls.objects.filter(day=day).update(last=F("last") + 1):
                try:
                    with transaction.atomic():
                        cls.objects.create(day=day, last=1)
                except IntegrityError:  # another writer created the day's row first
                    cls.objects.filter(day=day).update(last=F("last") + 1)
            return cls.objects.values_list("last", flat=True).get(day=day)


# --- articles -----------------------------------------------------------------------------


def _period_starts(first: dt.datetime, last: dt.datetime, kind: str) -> list[dt.datetime]:
    """Local start of every year/month/day from ``first`` to ``last`` (aware, local)."""
    start = first.replace(hour=0, minute=0, second=0, microsecond=0)
    if kind in ("year", "month"):
        start = start.replace(day=1)
    if kind == "year":
        start = start.replace(month=1)
    periods = []
    while start <= last:
        periods.append(start)
        if kind == "day":
            start = (start + dt.timedelta(days=1)).replace(hour=0)
        elif kind == "month":
            start = start.replace(year=start.year + start.month // 12, month=start.month % 12 + 1)
        else:
            start = start.replace(year=start.year + 1)
    return [timezone.make_aware(p.replace(tzinfo=None), first.tzinfo) for p in periods]


class ArticleQuerySet(models.QuerySet):
    # Beyond this many candidate periods the plain (per-row) query is used instead.
    DATE_NAV_MAX_PERIODS = 40

    def datetimes(self, field_name: str, kind: str, order: str = "ASC", tzinfo: Any = None) -> Any:
        """The admin's date navigation, without truncating every row.

        On SQLite, Django truncates each row's datetime in Python (0.5 s at 100,000
        articles). Here the newest and oldest rows bound the candidate years, months or
        days, and each candidate is kept if an indexed range query finds a row in it.
        """
        if kind not in ("year", "month", "day"):
            return super().datetimes(field_name, kind, order=order, tzinfo=tzinfo)
        # Two index-ordered lookups: SQLite scans the table for MIN and MAX in one query.
        column = self.order_by().values_list(field_name, flat=True)
        first, last = column.order_by(field_name).first(), column.order_by(f"-{field_name}").first()
        if first is None:
            return []
        zone = tzinfo or timezone.get_current_timezone()
        first, last = timezone.localtime(first, zone), timezone.localtime(last, zone)
        periods = _period_starts(first, last, kind)
        if len(periods) > self.DATE_NAV_MAX_PERIODS:
            return super().datetimes(field_name, kind, order=order, tzinfo=tzinfo)
        ends = [*periods[1:], last + dt.timedelta(seconds=1)]
        # One statement: an indexed EXISTS per candidate period, evaluated on one row.
        checks = {
            f"p{i}": Exists(self.filter(**{f"{field_name}__gte": start, f"{field_name}__lt": end}))
            for i, (start, end) in enumerate(zip(periods, ends, strict=True))
        }
        row = self.model.objects.order_by().annotate(**checks).values(*checks)[:1].get()
        found = [start for i, start in enumerate(periods) if row[f"p{i}"]]
        return found if order == "ASC" else found[::-1]

    def live(self, *, at: dt.datetime | None = None) -> ArticleQuerySet:
        """Unkilled articles with at least one published version whose time has passed."""
        now = at or timezone.now()
        visible = Version.objects.filter(
            article=OuterRef("pk"), status=Status.PUBLISHED, publish_at__lte=now
        )
        return self.filter(killed_at__isnull=True).filter(Exists(visible))

    def killed(self) -> ArticleQuerySet:
        return self.filter(killed_at__isnull=False)

    def in_desk_state(self, state: str, *, at: dt.datetime | None = None) -> ArticleQuerySet:
        """Articles whose newest version is in ``state`` (a DeskState); killed wins."""
        if state == DeskState.KILLED:
            return self.killed()
        now = at or timezone.now()
        unkilled = self.filter(killed_at__isnull=True)
        if state in (DeskState.DRAFT, DeskState.SUBMITTED):
            return unkilled.filter(newest_version__status=state)
        if state == DeskState.SCHEDULED:
            return unkilled.filter(
                newest_version__status=Status.PUBLISHED, newest_version__publish_at__gt=now
            )
        if state == DeskState.LIVE:
            return unkilled.filter(
                newest_version__status=Status.PUBLISHED, newest_version__publish_at__lte=now
            )
        raise ValueError(f"Unknown desk state: {state!r}")

    def point_to_newest(self) -> int:
        """Bulk form of Article.point_to_newest(), for bulk loads that skip the model."""
        newest = Version.objects.filter(article=OuterRef("pk")).order_by("-number")
        return self.update(newest_version=Subquery(newest.values("pk")[:1]))

    def for_desk(self) -> ArticleQuerySet:
        """What the desk's article list shows, in a fixed number of queries."""
        return self.select_related("section", "newest_version").prefetch_related(
            models.Prefetch(
                "newest_version__bylines", VersionWriter.objects.select_related("writer")
            ),
            models.Prefetch(
                "newest_version__presences",
                EditingPresence.objects.recent().select_related("user"),
                to_attr="recent_presences",
            ),
        )

    def delete(self) -> tuple[int, dict[str, int]]:
        if Version.objects.filter(article__in=self, status=Status.PUBLISHED).exists():
            raise PublishedVersionError("Articles with published versions cannot be deleted.")
        return super().delete()


class Article(models.Model):
    code = models.CharField(max_length=32, unique=True, editable=False)
    slug = models.CharField(
        "keyword slug",
        max_length=120,
        db_index=True,
        help_text="The wire's story key, e.g. Lee-China-summit. Threads versions together.",
    )
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles")
    keywords = models.ManyToManyField(Keyword, blank=True, related_name="articles")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    killed_at = models.DateTimeField(null=True, blank=True, editable=False)
    kill_note = models.TextField(blank=True, editable=False)
    folded_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="folded_articles",
        editable=False,
        help_text="The roundup this story was folded into.",
    )
    top_order = models.PositiveSmallIntegerField(
        "front-page position",
        null=True,
        blank=True,
        help_text="Top stories on the front page, 1 first. Empty: not a top story.",
    )
    # Copy keeps its source: another agency's story keeps that agency's name in its
    # dateline credit and genre tags, and its copyright, in pages and in every export.
    source = models.CharField(
        "source agency",
        max_length=80,
        blank=True,
        help_text="The agency whose copy this is, e.g. Yonhap. Empty: our own copy.",
    )
    source_copyright = models.CharField(
        max_length=200, blank=True, help_text="The source's copyright line, kept as received."
    )
    # Kept in step by start(), new_version() and a draft's deletion, so the desk's list,
    # its state filter and its search are one join rather than a subquery per row.
    newest_version = models.ForeignKey(
        "Version",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        permissions = [
            ("kill_article", "Can kill an article"),
            ("view_audit", "Can read an article's audit log"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(killed_at__isnull=True) | ~Q(kill_note=""),
                name="article_kill_has_note",
            ),
            models.CheckConstraint(
                condition=~Q(folded_into=F("pk")), name="article_not_folded_into_itself"
            ),
        ]
        indexes = [
            models.Index(fields=["-created_at"], name="article_created_idx"),
            # The front page starts from the few top stories, not from every article.
            models.Index(
                fields=["top_order"],
                condition=Q(top_order__isnull=False),
                name="article_top_order_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.slug}"

    def get_absolute_url(self) -> str:
        return reverse("articles:story", args=[self.code])

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if self.pk and self.versions.filter(status=Status.PUBLISHED).exists():
            raise PublishedVersionError("Articles with published versions cannot be deleted.")
        return super().delete(*args, **kwargs)

    @property
    def is_killed(self) -> bool:
        return self.killed_at is not None

    @property
    def agency(self) -> str:
        """Whose copy this is, as datelines and genre tags name it."""
        return self.source or settings.NEWSROOM_AGENCY

    @property
    def copyright(self) -> str:
        return self.source_copyright or f"(C) {settings.NEWSROOM_NAME}. All Rights Reserved"

    def desk_state(self, *, at: dt.datetime | None = None) -> str:
        """The DeskState shown in the desk's list ("" for an article with no version)."""
        if self.is_killed:
            return DeskState.KILLED
        newest = self.newest_version
        if newest is None:
            return ""
        if newest.status != Status.PUBLISHED:
            return newest.status
        return DeskState.SCHEDULED if newest.publish_at > (at or timezone.now()) else DeskState.LIVE

    def point_to_newest(self, version: Version | None = None) -> None:
        """Keep ``newest_version`` on the highest-numbered version.

        Always recomputed (one UPDATE), so a version imported out of order cannot point
        the desk's list backwards; ``version`` spares the reload when it is the newest.
        """
        newest = Version.objects.filter(article_id=self.pk).order_by("-number")
        Article.objects.filter(pk=self.pk).update(newest_version=Subquery(newest.values("pk")[:1]))
        self.refresh_from_db(fields=["newest_version"])
        if version is not None and self.newest_version_id == version.pk:
            self.newest_version = version

    @staticmethod
    def next_code(*, at: dt.datetime | None = None) -> str:
        """Agency-style code: prefix + newsroom-local date + daily serial (HEN20260105000300)."""
        day = timezone.localdate(at or timezone.now())
        serial = DailySerial.next_for(day)
        return f"{settings.NEWSROOM_CODE_PREFIX}{day:%Y%m%d}{serial:04d}00"

    @classmethod
    def start(
        cls,
        *,
        by: Any,
        slug: str,
        section: Section,
        headline: str,
        kind: str = VersionKind.ORIGINAL,
        at: dt.datetime | None = None,
        **fields: Any,
    ) -> Version:
        """Open a new story: the article with its code and a first draft version.

        ``at`` backdates the article's creation (imported or demo copy).
        """
        created = at or timezone.now()
        with transaction.atomic():
            article = cls.objects.create(
                code=cls.next_code(at=created), slug=slug, section=section, created_at=created
            )
            version = Version.objects.create(
                article=article,
                number=0,
                kind=kind,
                headline=headline,
                created_by=by,
                updated_by=by,
                **fields,
            )
            article.point_to_newest(version)
            AuditEntry.record(version=version, by=by, action="create", to_status=Status.DRAFT)
        return version

    def next_lead_ordinal(self, *, kind: str) -> int:
        """The ``lead_ordinal`` a new version of ``kind`` gets: a LEAD counts the leads so far."""
        if kind != VersionKind.LEAD:
            return 0
        return self.versions.filter(kind=VersionKind.LEAD).count() + 1

    def current_version(self, *, at: dt.datetime | None = None) -> Version | None:
        """The version readers see now, or None."""
        return Version.objects.filter(article=self).live(at=at).first()

    def new_version(self, *, by: Any, kind: str, **fields: Any) -> Version:
        """Start the next version as a copy of the newest one (text, writers, captions).

        Only a published newest version can be followed: an open draft is finished first.
        """
        with transaction.atomic():
            base = self.versions.order_by("-number").first()
            if base is None or base.status != Status.PUBLISHED:
                raise TransitionError("Finish the open version before starting another.")
            if self.is_killed:
                raise TransitionError("A killed article takes no new versions.")
            copied = {name: getattr(base, name) for name in Version.COPIED_FIELDS}
            version = Version.objects.create(
                article=self,
                number=base.number + 1,
                kind=kind,
                lead_ordinal=self.next_lead_ordinal(kind=kind),
                created_by=by,
                updated_by=by,
                **(copied | fields),
            )
            self.point_to_newest(version)
            VersionWriter.objects.bulk_create(
                VersionWriter(version=version, writer_id=b.writer_id, position=b.position)
                for b in base.bylines.all()
            )
            Caption.objects.bulk_create(
                Caption(
                    version=version,
                    photo_id=c.photo_id,
                    order=c.order,
                    after_paragraph=c.after_paragraph,
                    text=c.text,
                    alt_text=c.alt_text,
                )
                for c in base.captions.all()
            )
            AuditEntry.record(
                version=version, by=by, action=f"start {kind}", to_status=Status.DRAFT
            )
        return version

    def fold_into(self, *, roundup: Article, by: Any) -> None:
        """Point readers of this story to the roundup that now includes it."""
        if roundup.pk == self.pk:
            raise TransitionError("A story cannot be folded into itself.")
        with transaction.atomic():
            Article.objects.filter(pk=self.pk).update(folded_into=roundup)
            self.folded_into = roundup
            AuditEntry.record(article=self, by=by, action="fold", note=f"into {roundup.code}")

    def kill(self, *, by: Any, note: str) -> None:
        if not note.strip():
            raise TransitionError("A kill needs a note for readers and subscribers.")
        with transaction.atomic():
            updated = Article.objects.filter(pk=self.pk, killed_at__isnull=True).update(
                killed_at=timezone.now(), kill_note=note.strip()
            )
            if not updated:
                raise TransitionError("This article is already killed.")
            self.refresh_from_db(fields=["killed_at", "kill_note"])
            AuditEntry.record(article=self, by=by, action="kill", note=self.kill_note)


# --- versions -----------------------------------------------------------------------------


class VersionQuerySet(models.QuerySet):
    def published(self, *, at: dt.datetime | None = None) -> VersionQuerySet:
        """Published versions whose time has passed, of unkilled articles (history pages)."""
        now = at or timezone.now()
        return self.filter(
            status=Status.PUBLISHED, publish_at__lte=now, article__killed_at__isnull=True
        )

    def live(self, *, at: dt.datetime | None = None) -> VersionQuerySet:
        """For each unkilled article, the newest published version whose time has passed."""
        now = at or timezone.now()
        newer = Version.objects.filter(
            article=OuterRef("article"),
            status=Status.PUBLISHED,
            publish_at__lte=now,
            number__gt=OuterRef("number"),
        )
        return self.published(at=now).exclude(Exists(newer))

    def for_page(self) -> VersionQuerySet:
        """Everything a story page or listing shows, in a fixed number of queries."""
        return self.select_related("article__section").prefetch_related(
            models.Prefetch("bylines", VersionWriter.objects.select_related("writer")),
            models.Prefetch("captions", Caption.objects.select_related("photo")),
            "article__keywords",
        )

    # A reader's query is cut to a few short words, so a hostile 10,000-character
    # query costs no more than an ordinary one.
    SEARCH_MAX_WORDS = 8
    SEARCH_MAX_WORD_LENGTH = 40

    @classmethod
    def search_terms(cls, words: str) -> list[str]:
        """The words a search uses: distinct, lower-case, the first few, each cut short."""
        terms = dict.fromkeys(
            w[: cls.SEARCH_MAX_WORD_LENGTH] for w in re.findall(r"\w+", words.lower())
        )
        return list(terms)[: cls.SEARCH_MAX_WORDS]

    def search(self, words: str) -> VersionQuerySet:
        """Versions matching every word, best first by ``search_rank`` (headline over body).

        The one place word matching lives. PostgreSQL: the stored, GIN-indexed tsvector
        that a trigger keeps in step (headline weight A, body B), ranked by ts_rank.
        SQLite: the FTS5 index kept in step by triggers, ranked by bm25 (headline x10).
        Elsewhere (or without FTS5): a plain case-insensitive match of each word.
        Only the first words count, so a 10,000-character query costs what a short one does.
        """
        terms = self.search_terms(words)
        if not terms:  # only punctuation or symbols: nothing can match
            return self.none().annotate(search_rank=Value(0.0)) if words.strip() else self
        # The RawSQL below is fixed text; the reader's words only ever travel as parameters.
        vendor = connections[self.db].vendor
        if vendor == "postgresql":
            query = "plainto_tsquery('english', %s)"
            text = " ".join(terms)
            return self.filter(
                RawSQL(f"articles_version.search_vector @@ {query}", [text], BooleanField())  # noqa: S611
            ).annotate(
                search_rank=RawSQL(f"ts_rank(articles_version.search_vector, {query})", [text])  # noqa: S611
            )
        if vendor == "sqlite" and fts5_available():
            # Joined once (the FTS index drives the join), so bm25 is computed per match,
            # not by re-running the MATCH for every candidate row.
            match = " ".join('"' + t.replace('"', '""') + '"' for t in terms)
            return self.extra(  # noqa: S610 - fixed SQL; the words travel as a parameter
                tables=["articles_version_fts"],
                where=[
                    "articles_version_fts.rowid = articles_version.id",
                    "articles_version_fts MATCH %s",
                ],
                params=[match],
                select={"search_rank": "-bm25(articles_version_fts, 10.0, 1.0)"},
            )
        matching = self
        for term in terms:
            matching = matching.filter(Q(headline__icontains=term) | Q(body__icontains=term))
        return matching.annotate(search_rank=Value(0.0))

    RELATED_WINDOW = dt.timedelta(days=3)

    def related_to(self, version: Version, *, first: Q | None = None) -> VersionQuerySet:
        """Other articles sharing a keyword or the section, keyword matches first.

        ``first`` puts other versions ahead of them (a roundup's parts), so a story page
        gets both in one query. Call on ``live()``; the article's keywords come from the
        prefetch when present. Only stories published within RELATED_WINDOW of this one
        are considered: related stories are of their time, and the window keeps the
        query an index range however large the archive grows.
        """
        article = version.article
        self = self.filter(
            publish_at__range=(
                version.publish_at - self.RELATED_WINDOW,
                version.publish_at + self.RELATED_WINDOW,
            )
        )
        shares_keyword = Exists(
            Article.keywords.through.objects.filter(
                article_id=OuterRef("article_id"),
                keyword_id__in=[k.pk for k in article.keywords.all()],
            )
        )
        wanted = Q(article__section_id=article.section_id) | shares_keyword
        if first is None:
            is_first: Any = models.Value(False)
        else:
            wanted |= first
            is_first = ExpressionWrapper(first, output_field=models.BooleanField())
        return (
            self.exclude(article_id=article.pk)
            .filter(wanted)
            .annotate(is_first=is_first, shares_keyword=shares_keyword)
            .order_by("-is_first", "-shares_keyword", "-publish_at", "-pk")
        )

    def drafts(self) -> VersionQuerySet:
        return self.filter(status=Status.DRAFT)

    def submitted(self) -> VersionQuerySet:
        return self.filter(status=Status.SUBMITTED)

    def scheduled(self, *, at: dt.datetime | None = None) -> VersionQuerySet:
        return self.filter(status=Status.PUBLISHED, publish_at__gt=at or timezone.now())

    def unpublished(self) -> VersionQuerySet:
        return self.exclude(status=Status.PUBLISHED)

    # Guards: a published row is never changed or deleted through a queryset either.
    def update(self, **kwargs: Any) -> int:
        if self.filter(status=Status.PUBLISHED).exists():
            raise PublishedVersionError()
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        if self.filter(status=Status.PUBLISHED).exists():
            raise PublishedVersionError()
        return super().delete()


def protect_published(collector: Any, field: Any, sub_objs: Any, using: str) -> None:
    """on_delete for a version's parts: cascade, unless a published version would lose them."""
    parents = [getattr(obj, field.name) for obj in sub_objs]
    if any(getattr(parent, "status", None) == Status.PUBLISHED for parent in parents):
        raise PublishedVersionError()
    models.CASCADE(collector, field, sub_objs, using)


def protect_published_versions(collector: Any, field: Any, sub_objs: Any, using: str) -> None:
    """on_delete for Version.article: an article's published versions stay forever."""
    if any(v.status == Status.PUBLISHED for v in sub_objs):
        raise PublishedVersionError("Articles with published versions cannot be deleted.")
    models.CASCADE(collector, field, sub_objs, using)


class Version(models.Model):
    article = models.ForeignKey(
        Article, on_delete=protect_published_versions, related_name="versions"
    )
    number = models.PositiveIntegerField(editable=False)
    kind = models.CharField(
        max_length=12, choices=VersionKind.choices, default=VersionKind.ORIGINAL
    )
    # How many leads the chain has had up to this one; set when the version is created,
    # so "(2nd LD)" never has to be typed or recomputed.
    lead_ordinal = models.PositiveSmallIntegerField(default=0, editable=False)
    genre = models.CharField(max_length=12, choices=Genre.choices, default=Genre.NEWS)
    genre_source = models.CharField(
        max_length=120, blank=True, help_text="Editorials only: e.g. Korea Herald on Jan. 6"
    )
    headline = models.CharField(max_length=300)
    deck = models.CharField(max_length=500, blank=True)
    writers = models.ManyToManyField(
        Writer, through="VersionWriter", blank=True, related_name="versions"
    )
    dateline_place = models.CharField(
        max_length=120, blank=True, help_text="In capitals: SEOUL, or SEOUL/POHANG, South Korea"
    )
    dateline_date = models.DateField(null=True, blank=True)
    body = models.TextField(blank=True, help_text="Plain text; a blank line between paragraphs.")
    signoff = models.EmailField("sign-off e-mail", blank=True)
    correction_note = models.TextField(blank=True, help_text="Public: readers see it.")
    internal_note = models.TextField(blank=True, help_text="Desk only; never public.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # Optimistic concurrency: every save bumps it; a save carrying an older value is refused.
    revision = models.PositiveIntegerField(default=1, editable=False)
    # False while the advisory follows the suggestion from the diff; True once an editor
    # has written it, so a later save never overwrites their words.
    advisory_by_hand = models.BooleanField(default=False, db_default=False, editable=False)
    folds_in = models.ManyToManyField(
        Article,
        blank=True,
        related_name="roundup_versions",
        verbose_name="fold in",
        help_text="Roundups: stories that point readers to this roundup once it is published.",
    )
    # Content fingerprint of imported wire copy, so the same copy imported twice is noticed.
    fingerprint = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    objects = VersionQuerySet.as_manager()

    # What a new version starts from: the whole text of the one it follows.
    COPIED_FIELDS = (
        "genre",
        "genre_source",
        "headline",
        "deck",
        "dateline_place",
        "dateline_date",
        "body",
        "signoff",
    )
    # What an editor writes in a draft (save_edit writes only these).
    EDITABLE_FIELDS = (*COPIED_FIELDS, "correction_note", "internal_note")

    class Meta:
        ordering = ["article", "number"]
        get_latest_by = "number"
        permissions = [
            ("submit_version", "Can submit a version to the desk"),
            ("publish_version", "Can publish or schedule a version"),
            ("start_update", "Can start an update, roundup, correction or urgent"),
            ("caption_any_version", "Can caption photos on any draft"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="version_unique_number"),
            choices_check("status", Status, "version_status_valid"),
            choices_check("kind", VersionKind, "version_kind_valid"),
            choices_check("genre", Genre, "version_genre_valid"),
            models.CheckConstraint(
                condition=~Q(status=Status.PUBLISHED) | Q(publish_at__isnull=False),
                name="version_published_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(kind=VersionKind.CORRECTION) | ~Q(correction_note=""),
                name="version_correction_has_note",
            ),
            models.CheckConstraint(
                condition=Q(number__gt=0) | Q(kind__in=[VersionKind.ORIGINAL, VersionKind.URGENT]),
                name="version_first_is_original_or_urgent",
            ),
        ]
        indexes = [
            models.Index(fields=["article", "status", "number"], name="version_chain_idx"),
            models.Index(fields=["status", "publish_at"], name="version_visibility_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.article.code} v{self.number} {self.display_headline}"

    def get_absolute_url(self) -> str:
        return reverse("articles:story_version", args=[self.article.code, self.number])

    # --- derived text ---

    @property
    def label(self) -> str:
        return vocab.label(self.kind, self.lead_ordinal)

    @property
    def genre_tag(self) -> str:
        return vocab.genre_tag(self.genre, self.genre_source, agency=self.article.agency)

    @property
    def display_headline(self) -> str:
        """'(LEAD) (News Focus) Headline' as readers see it."""
        return " ".join(p for p in (self.label, self.genre_tag, self.headline) if p)

    @property
    def slug_line(self) -> str:
        return " ".join(p for p in (self.label, self.article.slug) if p)

    @property
    def paragraphs(self) -> list[str]:
        return split_paragraphs(self.body)

    @property
    def dateline(self) -> str:
        if not (self.dateline_place and self.dateline_date):
            return ""
        return vocab.dateline(self.dateline_place, self.dateline_date, self.article.agency)

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def is_scheduled(self) -> bool:
        return (
            self.is_published and self.publish_at is not None and self.publish_at > timezone.now()
        )

    def advisory_tags(self) -> list[tuple[str, str]]:
        return [(t.verb, t.object) for t in self.revision_tags.all()]

    @property
    def advisory(self) -> str:
        return vocab.advisory(self.advisory_tags())

    def publish_problems(self) -> list[str]:
        """What stops this version being published; empty when nothing does.

        Every photo readers will see needs alt text (the caption's own, else the photo's
        alt text or description). Captions still awaiting their image are not shown to
        readers, so they do not block.
        """
        return [
            f"Photo {n} has no alt text: describe what it shows for readers who cannot see it."
            for n, caption in enumerate(self.captions.select_related("photo"), start=1)
            if caption.photo.has_image and not caption.alt.strip()
        ]

    # --- guards ---

    def _refuse_if_published(self) -> None:
        # The stored status decides, not this instance's (which may be stale or edited).
        if self.pk and Version.objects.filter(pk=self.pk, status=Status.PUBLISHED).exists():
            raise PublishedVersionError()

    def save(self, *args: Any, **kwargs: Any) -> None:
        self._refuse_if_published()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        self._refuse_if_published()
        article = self.article
        deleted = super().delete(*args, **kwargs)
        article.point_to_newest()  # the desk list follows the newest remaining version
        return deleted

    # --- editing ---

    def save_edit(self, *, by: Any, revision: int, fields: Iterable[str] | None = None) -> None:
        """Write an editor's changes unless someone else saved since ``revision`` was read.

        The check is in the UPDATE itself (compare-and-set on ``revision``), so of two
        editors saving at once exactly one wins; the other gets EditConflict, and their
        text is kept with keep_refused_edit(), never silently dropped or overwritten.
        """
        names = self.EDITABLE_FIELDS if fields is None else fields
        values = {name: getattr(self, name) for name in names if name in self.EDITABLE_FIELDS}
        with transaction.atomic():
            updated = Version.objects.filter(
                pk=self.pk, revision=revision, status__in=(Status.DRAFT, Status.SUBMITTED)
            ).update(
                revision=F("revision") + 1,
                updated_at=timezone.now(),
                updated_by=_user(by),
                **values,
            )
            if not updated:
                raise self.conflict()
            self.refresh_from_db(fields=["revision", "updated_at", "updated_by", "status"])
            AuditEntry.record(version=self, by=by, action="edit", note=", ".join(values))

    def conflict(self) -> EditConflict:
        """Who changed this version last, and when, as the error a stale save gets."""
        current = Version.objects.select_related("updated_by").get(pk=self.pk)
        return EditConflict(by=current.updated_by, at=current.updated_at, status=current.status)

    def keep_refused_edit(self, *, by: Any, text: str, reason: str) -> AuditEntry:
        """File the full text of a refused save in the audit log, so nothing typed is lost."""
        return AuditEntry.record(
            version=self,
            by=by,
            action="edit refused",
            from_status=self.status,
            to_status=self.status,
            note=f"{reason}\n\n{text}",
        )

    def snapshot(self) -> advisories.Snapshot:
        return advisories.Snapshot(
            headline=self.headline,
            paragraphs=tuple(self.paragraphs),
            photo_ids=tuple(c.photo_id for c in self.captions.all()),
            writer_ids=tuple(b.writer_id for b in self.bylines.all()),
        )

    def previous_published(self) -> Version | None:
        """The published version this one follows, if any."""
        return (
            Version.objects.filter(
                article_id=self.article_id, status=Status.PUBLISHED, number__lt=self.number
            )
            .order_by("-number")
            .first()
        )

    def suggested_advisory(self) -> list[tuple[str, str]]:
        """Revision tags for what changed since the published version this one follows."""
        before = self.previous_published()
        return advisories.suggest(before.snapshot(), self.snapshot()) if before else []

    def settle_advisory(self, *, edited_by_hand: bool, use_suggestion: bool = False) -> None:
        """After a save: follow the suggestion from the diff until an editor writes one.

        An advisory changed by hand is kept as written from then on; ``use_suggestion``
        goes back to the suggestion. A first version carries no advisory.
        """
        if self.is_published:
            raise PublishedVersionError()
        if self.previous_published() is None:
            return
        with transaction.atomic():
            if use_suggestion or not (edited_by_hand or self.advisory_by_hand):
                RevisionTag.objects.filter(version=self).delete()
                RevisionTag.objects.bulk_create(
                    RevisionTag(version=self, position=n, verb=verb, object=obj)
                    for n, (verb, obj) in enumerate(self.suggested_advisory())
                )
                self.advisory_by_hand = False
            else:
                self.advisory_by_hand = True
            Version.objects.filter(pk=self.pk).update(advisory_by_hand=self.advisory_by_hand)

    # --- transitions ---

    def _transition(
        self,
        *,
        by: Any,
        action: str,
        allowed_from: tuple[str, ...],
        note: str = "",
        **changes: Any,
    ) -> None:
        """Move this version between states in one transaction, with an audit entry.

        The UPDATE names the state it expects, so two racing transitions cannot both win.
        """
        with transaction.atomic():
            from_status = self.status
            updated = Version.objects.filter(
                pk=self.pk, status__in=allowed_from, revision=self.revision
            ).update(
                revision=F("revision") + 1,
                updated_at=timezone.now(),
                updated_by=_user(by),
                **changes,
            )
            if not updated:
                raise TransitionError(
                    f"Cannot {action} version {self.number} of {self.article.code}: "
                    "it changed since it was opened, or its state does not allow it."
                )
            self.refresh_from_db()
            AuditEntry.record(
                version=self,
                by=by,
                action=action,
                from_status=from_status,
                to_status=self.status,
                note=note,
            )

    def submit(self, *, by: Any) -> None:
        self._transition(
            by=by, action="submit", allowed_from=(Status.DRAFT,), status=Status.SUBMITTED
        )

    def send_back(self, *, by: Any, note: str = "") -> None:
        self._transition(
            by=by,
            action="send back",
            allowed_from=(Status.SUBMITTED,),
            note=note,
            status=Status.DRAFT,
        )

    def publish(self, *, by: Any, at: dt.datetime | None = None) -> None:
        """Publish now, or at a later time (scheduled: visible from ``at`` on, no cron)."""
        now = timezone.now()
        # Whole seconds: readers, feeds and HTTP dates all show seconds at most.
        when = (at or now).replace(microsecond=0)
        if self.article.is_killed:
            raise TransitionError("A killed article cannot be published.")
        with transaction.atomic():
            self._transition(
                by=by,
                action="schedule" if when > now else "publish",
                allowed_from=(Status.DRAFT, Status.SUBMITTED),
                status=Status.PUBLISHED,
                publish_at=when,
            )
            # A roundup's folded stories point readers to it from its publication on.
            for folded in self.folds_in.exclude(pk=self.article_id):
                folded.fold_into(roundup=self.article, by=by)


class VersionPartQuerySet(models.QuerySet):
    """A version's parts (tags, captions, writers) are frozen with a published version."""

    def _touches_published(self) -> bool:
        return self.filter(version__status=Status.PUBLISHED).exists()

    def update(self, **kwargs: Any) -> int:
        if self._touches_published():
            raise PublishedVersionError()
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        if self._touches_published():
            raise PublishedVersionError()
        return super().delete()


class VersionPart(models.Model):
    """Base of a version's parts; each subclass declares its ``version`` foreign key."""

    objects = VersionPartQuerySet.as_manager()

    class Meta:
        abstract = True

    def _refuse_if_published(self) -> None:
        if Version.objects.filter(pk=self.version_id, status=Status.PUBLISHED).exists():
            raise PublishedVersionError()

    def save(self, *args: Any, **kwargs: Any) -> None:
        self._refuse_if_published()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        self._refuse_if_published()
        return super().delete(*args, **kwargs)


class VersionWriter(VersionPart):
    version = models.ForeignKey(Version, on_delete=protect_published, related_name="bylines")
    writer = models.ForeignKey(Writer, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "writer"], name="byline_unique_writer"),
        ]

    def __str__(self) -> str:
        return str(self.writer)


class RevisionTag(VersionPart):
    """One part of an advisory: a verb and a free object, e.g. ADDS 'comments in para 5'."""

    version = models.ForeignKey(Version, on_delete=protect_published, related_name="revision_tags")
    position = models.PositiveSmallIntegerField(default=0)
    verb = models.CharField(max_length=10, choices=Verb.choices)
    object = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [choices_check("verb", Verb, "revision_tag_verb_valid")]

    def __str__(self) -> str:
        return f"{self.verb} {self.object}".strip()


class Caption(VersionPart):
    """The words under a photo in one version of one story (never the photo's description)."""

    version = models.ForeignKey(Version, on_delete=protect_published, related_name="captions")
    photo = models.ForeignKey(Photo, on_delete=models.PROTECT, related_name="captions")
    order = models.PositiveSmallIntegerField(default=0)
    after_paragraph = models.PositiveSmallIntegerField(
        default=0, help_text="0 places the photo above the text; N after paragraph N."
    )
    text = models.TextField(blank=True)
    alt_text = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def credit_line(self) -> str:
        return self.photo.credit_line

    @property
    def alt(self) -> str:
        return self.alt_text or self.photo.alt_text or self.photo.description

    @classmethod
    def for_photo(
        cls, photo: Photo, *, version: Version, order: int | None = None, after_paragraph: int = 0
    ) -> Caption:
        """A new, unsaved caption starting from the photo's description and alt text.

        A copy, not a link: editing the caption never rewrites the photo's description.
        The credit is left off the text because it is appended on display.
        """
        if order is None:
            last = version.captions.aggregate(last=models.Max("order"))["last"]
            order = 0 if last is None else last + 1
        return cls(
            version=version,
            photo=photo,
            order=order,
            after_paragraph=after_paragraph,
            text=photo.without_credit(photo.description),
            alt_text=(photo.alt_text or photo.description)[:300],
        )


# --- presence -----------------------------------------------------------------------------


class EditingPresenceQuerySet(models.QuerySet):
    def recent(self, *, at: dt.datetime | None = None) -> EditingPresenceQuerySet:
        return self.filter(opened_at__gte=(at or timezone.now()) - EditingPresence.WINDOW)


class EditingPresence(models.Model):
    """Who has a version's edit form open, for "also being edited by …".

    A row rather than a cache entry: every web process sees it, and the desk's list
    shows it with one prefetch.
    """

    WINDOW = dt.timedelta(minutes=15)

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="presences")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    opened_at = models.DateTimeField(default=timezone.now)

    objects = EditingPresenceQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "user"], name="presence_one_per_editor")
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.version_id} since {self.opened_at:%H:%M}"

    @classmethod
    def opened(cls, *, version: Version, user: Any) -> list[Any]:
        """Note that ``user`` opened ``version`` now; the other users editing it recently."""
        cls.objects.update_or_create(
            version=version, user=user, defaults={"opened_at": timezone.now()}
        )
        others = cls.objects.recent().filter(version=version).exclude(user=user)
        return [p.user for p in others.select_related("user").order_by("opened_at")]

    @classmethod
    def left(cls, *, version: Version, user: Any) -> None:
        cls.objects.filter(version=version, user=user).delete()


# --- audit --------------------------------------------------------------------------------


class AuditEntry(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="audit_entries")
    version = models.ForeignKey(
        Version, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_entries"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=40)
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Whether readers can see the change (a publish, a schedule, a kill, a fold): the
    # public page cache and ETags follow these entries only, not every draft save.
    affects_readers = models.BooleanField(default=False, editable=False)

    # Actions that change what readers see whatever the status they record.
    READER_ACTIONS = frozenset({"kill", "fold"})

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "audit entries"
        indexes = [
            models.Index(
                fields=["id"],
                condition=Q(affects_readers=True),
                name="audit_reader_changes_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{timezone.localtime(self.created_at):%Y-%m-%d %H:%M} {self.action}"

    @classmethod
    def record(
        cls,
        *,
        by: Any,
        action: str,
        version: Version | None = None,
        article: Article | None = None,
        from_status: str = "",
        to_status: str = "",
        note: str = "",
    ) -> AuditEntry:
        return cls.objects.create(
            article=article or version.article,
            version=version,
            actor=_user(by),
            action=action,
            from_status=from_status,
            to_status=to_status,
            note=note,
            affects_readers=to_status == Status.PUBLISHED or action in cls.READER_ACTIONS,
        )

    @classmethod
    def reader_generation(cls) -> int:
        """The id of the newest change readers can see: the public cache's generation."""
        newest = cls.objects.filter(affects_readers=True).aggregate(n=models.Max("id"))["n"]
        return newest or 0


def unique_slug(model: type[models.Model], text: str) -> str:
    """A slug for a new row of ``model`` that is not taken yet."""
    base = slugify(text)[:70] or "item"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
