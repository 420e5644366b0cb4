"""Hot queries composed once: a queryset's SQL kept per database connection and run again
with new values.

Composing a queryset (its filters, joins and subqueries, then its SQL) costs Django 2 to
5 ms on a small server, ten to thirty times what the database takes to answer the
indexed queries a reader's page asks. Those queries have a fixed shape; only values
change (the time, a story's code, a section). So a StoredQuery builds its queryset once
with marker values, finds where the markers land among the SQL parameters, and from
then on swaps in the caller's values: the same SQL, the same rows, the same model
instances (select_related and annotations included) as the queryset would give.

What the SQL text depends on (a slice, the length of an ``IN`` list) is the *shape*:
each shape is compiled on its first use and kept (a few per query).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any

from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models.query import get_related_populators
from django.db.models.sql.constants import MULTI

# Values no real query uses, a fresh one for each parameter slot (itertools.count is
# safe across threads).
_serial = itertools.count(1)


def _marker(field: models.Field) -> Any:
    n = next(_serial)
    if isinstance(field, models.DateTimeField):
        return dt.datetime(1901, 2, 3, 4, 5, 6, n % 1_000_000, tzinfo=dt.UTC) + dt.timedelta(
            days=n // 1_000_000
        )
    if isinstance(field, models.IntegerField):
        return -2_000_000_000 - n % 100_000_000  # within every integer column's range
    if isinstance(field, models.CharField):
        return f"~stored-marker-{n}~"
    raise ImproperlyConfigured(f"StoredQuery: no marker for a {type(field).__name__}")


class _Compiled:
    """One shape's SQL on one connection, with the parameter slots of each value."""

    def __init__(self, queryset: models.QuerySet, connection: Any, slots: dict[str, Any]):
        self.compiler = queryset.query.get_compiler(connection=connection)
        try:
            self.sql, params = self.compiler.as_sql()
        except EmptyResultSet:  # e.g. an empty IN list: no rows, whatever the values
            self.sql, params = None, ()
        self.params = list(params)
        self.prefetch = queryset._prefetch_related_lookups
        # What turns the database's values into Python's (SQLite's datetimes, booleans):
        # the same for every run, so worked out once (results_iter asks every time).
        self.converters = {}
        if self.sql is not None:
            fields = [s[0] for s in self.compiler.select[0 : self.compiler.col_count]]
            self.converters = self.compiler.get_converters(fields)
        self.positions: dict[str, list[list[int]]] = {}
        for name, markers in slots.items():
            found = []
            for marker in markers:
                where = [i for i, p in enumerate(self.params) if p == marker]
                if not where:
                    raise ImproperlyConfigured(
                        f"StoredQuery: the value {name!r} is not a parameter of its SQL"
                    )
                found.append(where)
            self.positions[name] = found

    def execute(self, values: dict[str, list[Any]]) -> tuple[Any, Any] | None:
        if self.sql is None:
            return None
        params = list(self.params)
        for name, adapted in values.items():
            for value, where in zip(adapted, self.positions[name], strict=True):
                for i in where:
                    params[i] = value
        compiler = self.compiler
        compiler.as_sql = lambda *args, **kwargs: (self.sql, tuple(params))
        return compiler, compiler.execute_sql(MULTI)

    def rows(self, compiler: Any, results: Any) -> Iterable[Sequence[Any]]:
        rows = itertools.chain.from_iterable(results)
        return compiler.apply_converters(rows, self.converters) if self.converters else rows


class StoredQuery:
    """A queryset shape, built by ``build(**values, **shape)``, compiled once per
    connection and shape. ``fields`` names each value and the model field that adapts it
    for the database (a list value: a field for each of its items, its length part of
    the shape)."""

    # Shapes kept per connection, all queries together (page numbers and list lengths
    # beyond the first few are rare); past this the connection's memo starts over.
    MAX_KEPT = 256

    def __init__(self, build: Callable[..., models.QuerySet], **fields: models.Field):
        self.build = build
        self.fields = fields

    def _compiled(self, using: str, values: dict[str, Any], shape: dict[str, Hashable]):
        connection = connections[using]
        lengths = tuple(
            len(values[name]) if isinstance(values[name], list | tuple) else None
            for name in self.fields
        )
        key = (self, lengths, tuple(sorted(shape.items())))
        kept = connection.__dict__.setdefault("_stored_queries", {})
        compiled = kept.get(key)
        if compiled is None:
            slots: dict[str, list[Any]] = {}
            markers: dict[str, Any] = {}
            for (name, field), length in zip(self.fields.items(), lengths, strict=True):
                each = [_marker(field) for _ in range(1 if length is None else length)]
                markers[name] = each[0] if length is None else each
                slots[name] = [self._adapt(field, m, connection) for m in each]
            queryset = self.build(**markers, **shape).using(using)
            compiled = _Compiled(queryset, connection, slots)
            if len(kept) >= self.MAX_KEPT:
                kept.clear()
            kept[key] = compiled
        adapted = {}
        for name, field in self.fields.items():
            value = values[name]
            items = value if isinstance(value, list | tuple) else [value]
            adapted[name] = [self._adapt(field, v, connection) for v in items]
        return compiled, adapted

    @staticmethod
    def _adapt(field: models.Field, value: Any, connection: Any) -> Any:
        return field.get_db_prep_value(value, connection, prepared=False)

    def objects(self, *, using: str = DEFAULT_DB_ALIAS, shape: dict | None = None, **values):
        """The model instances the queryset would give (its prefetches run too)."""
        compiled, adapted = self._compiled(using, values, shape or {})
        executed = compiled.execute(adapted)
        if executed is None:
            return []
        compiler, results = executed
        klass_info, select = compiler.klass_info, compiler.select
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        init_list = [f[0].target.attname for f in select[start:end]]
        populators = get_related_populators(klass_info, select, using)
        annotations = compiler.annotation_col_map.items()
        model = klass_info["model"]
        found = []
        for row in compiled.rows(compiler, results):
            obj = model.from_db(using, init_list, row[start:end])
            for populator in populators:
                populator.populate(row, obj)
            for name, at in annotations:
                setattr(obj, name, row[at])
            found.append(obj)
        if compiled.prefetch and found:
            models.prefetch_related_objects(found, *compiled.prefetch)
        return found

    def rows(
        self, *, using: str = DEFAULT_DB_ALIAS, shape: dict | None = None, **values
    ) -> list[Sequence[Any]]:
        """The rows of a values_list() shape, converted as the queryset would."""
        compiled, adapted = self._compiled(using, values, shape or {})
        executed = compiled.execute(adapted)
        if executed is None:
            return []
        compiler, results = executed
        return list(compiled.rows(compiler, results))
