from django.apps import AppConfig


class ReaderConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reader"
    verbose_name = "Reader site"

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from articles.models import Article, AuditEntry, Keyword, Section, Writer
        from articles.signals import readers_see_a_change
        from reader import freshness, renditions

        # Every change readers can see moves the page cache to a new generation.
        readers_see_a_change.connect(freshness.advance, dispatch_uid="reader-generation")
        # Pages show writers' names, keywords and sections, each linking its own page.
        for model in (Writer, Keyword, Section):
            for signal in (post_save, post_delete):
                signal.connect(
                    freshness.reference_changed, sender=model, dispatch_uid="reader-reference"
                )
        m2m_changed.connect(
            freshness.reference_changed,
            sender=Article.keywords.through,
            dispatch_uid="reader-reference",
        )
        # A killed story's photos leave the public media storage.
        post_save.connect(
            renditions.withdraw_photos_of_killed_story,
            sender=AuditEntry,
            dispatch_uid="reader-withdraw-killed-photos",
        )
