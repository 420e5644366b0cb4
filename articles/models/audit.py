"""The audit trail: every state change, who made it, when, and whether readers see it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from articles.models.base import Status, _user
from articles.signals import readers_see_a_change

if TYPE_CHECKING:
    from articles.models.article import Article
    from articles.models.version import Version


class AuditEntry(models.Model):
    article = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="audit_entries")
    version = models.ForeignKey(
        "Version", null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_entries"
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

    # Actions that change what readers see whatever the status they record ("change
    # article": its slug, section, keywords or front-page position).
    READER_ACTIONS = frozenset({"kill", "fold", "change article"})

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "audit entries"
        indexes = [
            models.Index(
                fields=["id"],
                condition=Q(affects_readers=True),
                name="audit_reader_changes_idx",
            ),
            # The desk's "sent back" mark on each listed draft: PostgreSQL hashed every
            # send-back once per list, and without this read the whole log to find them
            # (40 ms for 168,000 entries).
            models.Index(
                fields=["version"],
                condition=Q(action="send back"),
                name="audit_sent_back_idx",
            ),
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
        entry = cls.objects.create(
            article=article or version.article,
            version=version,
            actor=_user(by),
            action=action,
            from_status=from_status,
            to_status=to_status,
            note=note,
            affects_readers=to_status == Status.PUBLISHED or action in cls.READER_ACTIONS,
        )
        if entry.affects_readers:
            # Now, for this transaction's own later reads (a script, a test), and on
            # commit, so no page rendered from the state before it outlives it.
            readers_see_a_change.send(sender=cls)
            transaction.on_commit(lambda: readers_see_a_change.send(sender=cls))
        return entry
