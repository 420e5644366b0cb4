"""Webhook fan-out: one publish delivered to 100 subscribers' endpoints by one worker.

    .venv/bin/python bench/fanout.py [--subscribers 100]

In a throwaway SQLite database: 100 subscribers whose webhooks point at one receiver on
127.0.0.1 (a threaded HTTP server in this process, answering 204 at once), one worker
(``manage.py db_worker``, as `make run` starts it) already running and idle. The clock
starts when the publish has committed and stops when the receiver has the 100th signed
POST. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-fanout-") as tmp:
        env = os.environ | {
            "DATABASE_URL": f"sqlite:///{Path(tmp) / 'fanout.sqlite3'}",
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "DISTRIBUTION_WEBHOOK_ALLOW_HTTP_LOOPBACK": "true",
            "MEDIA_ROOT": str(Path(tmp) / "media"),
            "PHOTO_ORIGINALS_ROOT": str(Path(tmp) / "originals"),
        }
        os.environ.update(env)
        done = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
            cwd=ROOT, env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode:
            print(json.dumps({"error": f"migrate failed: {done.stderr[-400:]}"}))
            return
        print(json.dumps(measure(args.subscribers, env)))


def measure(count: int, env: dict[str, str]) -> dict[str, Any]:
    import django

    django.setup()
    from django.db.models import Avg, Max, Min
    from django.utils import timezone

    from articles.models import Article, Section
    from distribution.models import Product, Subscriber, WebhookAttempt, WebhookDelivery
    from distribution.webhooks import SIGNATURE_HEADER, TIMESTAMP_HEADER, verify

    received: list[tuple[dict[str, str], bytes]] = []
    lock = threading.Lock()
    all_in = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(204)
            self.end_headers()
            with lock:
                received.append((dict(self.headers), body))
                if len(received) >= count:
                    all_in.set()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/hook"

    section, _ = Section.objects.get_or_create(slug="national", defaults={"name": "National"})
    everything = Product.objects.get(slug="all")
    secrets = {}
    for n in range(count):
        subscriber, _, secret = Subscriber.create(
            name=f"Subscriber {n:03d}", products=[everything], webhook_url=url
        )
        secrets[str(subscriber.pk)] = secret

    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.05",
         "--no-startup-delay", "-v1"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        started_line = worker.stdout.readline()  # "Starting worker …": it is polling now
        time.sleep(0.5)
        version = Article.start(
            by=None, slug="Fan-out", section=section, headline="One story, many subscribers"
        )
        version.publish(by=None)  # committed when this returns
        t0 = time.perf_counter()
        published_at = timezone.now()
        delivered = all_in.wait(timeout=120)
        seconds = time.perf_counter() - t0
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        server.shutdown()
    subscriber_of = dict(WebhookDelivery.objects.values_list("pk", "subscriber_id"))
    verified = sum(
        verify(
            secrets[str(subscriber_of[int(headers["X-Newsroom-Delivery"])])],
            headers[TIMESTAMP_HEADER],
            body,
            headers[SIGNATURE_HEADER],
        )
        for headers, body in received
    )
    attempts = WebhookAttempt.objects.aggregate(
        first=Min("at"), last=Max("at"), post_ms=Avg("duration_ms")
    )
    return {
        "first_post_after_s": round((attempts["first"] - published_at).total_seconds(), 3),
        "last_post_after_s": round((attempts["last"] - published_at).total_seconds(), 3),
        "mean_post_ms": round(attempts["post_ms"] or 0, 1),
        "subscribers": count,
        "delivered": len(received),
        "signatures_verified": verified,
        "all_delivered": delivered,
        "seconds": round(seconds, 3),
        "worker": started_line.strip()[:120],
    }


if __name__ == "__main__":
    main()
