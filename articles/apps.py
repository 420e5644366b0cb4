from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate


def lift_guards(sender, using: str = "default", **kwargs) -> None:
    # SQLite rebuilds tables during migrations; the guard triggers that name other tables
    # would break the rebuild, so they are lifted here and put back after (below).
    from django.db import connections

    from articles.dbobjects import drop_guards

    drop_guards(connections[using])


def restore_database_objects(sender, using: str = "default", **kwargs) -> None:
    # SQLite drops a table's triggers when a migration rebuilds it; put them back.
    from django.db import connections

    from articles.dbobjects import install, refresh_statistics

    install(connections[using])
    refresh_statistics(connections[using])


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "Stories"

    def ready(self) -> None:
        from articles import permissions  # noqa: F401 - registers the object permissions

        pre_migrate.connect(lift_guards, sender=self)
        post_migrate.connect(restore_database_objects, sender=self)
