"""Reading the outbox as one subscriber's feed, and what subscribers may fetch.

The cursor is the ``seq`` of the last event read, wrapped so clients treat it as opaque.
Sequence numbers are committed in order (articles.models.outbox), so reading "after my
cursor, up to the highest number committed" sees every event once: none appears later
below a cursor already handed out. Events a subscriber's products do not take are
stepped over, and the cursor moves past them too.
"""

from __future__ import annotations

import base64
import binascii
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db.models import (
    BooleanField,
    ExpressionWrapper,
    Prefetch,
    prefetch_related_objects,
)

from articles.models import Caption, OutboxEvent, Version, VersionWriter, released_versions
from distribution.models import ProductFilter, Subscriber
from wire.syndication import item_uri, ninjs, wire_text

CURSOR_PREFIX = "nr1."


def encode_cursor(seq: int) -> str:
    return base64.urlsafe_b64encode(f"{CURSOR_PREFIX}{seq}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    """The seq behind ``cursor`` (0, the start, for none); ValueError if malformed."""
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError) as exc:
        raise ValueError("malformed cursor") from exc
    if not raw.startswith(CURSOR_PREFIX) or not raw[len(CURSOR_PREFIX) :].isdigit():
        raise ValueError("malformed cursor")
    return int(raw[len(CURSOR_PREFIX) :])


def with_parts(versions: list[Version]) -> None:
    """Load what ninjs and wire text show of ``versions`` in four queries."""
    prefetch_related_objects(
        versions,
        Prefetch("bylines", VersionWriter.objects.select_related("writer")),
        Prefetch("captions", Caption.objects.select_related("photo")),
        "revision_tags",
        "article__keywords",
    )


EVENT_FIELDS = (
    "seq",
    "action",
    "due_at",
    "article_id",
    "version__number",
    "version__article__code",
    "version__article__killed_at",
)


@dataclass
class Page:
    events: list[OutboxEvent]
    last: int  # the cursor to continue from
    has_more: bool


def release_due() -> None:
    """Number whatever fell due since the last transition (a scheduled version, an
    embargoed one's release): a cheap check first, the write only when there is some."""
    if OutboxEvent.pending_due().exists():
        OutboxEvent.release_due()


def read(subscriber: Subscriber, *, after: int, limit: int, filters: list[ProductFilter]) -> Page:
    top, due = OutboxEvent.stream_state()
    if due:  # something fell due since the last transition: number it first
        OutboxEvent.release_due()
        top = OutboxEvent.high_water()
    if top <= after:
        return Page([], after, False)
    events = list(
        OutboxEvent.objects.filter(seq__gt=after, seq__lte=top)
        .filter(subscriber.q("version", filters=filters))
        .select_related("version__article")
        # Just what the event and its rendering's cache key need: the renderings
        # themselves mostly come from the cache (rendered() loads the rest whole).
        .only(*EVENT_FIELDS)
        .order_by("seq")[: limit + 1]
    )
    has_more = len(events) > limit
    events = events[:limit]
    # Versions appear once however many events carry them (a publish, then its kill).
    versions = {e.version_id: e.version for e in events}
    for event in events:
        event.version = versions[event.version_id]
    return Page(events, events[-1].seq if has_more else top, has_more)


# Bumped whenever the representation changes, so old renderings and ETags stop matching.
REPRESENTATION = "1"


def _render_key(version: Version, fmt: str) -> str:
    killed = version.article.killed_at
    return (
        f"distribution:render:{REPRESENTATION}:{fmt}:{version.pk}:"
        f"{killed.timestamp() if killed else 0}"
    )


def rendered(versions: list[Version], fmt: str) -> dict[int, tuple[str, Any]]:
    """Each version as subscribers get it, by pk: (its uri, its ninjs dict or wire text).

    A published version never changes and a kill changes the key, so renderings are
    kept in the "distribution" cache (DISTRIBUTION_RENDER_CACHE_SECONDS, which bounds how
    long an edit to a photo's credit or renditions takes to show) and made once for all
    subscribers (the worker makes them as events are released: ``prerender``); only the
    versions missing from it are loaded whole and rendered."""
    cache = caches["distribution"]
    keys = {v.pk: _render_key(v, fmt) for v in versions}
    found = cache.get_many(list(keys.values()))
    missing = [v for v in versions if keys[v.pk] not in found]
    if missing:
        partial = [v.pk for v in missing if v.get_deferred_fields()]
        if partial:  # loaded for the feed's list only: load these whole
            whole = Version.objects.select_related("article__section").in_bulk(partial)
            missing = [whole.get(v.pk, v) for v in missing]
        with_parts(missing)
        made = {
            keys[v.pk]: (item_uri(v.article), wire_text(v) if fmt == "text" else ninjs(v))
            for v in missing
        }
        cache.set_many(made, settings.DISTRIBUTION_RENDER_CACHE_SECONDS)
        found |= made
    return {pk: found[key] for pk, key in keys.items()}


def wait_for_events(*, after: int, seconds: float, interval: float = 0.25) -> None:
    """Long-poll: return as soon as an event past ``after`` exists (or falls due), or
    after ``seconds``. Polls two indexed reads, so a waiting client costs little."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if OutboxEvent.high_water() > after or OutboxEvent.pending_due().exists():
            return
        time.sleep(min(interval, max(deadline - time.monotonic(), 0)))


def item_version(
    subscriber: Subscriber, code: str, number: int | None = None, *, filters: list[ProductFilter]
) -> Version | None:
    """The version of article ``code`` this subscriber may fetch: ``number``, or the
    newest released; None when it does not exist, is not released yet, or none of the
    subscriber's products takes it (the caller answers 404 to all three alike). The
    products are judged on that version itself, in the same query."""
    versions = released_versions().filter(article__code=code)
    if number is not None:
        versions = versions.filter(number=number)
    version = (
        versions.annotate(
            taken=ExpressionWrapper(subscriber.q(filters=filters), output_field=BooleanField())
        )
        .select_related("article__section")
        .order_by("-number")
        .first()
    )
    return version if version is not None and version.taken else None


def prerender(*, after: int, top: int) -> int:
    """Render the versions of the events numbered in (after, top] into the cache, so the
    subscribers polling for them find them ready. Returns how many were rendered."""
    versions = {
        e.version_id: e.version
        for e in OutboxEvent.objects.filter(seq__gt=after, seq__lte=top).select_related(
            "version__article__section"
        )
    }
    if versions:
        rendered(list(versions.values()), "ninjs")
    return len(versions)
