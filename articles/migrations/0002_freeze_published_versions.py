"""A database trigger that refuses any UPDATE of a published version.

The model and queryset refuse it too; the trigger also stops raw SQL, other clients and
future code paths. Deletion is guarded in Python (on_delete handlers and querysets),
because SQLite's table flush in tests deletes rows one by one and would trip a trigger.
"""

from django.db import migrations

SQLITE_UP = """
CREATE TRIGGER articles_version_published_frozen
BEFORE UPDATE ON articles_version
FOR EACH ROW WHEN OLD.status = 'published'
BEGIN
    SELECT RAISE(ABORT, 'published versions are immutable');
END;
"""
SQLITE_DOWN = "DROP TRIGGER IF EXISTS articles_version_published_frozen;"

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION articles_version_published_frozen() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'published versions are immutable' USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER articles_version_published_frozen
BEFORE UPDATE ON articles_version
FOR EACH ROW WHEN (OLD.status = 'published')
EXECUTE FUNCTION articles_version_published_frozen();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS articles_version_published_frozen ON articles_version;
DROP FUNCTION IF EXISTS articles_version_published_frozen();
"""


def run(sql_by_vendor):
    def apply(apps, schema_editor):
        sql = sql_by_vendor.get(schema_editor.connection.vendor)
        if sql:
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        ),
    ]
