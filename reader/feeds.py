"""RSS and Atom feeds of live stories, for the whole site and for each section.

Each item is an article (its guid is the story URL, Django's default for a link), shown
by its newest live version, so an update replaces the item in readers instead of adding
a duplicate.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import condition

from articles.models import Section, Version, VersionQuerySet, VersionWriter
from reader.freshness import site_state
from reader.templatetags.site_tags import description as story_description

ITEMS = 30


def feed_versions(section: Section | None = None) -> VersionQuerySet:
    now = timezone.now()
    versions = Version.objects.live(at=now)
    if section is not None:
        versions = versions.in_section(section)
    return (
        versions.select_related("article__section")
        .prefetch_related(
            Prefetch("bylines", VersionWriter.objects.select_related("writer")),
            "article__keywords",
        )
        .order_by("-publish_at", "-pk")[:ITEMS]
    )


# --- freshness (reader.freshness): one query for every feed ----------------------------------


def _etag(request: HttpRequest, *args: Any, **kwargs: Any) -> str | None:
    published, changed = site_state(request)
    if published is None:
        return None
    return hashlib.sha256(repr((request.path, published, changed)).encode()).hexdigest()[:32]


def _last_modified(request: HttpRequest, *args: Any, **kwargs: Any) -> dt.datetime | None:
    return max((t for t in site_state(request) if t), default=None)


def conditional(view: Callable[..., Any]) -> Callable[..., Any]:
    """ETag and Last-Modified from one small query, so a repeat poll gets a 304."""
    return condition(etag_func=_etag, last_modified_func=_last_modified)(view)


# --- feeds -------------------------------------------------------------------------------


class LatestStoriesFeed(Feed):
    def title(self, obj: Any = None) -> str:
        return f"{settings.NEWSROOM_NAME}: latest news"

    def link(self, obj: Any = None) -> str:
        return reverse("articles:front")

    def description(self, obj: Any = None) -> str:
        return f"The latest stories from {settings.NEWSROOM_NAME}."

    def items(self, obj: Any = None) -> VersionQuerySet:
        return feed_versions()

    # Plain text, escaped once by the XML writer (as in Atom). Escaping it here as well
    # showed readers "Season&#x27;s"; Django's default item_title escapes too, hence these.
    def item_title(self, item: Version) -> str:
        return item.display_headline

    def item_description(self, item: Version) -> str:
        return story_description(item)

    def item_link(self, item: Version) -> str:
        return item.article.get_absolute_url()

    def item_pubdate(self, item: Version) -> dt.datetime:
        return item.article.first_published_at or item.publish_at

    def item_updateddate(self, item: Version) -> dt.datetime:
        return item.publish_at

    def item_author_name(self, item: Version) -> str | None:
        names = [b.writer.name for b in item.bylines.all()]
        return ", ".join(names) or None

    def item_categories(self, item: Version) -> list[str]:
        return [item.article.section.name, *(k.name for k in item.article.keywords.all())]


class SectionFeed(LatestStoriesFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Section:
        return get_object_or_404(Section, slug=slug)

    def title(self, obj: Section | None = None) -> str:
        return f"{settings.NEWSROOM_NAME}: {obj.name}"

    def link(self, obj: Section | None = None) -> str:
        return obj.get_absolute_url()

    def description(self, obj: Section | None = None) -> str:
        return f"The latest {obj.name} stories from {settings.NEWSROOM_NAME}."

    def items(self, obj: Section | None = None) -> VersionQuerySet:
        return feed_versions(obj)


class AtomText:
    """Atom titles are plain text (type="text"): escaped once, by the XML writer."""

    feed_type = Atom1Feed

    def subtitle(self, obj: Any = None) -> str:
        return self.description(obj)

    def item_title(self, item: Version) -> str:
        return item.display_headline


class LatestStoriesAtom(AtomText, LatestStoriesFeed):
    pass


class SectionAtom(AtomText, SectionFeed):
    pass
