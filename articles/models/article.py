"""The article: a story's identity across its life (code, keyword slug, section, kill).

It never holds text; every word lives in a Version (articles.models.version, which
imports this module, so the few methods here that need versions import them lazily).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from articles.models.audit import AuditEntry
from articles.models.base import (
    DeskState,
    PublishedVersionError,
    Status,
    TransitionError,
    VersionKind,
)
from articles.models.outbox import OutboxEvent
from articles.models.reference import DailySerial, Keyword, Section

if TYPE_CHECKING:
    from articles.models.version import Version


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
        first, last = self._extreme(field_name, last=False), self._extreme(field_name, last=True)
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

    def _extreme(self, field_name: str, *, last: bool) -> Any:
        """The smallest (or largest) value of a column: one index-ordered lookup, asked
        once per queryset (the admin's date bar wants both twice: aggregate(), then
        datetimes()). SQLite scans the table for MIN and MAX in one query."""
        known = self.__dict__.setdefault("_extremes", {})
        if (field_name, last) not in known:
            column = self.order_by().filter(**{f"{field_name}__isnull": False})
            column = column.values_list(field_name, flat=True)
            known[field_name, last] = column.order_by(
                f"-{field_name}" if last else field_name
            ).first()
        return known[field_name, last]

    def aggregate(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """MIN and MAX of plain columns (the admin's date bar asks both of created_at)
        are the column's extremes, read from its index (_extreme) and kept for the
        date bar's next question: SQLite scans the whole table for both at once (30 ms at
        100,000 articles)."""
        extremes = {models.Min: False, models.Max: True}
        if (
            args
            or not kwargs
            or not all(
                type(each) in extremes
                and isinstance(each.source_expressions[0], F)
                and each.filter is None
                for each in kwargs.values()
            )
        ):
            return super().aggregate(*args, **kwargs)
        return {
            name: self._extreme(each.source_expressions[0].name, last=extremes[type(each)])
            for name, each in kwargs.items()
        }

    def live(self, *, at: dt.datetime | None = None) -> ArticleQuerySet:
        """Articles readers can see at ``at``: those with a live version (Version.live)."""
        from articles.models.version import Version

        return self.filter(Exists(Version.objects.live(at=at).filter(article=OuterRef("pk"))))

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
        from articles.models.version import Version

        newest = Version.objects.filter(article=OuterRef("pk")).order_by("-number")
        return self.update(newest_version=Subquery(newest.values("pk")[:1]))

    def for_desk(self) -> ArticleQuerySet:
        """What the desk's article list shows, in a fixed number of queries."""
        from articles.models.version import EditingPresence, VersionWriter

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
        from articles.models.version import Version

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
    # When readers first could see the story: the earliest publish time of its versions,
    # recorded by publish() so that pages, feeds, sitemaps and ninjs read one column.
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)
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
        from articles.models.version import Version

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
        from articles.models.version import Version

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
        from articles.models.version import Version

        return Version.objects.filter(article=self).live(at=at).first()

    def new_version(
        self,
        *,
        by: Any,
        kind: str,
        correction_note: str = "",
        fold_in: Iterable[Article] = (),
        **fields: Any,
    ) -> Version:
        """Start the next version as a draft copy of the newest one (text, writers, captions).

        The one entry for every re-send, from the desk, a command or the wire: only a
        published newest version can be followed (an open draft is finished first); a
        correction needs the note readers will see; an urgent keeps only the lead
        paragraph to rewrite; a roundup names the stories it folds in (they point to it
        once it is published).
        """
        from articles.models.version import Caption, Version, VersionWriter

        if kind == VersionKind.CORRECTION:
            if not correction_note.strip():
                raise TransitionError("A correction needs a note telling readers what changed.")
            fields["correction_note"] = correction_note.strip()
        with transaction.atomic():
            base = self.versions.order_by("-number").first()
            if base is None or base.status != Status.PUBLISHED:
                raise TransitionError("Finish the open version before starting another.")
            if self.is_killed:
                raise TransitionError("A killed article takes no new versions.")
            copied = {name: getattr(base, name) for name in Version.COPIED_FIELDS}
            if kind == VersionKind.URGENT:
                copied["body"] = base.paragraphs[0] if base.paragraphs else ""
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
            folded = [a for a in fold_in if a.pk != self.pk]
            if folded:
                version.folds_in.set(folded)
            AuditEntry.record(
                version=version, by=by, action=f"start {kind}", to_status=Status.DRAFT
            )
        return version

    def published(self, *, at: dt.datetime) -> None:
        """Bookkeeping of a publish: the story's first publication is the earliest."""
        if self.first_published_at is None or at < self.first_published_at:
            Article.objects.filter(pk=self.pk).update(first_published_at=at)
            self.first_published_at = at

    def fold_into(self, *, roundup: Article, by: Any) -> None:
        """Point readers of this story to the roundup that now includes it."""
        if roundup.pk == self.pk:
            raise TransitionError("A story cannot be folded into itself.")
        with transaction.atomic():
            Article.objects.filter(pk=self.pk).update(folded_into=roundup)
            self.folded_into = roundup
            AuditEntry.record(article=self, by=by, action="fold", note=f"into {roundup.code}")

    def kill(self, *, by: Any, note: str) -> None:
        """Withdraw the story: it leaves every page, feed and search at once; its versions
        stay in the history (their life as live copy ends now: ``superseded_at``)."""
        from articles.models.version import Version

        if not note.strip():
            raise TransitionError("A kill needs a note for readers and subscribers.")
        with transaction.atomic():
            now = timezone.now()
            updated = Article.objects.filter(pk=self.pk, killed_at__isnull=True).update(
                killed_at=now, kill_note=note.strip()
            )
            if not updated:
                raise TransitionError("This article is already killed.")
            Version.objects.filter(article_id=self.pk)._supersede(at=now)
            self.refresh_from_db(fields=["killed_at", "kill_note"])
            AuditEntry.record(article=self, by=by, action="kill", note=self.kill_note)
            OutboxEvent.record_kill(self, at=now)  # subscribers who had it take it down
