"""The feed over real HTTP (a live server): following cursors while several threads
publish at once sees every event exactly once, in order, with no gaps; long-polling."""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from typing import Any

import pytest
from django.db import connection

from articles.models import OutboxEvent
from tests.conftest import published
from tests.distribution.conftest import emitted, make_subscriber

live = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def get(url: str, key: str) -> dict[str, Any]:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {key}"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - test server
        return json.loads(response.read())


def follow(base: str, key: str, cursor: str | None, *, limit: int = 3) -> tuple[list, str]:
    events: list[dict] = []
    while True:
        page = get(
            f"{base}/api/v1/feed?limit={limit}" + (f"&cursor={cursor}" if cursor else ""), key
        )
        for event in page["events"]:
            emitted(event["item"])
        events += page["events"]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return events, cursor


@live
def test_following_cursors_under_concurrent_publishing_sees_every_event_once(live_server, section):
    _, key, _ = make_subscriber()
    base = live_server.url
    publishers, stories_each = 4, 6
    start = threading.Barrier(publishers + 1)
    done = threading.Event()
    published_codes: list[str] = []
    seen: list[dict] = []
    errors: list[BaseException] = []

    def publisher(n: int) -> None:
        try:
            start.wait(timeout=10)
            for m in range(stories_each):
                version = published(section, slug=f"Story-{n}-{m}")
                published_codes.append(version.article.code)
                if m % 2:
                    version.article.kill(by=None, note="Withdrawn in a hurry.")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    def follower() -> None:
        cursor = None
        try:
            start.wait(timeout=10)
            while not done.is_set():
                events, cursor = follow(base, key, cursor)
                seen.extend(events)
            events, cursor = follow(base, key, cursor)  # after the last commit
            seen.extend(events)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=publisher, args=(n,)) for n in range(publishers)]
    reader = threading.Thread(target=follower)
    for thread in [*threads, reader]:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    done.set()
    reader.join(timeout=120)
    assert not errors, errors

    ids = [e["id"] for e in seen]
    assert ids == sorted(ids) and len(ids) == len(set(ids)), "out of order or twice"
    assert ids == list(range(1, OutboxEvent.high_water() + 1)), "a gap"
    publishes = [e["code"] for e in seen if e["type"] == "publish"]
    assert sorted(publishes) == sorted(published_codes)
    kills = [e["code"] for e in seen if e["type"] == "kill"]
    assert len(kills) == publishers * (stories_each // 2)
    for code in kills:  # each story's kill comes after its publish
        assert [e["type"] for e in seen if e["code"] == code] == ["publish", "kill"]


@live
def test_a_long_poll_answers_when_a_story_is_published(live_server, section):
    _, key, _ = make_subscriber()
    cursor = get(f"{live_server.url}/api/v1/feed", key)["next_cursor"]
    result: dict[str, Any] = {}

    def poll() -> None:
        result["page"] = get(f"{live_server.url}/api/v1/feed?cursor={cursor}&wait=20", key)

    poller = threading.Thread(target=poll)
    poller.start()
    time.sleep(0.5)  # let it start waiting; correctness does not depend on this
    version = published(section, slug="Breaking")
    poller.join(timeout=30)
    page = result["page"]
    if not page["events"]:  # published as the poll gave up: the next read has it
        page = get(f"{live_server.url}/api/v1/feed?cursor={cursor}", key)
    assert [(e["type"], e["code"]) for e in page["events"]] == [("publish", version.article.code)]


@live
def test_the_walkthrough_a_subscriber_follows_the_feed_over_http(live_server, section):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("add_subscriber", "Curl Gazette", stdout=out)
    key = out.getvalue().split("API_KEY=")[1].split()[0]
    version = published(section, slug="Walkthrough")
    page = get(f"{live_server.url}/api/v1/feed", key)
    assert [e["code"] for e in page["events"]] == [version.article.code]
    item = get(f"{live_server.url}/api/v1/items/{version.article.code}", key)
    assert emitted(item)["uri"].endswith(f"/article/{version.article.code}/")
    with urllib.request.urlopen(f"{live_server.url}/api/v1/docs", timeout=10) as response:  # noqa: S310
        assert response.status == 200
    with urllib.request.urlopen(f"{live_server.url}/api/v1/openapi.json", timeout=10) as response:  # noqa: S310
        paths = json.loads(response.read())["paths"]
    assert {"/api/v1/feed", "/api/v1/items/{uri}"} <= set(paths)
