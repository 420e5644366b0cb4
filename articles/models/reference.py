"""Reference data: sections, writers, keywords, and the daily serials of article codes."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.urls import reverse
from django.utils.text import slugify


class Section(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:section", args=[self.slug])


class Writer(models.Model):
    name = models.CharField("English name", max_length=120)
    name_ko = models.CharField("name in Hangul", max_length=60, blank=True)
    email = models.EmailField(blank=True)
    slug = models.SlugField(max_length=120, unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="writer",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:writer", args=[self.slug])


class Keyword(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:keyword", args=[self.slug])


class DailySerial(models.Model):
    """The last story serial handed out on a newsroom-local day (for article codes)."""

    day = models.DateField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.day}: {self.last}"

    @classmethod
    def next_for(cls, day: dt.date) -> int:
        """Hand out the day's next serial; safe under concurrent creation.

        The increment is a single UPDATE, so the row lock (PostgreSQL) or the write lock
        of the IMMEDIATE transaction (SQLite) serialises concurrent callers.
        """
        with transaction.atomic():
            if not cls.objects.filter(day=day).update(last=F("last") + 1):
                try:
                    with transaction.atomic():
                        cls.objects.create(day=day, last=1)
                except IntegrityError:  # another writer created the day's row first
                    cls.objects.filter(day=day).update(last=F("last") + 1)
            return cls.objects.values_list("last", flat=True).get(day=day)


def unique_slug(model: type[models.Model], text: str) -> str:
    """A slug for a new row of ``model`` that is not taken yet."""
    base = slugify(text)[:70] or "item"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
