"""The desk's own records: the working copy of a version form, kept as the editor types.

The desk may use articles; articles never knows of these (DESIGN.md section 2).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from articles.models import Version


class WorkingCopy(models.Model):
    """What one editor has typed into one version's form and not saved yet.

    Written every few seconds while they type and when they leave a field, so a closed
    tab or a crash loses nothing; offered back when they open the form again; dropped
    when their save goes through. It is never the version: saving it bumps no revision,
    writes no audit entry and reaches no reader or subscriber, and only its editor reads
    it back. The form's fields are kept as posted (name -> list of values).
    """

    # Writes closer together than this are skipped (the browser sends the next one);
    # the last words before leaving a page always go through.
    MIN_INTERVAL = dt.timedelta(seconds=2)
    MAX_FIELDS = 1000

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    fields = models.JSONField(default=dict)
    # Option labels of chosen photos and writers, so a restored row reads as it did.
    labels = models.JSONField(default=dict)
    # The version's revision when the form was opened: restoring the copy onto a version
    # changed since then meets the two-editor check, never overwrites silently.
    base_revision = models.PositiveIntegerField()
    saved_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "user"], name="working_copy_one_per_editor")
        ]
        verbose_name_plural = "working copies"

    def __str__(self) -> str:
        return f"{self.user} on version {self.version_id} at {self.saved_at:%H:%M:%S}"

    @classmethod
    def keep(
        cls,
        *,
        version: Version,
        user: Any,
        fields: dict[str, list[str]],
        labels: dict[str, str] | None = None,
        base_revision: int,
        final: bool = False,
        at: dt.datetime | None = None,
    ) -> tuple[WorkingCopy | None, bool]:
        """Keep what ``user`` typed: (the copy, whether it was written now).

        Skipped while the previous write is younger than MIN_INTERVAL, unless ``final``
        (the page is being left); refused (None) when the editor has since saved the
        version themselves, so a late write never brings back words their save replaced.
        """
        now = at or timezone.now()
        if base_revision < version.revision and version.updated_by_id == user.pk:
            return None, False
        current = cls.objects.filter(version=version, user=user).first()
        if current is not None and not final and now - current.saved_at < cls.MIN_INTERVAL:
            return current, False
        copy, _ = cls.objects.update_or_create(
            version=version,
            user=user,
            defaults={
                "fields": fields,
                "labels": labels or {},
                "base_revision": base_revision,
                "saved_at": now,
            },
        )
        return copy, True

    @classmethod
    def of(cls, *, version: Version, user: Any) -> WorkingCopy | None:
        return cls.objects.filter(version=version, user=user).first()

    @classmethod
    def discard(cls, *, version: Version, user: Any) -> None:
        cls.objects.filter(version=version, user=user).delete()

    @property
    def typed(self) -> dict[str, str]:
        """Each field's (first) value, as a template reads it: ``copy.typed.body``."""
        return {name: values[0] if values else "" for name, values in self.fields.items()}
