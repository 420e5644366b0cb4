"""The newsroom's domain model, one module per part (DESIGN.md §3).

Import from here: ``from articles.models import Article, Version``.
"""

from articles.models.article import Article, ArticleQuerySet
from articles.models.audit import AuditEntry
from articles.models.base import (
    DeskState,
    EditConflict,
    Genre,
    PublishedVersionError,
    Status,
    TransitionError,
    Verb,
    VersionKind,
    choices_check,
    split_paragraphs,
)
from articles.models.outbox import (
    OutboxEvent,
    OutboxSequence,
    event_recorded,
    released_versions,
)
from articles.models.reference import DailySerial, Keyword, Section, Writer, unique_slug
from articles.models.related import RelatedStory
from articles.models.version import (
    Caption,
    EditingPresence,
    RevisionTag,
    Version,
    VersionPart,
    VersionQuerySet,
    VersionWriter,
    protect_published,
    protect_published_versions,
)

__all__ = [
    "Article",
    "ArticleQuerySet",
    "AuditEntry",
    "Caption",
    "DailySerial",
    "DeskState",
    "EditConflict",
    "EditingPresence",
    "Genre",
    "Keyword",
    "OutboxEvent",
    "OutboxSequence",
    "PublishedVersionError",
    "RelatedStory",
    "RevisionTag",
    "Section",
    "Status",
    "TransitionError",
    "Verb",
    "Version",
    "VersionKind",
    "VersionPart",
    "VersionQuerySet",
    "VersionWriter",
    "Writer",
    "choices_check",
    "event_recorded",
    "protect_published",
    "protect_published_versions",
    "released_versions",
    "split_paragraphs",
    "unique_slug",
]
