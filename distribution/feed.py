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

from django.db.models import Prefetch, prefetch_related_objects

from articles.models import Caption, OutboxEvent, Version, VersionWriter, released_versions
from distribution.models import Subscriber

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


def read(subscriber: Subscriber, *, after: int, limit: int) -> Page:
    release_due()
    top = OutboxEvent.high_water()
    if top <= after:
        return Page([], after, False)
    events = list(
        OutboxEvent.objects.filter(seq__gt=after, seq__lte=top)
        .filter(subscriber.q("version"))
        .select_related("version__article__section")
        .order_by("seq")[: limit + 1]
    )
    has_more = len(events) > limit
    events = events[:limit]
    # Versions appear once however many events carry them (a publish, then its kill).
    versions = {e.version_id: e.version for e in events}
    for event in events:
        event.version = versions[event.version_id]
    with_parts(list(versions.values()))
    return Page(events, events[-1].seq if has_more else top, has_more)


def wait_for_events(*, after: int, seconds: float, interval: float = 0.25) -> None:
    """Long-poll: return as soon as an event past ``after`` exists (or falls due), or
    after ``seconds``. Polls two indexed reads, so a waiting client costs little."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if OutboxEvent.high_water() > after or OutboxEvent.pending_due().exists():
            return
        time.sleep(min(interval, max(deadline - time.monotonic(), 0)))


def item_version(subscriber: Subscriber, code: str, number: int | None = None) -> Version | None:
    """The version of article ``code`` this subscriber may fetch: ``number``, or the
    newest released; None when it does not exist, is not released yet, or none of the
    subscriber's products takes it (the caller answers 404 to all three alike)."""
    versions = released_versions().filter(article__code=code)
    if number is not None:
        versions = versions.filter(number=number)
    version = versions.select_related("article__section").order_by("-number").first()
    if version is None:
        return None
    if not Version.objects.filter(pk=version.pk).filter(subscriber.q()).exists():
        return None
    return version
