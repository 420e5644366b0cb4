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

import dataclasses
import datetime as dt
import hashlib
import os
import secrets
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import (
    Case,
    CharField,
    DateTimeField,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Subquery,
    Value,
    When,
)
from django.http import HttpRequest
from django.utils import timezone

from articles.models import Article, AuditEntry, Caption, RelatedStory, Version, VersionQuerySet
from articles.stored import StoredQuery

# Caches that every process shares; with any other (local memory, dummy) the tokens are
# kept in files.
SHARED_CACHES = ("redis", "memcached", "db.DatabaseCache", "filebased")
# The page cache's generation, and the epoch of the reference data pages show besides
# their versions (writers' names, keywords, sections): reader.fragments keys by it.
GENERATION = "generation"
REFERENCE = "reference"


def _shared_cache() -> bool:
    backend = settings.CACHES["default"]["BACKEND"]
    return any(name in backend for name in SHARED_CACHES)


def _token_file(name: str) -> Path:
    path = Path(settings.NEWSROOM_GENERATION_FILE)
    return path if name == GENERATION else path.with_name(f"{path.name}-{name}")


def generation(name: str = GENERATION) -> str:
    """The current token (the page cache's generation unless named); no query, ever."""
    if _shared_cache():
        token = cache.get(f"reader:{name}")
        return token if token is not None else advance(name)
    try:
        return _token_file(name).read_text()
    except FileNotFoundError:
        return advance(name)


def advance(name: str = GENERATION, **kwargs: Any) -> str:
    """Move to a new token (a fresh random one: concurrent writers can only ever move it
    forward, never back to a token some stale page was stored under)."""
    token = secrets.token_hex(8)
    if _shared_cache():
        cache.set(f"reader:{name}", token, None)
        return token
    path = _token_file(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written beside it and renamed over it: a reader sees the old token or the new one.
    with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False) as handle:
        handle.write(token)
    os.replace(handle.name, path)
    return token


def reference_changed(**kwargs: Any) -> None:
    """A writer, keyword or section was edited, or a story's keywords: pages and the
    story fragments show them, so both move on."""
    advance(REFERENCE)
    advance(GENERATION)


def per_token(name: str) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    """Remember a function's answer in this process for as long as the token ``name``
    stays where it is: no query until something it depends on changes."""

    def decorate(compute: Callable[[], Any]) -> Callable[[], Any]:
        remembered: dict[str, Any] = {}

        def answer() -> Any:
            token = generation(name)
            if token not in remembered:
                remembered.clear()
                remembered[token] = compute()
            return remembered[token]

        return answer

    return decorate


_next_scheduled: dict[str, dt.datetime | None] = {}


def seconds_until_next_scheduled() -> float | None:
    """How long a page may be cached before a scheduled version changes it (on a miss).

    Every schedule moves the generation, so the next scheduled time is asked once per
    generation in each process, and again only once that time has come."""
    token, now = generation(), timezone.now()
    upcoming = _next_scheduled.get(token, now)
    if upcoming is not None and upcoming <= now:
        upcoming = Version.objects.scheduled().aggregate(first=Min("publish_at"))["first"]
        _next_scheduled.clear()
        _next_scheduled[token] = upcoming
    return None if upcoming is None else (upcoming - now).total_seconds()


# --- validators --------------------------------------------------------------------------


def _newest_visible_publish(at: dt.datetime) -> Subquery:
    return Subquery(Version.objects.live(at=at).order_by("-publish_at").values("publish_at")[:1])


def _newest_reader_change() -> Subquery:
    return Subquery(
        AuditEntry.objects.filter(affects_readers=True).order_by("-id").values("created_at")[:1]
    )


def photos_changed_at() -> Subquery:
    """When a photo the version shows last changed (its credit is printed under it)."""
    return Subquery(
        Caption.objects.filter(version_id=OuterRef("pk"))
        .order_by()
        .values("version_id")
        .annotate(at=Max("photo__updated_at"))
        .values("at")[:1]
    )


def _folded_at() -> Subquery:
    """When this story was folded into a roundup (from its own audit entries)."""
    return Subquery(
        AuditEntry.objects.filter(article_id=OuterRef("article_id"), action="fold")
        .order_by("-created_at")
        .values("created_at")[:1]
    )


def _folds_at() -> Subquery:
    """When another story was last folded into this one (from theirs): led by the folded
    articles' own index, not by a walk through the whole audit log."""
    folded = Article.objects.filter(folded_into=OuterRef(OuterRef("article_id"))).values("pk")
    return Subquery(
        AuditEntry.objects.filter(article_id__in=folded, action="fold")
        .order_by("-created_at")
        .values("created_at")[:1]
    )


# A page-cache miss asks these on every story page: composed once (articles.stored).
_LIVE_STORY = StoredQuery(
    lambda at, code: (
        Version.objects.live(at=at)
        .filter(article__code=code)
        .select_related("article__section")
        .annotate(
            photos_changed_at=photos_changed_at(),
            folded_at=_folded_at(),
            folds_at=_folds_at(),
        )[:1]
    ),
    at=DateTimeField(),
    code=CharField(),
)


def _beside(
    at: dt.datetime, related: list[int], ranks: list[int], parts: list[int], limit: int
) -> VersionQuerySet:
    """The live versions of the folded ``parts`` (newest first), then of the ``related``
    articles by rank (then newest): ``limit`` of them, ranked by the database, so only
    the versions shown are read whole."""
    ranking = []  # (a constant would be read as a column number: each only when needed)
    if parts:
        ranking.append(Case(When(article_id__in=parts, then=Value(1)), default=Value(0)).desc())
    if related:
        whens = (When(article_id=a, then=Value(r)) for a, r in zip(related, ranks, strict=True))
        ranking.append(Case(*whens, default=Value(0), output_field=IntegerField()).desc())
    return (
        Version.objects.live(at=at)
        .filter(article_id__in=[*related, *parts])
        .select_related("article__section")
        .order_by(*ranking, "-publish_at", "-pk")[:limit]
    )


_BESIDE = StoredQuery(
    _beside,
    at=DateTimeField(),
    related=IntegerField(),
    ranks=IntegerField(),
    parts=IntegerField(),
)


# The related stories a story page shows beside it.
RELATED = 5


def nearby(version: Version) -> list[Version]:
    """What a story page shows beside the story: its roundup or the stories folded into
    it (first, newest first), then up to RELATED related stories (chosen when they were
    published: RelatedStory; the most keywords shared, then the same section, then the
    newest), each as readers see it now. Two queries, each led by an index: the ids
    (related either way, folded parts), then the live versions shown."""
    article = version.article
    scores, parts = RelatedStory.beside(article.pk)
    if article.folded_into_id:
        parts.add(article.folded_into_id)
    related = sorted(scores.keys() - parts)
    if not related and not parts:
        return []
    shown = _BESIDE.objects(
        at=timezone.now(),
        related=related,
        ranks=[shared * 2 + same_section for shared, same_section in map(scores.get, related)],
        parts=sorted(parts),
        shape={"limit": len(parts) + RELATED},
    )
    for each in shown:
        each.is_first = each.article_id in parts
    first = [v for v in shown if v.is_first]
    return first + [v for v in shown if not v.is_first][:RELATED]


@dataclass(frozen=True)
class StoryState:
    """What a story's pages depend on, read before anything is rendered.

    ``newest`` is the live version (its prefetches not yet run); for a killed article it
    is None and ``killed_at``/``kill_note`` say why. ``beside`` is what the story page
    shows next to it (nearby()), read only for that page and reused by its view.
    """

    at: dt.datetime
    newest: Version | None
    killed_at: dt.datetime | None = None
    kill_note: str = ""
    beside: tuple[Version, ...] = ()

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
            v.article.first_published_at,
            v.publish_at,
            v.photos_changed_at,
            v.folded_at,
            v.folds_at,
            tuple((b.pk, b.publish_at) for b in self.beside),
        )

    @property
    def etag(self) -> str:
        return hashlib.sha256(repr(self.validators).encode()).hexdigest()[:32]

    @property
    def last_modified(self) -> dt.datetime | None:
        """The story's own last change, not the site's: its newest version, its photos,
        its folds, and the stories it shows beside it. News elsewhere leaves it alone."""
        v = self.newest
        if v is None:
            return self.killed_at
        times = [v.publish_at, v.photos_changed_at, v.folded_at, v.folds_at]
        times += [b.publish_at for b in self.beside]
        return max((t for t in times if t), default=None)


def story_state(request: HttpRequest, code: str, *, beside: bool = False) -> StoryState | None:
    """The story's live version with its freshness, cached on the request: one query,
    and one more for what the story page shows beside it (``beside``).

    None when readers have nothing at that code (unknown, or never published).
    """
    states = request.__dict__.setdefault("_story_states", {})
    if (code, beside) in states:
        return states[(code, beside)]
    plain = states.get((code, False))
    if plain is None:
        plain = _story_state(code)
        states[(code, False)] = plain
    state = plain
    if beside and plain is not None and plain.newest is not None:
        state = dataclasses.replace(plain, beside=tuple(nearby(plain.newest)))
    states[(code, beside)] = state
    return state


def _story_state(code: str) -> StoryState | None:
    now = timezone.now()
    found = _LIVE_STORY.objects(at=now, code=code)
    if found:
        return StoryState(at=now, newest=found[0])
    killed = Article.objects.killed().filter(code=code).values("killed_at", "kill_note")
    row = killed.first()
    return StoryState(at=now, newest=None, **row) if row else None


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
