"""Shared fixtures and small typed builders for newsroom tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article, Section, Version, VersionKind, Writer


@pytest.fixture(scope="session", autouse=True)
def _flush_lifts_the_published_copy_guard():
    """Transactional tests end with a whole-database flush. On PostgreSQL that is a
    TRUNCATE, which row triggers never see; SQLite deletes row by row, so its guard
    triggers are lifted for the flush and put back after (as PostgreSQL behaves)."""
    from django.core.management.commands import flush
    from django.db import connections

    from articles.dbobjects import guards_suspended

    original = flush.Command.handle

    def handle(self, **options):
        with guards_suspended(connections[options.get("database", "default")]):
            return original(self, **options)

    flush.Command.handle = handle
    yield
    flush.Command.handle = original


@pytest.fixture(autouse=True)
def _fresh_fragment_caches():
    """Rendered fragments are keyed by version id, which a rolled-back test may reuse."""
    from django.core.cache import caches

    for alias in ("fragments", "distribution"):
        caches[alias].clear()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Real hashers are slow on purpose; tests only need passwords to round-trip."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Every test writes photos into its own folders, never the developer's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PHOTO_ORIGINALS_ROOT = tmp_path / "originals"
    settings.PHOTO_PRIVATE_RENDITIONS_ROOT = tmp_path / "renditions"
    settings.NEWSROOM_SHARE_CARDS_ROOT = tmp_path / "cards"
    # A page-cache generation of its own, so no test reads a page another one cached.
    settings.NEWSROOM_GENERATION_FILE = tmp_path / "reader-generation"


@pytest.fixture
def section(db) -> Section:
    return Section.objects.get_or_create(slug="national", defaults={"name": "National"})[0]


@pytest.fixture
def writer(db) -> Writer:
    return Writer.objects.create(
        name="Han Seo-yeon", name_ko="한서연", email="sy@example.com", slug="han-seo-yeon"
    )


def make_user(username: str, role: str | None = None, **extra: Any):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(
        username=username, password="pw-for-tests-only", is_staff=True, **extra
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def desk(db):
    return make_user("desk", "Desk editor")


@pytest.fixture
def reporter(db):
    return make_user("reporter", "Reporter")


@pytest.fixture
def photo_editor(db):
    return make_user("photo", "Photo editor")


def draft(
    section: Section,
    *,
    by: Any = None,
    slug: str = "Test-story",
    headline: str = "City opens a new library branch",
    body: str = "The city opened a library.\n\nIt has 20,000 books.",
    **fields: Any,
) -> Version:
    """A new article with a draft version 0."""
    return Article.start(by=by, slug=slug, section=section, headline=headline, body=body, **fields)


def published(
    section: Section, *, by: Any = None, at: dt.datetime | None = None, **fields: Any
) -> Version:
    version = draft(section, by=by, **fields)
    version.publish(by=by, at=at or timezone.now() - dt.timedelta(minutes=5))
    return version


def follow_up(
    version: Version,
    *,
    kind: str = VersionKind.LEAD,
    by: Any = None,
    publish: bool = True,
    at: dt.datetime | None = None,
    **fields: Any,
) -> Version:
    """The next version of ``version``'s article, published unless told otherwise."""
    new = version.article.new_version(by=by, kind=kind, **fields)
    if publish:
        new.publish(by=by, at=at or timezone.now() - dt.timedelta(minutes=1))
    return new


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: test databases reuse ids between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


# --- the task worker --------------------------------------------------------------------


def run_worker() -> None:
    """The task worker (django-tasks-db's db_worker) in batch mode: run everything ready,
    then return."""
    call_command(
        "db_worker", batch=True, interval=0, reload=False, startup_delay=False, verbosity=0
    )


@pytest.fixture
def worker(monkeypatch) -> Callable[[], None]:
    """The worker, in this thread and inside the test's transaction: its between-task
    close_old_connections() would close the test's connection (autocommit is off in a
    test transaction), so it is a no-op here."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return run_worker
