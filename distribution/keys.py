"""API keys and webhook secrets: made here, stored hashed (keys) and shown once.

A key is ``nrk_<prefix>_<secret>``: the prefix is public (it names the key in the admin
and in logs, and finds its row), the secret carries 256 bits of randomness. Only the
sha256 of the whole key is stored; with that much entropy a slow password hash would
add nothing but latency to every request. Keys are compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

KEY_PREFIX = "nrk"
SECRET_PREFIX = "whsec"  # noqa: S105 - a label, not a secret
_KEY = re.compile(rf"^{KEY_PREFIX}_([a-z0-9]{{8}})_[A-Za-z0-9_-]{{43}}$")
_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


def new_api_key() -> tuple[str, str]:
    """(prefix, key): a fresh key and its public prefix."""
    prefix = "".join(secrets.choice(_ALPHABET) for _ in range(8))
    return prefix, f"{KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"


def prefix_of(key: str) -> str | None:
    match = _KEY.match(key.strip())
    return match.group(1) if match else None


def digest(key: str) -> str:
    return hashlib.sha256(key.strip().encode()).hexdigest()


def matches(key: str, stored_digest: str) -> bool:
    return hmac.compare_digest(digest(key), stored_digest)


def new_webhook_secret() -> str:
    return f"{SECRET_PREFIX}_{secrets.token_urlsafe(32)}"
