from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_migrate, pre_migrate


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


def keywords_changed(sender, instance, action: str, reverse: bool, **kwargs) -> None:
    from articles.models import Article, RelatedStory

    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Article):
        RelatedStory.choose_for_article(instance)


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "Stories"

    def ready(self) -> None:
        from articles import permissions  # noqa: F401 - registers the object permissions
        from articles.models import Article

        # A live story's keywords edited: its related stories are chosen again.
        m2m_changed.connect(
            keywords_changed, sender=Article.keywords.through, dispatch_uid="related-keywords"
        )
        pre_migrate.connect(lift_guards, sender=self)
        post_migrate.connect(restore_database_objects, sender=self)
