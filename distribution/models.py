"""Subscribers, the products they take, their API keys, and webhook deliveries.

What subscribers hear of is the articles domain's outbox (``articles.OutboxEvent``),
written by the transitions themselves; this app decides who gets which event (products)
and carries it to them (the content API's feed, webhooks).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from articles.models import Article, Caption, Genre, Keyword, OutboxEvent, Section
from articles.stored import StoredQuery
from distribution import keys
from distribution.webhooks import endpoint_problem


class Photos(models.TextChoices):
    ANY = "any", "With or without photos"
    WITH = "with", "Only stories with photos"
    WITHOUT = "without", "Only stories without photos"


class Product(models.Model):
    """A filter over the copy. Every filter left empty lets everything through; filters
    that are set must all match (a story in one of the sections AND of one of the
    genres AND with one of the keywords)."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    sections = models.ManyToManyField(Section, blank=True, related_name="+")
    genres = models.JSONField(
        default=list, blank=True, help_text="Genre values; empty: every genre."
    )
    keywords = models.ManyToManyField(
        Keyword, blank=True, related_name="+", help_text="Stories with any of these keywords."
    )
    photos = models.CharField(max_length=8, choices=Photos.choices, default=Photos.ANY)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        unknown = set(self.genres or []) - set(Genre.values)
        if unknown:
            raise ValidationError({"genres": f"Unknown genres: {', '.join(sorted(unknown))}"})

    def as_filter(self) -> ProductFilter:
        """The product's filters as plain data (uses prefetched sections and keywords)."""
        return ProductFilter(
            sections=tuple(s.pk for s in self.sections.all()),
            genres=tuple(self.genres or ()),
            keywords=tuple(k.pk for k in self.keywords.all()),
            photos=self.photos,
        )

    def q(self, via: str = "") -> Q:
        return self.as_filter().q(via)


@dataclass(frozen=True)
class ProductFilter:
    """What a product takes, as plain data; empty means "any"."""

    sections: tuple[int, ...] = ()
    genres: tuple[str, ...] = ()
    keywords: tuple[int, ...] = ()
    photos: str = Photos.ANY

    def q(self, via: str = "") -> Q:
        """The versions this product takes, as a filter on Version (``via=""``) or on a
        model that points to a version (``via="version"`` for OutboxEvent)."""
        prefix = f"{via}__" if via else ""
        version_id = f"{via}_id" if via else "pk"
        wanted = Q()
        if self.sections:
            wanted &= Q(**{f"{prefix}article__section_id__in": list(self.sections)})
        if self.genres:
            wanted &= Q(**{f"{prefix}genre__in": list(self.genres)})
        if self.keywords:
            wanted &= Q(
                Exists(
                    Article.keywords.through.objects.filter(
                        article_id=OuterRef(f"{prefix}article_id"),
                        keyword_id__in=list(self.keywords),
                    )
                )
            )
        if self.photos != Photos.ANY:
            pictured = Exists(
                Caption.objects.filter(version_id=OuterRef(version_id)).exclude(photo__image="")
            )
            wanted &= Q(pictured) if self.photos == Photos.WITH else ~Q(pictured)
        return wanted


def product_filters(subscriber_id: int) -> list[ProductFilter]:
    """A subscriber's products' filters in one query (the API asks on every request).

    One UNION ALL over the product table and its two link tables: the table names come
    from the models, the subscriber only ever travels as a parameter."""
    p = Product._meta.db_table
    sp = Subscriber.products.through._meta.db_table
    ps = Product.sections.through._meta.db_table
    pk = Product.keywords.through._meta.db_table
    sql = (
        f"SELECT 'p', p.id, p.photos, CAST(p.genres AS TEXT) FROM {p} p"
        f" JOIN {sp} sp ON sp.product_id = p.id WHERE sp.subscriber_id = %s"
        f" UNION ALL SELECT 's', ps.product_id, NULL, CAST(ps.section_id AS TEXT) FROM {ps} ps"
        f" JOIN {sp} sp ON sp.product_id = ps.product_id WHERE sp.subscriber_id = %s"
        f" UNION ALL SELECT 'k', pk.product_id, NULL, CAST(pk.keyword_id AS TEXT) FROM {pk} pk"
        f" JOIN {sp} sp ON sp.product_id = pk.product_id WHERE sp.subscriber_id = %s"
    )
    products: dict[int, dict[str, Any]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [subscriber_id] * 3)
        rows = cursor.fetchall()
    for kind, product_id, photos, value in rows:
        if kind == "p":
            genres = json.loads(value) if value else []
            products.setdefault(product_id, {"sections": [], "keywords": []})
            products[product_id].update(photos=photos, genres=tuple(genres))
    for kind, product_id, _, value in rows:
        if kind in ("s", "k") and product_id in products:
            products[product_id]["sections" if kind == "s" else "keywords"].append(int(value))
    return [
        ProductFilter(
            sections=tuple(sorted(d["sections"])),
            genres=d["genres"],
            keywords=tuple(sorted(d["keywords"])),
            photos=d["photos"],
        )
        for _, d in sorted(products.items())
    ]


class SubscriberQuerySet(models.QuerySet):
    def with_webhook(self) -> SubscriberQuerySet:
        return self.filter(active=True).exclude(webhook_url="")


class Subscriber(models.Model):
    """A newspaper, broadcaster or portal taking our copy."""

    name = models.CharField(max_length=200, unique=True)
    contact_email = models.EmailField(blank=True)
    active = models.BooleanField(
        default=True, help_text="Inactive subscribers' keys are refused and nothing is sent."
    )
    products = models.ManyToManyField(Product, blank=True, related_name="subscribers")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    webhook_url = models.URLField(
        "webhook endpoint",
        max_length=500,
        blank=True,
        help_text="HTTPS URL each event is POSTed to (HTTP only for loopback in development).",
    )
    # The HMAC-SHA256 key webhooks are signed with: shown once, when it is made.
    webhook_secret = models.CharField(max_length=100, blank=True, editable=False)
    # Events up to this seq have been turned into deliveries (or did not match).
    webhook_position = models.PositiveBigIntegerField(default=0, editable=False)
    # A worker delivering to this subscriber holds it until then: one sender at a time,
    # so deliveries go out in order; a crashed worker's lease simply runs out.
    webhook_lease_until = models.DateTimeField(null=True, blank=True, editable=False)
    webhook_lease_token = models.CharField(max_length=32, blank=True, editable=False)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.webhook_url and (problem := endpoint_problem(self.webhook_url)):
            raise ValidationError({"webhook_url": problem})

    @property
    def webhook_secret_hint(self) -> str:
        return f"{self.webhook_secret[:10]}…" if self.webhook_secret else ""

    def q(self, via: str = "", *, filters: list[ProductFilter] | None = None) -> Q:
        """The versions any of this subscriber's products takes (nothing without one).
        ``filters``: the products' filters if already loaded (``product_filters``)."""
        if filters is None:
            filters = [p.as_filter() for p in self.products.all()]
        if not filters:
            return Q(pk__in=[])
        wanted = Q()
        for product in filters:
            wanted |= product.q(via)
        return wanted

    @classmethod
    def create(
        cls,
        *,
        name: str,
        products: list[Product],
        contact_email: str = "",
        webhook_url: str = "",
    ) -> tuple[Subscriber, str, str]:
        """A new subscriber with its first API key and, with an endpoint, its signing
        secret. Returns (subscriber, key, secret): both are shown once, never again."""
        with transaction.atomic():
            subscriber = cls(name=name, contact_email=contact_email)
            subscriber.full_clean(exclude=["products"])
            subscriber.save()
            subscriber.products.set(products)
            secret = subscriber.set_webhook(webhook_url) if webhook_url else ""
            _, key = ApiKey.issue(subscriber=subscriber, name="first key")
        return subscriber, key, secret

    def set_webhook(self, url: str) -> str:
        """Point webhooks at ``url`` with a new signing secret (returned, shown once).
        Delivery starts with the events released from now on."""
        if problem := endpoint_problem(url):
            raise ValidationError({"webhook_url": problem})
        secret = keys.new_webhook_secret()
        with transaction.atomic():
            Subscriber.objects.filter(pk=self.pk).update(
                webhook_url=url,
                webhook_secret=secret,
                webhook_position=models.functions.Greatest(
                    "webhook_position", OutboxEvent.high_water()
                ),
            )
        self.refresh_from_db()
        return secret

    def rotate_webhook_secret(self) -> str:
        secret = keys.new_webhook_secret()
        Subscriber.objects.filter(pk=self.pk).update(webhook_secret=secret)
        self.webhook_secret = secret
        return secret


class ApiKeyQuerySet(models.QuerySet):
    def usable(self) -> ApiKeyQuerySet:
        return self.filter(revoked_at__isnull=True, subscriber__active=True)


class ApiKey(models.Model):
    """A subscriber's key to the content API. Only its sha256 is stored; the key itself
    is shown once, when issued. The prefix names it in lists and logs."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="api_keys")
    name = models.CharField(max_length=100, blank=True, help_text="What it is for.")
    prefix = models.CharField(max_length=20, unique=True, editable=False)
    digest = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiKeyQuerySet.as_manager()

    # last_used_at is written at most this often per key: a write per request would
    # queue every API reader behind the database's write lock.
    LAST_USED_RESOLUTION = dt.timedelta(minutes=1)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "API key"

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.subscriber})"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @classmethod
    def issue(cls, *, subscriber: Subscriber, name: str = "") -> tuple[ApiKey, str]:
        """A new key for ``subscriber``: (the stored row, the key to show once)."""
        prefix, key = keys.new_api_key()
        row = cls.objects.create(
            subscriber=subscriber, name=name, prefix=prefix, digest=keys.digest(key)
        )
        return row, key

    @classmethod
    def authenticate(cls, key: str) -> ApiKey | None:
        """The usable key ``key`` is, or None (unknown, revoked, subscriber inactive).

        Looked up by its public prefix, then compared in constant time."""
        prefix = keys.prefix_of(key)
        if prefix is None:
            return None
        row = next(iter(_USABLE_BY_PREFIX.objects(prefix=prefix)), None)
        if row is None or not keys.matches(key, row.digest):
            return None
        now = timezone.now()
        if row.last_used_at is None or row.last_used_at < now - cls.LAST_USED_RESOLUTION:
            ApiKey.objects.filter(pk=row.pk).update(last_used_at=now)
            row.last_used_at = now
        return row

    def revoke(self) -> None:
        ApiKey.objects.filter(pk=self.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.refresh_from_db(fields=["revoked_at"])


# Every API request asks it: composed once (articles.stored).
_USABLE_BY_PREFIX = StoredQuery(
    lambda prefix: ApiKey.objects.usable().select_related("subscriber").filter(prefix=prefix)[:1],
    prefix=models.CharField(),
)


class WebhookDelivery(models.Model):
    """One event to one subscriber's endpoint: sent in ``seq`` order, retried with
    exponential backoff until the endpoint answers 2xx, never given up on."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DELIVERED = "delivered", "Delivered"

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="webhook_deliveries"
    )
    event = models.ForeignKey(OutboxEvent, on_delete=models.CASCADE, related_name="+")
    seq = models.PositiveBigIntegerField()  # the event's, for ordering by index alone
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["subscriber", "seq"]
        verbose_name_plural = "webhook deliveries"
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "event"], name="delivery_once"),
        ]
        indexes = [
            models.Index(
                fields=["subscriber", "seq"],
                condition=Q(status="pending"),
                name="delivery_pending_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} to {self.subscriber_id}: {self.status}"


class WebhookAttempt(models.Model):
    """Every POST made, successful or not: when, how long, what came back."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="tries")
    at = models.DateTimeField(default=timezone.now)
    duration_ms = models.PositiveIntegerField(default=0)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)
    succeeded = models.BooleanField(default=False)
    replay = models.BooleanField(default=False, help_text="Sent again from the admin.")

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        outcome = self.status_code or self.error or "?"
        return f"{timezone.localtime(self.at):%Y-%m-%d %H:%M:%S} {outcome}"


def backoff(attempts: int) -> dt.timedelta:
    """How long to wait after the ``attempts``-th failure: doubling, capped."""
    base = float(settings.DISTRIBUTION_WEBHOOK_RETRY_SECONDS)
    cap = float(settings.DISTRIBUTION_WEBHOOK_MAX_RETRY_SECONDS)
    return dt.timedelta(seconds=min(cap, base * 2 ** max(attempts - 1, 0)))
