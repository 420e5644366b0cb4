"""Webhook transport: which endpoints are allowed, how a POST is signed and sent.

The signature is HMAC-SHA256 with the subscriber's secret over ``<timestamp>.<body>``
(the timestamp in ``X-Newsroom-Timestamp``, Unix seconds), sent as
``X-Newsroom-Signature: sha256=<hex>``. A receiver recomputes it over the raw body,
compares in constant time and refuses stale timestamps (replays).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

SIGNATURE_HEADER = "X-Newsroom-Signature"
TIMESTAMP_HEADER = "X-Newsroom-Timestamp"
USER_AGENT = "Newsroom-Webhooks/1"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def endpoint_problem(url: str) -> str:
    """Why ``url`` cannot be a webhook endpoint, or "" when it can: HTTPS always, plain
    HTTP only to this machine when DISTRIBUTION_WEBHOOK_ALLOW_HTTP_LOOPBACK is on
    (development and tests)."""
    parts = urlsplit(url)
    if not parts.hostname:
        return "Enter a full URL, e.g. https://example.com/hooks/newsroom."
    if parts.username or parts.password:
        return "Put no credentials in the URL; requests are signed instead."
    if parts.scheme == "https":
        return ""
    if parts.scheme == "http" and is_loopback(parts.hostname):
        if settings.DISTRIBUTION_WEBHOOK_ALLOW_HTTP_LOOPBACK:
            return ""
        return "Plain HTTP is allowed for loopback in development only; use HTTPS."
    return "Webhook endpoints must use HTTPS."


def signature(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"sha256={mac.hexdigest()}"


def verify(secret: str, timestamp: str, body: bytes, header: str, *, tolerance: int = 300) -> bool:
    """What a receiver does (and the tests): the signature matches and is recent."""
    try:
        ts = int(timestamp)
    except ValueError:
        return False
    if abs(time.time() - ts) > tolerance:
        return False
    return hmac.compare_digest(signature(secret, ts, body), header)


@dataclass
class Outcome:
    status_code: int | None
    error: str
    duration_ms: int

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    # A redirect is a failure to deliver: following it would POST the copy (and a valid
    # signature) to wherever the endpoint points, unchecked.
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def post(url: str, body: bytes, *, secret: str, headers: dict[str, str]) -> Outcome:
    """POST ``body`` to ``url`` signed with ``secret``; never raises for network errors."""
    problem = endpoint_problem(url)
    if problem:
        return Outcome(None, problem, 0)
    timestamp = int(time.time())
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            TIMESTAMP_HEADER: str(timestamp),
            SIGNATURE_HEADER: signature(secret, timestamp, body),
            **headers,
        },
    )
    started = time.perf_counter()
    timeout = float(settings.DISTRIBUTION_WEBHOOK_TIMEOUT_SECONDS)
    try:
        with _opener.open(request, timeout=timeout) as response:
            response.read(64 * 1024)
            code, error = response.status, ""
    except urllib.error.HTTPError as exc:
        code, error = exc.code, ""
        exc.close()
    except TimeoutError:
        code, error = None, f"timed out after {timeout:g} s"
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        code, error = None, str(reason)[:500]
    return Outcome(code, error, int((time.perf_counter() - started) * 1000))
