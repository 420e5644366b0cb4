"""Background tasks (Django's tasks framework: the django-tasks backport; the database
backend by default, run by ``manage.py db_worker``). Thin: the work is in delivery.py."""

from __future__ import annotations

from django.conf import settings
from django_tasks import task

from distribution import delivery


@task()
def dispatch_task() -> list[int]:
    """Release due outbox events, fan them out to webhook subscribers, wake senders."""
    woken = delivery.dispatch()
    size = settings.DISTRIBUTION_WEBHOOK_BATCH
    for first in range(0, len(woken), size):
        delivery.enqueue(deliver_task, woken[first : first + size])
    return woken


@task()
def deliver_task(subscriber_ids: list[int]) -> dict[str, int]:
    """POST these subscribers' pending deliveries, each in order (retries defer themselves)."""
    return delivery.deliver(subscriber_ids)


@task()
def replay_task(delivery_id: int) -> str:
    """Send one delivery again, from the admin."""
    return delivery.replay(delivery_id)
