"""Subscribers, an API client, a real webhook receiver on 127.0.0.1 and the worker.

Every ninjs document the API or a webhook emits in these tests goes through
``emitted()``, which validates it against IPTC's ninjs 2.4 schema in the repository.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from jsonschema import Draft202012Validator

from distribution.models import Product, Subscriber

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "data" / "ninjs" / "ninjs-schema-2.4.json"
_validator = Draft202012Validator(
    json.loads(SCHEMA_PATH.read_text(encoding="utf-8")),
    format_checker=Draft202012Validator.FORMAT_CHECKER,
)


def emitted(document: dict[str, Any]) -> dict[str, Any]:
    """Assert ``document`` is valid ninjs 2.4; returns it for chaining."""
    errors = sorted(_validator.iter_errors(document), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
    return document


@pytest.fixture(autouse=True)
def _empty_render_cache():
    """Test databases reuse ids: a rendering kept from another test would be stale."""
    from django.core.cache import caches

    caches["distribution"].clear()
    yield
    caches["distribution"].clear()


@pytest.fixture(autouse=True)
def _distribution_settings(settings):
    settings.DISTRIBUTION_WEBHOOK_ALLOW_HTTP_LOOPBACK = True
    settings.DISTRIBUTION_WEBHOOK_RETRY_SECONDS = 0  # retries ready at once in batch mode
    settings.DISTRIBUTION_WEBHOOK_TIMEOUT_SECONDS = 2
    settings.DISTRIBUTION_RATE_LIMIT = 1000


def all_copy() -> Product:
    return Product.objects.get(slug="all")


def make_subscriber(
    name: str = "Daily Planet", *, products: list[Product] | None = None, webhook: str = ""
) -> tuple[Subscriber, str, str]:
    return Subscriber.create(
        name=name, products=products if products is not None else [all_copy()],
        webhook_url=webhook,
    )  # fmt: skip


class Api:
    """The content API through the whole Django stack, with a subscriber's key. Every
    ninjs item in a response is validated against the schema."""

    def __init__(self, key: str | None, client: Client | None = None) -> None:
        self.key = key
        self.client = client or Client()

    def get(self, path: str, **headers: str) -> Any:
        if self.key is not None:
            headers.setdefault("Authorization", f"Bearer {self.key}")
        response = self.client.get(f"/api/v1{path}", headers=headers)
        if response.status_code == 200 and response["Content-Type"].startswith("application/json"):
            data = response.json()
            for event in data.get("events", []):
                if event.get("item"):
                    emitted(event["item"])
            if "standard" in data:
                emitted(data)
        return response

    def feed(self, cursor: str | None = None, **params: Any) -> dict[str, Any]:
        query = "&".join(f"{k}={v}" for k, v in {"cursor": cursor, **params}.items() if v)
        response = self.get(f"/feed?{query}")
        assert response.status_code == 200, response.content
        return response.json()

    def follow(self, cursor: str | None = None, **params: Any) -> tuple[list[dict], str]:
        """Every event from ``cursor`` on, following next_cursor; (events, last cursor)."""
        events: list[dict] = []
        while True:
            page = self.feed(cursor, **params)
            events += page["events"]
            cursor = page["next_cursor"]
            if not page["has_more"]:
                return events, cursor


@pytest.fixture
def subscriber(db) -> tuple[Subscriber, str]:
    found, key, _ = make_subscriber()
    return found, key


@pytest.fixture
def api(subscriber) -> Api:
    return Api(subscriber[1])


# --- a real webhook receiver ------------------------------------------------------------------


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> dict[str, Any]:
        return json.loads(self.body)


@dataclass
class Receiver:
    """An HTTP server on 127.0.0.1 in a thread. ``responses`` are used in turn (a status
    code, or "hang" to time out); once used up, every request gets 200."""

    url: str
    responses: list[int | str] = field(default_factory=list)
    received: list[Received] = field(default_factory=list)  # answered 2xx
    seen: list[Received] = field(default_factory=list)  # every request, answered or not
    lock: threading.Lock = field(default_factory=threading.Lock)
    release: threading.Event = field(default_factory=threading.Event)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    """The receiver; at the end of the test every body it was sent is schema-checked."""
    state: dict[str, Receiver] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            hook = state["receiver"]
            got = Received(dict(self.headers), body)
            with hook.lock:
                hook.seen.append(got)
                answer = hook.responses.pop(0) if hook.responses else 200
            if answer == "hang":
                hook.release.wait(10)  # longer than the sender's timeout
                return
            if 200 <= int(answer) < 300:
                with hook.lock:
                    hook.received.append(got)
            self.send_response(int(answer))
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    hook = Receiver(url=f"http://127.0.0.1:{server.server_address[1]}/hooks/newsroom")
    state["receiver"] = hook
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield hook
    hook.release.set()
    server.shutdown()
    server.server_close()
    for request in hook.seen:  # every webhook body sent in the test is valid ninjs
        emitted(json.loads(request.body))
