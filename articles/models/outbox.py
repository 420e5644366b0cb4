"""The outbox: what subscribers must hear of, written by the transitions themselves.

Invariant 7 (DESIGN.md §3): every publish, update, correction and kill is enqueued for
subscribers *in the same transaction* as the change. The domain cannot know who the
subscribers are (distribution/ sits above it), so it writes an ``OutboxEvent`` row there
and then; distribution reads the outbox, filters it by each subscriber's products and
delivers it (the content API's feed, webhooks).

Each event has a place in one stream, ``seq``, handed out when the event falls due
(``due_at``: the time subscribers may have the version, which for an embargoed version
is before readers may). Sequence numbers come from one counter row that the releasing
transaction holds locked until it commits, so they are committed in order: whoever reads
the stream up to its highest ``seq`` has seen every event below it, and an event that
falls due later (a scheduled version) is numbered above everything already read. A
client that follows its cursor therefore sees every event once, with no gaps.

Nothing needs a cron job: a transition releases what is due as it commits, and readers
of the stream (the feed, the delivery worker) release anything that fell due since
(``OutboxEvent.release_due``) before they read.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import django.dispatch
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone

from articles.models.base import Status, VersionKind, choices_check

if TYPE_CHECKING:
    from articles.models.article import Article
    from articles.models.version import Version, VersionQuerySet

# Sent inside the transaction that wrote ``event`` (kwargs: event). Distribution listens
# to wake its delivery worker; the outbox row itself is the durable record either way.
event_recorded = django.dispatch.Signal()


def released_versions(*, at: dt.datetime | None = None) -> VersionQuerySet:
    """THE rule of what subscribers may have at ``at``: published versions whose release
    time has come (an embargoed one before readers see it), except versions replaced or
    killed before they were ever released. Killed articles stay: subscribers get them as
    canceled. Readers' rule is ``Version.objects.live()``."""
    from articles.models.version import Version

    now = at or timezone.now()
    return Version.objects.filter(status=Status.PUBLISHED, release_at__lte=now).exclude(
        superseded_at__lte=F("release_at")
    )


class OutboxSequence(models.Model):
    """The last ``seq`` handed out: one row, locked by every release until it commits."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"outbox sequence at {self.last}"

    @classmethod
    def lock(cls) -> OutboxSequence:
        """The counter, locked until the surrounding transaction ends (PostgreSQL: row
        lock; SQLite: the IMMEDIATE transaction already holds the database's write lock)."""
        row = cls.objects.select_for_update().filter(pk=1).first()
        if row is None:
            cls.objects.get_or_create(pk=1)
            row = cls.objects.select_for_update().get(pk=1)
        return row


class OutboxAction(models.TextChoices):
    PUBLISH = "publish", "Publish"
    UPDATE = "update", "Update"
    CORRECTION = "correction", "Correction"
    KILL = "kill", "Kill"


class OutboxEvent(models.Model):
    Action = OutboxAction

    article = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="outbox_events")
    # The version the event carries; for a kill, the newest one subscribers had.
    version = models.ForeignKey("Version", on_delete=models.CASCADE, related_name="outbox_events")
    action = models.CharField(max_length=12, choices=OutboxAction.choices)
    # From when subscribers may have it: the version's release time, or the kill's.
    due_at = models.DateTimeField()
    # Its place in the subscribers' stream, handed out when it falls due (see above).
    seq = models.PositiveBigIntegerField(null=True, blank=True, unique=True)
    released_at = models.DateTimeField(null=True, blank=True)
    # Replaced or killed before it fell due: never sent (kept, so nothing vanishes).
    withdrawn = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["seq", "id"]
        indexes = [
            models.Index(
                fields=["due_at", "id"],
                condition=Q(seq__isnull=True, withdrawn=False),
                name="outbox_pending_idx",
            ),
        ]
        constraints = [
            choices_check("action", OutboxAction, "outbox_action_valid"),
            models.CheckConstraint(
                condition=Q(seq__isnull=True) | Q(withdrawn=False),
                name="outbox_withdrawn_never_released",
            ),
        ]

    def __str__(self) -> str:
        where = f"#{self.seq}" if self.seq else ("withdrawn" if self.withdrawn else "pending")
        return f"{where} {self.action} {self.article_id} v{self.version_id}"

    # --- written by the transitions, inside their transactions ---

    @classmethod
    def record_publish(cls, version: Version) -> OutboxEvent:
        """A version was published (or scheduled): subscribers hear of it at its release."""
        earlier = version.article.versions.filter(
            status=Status.PUBLISHED, number__lt=version.number
        ).exists()
        if version.kind == VersionKind.CORRECTION:
            action = cls.Action.CORRECTION
        else:
            action = cls.Action.UPDATE if earlier else cls.Action.PUBLISH
        return cls._record(
            article=version.article, version=version, action=action, due_at=version.release_at
        )

    @classmethod
    def record_kill(cls, article: Article, *, at: dt.datetime) -> OutboxEvent | None:
        """An article was killed: subscribers who had any of it hear so at once."""
        had = released_versions(at=at).filter(article_id=article.pk).order_by("-number").first()
        if had is None:  # nothing ever reached a subscriber: nothing to take back
            return None
        return cls._record(article=article, version=had, action=cls.Action.KILL, due_at=at)

    @classmethod
    def _record(cls, **fields: Any) -> OutboxEvent:
        with transaction.atomic():
            event = cls.objects.create(**fields)
            if event.due_at <= timezone.now():
                cls.release_due()
                event.refresh_from_db(fields=["seq", "released_at", "withdrawn"])
            event_recorded.send(sender=cls, event=event)
        return event

    # --- the stream ---

    @classmethod
    def pending_due(cls, *, at: dt.datetime | None = None) -> models.QuerySet[OutboxEvent]:
        return cls.objects.filter(
            seq__isnull=True, withdrawn=False, due_at__lte=at or timezone.now()
        )

    @classmethod
    def release_due(cls, *, at: dt.datetime | None = None) -> int:
        """Number the events that have fallen due, in the order they fell due; withdraw
        those whose version was replaced or killed before its release. Returns how many
        were numbered. Safe to call from anywhere at any time, concurrently."""
        now = at or timezone.now()
        with transaction.atomic():
            counter = OutboxSequence.lock()
            due = list(cls.pending_due(at=now).select_related("version").order_by("due_at", "id"))
            if not due:
                return 0
            # Per article, the newest version subscribers already have: an older version
            # falling due after a newer one went out is never sent (no going back).
            newest = dict(
                cls.objects.filter(article_id__in={e.article_id for e in due}, seq__isnull=False)
                .exclude(action=cls.Action.KILL)
                .values("article_id")
                .annotate(n=models.Max("version__number"))
                .values_list("article_id", "n")
            )
            last = counter.last
            for event in due:
                version = event.version
                if event.action != cls.Action.KILL:
                    replaced = (  # replaced or killed for readers before its release
                        version.superseded_at is not None
                        and version.superseded_at <= version.release_at
                    )
                    if replaced or newest.get(event.article_id, -1) >= version.number:
                        event.withdrawn = True
                        continue
                    newest[event.article_id] = version.number
                last += 1
                event.seq, event.released_at = last, now
            cls.objects.bulk_update(due, ["seq", "released_at", "withdrawn"])
            OutboxSequence.objects.filter(pk=1).update(last=last)
            return last - counter.last

    @classmethod
    def high_water(cls) -> int:
        """The highest ``seq`` committed: every event up to it is readable now. (The
        counter is written in the transaction that hands the numbers out, so its
        committed value is the highest committed number: one primary-key read.)"""
        return OutboxSequence.objects.filter(pk=1).values_list("last", flat=True).first() or 0

    @classmethod
    def stream_state(cls, *, at: dt.datetime | None = None) -> tuple[int, bool]:
        """(high water, whether some event has fallen due unnumbered), in one query."""
        row = (
            OutboxSequence.objects.filter(pk=1)
            .annotate(due=models.Exists(cls.pending_due(at=at)))
            .values_list("last", "due")
            .first()
        )
        if row is None:
            return 0, cls.pending_due(at=at).exists()
        return row
