"""Full-text search: FTS5 on SQLite, a stored tsvector with a GIN index on PostgreSQL."""

from django.db import migrations


def install(apps, schema_editor):
    from articles.dbobjects import install_search

    install_search(schema_editor.connection)


def uninstall(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        for name in ("insert", "delete", "update"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS articles_version_fts_{name}")
        schema_editor.execute("DROP TABLE IF EXISTS articles_version_fts")
    elif connection.vendor == "postgresql":
        schema_editor.execute(
            "DROP TRIGGER IF EXISTS articles_version_search_vector ON articles_version;"
            "DROP FUNCTION IF EXISTS articles_version_search_vector();"
            "DROP INDEX IF EXISTS articles_version_search_idx;"
            "ALTER TABLE articles_version DROP COLUMN IF EXISTS search_vector;"
        )


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_desk_roles")]

    operations = [migrations.RunPython(install, uninstall)]
