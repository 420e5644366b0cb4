"""Freshness, defined once: the page cache's generation and the HTTP validators.

* **Generation**: a token that changes whenever what readers can see changes (the
  domain's ``readers_see_a_change``: a publish, a schedule, a kill, a fold; a draft save
  never). The page cache keys every page by it, so nobody clears anything. It lives
  where a cache hit reads it without SQL: in the shared cache when there is one (Redis,
  memcached), else in a small file that every process on this machine reads (the
  local-memory cache is per process, the file is not). A scheduled version needs no
  change at all to appear: cached pages never outlive the next scheduled publish time.
* **Validators**: a story page's ETag and Last-Modified (``story_state``: the story's
  own changes and those of what it shows, never news elsewhere) and the feeds'
  (``site_state``), each from one query, only over what readers can see.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Case, Count, Exists, F, Max, Min, OuterRef, Q, Subquery, When
from django.http import HttpRequest
from django.utils import timezone

from articles.models import Article, AuditEntry, Caption, Status, Version, VersionQuerySet

GENERATION_KEY = "reader:generation"
# Caches that every process shares; with any other (local memory, dummy) the generation
# is kept in a file.
SHARED_CACHES = ("redis", "memcached", "db.DatabaseCache", "filebased")


def _shared_cache() -> bool:
    backend = settings.CACHES["default"]["BACKEND"]
    return any(name in backend for name in SHARED_CACHES)


def _generation_file() -> Path:
    return Path(settings.NEWSROOM_GENERATION_FILE)


def generation() -> str:
    """The current generation token; no database query, ever."""
    if _shared_cache():
        token = cache.get(GENERATION_KEY)
        return token if token is not None else advance()
    try:
        return _generation_file().read_text()
    except FileNotFoundError:
        return advance()


def advance(**kwargs: Any) -> str:
    """Move to a new generation (a fresh random token: concurrent writers can only ever
    move it forward, never back to a token some stale page was stored under)."""
    token = secrets.token_hex(8)
    if _shared_cache():
        cache.set(GENERATION_KEY, token, None)
        return token
    path = _generation_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written beside it and renamed over it: a reader sees the old token or the new one.
    with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False) as handle:
        handle.write(token)
    os.replace(handle.name, path)
    return token


def seconds_until_next_scheduled() -> float | None:
    """How long a page may be cached before a scheduled version changes it (on a miss)."""
    upcoming = Version.objects.scheduled().aggregate(first=Min("publish_at"))["first"]
    return None if upcoming is None else (upcoming - timezone.now()).total_seconds()


# --- validators --------------------------------------------------------------------------


def _newest_visible_publish(at: dt.datetime) -> Subquery:
    return Subquery(Version.objects.live(at=at).order_by("-publish_at").values("publish_at")[:1])


def _newest_reader_change() -> Subquery:
    return Subquery(
        AuditEntry.objects.filter(affects_readers=True).order_by("-id").values("created_at")[:1]
    )


def _related_changed_at(now: dt.datetime) -> Subquery:
    """When the story's related stories and roundup links last changed: the newest
    publish or end (update, kill) among the candidates ``VersionQuerySet.related_to``
    picks from (same window, same section, a shared keyword, a fold either way)."""
    window = VersionQuerySet.RELATED_WINDOW
    through = Article.keywords.through
    its_keywords = through.objects.filter(article_id=OuterRef(OuterRef("article_id")))
    shares_keyword = Exists(
        through.objects.filter(
            article_id=OuterRef("article_id"), keyword_id__in=its_keywords.values("keyword_id")
        )
    )
    candidates = (
        Version.objects.filter(
            status=Status.PUBLISHED,
            publish_at__gte=OuterRef("publish_at") - window,
            publish_at__lte=OuterRef("publish_at") + window,
        )
        .filter(publish_at__lte=now)
        .exclude(article_id=OuterRef("article_id"))
        .filter(
            Q(article__section_id=OuterRef("article__section_id"))
            | Q(article__folded_into_id=OuterRef("article_id"))
            | Q(article_id=OuterRef("article__folded_into_id"))
            | shares_keyword
        )
    )
    changed = Case(When(superseded_at__lte=now, then=F("superseded_at")), default=F("publish_at"))
    return Subquery(
        candidates.order_by().values("status").annotate(at=Max(changed)).values("at")[:1]
    )


def _photos_changed_at() -> Subquery:
    """When a photo the version shows last changed (its credit is printed under it)."""
    return Subquery(
        Caption.objects.filter(version_id=OuterRef("pk"))
        .order_by()
        .values("version_id")
        .annotate(at=Max("photo__updated_at"))
        .values("at")[:1]
    )


def _folded_at() -> Subquery:
    """When this story was folded into a roundup, or another story into it."""
    return Subquery(
        AuditEntry.objects.filter(action="fold")
        .filter(
            Q(article_id=OuterRef("article_id")) | Q(article__folded_into=OuterRef("article_id"))
        )
        .order_by("-created_at")
        .values("created_at")[:1]
    )


@dataclass(frozen=True)
class StoryState:
    """What a story's pages depend on, read in one query before anything is rendered.

    ``newest`` is the live version (its prefetches not yet run); for a killed article it
    is None and ``killed_at``/``kill_note`` say why.
    """

    at: dt.datetime
    newest: Version | None
    killed_at: dt.datetime | None = None
    kill_note: str = ""

    @property
    def validators(self) -> tuple[Any, ...]:
        v = self.newest
        if v is None:
            return ("killed", self.killed_at)
        # Each part on its own: a backdated publish (an import) changes the tag even
        # when it leaves the newest time where it was.
        return (
            v.pk,
            v.article.folded_into_id,
            v.folded_count,
            v.article.first_published_at,
            v.publish_at,
            v.related_changed_at,
            v.photos_changed_at,
            v.folded_at,
        )

    @property
    def etag(self) -> str:
        return hashlib.sha256(repr(self.validators).encode()).hexdigest()[:32]

    @property
    def last_modified(self) -> dt.datetime | None:
        """The story's own last change, not the site's: its newest version, its photos,
        its folds, and the stories it shows beside it (related stories, a roundup's
        parts). News elsewhere leaves it alone."""
        v = self.newest
        if v is None:
            return self.killed_at
        times = [v.publish_at, v.related_changed_at, v.photos_changed_at, v.folded_at]
        return max((t for t in times if t), default=None)


def story_state(request: HttpRequest, code: str) -> StoryState | None:
    """The story's live version with its freshness, cached on the request.

    None when readers have nothing at that code (unknown, or never published).
    """
    states = request.__dict__.setdefault("_story_states", {})
    if code in states:
        return states[code]
    now = timezone.now()
    newest = (
        Version.objects.live(at=now)
        .filter(article__code=code)
        .select_related("article__section")
        .annotate(
            folded_count=Subquery(
                Article.objects.filter(folded_into=OuterRef("article"))
                .order_by()
                .values("folded_into")
                .annotate(n=Count("pk"))
                .values("n")[:1]
            ),
            related_changed_at=_related_changed_at(now),
            photos_changed_at=_photos_changed_at(),
            folded_at=_folded_at(),
        )
        .first()
    )
    if newest is not None:
        newest.folded_count = newest.folded_count or 0
        state: StoryState | None = StoryState(at=now, newest=newest)
    else:
        killed = Article.objects.killed().filter(code=code).values("killed_at", "kill_note")
        row = killed.first()
        state = StoryState(at=now, newest=None, **row) if row else None
    states[code] = state
    return state


def site_state(request: HttpRequest) -> tuple[dt.datetime | None, dt.datetime | None]:
    """(newest visible publish time, newest change readers can see such as a kill), in
    one query, cached on the request: the feeds' validators."""
    cached = request.__dict__.get("_site_state")
    if cached is None:
        # The newest reader-visible change carries the other figure in the same query.
        row = (
            AuditEntry.objects.filter(affects_readers=True)
            .order_by("-id")
            .annotate(published=_newest_visible_publish(timezone.now()))
            .values("published", changed=F("created_at"))
            .first()
        )
        cached = (row["published"], row["changed"]) if row else (None, None)
        request._site_state = cached
    return cached
