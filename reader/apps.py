from django.apps import AppConfig


class ReaderConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reader"
    verbose_name = "Reader site"

    def ready(self) -> None:
        from articles.signals import readers_see_a_change
        from reader import freshness

        # Every change readers can see moves the page cache to a new generation.
        readers_see_a_change.connect(freshness.advance, dispatch_uid="reader-generation")
