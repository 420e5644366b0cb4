"""Parts of pages rendered once per published version and kept in the "fragments" cache.

A published version never changes, so what shows only it (a listing card; the story
page's head metadata, body and keywords) is rendered on its first request and kept.
Everything else such a part shows is in its key: the section's name, the photos as last
edited, the epoch of writers, keywords and sections (reader.freshness.REFERENCE) and
the site's address. So a part is never stale and nothing is ever cleared: a page that misses
the page cache renders only what moves with the news (related stories, the section
menu, banners) around parts already written.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django import template
from django.conf import settings
from django.core.cache import caches
from django.db.models import IntegerField, Prefetch, prefetch_related_objects
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

from articles.models import Caption, Version, VersionQuerySet
from articles.stored import StoredQuery
from reader import freshness
from reader.freshness import StoryState

# The story page's parts: articles/_story_<part>.html.
STORY_PARTS = ("meta", "body", "tail")


def _cache_key(kind: str, vary: Any) -> str:
    return f"{kind}:" + hashlib.sha256(repr(vary).encode()).hexdigest()


def kept(kind: str, vary: Any, render: Callable[[], str]) -> SafeString:
    """The part ``kind`` keyed by ``vary``: from the cache, or rendered now and kept."""
    fragments = caches["fragments"]
    key = _cache_key(kind, vary)
    html = fragments.get(key)
    if html is None:
        html = render()
        fragments.set(key, html, settings.NEWSROOM_FRAGMENT_SECONDS)
    return mark_safe(html)  # noqa: S308 - our own templates' output


CAPTIONS = Prefetch("captions", Caption.objects.select_related("photo"))

# What no card shows: the desk's bookkeeping. Left unread, as each timestamp costs
# PostgreSQL's driver a parse in Python (the front page's 38 cards carried 340).
NOT_ON_CARDS = (
    "superseded_at",
    "release_at",
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
    "fingerprint",
    "internal_note",
    "article__created_at",
    "article__killed_at",
    "article__kill_note",
)
# What a listing reads of a story whose card is kept: the card's key (site_tags.card)
# and the listing's order.
CARD_KEY = ("status", "publish_at", "article__section__name")


def cards(versions: VersionQuerySet) -> VersionQuerySet:
    """Versions as a card shows them: headline, text, section and time, and when their
    photos were last edited (part of a kept card's key). The captions themselves are read
    only if a card has to be rendered (listed)."""
    return (
        versions.select_related("article__section")
        .defer(*NOT_ON_CARDS)
        .annotate(photos_changed_at=freshness.photos_changed_at())
    )


def card_keys(versions: VersionQuerySet) -> VersionQuerySet:
    """Versions read only as far as their kept cards' keys: a listing of cards already
    written reads no text. A card that has to be rendered reads its listing whole
    (whole())."""
    return (
        versions.select_related("article__section")
        .only(*CARD_KEY)
        .annotate(photos_changed_at=freshness.photos_changed_at())
    )


# A listing's versions by id, composed once per length (articles.stored).
_CARDS = StoredQuery(lambda ids: cards(Version.objects.filter(pk__in=ids)), ids=IntegerField())
_CARD_KEYS = StoredQuery(
    lambda ids: card_keys(Version.objects.filter(pk__in=ids)), ids=IntegerField()
)


def listing(ids: list[int], *, whole: bool = False) -> list[Version]:
    """The cards of one listing in the order of ``ids`` (listed): their keys, or
    (``whole``) all they show, for a page that reads their text itself."""
    found = {v.pk: v for v in (_CARDS if whole else _CARD_KEYS).objects(ids=ids)}
    return listed([found[pk] for pk in ids if pk in found])


def listed(versions: list[Version]) -> list[Version]:
    """The versions of one listing, each knowing the others: when a card must be
    rendered, the whole listing is read at once (whole, with_captions), and a listing
    whose cards are all kept reads no more."""
    for version in versions:
        version.listed_with = versions
    return versions


def whole(version: Version) -> Version:
    """``version`` with all its card shows. A listing read as card keys is read whole, in
    one query, the first time one of its cards is rendered."""
    if "headline" in version.__dict__:  # read whole already (a deferred field is absent)
        return version
    if not hasattr(version, "whole"):
        versions = getattr(version, "listed_with", [version])
        read = listing([v.pk for v in versions], whole=True)
        for key, whole_version in zip(versions, read, strict=True):
            key.whole = whole_version
    return version.whole


def with_captions(version: Version, *, listing: bool = True) -> Version:
    """The version with its captions and photos read (and its listing's, if any)."""
    versions = getattr(version, "listed_with", [version]) if listing else [version]
    prefetch_related_objects(versions, CAPTIONS)
    return version


def story_key(request: HttpRequest, state: StoryState) -> tuple[Any, ...]:
    """What the story's parts show besides the live version; the keywords, writers and
    sections are the reference epoch's (reader.freshness.REFERENCE)."""
    version = state.newest
    article = version.article
    return (
        version.pk,
        article.section.name,
        article.first_published_at,
        version.photos_changed_at,
        freshness.generation(freshness.REFERENCE),
        request.scheme,
        request.get_host(),
    )


def story_parts_kept(key: tuple[Any, ...]) -> bool:
    """Whether every part of the story is already rendered under ``key`` (then the
    page needs none of the version's bylines, captions and keywords)."""
    keys = [_cache_key(f"story_{part}", key) for part in STORY_PARTS]
    return len(caches["fragments"].get_many(keys)) == len(keys)


def story_part(context: template.Context, part: str) -> SafeString:
    """articles/_story_<part>.html: kept when the page gives a ``fragment`` key (the live
    story page), rendered afresh otherwise (earlier versions, the desk's preview)."""
    page = context.template.engine.get_template(f"articles/_story_{part}.html")
    key = context.get("fragment")
    if not key:
        return page.render(context)
    return kept(f"story_{part}", key, lambda: page.render(context))
