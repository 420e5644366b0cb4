"""Production hardening: the deploy check gates it, and every page carries the headers."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import make_user

ROOT = Path(__file__).resolve().parent.parent


def deploy_check(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "NEWSROOM_"))}
    clean |= {"DJANGO_ENV_FILE": "/nonexistent"} | env
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_passes_with_production_settings():
    result = deploy_check(
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
        DJANGO_ALLOWED_HOSTS="news.example.com",
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_deploy_check_fails_with_development_settings():
    result = deploy_check(DJANGO_DEBUG="true")
    assert result.returncode != 0
    assert "security.W018" in result.stderr + result.stdout  # DEBUG on


@pytest.mark.parametrize("path", ["/", "/admin/login/"])
def test_pages_carry_security_headers_and_a_strict_script_policy(client, db, path):
    response = client.get(path)
    csp = response["Content-Security-Policy"]
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_admin_pages_have_the_policy_too(client, db):
    client.force_login(make_user("boss", is_superuser=True))
    response = client.get("/admin/articles/article/")
    assert "script-src 'self'" in response["Content-Security-Policy"]


# A literal value assigned to a secret-looking name, in code (quoted) or env style.
QUOTED_SECRET = re.compile(
    r"(?i)\b(secret_key|password|passwd|api_key|secret_access_key|token)\b\s*[=:]\s*[\"']([^\"'\s]{8,})[\"']"
)
ENV_SECRET = re.compile(r"^\s*[A-Z_]*(SECRET|PASSWORD|TOKEN)[A-Z_]*\s*=\s*([^\s#$%()]{8,})\s*$")
PLACEHOLDER = re.compile(r"(?i)change-me|example|placeholder")


def test_no_secrets_or_passwords_in_tracked_files():
    files = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    found = []
    for name in files:
        path = ROOT / name
        # Test credentials for throwaway test users are not secrets.
        if name.startswith("tests/") or not path.is_file() or path.stat().st_size > 2_000_000:
            continue
        text = path.read_text(errors="ignore")
        if "-----BEGIN" in text and "PRIVATE KEY" in text:
            found.append(f"{name}: private key")
        for line in text.splitlines():
            for pattern in (QUOTED_SECRET, ENV_SECRET):
                match = pattern.search(line)
                if match and not PLACEHOLDER.search(match.group(2)):
                    found.append(f"{name}: {line.strip()[:80]}")
    assert found == []
