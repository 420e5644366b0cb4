from django.apps import AppConfig


class ReaderConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reader"
    verbose_name = "Reader site"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from articles.models import AuditEntry, Writer
        from articles.signals import readers_see_a_change
        from reader import freshness, renditions

        # Every change readers can see moves the page cache to a new generation.
        readers_see_a_change.connect(freshness.advance, dispatch_uid="reader-generation")
        # Bylines show writers' names and link their pages.
        for signal in (post_save, post_delete):
            signal.connect(freshness.writers_changed, sender=Writer, dispatch_uid="reader-writers")
        # A killed story's photos leave the public media storage.
        post_save.connect(
            renditions.withdraw_photos_of_killed_story,
            sender=AuditEntry,
            dispatch_uid="reader-withdraw-killed-photos",
        )
