"""receive_webhooks: a tiny webhook endpoint on 127.0.0.1 for trying delivery locally."""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

from django.core.management.base import BaseCommand

from distribution.webhooks import SIGNATURE_HEADER, TIMESTAMP_HEADER, verify


class Command(BaseCommand):
    help = (
        "Listen on 127.0.0.1:PORT and print each webhook POSTed there: event, sequence, "
        "headline, pubstatus and whether its signature verifies with --secret. For trying "
        "delivery on this machine (a subscriber with --webhook http://127.0.0.1:PORT/)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=9000)
        parser.add_argument("--secret", default="", help="the subscriber's WEBHOOK_SECRET")
        parser.add_argument(
            "--fail", type=int, default=0, help="answer 503 to the first N requests"
        )

    def handle(self, *args: Any, port: int, secret: str, fail: int, **options: Any) -> None:
        out = self.stdout
        remaining = {"fail": fail}

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if remaining["fail"] > 0:
                    remaining["fail"] -= 1
                    out.write(f"refused (503), {remaining['fail']} more to refuse")
                    self.send_response(503)
                    self.end_headers()
                    return
                signed = verify(
                    secret,
                    self.headers.get(TIMESTAMP_HEADER, ""),
                    body,
                    self.headers.get(SIGNATURE_HEADER, ""),
                )
                item = json.loads(body)
                out.write(
                    f"#{self.headers.get('X-Newsroom-Sequence')} "
                    f"{self.headers.get('X-Newsroom-Event')}: "
                    f"{item['headlines'][0]['value']} [{item['pubstatus']}] "
                    f"signature {'verified' if signed else 'NOT verified'}"
                )
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        server = HTTPServer(("127.0.0.1", port), Handler)
        out.write(f"Receiving webhooks on http://127.0.0.1:{port}/ (Ctrl-C to stop)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
