"""Webhooks against a real HTTP receiver on 127.0.0.1: signed, in order, retried with
backoff, every attempt recorded, replayable; never early, never lost."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import OutboxEvent, Version, VersionKind
from distribution.models import Product, WebhookAttempt, WebhookDelivery
from distribution.webhooks import SIGNATURE_HEADER, TIMESTAMP_HEADER, verify
from tests.conftest import draft, follow_up, make_user, published
from tests.distribution.conftest import emitted, make_subscriber


def tasks_waiting() -> int:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(status="READY").count()


@pytest.fixture
def hooked(db, receiver):
    """A subscriber whose webhook is the test's receiver: (subscriber, secret)."""
    subscriber, _, secret = make_subscriber("Webhook Daily", webhook=receiver.url)
    return subscriber, secret


def test_a_publish_is_posted_as_signed_ninjs(hooked, receiver, worker, section):
    subscriber, secret = hooked
    version = published(section, headline="Ferry strike ends")
    worker()
    (got,) = receiver.received
    assert verify(secret, got.headers[TIMESTAMP_HEADER], got.body, got.headers[SIGNATURE_HEADER])
    assert not verify("whsec_wrong", got.headers[TIMESTAMP_HEADER], got.body,
                      got.headers[SIGNATURE_HEADER])  # fmt: skip
    assert got.headers["Content-Type"] == "application/json"
    assert got.headers["X-Newsroom-Event"] == "publish"
    item = emitted(got.json)
    assert item["headlines"][0]["value"] == "Ferry strike ends"
    assert item["uri"].endswith(f"/article/{version.article.code}/")
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("delivered", 1)
    assert delivery.tries.get().status_code == 200


def test_publish_update_correction_and_kill_arrive_in_order(hooked, receiver, worker, section):
    original = published(section)
    lead = follow_up(original)
    follow_up(lead, kind=VersionKind.CORRECTION, correction_note="Fixes the date.")
    original.article.kill(by=None, note="Withdrawn: wrong ferry.")
    worker()
    kinds = [r.headers["X-Newsroom-Event"] for r in receiver.received]
    assert kinds == ["publish", "update", "correction", "kill"]
    items = [emitted(r.json) for r in receiver.received]
    assert [int(r.headers["X-Newsroom-Sequence"]) for r in receiver.received] == [1, 2, 3, 4]
    assert items[-1]["pubstatus"] == "canceled"
    assert items[-1]["ednote"] == "Withdrawn: wrong ferry."


def test_a_500_is_retried_and_the_event_delivered_once(hooked, receiver, worker, section):
    receiver.responses = [500]
    published(section)
    worker()
    assert len(receiver.seen) == 2 and len(receiver.received) == 1
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("delivered", 2)
    assert list(delivery.tries.order_by("at", "pk").values_list("status_code", "succeeded")) == [
        (500, False),
        (200, True),
    ]


def test_a_timeout_is_retried(hooked, receiver, worker, section, settings):
    settings.DISTRIBUTION_WEBHOOK_TIMEOUT_SECONDS = 0.5
    receiver.responses = ["hang"]
    published(section)
    worker()
    assert len(receiver.received) == 1
    failed, succeeded = WebhookAttempt.objects.order_by("at", "pk")
    assert failed.status_code is None and "timed out" in failed.error
    assert succeeded.status_code == 200


def test_an_endpoint_down_for_an_hour_gets_everything_afterwards_in_order(
    hooked, receiver, worker, section, settings
):
    settings.DISTRIBUTION_WEBHOOK_RETRY_SECONDS = 60
    settings.DISTRIBUTION_WEBHOOK_MAX_RETRY_SECONDS = 600
    start = timezone.now()
    receiver.responses = [503] * 3
    codes = []
    with time_machine.travel(start, tick=True):
        for n in range(3):
            codes.append(published(section, slug=f"Story-{n}").article.code)
            worker()  # each try fails or waits its turn behind the first
        assert receiver.received == []
    for minutes in (1, 3, 10, 20, 30, 40, 50, 60):
        with time_machine.travel(start + dt.timedelta(minutes=minutes), tick=True):
            worker()
    uris = [r.json["uri"] for r in receiver.received]
    assert [u.rstrip("/").rsplit("/", 1)[1] for u in uris] == codes
    assert WebhookDelivery.objects.filter(status="pending").count() == 0
    first = WebhookDelivery.objects.order_by("seq").first()
    assert first.attempts == 4  # three refusals, then delivered


def test_a_failing_endpoint_does_not_hold_up_another_subscriber(
    hooked, receiver, worker, section, settings
):
    settings.DISTRIBUTION_WEBHOOK_RETRY_SECONDS = 3600
    make_subscriber("Broken Times", webhook="http://127.0.0.1:9/nothing-listens")
    published(section)
    worker()
    assert len(receiver.received) == 1
    broken = WebhookDelivery.objects.get(subscriber__name="Broken Times")
    assert broken.status == "pending" and broken.attempts == 1
    assert broken.tries.get().error


def test_drafts_and_scheduled_versions_are_never_posted_early(hooked, receiver, worker, section):
    canary = "CANARY-77B2"
    now = timezone.now()
    with time_machine.travel(now, tick=True):
        draft(section, slug="Draft", headline=f"{canary} draft").submit(by=None)
        scheduled = draft(section, slug="Scheduled", headline=f"{canary} scheduled")
        scheduled.publish(by=None, at=now + dt.timedelta(hours=1))
        live = published(section, slug="Live")
        live.article.new_version(by=None, kind=VersionKind.LEAD, headline=f"{canary} update")
        worker()
        assert len(receiver.received) == 1
        assert not any(canary.encode() in r.body for r in receiver.seen)
    with time_machine.travel(now + dt.timedelta(hours=1, seconds=1), tick=True):
        worker()  # the deferred wake-up falls due with the scheduled version
    assert [r.json["headlines"][0]["value"] for r in receiver.received][1:] == [
        f"{canary} scheduled"
    ]


def test_only_events_of_the_subscribers_products_are_posted(db, receiver, worker, section):
    from articles.models import Section

    sports = Section.objects.create(name="Sports", slug="sports")
    product = Product.objects.create(name="Sports", slug="sports-only")
    product.sections.add(sports)
    make_subscriber("Sports Weekly", products=[product], webhook=receiver.url)
    published(section, slug="Not-sport")
    wanted = published(sports, slug="Final-score")
    worker()
    assert [r.json["uri"] for r in receiver.received] == [
        emitted(r.json)["uri"] for r in receiver.received
    ]
    assert len(receiver.received) == 1
    assert wanted.article.code in receiver.received[0].json["uri"]


def test_the_wake_up_is_enqueued_in_the_publish_transaction(hooked, section):
    version = draft(section)
    with pytest.raises(RuntimeError), transaction.atomic():
        version.publish(by=None)
        assert tasks_waiting() == 1 and OutboxEvent.objects.count() == 1
        raise RuntimeError("crash before commit")
    assert tasks_waiting() == 0 and OutboxEvent.objects.count() == 0
    Version.objects.get(pk=version.pk).publish(by=None)
    assert tasks_waiting() == 1 and OutboxEvent.objects.count() == 1


def test_a_lost_wake_up_loses_nothing(hooked, receiver, worker, section):
    from django_tasks_db.models import DBTaskResult

    first = published(section, slug="First")
    DBTaskResult.objects.all().delete()  # as if the process died before any worker ran
    worker()
    assert receiver.received == []
    second = published(section, slug="Second")
    worker()
    codes = [r.json["uri"].rstrip("/").rsplit("/", 1)[1] for r in receiver.received]
    assert codes == [first.article.code, second.article.code]


def test_a_delivery_can_be_replayed_from_the_admin(hooked, receiver, worker, section):
    published(section)
    worker()
    admin = make_user("admin", "Administrator")
    client = Client()
    client.force_login(admin)
    delivery = WebhookDelivery.objects.get()
    response = client.post(
        reverse("admin:distribution_webhookdelivery_changelist"),
        {"action": "replay", "_selected_action": [delivery.pk]},
    )
    assert response.status_code == 302
    worker()
    assert len(receiver.received) == 2
    assert receiver.received[0].body == receiver.received[1].body
    assert list(delivery.tries.values_list("replay", flat=True).order_by("at", "pk")) == [
        False,
        True,
    ]
    page = client.get(reverse("admin:distribution_webhookdelivery_change", args=[delivery.pk]))
    assert page.status_code == 200


def test_a_new_webhook_starts_with_the_events_from_then_on(db, receiver, worker, section):
    published(section, slug="Before")
    subscriber, _, _ = make_subscriber("Late Joiner")
    subscriber.set_webhook(receiver.url)
    after = published(section, slug="After")
    worker()
    assert len(receiver.received) == 1
    assert after.article.code in receiver.received[0].json["uri"]
