"""Database objects the ORM cannot declare: the search index and its triggers.

* SQLite: an FTS5 index over versions' headline and body (porter stemming), kept in step
  by triggers on ``articles_version``.
* PostgreSQL: a stored ``search_vector`` tsvector (headline weight A, body B) filled by a
  BEFORE INSERT/UPDATE trigger, with a GIN index.

``install()`` is idempotent. It runs from migration 0007 and again after every
``migrate`` (see ``ArticlesConfig.ready``), because SQLite drops a table's triggers when a
migration rebuilds the table; it also puts back the published-version freeze from 0002.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

FREEZE_SQLITE = """
CREATE TRIGGER IF NOT EXISTS articles_version_published_frozen
BEFORE UPDATE ON articles_version
FOR EACH ROW WHEN OLD.status = 'published'
BEGIN
    SELECT RAISE(ABORT, 'published versions are immutable');
END
"""

FTS_SQLITE = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS articles_version_fts USING fts5(
        headline, body, content='articles_version', content_rowid='id',
        tokenize='porter unicode61')""",
    """CREATE TRIGGER IF NOT EXISTS articles_version_fts_insert AFTER INSERT ON articles_version
    BEGIN
        INSERT INTO articles_version_fts(rowid, headline, body)
        VALUES (new.id, new.headline, new.body);
    END""",
    """CREATE TRIGGER IF NOT EXISTS articles_version_fts_delete AFTER DELETE ON articles_version
    BEGIN
        INSERT INTO articles_version_fts(articles_version_fts, rowid, headline, body)
        VALUES ('delete', old.id, old.headline, old.body);
    END""",
    """CREATE TRIGGER IF NOT EXISTS articles_version_fts_update
    AFTER UPDATE OF headline, body ON articles_version
    BEGIN
        INSERT INTO articles_version_fts(articles_version_fts, rowid, headline, body)
        VALUES ('delete', old.id, old.headline, old.body);
        INSERT INTO articles_version_fts(rowid, headline, body)
        VALUES (new.id, new.headline, new.body);
    END""",
]
SQLITE_TRIGGERS = [
    "articles_version_published_frozen",
    "articles_version_fts_insert",
    "articles_version_fts_delete",
    "articles_version_fts_update",
]

SEARCH_VECTOR_POSTGRES = """
ALTER TABLE articles_version ADD COLUMN IF NOT EXISTS search_vector tsvector;
CREATE OR REPLACE FUNCTION articles_version_search_vector() RETURNS trigger AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('english', coalesce(NEW.headline, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(NEW.body, '')), 'B');
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS articles_version_search_vector ON articles_version;
CREATE TRIGGER articles_version_search_vector
BEFORE INSERT OR UPDATE OF headline, body ON articles_version
FOR EACH ROW EXECUTE FUNCTION articles_version_search_vector();
CREATE INDEX IF NOT EXISTS articles_version_search_idx
ON articles_version USING gin (search_vector);
"""
# Rows written before the trigger existed; the freeze is lifted for this one statement.
BACKFILL_POSTGRES = """
ALTER TABLE articles_version DISABLE TRIGGER articles_version_published_frozen;
UPDATE articles_version SET search_vector =
    setweight(to_tsvector('english', coalesce(headline, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(body, '')), 'B')
WHERE search_vector IS NULL;
ALTER TABLE articles_version ENABLE TRIGGER articles_version_published_frozen;
"""


def install(connection: Any) -> None:
    """Create (or restore) the search index and triggers on this connection's database."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                ["articles_version"],
            )
            wanted = SQLITE_TRIGGERS if fts5_available() else SQLITE_TRIGGERS[:1]
            missing = set(wanted) - {row[0] for row in cursor.fetchall()}
            if not missing:
                return
            cursor.execute(FREEZE_SQLITE)
            if fts5_available():
                for statement in FTS_SQLITE:
                    cursor.execute(statement)
                # The index missed whatever was written while its triggers were gone.
                cursor.execute(
                    "INSERT INTO articles_version_fts(articles_version_fts) VALUES ('rebuild')"
                )
        elif connection.vendor == "postgresql":
            cursor.execute(SEARCH_VECTOR_POSTGRES)
            cursor.execute(BACKFILL_POSTGRES)


def refresh_statistics(connection: Any) -> None:
    """Give SQLite's planner table statistics (PostgreSQL's autovacuum keeps its own).

    Without them SQLite plans the NOT EXISTS of ``Version.objects.live()`` on the
    visibility index and a section listing turns quadratic (64 s instead of 0.06 s at
    5,000 articles). Run after migrate, after load_demo and after each wire import.
    """
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


@lru_cache(maxsize=1)
def fts5_available() -> bool:
    """Whether this Python's SQLite has FTS5 (probed once, on a private in-memory database,
    so it costs the site no query). Without it, search falls back to plain matching."""
    import sqlite3

    try:
        sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE probe USING fts5(x)")
    except sqlite3.OperationalError:
        return False
    return True
