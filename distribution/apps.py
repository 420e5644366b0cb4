from django.apps import AppConfig


class DistributionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "distribution"
    verbose_name = "Subscribers and delivery"

    def ready(self) -> None:
        from articles.models import OutboxEvent, event_recorded
        from distribution.delivery import wake_on_event

        # Woken inside the transaction that writes the outbox row (see delivery.py).
        event_recorded.connect(
            wake_on_event, sender=OutboxEvent, dispatch_uid="distribution.wake_on_event"
        )
