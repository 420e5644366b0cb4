"""Why a page is slow: the query plan of each page's slowest query.

The pages pass keeps the slowest statement of one uncached request per page (as executed,
parameters filled in). Here each is explained on the bench database: ``EXPLAIN QUERY PLAN``
on SQLite, ``EXPLAIN (ANALYZE, BUFFERS)`` on PostgreSQL. On SQLite the same statement is
also planned on an empty copy of the schema, which has no statistics, to show what a
database that never ran ANALYZE would do with it.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from django.db import connection


def _sqlite_plan(conn: Any, sql: str) -> list[str]:
    rows = conn.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()
    return [row[-1] for row in rows]


def _schema_only() -> sqlite3.Connection:
    """An in-memory database with the bench database's tables and indexes, no rows, no
    statistics."""
    empty = sqlite3.connect(":memory:")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' "
            "ORDER BY type = 'table' DESC"
        )
        for (sql,) in cursor.fetchall():
            try:
                empty.execute(sql)
            except sqlite3.Error:
                continue  # triggers referring to things not copied yet; plans do not need them
    return empty


def explain(pages: list[dict[str, Any]]) -> dict[str, Any]:
    plans: dict[str, Any] = {}
    connection.ensure_connection()
    empty = _schema_only() if connection.vendor == "sqlite" else None
    for page in pages:
        slowest = page.get("uncached", {}).get("slowest_full_sql")
        if not slowest:
            continue
        sql = slowest["sql"]
        entry: dict[str, Any] = {"ms": slowest["ms"], "sql": sql[:2000]}
        try:
            if connection.vendor == "sqlite":
                raw = connection.connection
                entry["plan"] = _sqlite_plan(raw, sql)
                entry["plan_without_statistics"] = _sqlite_plan(empty, sql)
            else:
                with connection.cursor() as cursor:
                    cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
                    entry["plan"] = [row[0] for row in cursor.fetchall()]
        except Exception as exc:  # noqa: BLE001 - a diagnostic must not stop the run
            entry["error"] = str(exc)[:300]
        plans[page["name"]] = entry
    return plans
