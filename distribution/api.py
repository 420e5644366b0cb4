"""The content API for subscribers (django-ninja), mounted at /api/v1/.

* ``GET /feed``: the subscriber's delivery events in order, each with its item as IPTC
  ninjs (or agency wire text), and the cursor to continue from; ``wait`` long-polls.
* ``GET /items/{uri}`` and ``/items/{uri}/versions/{n}``: one item, with ETag / 304.

Every request carries ``Authorization: Bearer <key>``: a missing, unknown or revoked key
is 401; an item none of the subscriber's products takes is 404, exactly like one that
does not exist (nothing tells another product's copy apart). Each key has a rate limit
(429 with Retry-After). Subscribers see published copy from its release time on (an
embargoed version early, marked ``embargoed``), never drafts or scheduled versions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any, Literal

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer

from articles.models import OutboxEvent, Version
from distribution import feed
from distribution.models import ApiKey, ProductFilter, Subscriber, product_filters
from distribution.ratelimit import PerKeyThrottle

Format = Literal["ninjs", "text"]


class KeyAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiKey | None:
        return ApiKey.authenticate(token)


api = NinjaAPI(
    title=f"{settings.NEWSROOM_NAME} content API",
    version="1",
    description=(
        "Copy for subscribers: a feed of delivery events (publish, update, correction, "
        "kill) with IPTC ninjs 2.4 items, and each item and version by its code. "
        "Authenticate with `Authorization: Bearer <key>` (see `manage.py add_subscriber`)."
    ),
    urls_namespace="api-v1",
    auth=KeyAuth(),
    throttle=PerKeyThrottle(),
)


@api.exception_handler(AuthenticationError)
def unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = api.create_response(
        request,
        {"detail": "A valid API key is required (Authorization: Bearer <key>)."},
        status=401,
    )
    response["WWW-Authenticate"] = 'Bearer realm="newsroom"'
    return response


def subscriber_of(request: HttpRequest) -> tuple[Subscriber, list[ProductFilter]]:
    """The key's subscriber and its products' filters (one query)."""
    subscriber = request.auth.subscriber
    return subscriber, product_filters(subscriber.pk)


# --- schemas ----------------------------------------------------------------------------------


class FeedEvent(Schema):
    id: int = Field(description="The event's place in the stream (increasing).")
    cursor: str = Field(description="Resume after this event with ?cursor=… .")
    type: Literal["publish", "update", "correction", "kill"]
    at: dt.datetime = Field(description="When the event happened for subscribers.")
    code: str = Field(description="The story's code, for /items/{code}.")
    version: int
    uri: str
    item: dict[str, Any] | None = Field(None, description="The version as IPTC ninjs 2.4.")
    text: str | None = Field(None, description="The version as agency wire text (format=text).")


class FeedPage(Schema):
    events: list[FeedEvent]
    next_cursor: str = Field(description="Pass back as ?cursor= to read on; opaque.")
    has_more: bool = Field(description="More events are ready: ask again at once.")


class Detail(Schema):
    detail: str


class FeedQuery(Schema):
    cursor: str | None = Field(None, description="From the last page's next_cursor.")
    limit: int = Field(20, ge=1, le=100)
    wait: float = Field(
        0, ge=0, description="Long-poll: wait up to this many seconds for an event."
    )
    format: Format = "ninjs"


# --- views ------------------------------------------------------------------------------------


def _event(event: OutboxEvent, fmt: Format, rendering: tuple[str, Any]) -> dict[str, Any]:
    uri, body = rendering
    return {
        "id": event.seq,
        "cursor": feed.encode_cursor(event.seq),
        "type": event.action,
        "at": event.due_at,
        "code": event.version.article.code,
        "version": event.version.number,
        "uri": uri,
        "item": body if fmt == "ninjs" else None,
        "text": body if fmt == "text" else None,
    }


@api.get(
    "/feed",
    response={200: FeedPage, 400: Detail, 401: Detail, 429: Detail},
    summary="Delivery events in order",
)
def feed_view(request: HttpRequest, query: Query[FeedQuery]) -> Any:
    """The subscriber's events after ``cursor`` (from the start without one), oldest
    first. Following ``next_cursor`` sees every event exactly once, in order, including
    those published concurrently or falling due later (scheduled, embargo releases)."""
    try:
        after = feed.decode_cursor(query.cursor)
    except ValueError as exc:
        raise HttpError(400, "Malformed cursor: pass back a next_cursor unchanged.") from exc
    subscriber, filters = subscriber_of(request)
    page = feed.read(subscriber, after=after, limit=query.limit, filters=filters)
    wait = min(query.wait, settings.DISTRIBUTION_FEED_MAX_WAIT_SECONDS)
    if not page.events and wait > 0:
        feed.wait_for_events(after=page.last, seconds=wait)
        page = feed.read(subscriber, after=page.last, limit=query.limit, filters=filters)
    renderings = feed.rendered(list({e.version_id: e.version for e in page.events}.values()),
                               query.format)  # fmt: skip
    return {
        "events": [_event(e, query.format, renderings[e.version_id]) for e in page.events],
        "next_cursor": feed.encode_cursor(page.last),
        "has_more": page.has_more,
    }


def _etag(version: Version, fmt: Format) -> str:
    # What the representation depends on: the (immutable) version, the kill, the format.
    state = f"{feed.REPRESENTATION}:{version.pk}:{version.article.killed_at}:{fmt}"
    return f'"{hashlib.sha256(state.encode()).hexdigest()[:32]}"'


def _item_response(request: HttpRequest, version: Version | None, fmt: Format) -> HttpResponse:
    if version is None:
        raise HttpError(404, "No such item in your products.")
    etag = _etag(version, fmt)
    if etag in {t.strip() for t in request.headers.get("If-None-Match", "").split(",")}:
        response = HttpResponse(status=304)
    else:
        _, body = feed.rendered([version], fmt)[version.pk]
        if fmt == "text":
            response = HttpResponse(body, content_type="text/plain; charset=utf-8")
        else:
            response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["ETag"] = etag
    # Per subscriber: no shared cache may keep it; clients revalidate (a kill can come).
    patch_cache_control(response, private=True, no_cache=True)
    return response


def _code(uri: str) -> str:
    """An item's code from its code or its ninjs uri (…/article/<code>/)."""
    parts = [p for p in uri.split("/") if p]
    if "article" in parts and parts.index("article") + 1 < len(parts):
        return parts[parts.index("article") + 1]
    return parts[-1] if parts else ""


@api.get(
    "/items/{path:uri}/versions/{int:number}",
    response={200: dict[str, Any], 304: None, 401: Detail, 404: Detail, 429: Detail},
    summary="One version of an item",
)
def version_view(request: HttpRequest, uri: str, number: int, format: Format = "ninjs") -> Any:
    """Version ``number`` of the item (its code, or its ninjs uri), if it has been
    released to subscribers. A killed story's versions are all a kill notice."""
    subscriber, filters = subscriber_of(request)
    version = feed.item_version(subscriber, _code(uri), number, filters=filters)
    return _item_response(request, version, format)


@api.get(
    "/items/{path:uri}",
    response={200: dict[str, Any], 304: None, 401: Detail, 404: Detail, 429: Detail},
    summary="The current version of an item",
)
def item_view(request: HttpRequest, uri: str, format: Format = "ninjs") -> Any:
    """The newest version of the item released to subscribers (code or ninjs uri), as
    ninjs or (``format=text``) wire text; canceled once killed. Send If-None-Match with
    the ETag to get 304 when nothing changed."""
    subscriber, filters = subscriber_of(request)
    version = feed.item_version(subscriber, _code(uri), filters=filters)
    return _item_response(request, version, format)
