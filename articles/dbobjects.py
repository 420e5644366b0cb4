"""Database objects the ORM cannot declare: the published-copy guard and the search index.

* Both: triggers that refuse any change to a published version or its parts (below).
* SQLite: an FTS5 index over versions' headline and body (porter stemming), kept in step
  by triggers on ``articles_version``.
* PostgreSQL: a stored ``search_vector`` tsvector (headline weight A, body B) filled by a
  BEFORE INSERT/UPDATE trigger, with a GIN index.

``install()`` is idempotent. It runs from migration 0007 and again after every
``migrate`` (see ``ArticlesConfig.ready``), because SQLite drops a table's triggers when a
migration rebuilds the table (and the guard names the table's columns as they are now).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

# --- the published-copy guard -------------------------------------------------------------
# A published version never changes and is never deleted, and neither are its parts
# (captions, bylines, advisory tags, the stories a roundup folds in): the models and
# querysets refuse it, and these triggers refuse it to raw SQL, other clients and future
# code. The one write a published row admits is the bookkeeping of a later publish or a
# kill: ``superseded_at`` set, or moved earlier (see VersionQuerySet.live).

GUARD_MESSAGE = "published versions are immutable"
VERSION_TABLE = "articles_version"
# Each part table and the column naming its version.
PART_TABLES = {
    "articles_caption": "version_id",
    "articles_versionwriter": "version_id",
    "articles_revisiontag": "version_id",
    "articles_version_folds_in": "version_id",
}
BOOKKEEPING_COLUMN = "superseded_at"

POSTGRES_GUARD_TRIGGERS = {
    VERSION_TABLE: "articles_version_published_frozen",
    **{table: f"{table}_guard" for table in PART_TABLES},
}


def _published(table_ref: str, column: str) -> str:
    return f"(SELECT status FROM {VERSION_TABLE} WHERE id = {table_ref}.{column}) = 'published'"


def sqlite_guards(version_columns: list[str]) -> dict[str, str]:
    """The guard triggers for SQLite, by name. The UPDATE guard lists the table's columns
    as they are now, so install() recreates it after every migrate."""
    unchanged = " AND ".join(
        f'NEW."{c}" IS OLD."{c}"' for c in version_columns if c != BOOKKEEPING_COLUMN
    )
    shortened = (
        f"NEW.{BOOKKEEPING_COLUMN} IS NOT NULL AND (OLD.{BOOKKEEPING_COLUMN} IS NULL "
        f"OR NEW.{BOOKKEEPING_COLUMN} <= OLD.{BOOKKEEPING_COLUMN})"
    )
    abort = f"BEGIN SELECT RAISE(ABORT, '{GUARD_MESSAGE}'); END"
    # Before the migration that adds the bookkeeping column, nothing may change at all.
    admitted = (
        f" AND NOT ({unchanged} AND {shortened})" if BOOKKEEPING_COLUMN in version_columns else ""
    )
    triggers = {
        "articles_version_published_frozen": (
            f"BEFORE UPDATE ON {VERSION_TABLE} FOR EACH ROW "
            f"WHEN OLD.status = 'published'{admitted} {abort}"
        ),
        "articles_version_published_kept": (
            f"BEFORE DELETE ON {VERSION_TABLE} FOR EACH ROW WHEN OLD.status = 'published' {abort}"
        ),
    }
    for table, column in PART_TABLES.items():
        new, old = _published("NEW", column), _published("OLD", column)
        triggers[f"{table}_insert_guard"] = (
            f"BEFORE INSERT ON {table} FOR EACH ROW WHEN {new} {abort}"
        )
        triggers[f"{table}_update_guard"] = (
            f"BEFORE UPDATE ON {table} FOR EACH ROW WHEN {old} OR {new} {abort}"
        )
        triggers[f"{table}_delete_guard"] = (
            f"BEFORE DELETE ON {table} FOR EACH ROW WHEN {old} {abort}"
        )
    return {name: f"CREATE TRIGGER {name} {body}" for name, body in triggers.items()}


POSTGRES_GUARDS = f"""
CREATE OR REPLACE FUNCTION articles_version_published_frozen() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND to_jsonb(NEW) - '{BOOKKEEPING_COLUMN}' = to_jsonb(OLD) - '{BOOKKEEPING_COLUMN}'
       AND NEW.{BOOKKEEPING_COLUMN} IS NOT NULL
       AND (OLD.{BOOKKEEPING_COLUMN} IS NULL
            OR NEW.{BOOKKEEPING_COLUMN} <= OLD.{BOOKKEEPING_COLUMN}) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '{GUARD_MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS articles_version_published_frozen ON {VERSION_TABLE};
CREATE TRIGGER articles_version_published_frozen
BEFORE UPDATE OR DELETE ON {VERSION_TABLE}
FOR EACH ROW WHEN (OLD.status = 'published')
EXECUTE FUNCTION articles_version_published_frozen();

CREATE OR REPLACE FUNCTION articles_part_guard() RETURNS trigger AS $$
BEGIN
    IF (TG_OP IN ('UPDATE', 'DELETE') AND EXISTS (
            SELECT 1 FROM {VERSION_TABLE} WHERE id = OLD.version_id AND status = 'published'))
       OR (TG_OP IN ('INSERT', 'UPDATE') AND EXISTS (
            SELECT 1 FROM {VERSION_TABLE} WHERE id = NEW.version_id AND status = 'published'))
    THEN
        RAISE EXCEPTION '{GUARD_MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END;
$$ LANGUAGE plpgsql;
""" + "".join(
    f"""
DROP TRIGGER IF EXISTS {table}_guard ON {table};
CREATE TRIGGER {table}_guard BEFORE INSERT OR UPDATE OR DELETE ON {table}
FOR EACH ROW EXECUTE FUNCTION articles_part_guard();
"""
    for table in PART_TABLES
)

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
FTS_TRIGGERS = [
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
    """Create (or restore) the published-copy guard and the search index."""
    install_guards(connection)
    install_search(connection)


def install_guards(connection: Any) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            columns = [
                c.name
                for c in connection.introspection.get_table_description(cursor, VERSION_TABLE)
            ]
            for name, statement in sqlite_guards(columns).items():
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
                cursor.execute(statement)
        elif connection.vendor == "postgresql":
            cursor.execute(POSTGRES_GUARDS)


def drop_guards(connection: Any) -> None:
    """SQLite only: while migrations rebuild tables, triggers that name another table
    break the rebuild, so the guard is lifted for the migration and put back after."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for name in sqlite_guards([]):
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def install_search(connection: Any) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite" and fts5_available():
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                [VERSION_TABLE],
            )
            if set(FTS_TRIGGERS) - {row[0] for row in cursor.fetchall()}:
                for statement in FTS_SQLITE:
                    cursor.execute(statement)
                # The index missed whatever was written while its triggers were gone.
                cursor.execute(
                    "INSERT INTO articles_version_fts(articles_version_fts) VALUES ('rebuild')"
                )
        elif connection.vendor == "postgresql":
            cursor.execute(SEARCH_VECTOR_POSTGRES)
            cursor.execute(BACKFILL_POSTGRES)


@contextmanager
def guards_suspended(connection: Any) -> Iterator[None]:
    """Lift the published-copy guard for a bulk load or a whole-database flush, then put
    it back. Only tooling that rewrites the database wholesale uses it (the benchmark's
    loader, the test suite's flush, which on PostgreSQL is a TRUNCATE that row triggers
    never see anyway)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # ALTER TABLE waits for no deferred foreign-key check: run them now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table, trigger in POSTGRES_GUARD_TRIGGERS.items():
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {trigger}")
    else:
        drop_guards(connection)
    try:
        yield
    finally:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for table, trigger in POSTGRES_GUARD_TRIGGERS.items():
                    cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {trigger}")
        else:
            install_guards(connection)


# What publish() and kill() write as they go, derived in bulk for rows written without
# them (the migration that introduced the columns, the benchmark's bulk loader): each
# published version lives until the next one's publish time or the kill; each article
# was first published at its earliest version's time.
BOOKKEEPING = [
    """UPDATE articles_version SET superseded_at = (
        SELECT MIN(later.publish_at) FROM articles_version later
        WHERE later.article_id = articles_version.article_id
          AND later.status = 'published' AND later.number > articles_version.number)
    WHERE status = 'published'""",
    """UPDATE articles_version SET superseded_at = (
        SELECT a.killed_at FROM articles_article a WHERE a.id = articles_version.article_id)
    WHERE status = 'published' AND article_id IN (
        SELECT id FROM articles_article WHERE killed_at IS NOT NULL)
      AND (superseded_at IS NULL OR superseded_at > (
        SELECT a.killed_at FROM articles_article a WHERE a.id = articles_version.article_id))""",
    """UPDATE articles_article SET first_published_at = (
        SELECT MIN(v.publish_at) FROM articles_version v
        WHERE v.article_id = articles_article.id AND v.status = 'published')""",
]


def derive_bookkeeping(connection: Any) -> None:
    """Fill superseded_at and first_published_at for every row (see BOOKKEEPING)."""
    # Without statistics SQLite answers each MIN() by walking the visibility index
    # instead of the article's own versions: quadratic on a fresh bulk load.
    refresh_statistics(connection)
    with guards_suspended(connection), connection.cursor() as cursor:
        for statement in BOOKKEEPING:
            cursor.execute(statement)


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
