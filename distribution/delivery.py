"""Push delivery: outbox events to subscribers' webhook endpoints, in order, signed.

Three steps, each safe to repeat and to run in several workers at once:

1. ``dispatch()`` releases what has fallen due in the outbox and turns every released
   event past a subscriber's position into a ``WebhookDelivery`` if one of its products
   takes it (``fan_out``), then wakes a ``deliver`` task for each subscriber with work.
2. ``deliver(subscribers)`` holds their leases (one sender per subscriber at a time) and
   POSTs each one's pending deliveries oldest first, many subscribers at once. A failure
   or timeout is recorded and retried after an exponential backoff by a deferred task;
   nothing behind it goes first, so an endpoint that was down for an hour receives
   everything afterwards, in order. Every attempt is recorded.
3. ``replay(delivery)`` sends one delivery again from the admin.

What wakes step 1: the outbox's ``event_recorded`` signal, inside the publish (or kill)
transaction: with the database task backend the wake-up task is written in that same
transaction, so a crash between the publish and the enqueue cannot lose it; other
backends are woken after the commit. A scheduled or embargoed version's wake-up is a task
deferred to its release time.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone

from articles.models import OutboxEvent, Version
from distribution import feed
from distribution.models import Subscriber, WebhookAttempt, WebhookDelivery, backoff
from distribution.webhooks import Outcome, post


def lease_length() -> dt.timedelta:
    """Long enough for a round in which every endpoint times out (rounds renew it)."""
    rounds = -(-settings.DISTRIBUTION_WEBHOOK_BATCH // settings.DISTRIBUTION_WEBHOOK_CONCURRENCY)
    worst = rounds * float(settings.DISTRIBUTION_WEBHOOK_TIMEOUT_SECONDS)
    return dt.timedelta(seconds=max(120.0, 2 * worst))


# --- enqueueing ---------------------------------------------------------------------------


def _backend_is_transactional(task: Any) -> bool:
    try:
        from django_tasks_db.backend import DatabaseBackend
    except ImportError:  # pragma: no cover - the database backend is a dependency
        return False
    return isinstance(task.get_backend(), DatabaseBackend)


def enqueue(task: Any, *args: Any, run_after: dt.datetime | None = None) -> None:
    """Enqueue ``task``: inside the current transaction when the backend stores tasks in
    this database (so the task commits with the change), after the commit otherwise."""
    backend = task.get_backend()
    if run_after is not None and run_after > timezone.now() and backend.supports_defer:
        task = task.using(run_after=run_after)
    if _backend_is_transactional(task):
        task.enqueue(*args)
    else:
        transaction.on_commit(lambda: task.enqueue(*args))


def wake_on_event(sender: Any, event: OutboxEvent, **kwargs: Any) -> None:
    """Receiver of articles' ``event_recorded``: dispatch when the event falls due."""
    from distribution.tasks import dispatch_task

    enqueue(dispatch_task, run_after=None if event.seq else event.due_at)


# --- 1. dispatch ---------------------------------------------------------------------------


def fan_out(subscribers: list[Subscriber], *, top: int) -> int:
    """Deliveries for the released events up to ``top`` that each subscriber takes.

    Subscribers with the same products share one query, so a publish fans out to a
    hundred subscribers in a handful of statements."""
    with transaction.atomic():
        positions = dict(
            Subscriber.objects.select_for_update()
            .filter(pk__in=[s.pk for s in subscribers], webhook_position__lt=top)
            .values_list("pk", "webhook_position")
        )
        groups: dict[tuple[int, ...], list[Subscriber]] = {}
        for subscriber in subscribers:
            if subscriber.pk in positions:
                key = tuple(sorted(p.pk for p in subscriber.products.all()))
                groups.setdefault(key, []).append(subscriber)
        rows = []
        for members in groups.values():
            low = min(positions[s.pk] for s in members)
            events = list(
                OutboxEvent.objects.filter(seq__gt=low, seq__lte=top)
                .filter(members[0].q("version"))
                .values_list("pk", "seq")
            )
            rows += [
                WebhookDelivery(subscriber=s, event_id=pk, seq=seq)
                for s in members
                for pk, seq in events
                if seq > positions[s.pk]
            ]
        WebhookDelivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
        Subscriber.objects.filter(pk__in=positions).update(webhook_position=top)
        return len(rows)


PRERENDERED = "distribution:prerendered-through"


def dispatch() -> list[int]:
    """Release due events, render them for the feed, fan them out; the subscribers that
    have deliveries due now."""
    if OutboxEvent.pending_due().exists():
        OutboxEvent.release_due()
    top = OutboxEvent.high_water()
    done = caches["distribution"].get(PRERENDERED, max(top - 100, 0))
    if done < top:
        feed.prerender(after=done, top=top)
        caches["distribution"].set(PRERENDERED, top, None)
    behind = list(
        Subscriber.objects.with_webhook()
        .filter(webhook_position__lt=top)
        .prefetch_related("products__sections", "products__keywords")
    )
    if behind:
        fan_out(behind, top=top)
    # Also those left behind by a crashed worker (lease run out, retry task lost).
    due = list(
        WebhookDelivery.objects.filter(
            status=WebhookDelivery.Status.PENDING,
            next_attempt_at__lte=timezone.now(),
            subscriber__in=Subscriber.objects.with_webhook(),
        )
        .values_list("subscriber_id", flat=True)
        .distinct()
    )
    return sorted(due)


# --- 2. deliver ----------------------------------------------------------------------------


def _lease(subscriber_ids: list[int], token: str) -> list[int]:
    """Claim the subscribers no other sender holds (or whose sender's lease ran out)."""
    now = timezone.now()
    Subscriber.objects.filter(pk__in=subscriber_ids).filter(
        Q(webhook_lease_until__isnull=True) | Q(webhook_lease_until__lt=now)
    ).update(webhook_lease_until=now + lease_length(), webhook_lease_token=token)
    return list(
        Subscriber.objects.filter(pk__in=subscriber_ids, webhook_lease_token=token).values_list(
            "pk", flat=True
        )
    )


def _release(token: str) -> None:
    Subscriber.objects.filter(webhook_lease_token=token).update(
        webhook_lease_until=None, webhook_lease_token=""
    )


def _heads(subscriber_ids: list[int] | set[int]) -> list[WebhookDelivery]:
    """Each subscriber's oldest pending delivery: what it must receive next."""
    firsts = (
        WebhookDelivery.objects.filter(
            subscriber_id__in=subscriber_ids, status=WebhookDelivery.Status.PENDING
        )
        .values("subscriber_id")
        .annotate(first=Min("seq"))
        .values_list("subscriber_id", "first")
    )
    wanted = Q(pk__in=[])
    for subscriber_id, seq in firsts:
        wanted |= Q(subscriber_id=subscriber_id, seq=seq)
    return list(WebhookDelivery.objects.filter(wanted).select_related("subscriber", "event"))


def _due_heads(subscriber_ids: list[int] | set[int]) -> list[WebhookDelivery]:
    now = timezone.now()
    return [
        d
        for d in _heads(subscriber_ids)
        if d.next_attempt_at <= now and d.subscriber.active and d.subscriber.webhook_url
    ]


def body_of(event: OutboxEvent) -> bytes:
    """What is POSTed: the event's version as ninjs, as it is now (a killed story goes
    out canceled, whichever event carries it), the feed's very rendering."""
    version = Version.objects.select_related("article__section").get(pk=event.version_id)
    _, item = feed.rendered([version], "ninjs")[version.pk]
    return json.dumps(item, ensure_ascii=False).encode()


def _post(delivery: WebhookDelivery, body: bytes) -> Outcome:
    subscriber, event = delivery.subscriber, delivery.event
    return post(
        subscriber.webhook_url,
        body,
        secret=subscriber.webhook_secret,
        headers={
            "X-Newsroom-Event": event.action,
            "X-Newsroom-Sequence": str(event.seq),
            "X-Newsroom-Delivery": str(delivery.pk),
        },
    )


def _attempt(delivery: WebhookDelivery, outcome: Outcome, *, replay: bool = False):
    return WebhookAttempt(
        delivery=delivery,
        duration_ms=outcome.duration_ms,
        status_code=outcome.status_code,
        error=outcome.error,
        succeeded=outcome.succeeded,
        replay=replay,
    )


def deliver(subscriber_ids: list[int]) -> dict[str, int]:
    """Send these subscribers' pending deliveries, each subscriber's strictly in order.

    Rounds: every subscriber's next delivery is POSTed at once (a few threads: the wait
    is the network's), results are recorded together, and the subscribers that succeeded
    go again with their next one. One that fails is retried after its backoff by a
    deferred task, and nothing of its own goes ahead meanwhile; the others carry on.
    """
    from distribution.tasks import deliver_task

    token = secrets.token_hex(16)
    sent = failed = 0
    bodies: dict[int, bytes] = {}  # one rendering per event, however many subscribers
    while True:
        try:
            active = set(_lease(subscriber_ids, token))
            if not active:  # all held by other senders, who re-check when they let go
                return {"sent": sent, "failed": failed}
            while active and (heads := _due_heads(active)):
                for delivery in heads:
                    if delivery.event_id not in bodies:
                        bodies[delivery.event_id] = body_of(delivery.event)
                threads = settings.DISTRIBUTION_WEBHOOK_CONCURRENCY
                with ThreadPoolExecutor(max_workers=threads) as pool:
                    outcomes = list(pool.map(lambda d: _post(d, bodies[d.event_id]), heads))
                done_at = timezone.now()
                with transaction.atomic():
                    WebhookAttempt.objects.bulk_create(
                        [_attempt(d, o) for d, o in zip(heads, outcomes, strict=True)]
                    )
                    for delivery, outcome in zip(heads, outcomes, strict=True):
                        delivery.attempts += 1
                        if outcome.succeeded:
                            delivery.status = WebhookDelivery.Status.DELIVERED
                            delivery.delivered_at = done_at
                            sent += 1
                            continue
                        retry_at = done_at + backoff(delivery.attempts)
                        delivery.next_attempt_at = retry_at
                        enqueue(deliver_task, [delivery.subscriber_id], run_after=retry_at)
                        active.discard(delivery.subscriber_id)
                        failed += 1
                    WebhookDelivery.objects.bulk_update(
                        heads, ["status", "attempts", "delivered_at", "next_attempt_at"]
                    )
                    Subscriber.objects.filter(webhook_lease_token=token).update(
                        webhook_lease_until=timezone.now() + lease_length()
                    )
                active &= {d.subscriber_id for d in heads}
        finally:
            _release(token)
        # A delivery fanned out while the last round ended, whose own task found these
        # subscribers leased, would otherwise wait for the next dispatch.
        if not _due_heads(subscriber_ids):
            return {"sent": sent, "failed": failed}


# --- 3. replay -----------------------------------------------------------------------------


def replay(delivery_id: int) -> str:
    """Send a delivered event again (recorded as a replay; the order is not touched).
    A pending one is instead retried now, in its place in the order."""
    from distribution.tasks import deliver_task

    delivery = WebhookDelivery.objects.select_related("subscriber", "event").get(pk=delivery_id)
    if delivery.status == WebhookDelivery.Status.PENDING:
        WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
        enqueue(deliver_task, [delivery.subscriber_id])
        return "retry now"
    outcome = _post(delivery, body_of(delivery.event))
    _attempt(delivery, outcome, replay=True).save()
    return (
        "replayed"
        if outcome.succeeded
        else f"replay failed: {outcome.status_code or outcome.error}"
    )
