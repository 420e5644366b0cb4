"""The domain's vocabulary as choices, its errors, and small shared helpers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone

from articles import vocab


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
