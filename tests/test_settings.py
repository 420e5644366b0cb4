"""Settings come from the environment; production refuses to start without a secret."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_check(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean |= {"DJANGO_ENV_FILE": "/nonexistent", "DJANGO_SETTINGS_MODULE": "newsroom.settings"}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = run_check(DJANGO_DEBUG="false")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_starts_with_a_secret_key_from_the_environment():
    result = run_check(DJANGO_DEBUG="false", DJANGO_SECRET_KEY="x" * 60)
    assert result.returncode == 0, result.stderr


def test_development_may_run_without_a_key():
    assert run_check(DJANGO_DEBUG="true").returncode == 0


def test_defaults_match_the_newsroom(settings):
    assert settings.TIME_ZONE == "Asia/Seoul"
    assert settings.USE_TZ is True
    options = settings.DATABASES["default"].get("OPTIONS", {})
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        assert options["transaction_mode"] == "IMMEDIATE"
        assert "journal_mode=WAL" in options["init_command"]
        assert options["timeout"] >= 5


def settings_value(expression: str, **env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean |= {"DJANGO_ENV_FILE": "/nonexistent", "DJANGO_SETTINGS_MODULE": "newsroom.settings"}
    script = f"import django; django.setup(); from django.conf import settings; print({expression})"
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_secret_key_starting_with_a_dollar_is_read_verbatim():
    key = "$HOME-is-not-a-reference-" + "k" * 40
    assert settings_value("settings.SECRET_KEY", DJANGO_SECRET_KEY=key) == key


def test_old_keys_keep_signed_values_valid_during_a_rotation():
    old, new = "old-" + "o" * 50, "$new-" + "n" * 50
    fallbacks = settings_value(
        "settings.SECRET_KEY_FALLBACKS",
        DJANGO_SECRET_KEY=new,
        DJANGO_SECRET_KEY_FALLBACKS=f"{old},$older-{'x' * 40}",
    )
    assert fallbacks == repr([old, "$older-" + "x" * 40])

    from django.core import signing

    signed = signing.dumps({"user": 1}, key=old)
    assert signing.loads(signed, key=new, fallback_keys=[old]) == {"user": 1}


def test_memcached_cache_url_has_an_installed_client():
    backend = settings_value(
        "settings.CACHES['default']['BACKEND']",
        CACHE_URL="pymemcache://127.0.0.1:11211",
        DJANGO_DEBUG="true",
    )
    assert backend == "django.core.cache.backends.memcached.PyMemcacheCache"
    from django.core.cache.backends.memcached import PyMemcacheCache

    client = PyMemcacheCache("127.0.0.1:11211", {})._class  # imports the client library
    assert client.__module__.startswith("pymemcache")


def test_a_server_error_is_logged_with_its_traceback_when_debug_is_off(client, settings, caplog):
    import logging

    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.failing_urls"
    client.raise_request_exception = False
    assert client.get("/boom/").status_code == 500
    record = next(r for r in caplog.records if r.name == "django.request")
    handler = next(
        h for h in logging.getLogger("django.request").handlers if h.get_name() == "console"
    )
    assert isinstance(handler, logging.StreamHandler) and handler.level <= logging.ERROR
    printed = handler.format(record)
    assert printed.splitlines()[0].endswith("ERROR django.request: Internal Server Error: /boom/")
    assert "Traceback (most recent call last)" in printed
    assert "RuntimeError: the printing press jammed" in printed
