"""Versions and their parts: each complete write-through of a story, its bylines,
advisory tags and captions, who has it open, and the rule of what readers see (live()).

Published versions are immutable: the model, the querysets and database triggers
(articles.dbobjects) refuse any change to them or their parts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import connections, models, transaction
from django.db.models import (
    Count,
    Exists,
    ExpressionWrapper,
    F,
    Min,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from articles import advisories, vocab
from articles.dbobjects import fts5_available
from articles.models.article import Article
from articles.models.audit import AuditEntry
from articles.models.base import (
    EditConflict,
    Genre,
    PublishedVersionError,
    Status,
    TransitionError,
    Verb,
    VersionKind,
    _user,
    choices_check,
    split_paragraphs,
)
from articles.models.outbox import OutboxEvent
from articles.models.reference import Writer
from articles.models.related import RelatedStory
from articles.stored import StoredQuery
from photos.models import Photo


class VersionQuerySet(models.QuerySet):
    def due(self, *, at: dt.datetime | None = None) -> VersionQuerySet:
        """Published versions whose time has come by ``at``: what has left the newsroom
        (a killed story's too, for its kill notice). live() and published() narrow it."""
        return self.filter(status=Status.PUBLISHED, publish_at__lte=at or timezone.now())

    def live(self, *, at: dt.datetime | None = None) -> VersionQuerySet:
        """THE rule of what readers see: the versions live at ``at`` (default now).

        Each published version is live over ``[publish_at, superseded_at)``: from its
        publish time until a later version's publish time or the kill (``superseded_at``,
        written by those transactions). So "live at T" is a range test on indexed columns
        of the row itself, one version per article at any T, with no anti-join over the
        other versions and no cron job: a scheduled version takes over when its time comes.
        Every page, feed, sitemap, search, export and API asks this, and nothing else.
        """
        now = at or timezone.now()
        return self.due(at=now).filter(Q(superseded_at__isnull=True) | Q(superseded_at__gt=now))

    def published(self, *, at: dt.datetime | None = None) -> VersionQuerySet:
        """Versions readers have been able to see by ``at``, live or since replaced, of
        unkilled articles: the story's history and its version permalinks."""
        return (
            self.due(at=at)
            .filter(article__killed_at__isnull=True)
            .exclude(superseded_at__lte=F("publish_at"))
        )

    def _supersede(self, *, at: dt.datetime) -> int:
        """Bookkeeping of a publish or a kill: these versions stop being live at ``at``.

        The one write a published version admits (its trigger allows superseded_at to
        move earlier, nothing else), so it bypasses the queryset's published-row guard.
        """
        ending = self.filter(status=Status.PUBLISHED).filter(
            Q(superseded_at__isnull=True) | Q(superseded_at__gt=at)
        )
        return models.QuerySet.update(ending, superseded_at=at)

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
    def search_query(cls, words: str) -> list[tuple[str, ...]]:
        """The reader's query as groups of words that must all match: a quoted phrase is
        one group (its words in order), any other word a group of its own. Lower-case,
        distinct, at most SEARCH_MAX_WORDS words in all, each cut short."""
        groups: dict[tuple[str, ...], None] = {}
        budget = cls.SEARCH_MAX_WORDS
        for phrase, word in re.findall(r'"([^"]*)(?:"|$)|([^\s"]+)', words.lower()):
            tokens = [w[: cls.SEARCH_MAX_WORD_LENGTH] for w in re.findall(r"\w+", phrase or word)]
            if phrase:
                tokens = tokens[:budget]
                candidates = [tuple(tokens)] if tokens else []
            else:
                candidates = [(t,) for t in tokens]
            for group in candidates:
                if budget <= 0:
                    break
                if group not in groups:
                    groups[group] = None
                    budget -= len(group)
        return list(groups)

    @classmethod
    def search_terms(cls, words: str) -> list[str]:
        """The words a search uses: distinct, lower-case, the first few, each cut short."""
        return list(dict.fromkeys(w for group in cls.search_query(words) for w in group))

    def search(self, words: str) -> VersionQuerySet:
        """Versions matching every word and every quoted phrase, best first by
        ``search_rank`` (headline over body).

        The one place word matching lives. PostgreSQL: the stored, GIN-indexed tsvector
        that a trigger keeps in step (headline weight A, body B), queried through
        django.contrib.postgres.search (websearch_to_tsquery, every group quoted so no
        word acts as an operator) and ranked by ts_rank. SQLite: the FTS5 index kept in
        step by triggers, one FTS5 phrase per group, ranked by bm25 (headline x10).
        Elsewhere (or without FTS5): a plain case-insensitive match of each group.
        Only the first words count, so a 10,000-character query costs what a short one does.
        """
        groups = self.search_query(words)
        if not groups:  # only punctuation or symbols: nothing can match
            return self.none().annotate(search_rank=Value(0.0)) if words.strip() else self
        quoted = " ".join('"' + " ".join(group) + '"' for group in groups)
        vendor = connections[self.db].vendor
        if vendor == "postgresql":
            from django.contrib.postgres.search import (
                SearchQuery,
                SearchRank,
                SearchVectorField,
            )

            # The column is kept by a trigger (articles.dbobjects), not declared on the model.
            # Unqualified, so inside a subquery it is that subquery's row's (no other
            # table the pages join has the column).
            vector = RawSQL("search_vector", [], SearchVectorField())
            query = SearchQuery(quoted, search_type="websearch", config="english")
            return (
                self.alias(search_vector=vector)
                .filter(search_vector=query)
                .annotate(search_rank=SearchRank(F("search_vector"), query))
            )
        if vendor == "sqlite" and fts5_available():
            # Joined once (the FTS index drives the join), so bm25 is computed per match,
            # not by re-running the MATCH for every candidate row.
            return self.extra(  # noqa: S610 - fixed SQL; the words travel as a parameter
                tables=["articles_version_fts"],
                where=[
                    "articles_version_fts.rowid = articles_version.id",
                    "articles_version_fts MATCH %s",
                ],
                params=[quoted],
                select={"search_rank": "-bm25(articles_version_fts, 10.0, 1.0)"},
            )
        matching = self
        for group in groups:
            text = " ".join(group)
            matching = matching.filter(Q(headline__icontains=text) | Q(body__icontains=text))
        return matching.annotate(search_rank=Value(0.0))

    # Where PostgreSQL looks for a search's newest matches first, newest window first.
    SEARCH_WINDOWS = (dt.timedelta(days=14), dt.timedelta(days=120))

    def newest_matches(self, limit: int, *fields: str) -> list[tuple]:
        """``fields`` of the newest ``limit`` matches of search(), most recently published
        first: the candidates a search ranks.

        SQLite's FTS index hands its rows over in that order (its rowid is the version's
        id), so the LIMIT stops the scan instead of sorting every match of a common word.
        PostgreSQL cannot walk its GIN index by time, and its planner misjudges how common
        a pair of words is (it expected 1,200 of 11,000 matches and gathered them all:
        28 ms at 100,000 articles). So it looks in SEARCH_WINDOWS of publish time, newest
        first, and reads on into older copy only while it has fewer than ``limit``: a
        common word is answered from the last fortnight (8 ms), a rare one costs two or
        three cheap index look-ups. Whatever the windows, the rows are the same. Only the
        chosen rows are ranked: ranking reads each row's whole vector."""
        if "articles_version_fts" in self.query.extra_tables:
            newest = self.extra(order_by=["-articles_version_fts.rowid"])  # noqa: S610
            return list(newest.values_list(*fields)[:limit])
        rank = self.query.annotations.get("search_rank")
        if connections[self.db].vendor != "postgresql" or rank is None:
            return list(self.order_by("-publish_at", "-pk").values_list(*fields)[:limit])
        now = timezone.now()
        rows: list[tuple] = []
        newer_than = None
        for since in [*(now - window for window in self.SEARCH_WINDOWS), None]:
            part = self.filter(publish_at__lt=newer_than) if newer_than else self
            part = part.filter(publish_at__gte=since) if since else part
            chosen = part.order_by("-publish_at", "-pk").values("pk")[: limit - len(rows)]
            rows += (
                self.model.objects.filter(pk__in=Subquery(chosen))
                .annotate(search_rank=rank)
                .order_by("-publish_at", "-pk")
                .values_list(*fields)
            )
            if len(rows) >= limit:
                break
            newer_than = since
        return rows

    RELATED_WINDOW = dt.timedelta(days=3)

    def related_to(self, version: Version) -> VersionQuerySet:
        """Other articles by relevance: the most keywords shared first, then the same
        section, newest first among equals; a story sharing neither is not related.

        Call on ``live()``. Publishing asks it once and records the answer (RelatedStory),
        which story pages read. Only stories published within RELATED_WINDOW of this one
        are considered: related stories are of their time, and the window keeps the
        query an index range however large the archive grows.
        """
        article = version.article
        # Read in SQL: the story's keywords need no query of their own before the page's.
        keyword_ids = Article.keywords.through.objects.filter(article_id=article.pk).values(
            "keyword_id"
        )
        around = self.filter(
            publish_at__range=(
                version.publish_at - self.RELATED_WINDOW,
                version.publish_at + self.RELATED_WINDOW,
            )
        ).exclude(article_id=article.pk)
        shared = Coalesce(
            Subquery(
                Article.keywords.through.objects.filter(
                    article_id=OuterRef("article_id"), keyword_id__in=keyword_ids
                )
                .order_by()
                .values("article_id")
                .annotate(n=Count("pk"))
                .values("n")[:1]
            ),
            0,
        )
        same_section = Q(article__section_id=article.section_id)
        # The filter asks only whether a keyword is shared (EXISTS stops at the first);
        # how many is counted for the few that pass, to rank them.
        shares = Exists(
            Article.keywords.through.objects.filter(
                article_id=OuterRef("article_id"), keyword_id__in=keyword_ids
            )
        )
        return (
            around.filter(same_section | shares)
            .annotate(
                shared_keywords=shared,
                same_section=ExpressionWrapper(same_section, output_field=models.BooleanField()),
            )
            .order_by("-shared_keywords", "-same_section", "-publish_at", "-pk")
        )

    def in_section(self, section: Any) -> VersionQuerySet:
        """Versions of the section's (a Section or its id) stories, for a newest-first
        page of them.

        The section is compared as an expression, not as the indexed column: otherwise
        SQLite starts from the section's articles (an eighth of the archive) and sorts
        them all, where walking the versions newest first stops after one page (0.7 s
        against 5 ms at 100,000 articles). PostgreSQL plans both alike.
        """
        return self.alias(_section=F("article__section_id") + 0).filter(
            _section=getattr(section, "pk", section)
        )

    def with_keyword(self, keyword: Any, *, common: bool | None = None) -> VersionQuerySet:
        """Versions of the keyword's (a Keyword or its id) stories, for a newest-first
        page of them.

        A common keyword's stories are found by walking the versions newest first and
        asking each (EXISTS stops at the first link): a page is found within a few
        hundred versions, where gathering and sorting its 10,000 articles took 100 ms.
        A rare keyword's few articles are gathered instead, as walking would have to go
        deep into the archive to fill a page. ``common`` says which (keyword_is_common()
        when not given).
        """
        keyword_id = getattr(keyword, "pk", keyword)
        if common is None:
            common = self.keyword_is_common(keyword_id)
        tagged = Article.keywords.through.objects.filter(keyword_id=keyword_id)
        if common:
            return self.filter(Exists(tagged.filter(article_id=OuterRef("article_id"))))
        return self.filter(article_id__in=tagged.values("article_id"))

    # A keyword on more articles than this is found faster by walking the newest versions.
    COMMON_KEYWORD = 500

    @staticmethod
    def _nth_link(keyword: Any, n: int) -> models.QuerySet:
        """The keyword's ``n``-th link, if it has one: a bounded walk of its index."""
        return Article.keywords.through.objects.filter(keyword_id=keyword).order_by()[n - 1 : n]

    _NTH_LINK = StoredQuery(
        lambda keyword, n: VersionQuerySet._nth_link(keyword, n).values_list("pk"),
        keyword=models.IntegerField(),
    )

    @classmethod
    def keyword_is_common(cls, keyword_id: int) -> bool:
        return bool(cls._NTH_LINK.rows(keyword=keyword_id, shape={"n": cls.COMMON_KEYWORD}))

    @classmethod
    def common_keyword(cls, n: int) -> Exists:
        """keyword_is_common() of the outer query's keyword (``n``: COMMON_KEYWORD)."""
        return Exists(cls._nth_link(OuterRef("pk"), n))

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
    # When this version stops being the one readers see: the publish time of the next
    # version, or the kill. Bookkeeping written by those transactions (the only change a
    # published row admits); null while nothing has replaced it. See VersionQuerySet.live.
    superseded_at = models.DateTimeField(null=True, blank=True, editable=False)
    # When subscribers receive it (set by publish()): the publish time, or earlier for an
    # embargoed version, which subscribers hold (ninjs ``embargoed``) until readers may
    # see it at ``publish_at``. See articles.models.outbox.released_versions.
    release_at = models.DateTimeField(null=True, blank=True, editable=False)
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
    # False for wire copy that arrived cut off (no end mark): it stays marked incomplete,
    # and its export carries no (END). Set when the version is written, never by hand.
    complete = models.BooleanField(default=True, db_default=True, editable=False)
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
            models.CheckConstraint(
                condition=Q(superseded_at__isnull=True) | Q(status=Status.PUBLISHED),
                name="version_only_published_is_superseded",
            ),
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
            # Subscribers never get a version after readers do (an embargo is the reverse).
            models.CheckConstraint(
                condition=Q(release_at__isnull=True) | Q(release_at__lte=F("publish_at")),
                name="version_released_by_publish_time",
            ),
        ]
        indexes = [
            models.Index(fields=["article", "status", "number"], name="version_chain_idx"),
            # live(): status, then the publish-time range and order, then the end of life
            # checked from the index itself.
            models.Index(fields=["status", "publish_at", "superseded_at"], name="version_live_idx"),
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

    def suggested_advisory(
        self, *, typed: advisories.Snapshot | None = None
    ) -> list[tuple[str, str]]:
        """Revision tags for what changed since the published version this one follows:
        as saved, or as ``typed`` (the form's text, before any save). A correction's
        changes to the words are CORRECTS."""
        before = self.previous_published()
        if before is None:
            return []
        correction = self.kind == VersionKind.CORRECTION
        return advisories.suggest(
            before.snapshot(), typed or self.snapshot(), correction=correction
        )

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

    def publish(
        self,
        *,
        by: Any,
        at: dt.datetime | None = None,
        embargo_until: dt.datetime | None = None,
    ) -> None:
        """Publish now, or at a later time (scheduled: visible from ``at`` on, no cron).

        ``embargo_until``: subscribers receive it at ``at`` marked embargoed, readers see
        it only from the embargo's end (its ``publish_at``).

        Refuses what the desk refuses (a killed story, a photo without alt text), so the
        admin, the wire importer and a script all publish the same way. In the same
        transaction it ends the previous versions' life (``superseded_at``), records the
        article's first publication, folds a roundup's stories into it, and enqueues it
        for subscribers (the outbox).
        """
        now = timezone.now()
        # Whole seconds: readers, feeds and HTTP dates all show seconds at most.
        when = (at or now).replace(microsecond=0)
        public = embargo_until.replace(microsecond=0) if embargo_until else when
        if public < when:
            raise TransitionError("An embargo must end after the version is sent.")
        if self.article.is_killed:
            raise TransitionError("A killed article cannot be published.")
        problems = self.publish_problems()
        if problems:
            raise TransitionError(" ".join(problems))
        chain = Version.objects.filter(article_id=self.article_id, status=Status.PUBLISHED)
        with transaction.atomic():
            # A version imported out of order is live only until a later-numbered one.
            ends = chain.filter(number__gt=self.number).aggregate(at=Min("publish_at"))["at"]
            self._transition(
                by=by,
                action="schedule" if when > now else "publish",
                allowed_from=(Status.DRAFT, Status.SUBMITTED),
                status=Status.PUBLISHED,
                publish_at=public,
                release_at=when,
                superseded_at=ends,
            )
            chain.filter(number__lt=self.number)._supersede(at=public)
            self.article.published(at=public)
            RelatedStory.choose_for(self)
            # A roundup's folded stories point readers to it from its publication on.
            for folded in self.folds_in.exclude(pk=self.article_id):
                folded.fold_into(roundup=self.article, by=by)
            OutboxEvent.record_publish(self)


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
