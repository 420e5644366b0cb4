"""The public site. Views stay thin: every rule about what readers may see lives in
``Version.objects.live()`` (and ``published()`` for version pages); views pick a page,
gather what it shows in a fixed number of queries, and render it.

Public pages never touch the session or the user, so they set no cookies and are the
same for everyone; the one staff path (``edit``) is separate and never cached.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.admin.views.decorators import staff_member_required
from django.core.paginator import EmptyPage, Paginator
from django.db.models import (
    CharField,
    DateTimeField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Subquery,
    Window,
    prefetch_related_objects,
)
from django.db.models.functions import RowNumber
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import condition, require_safe

from articles.models import (
    Article,
    Keyword,
    Version,
    VersionQuerySet,
)
from articles.stored import StoredQuery
from reader import fragments, public
from reader.cards import card_file
from reader.filters import StoryFilter
from reader.freshness import RELATED, story_state
from reader.paging import StoryPage
from reader.search import search as ranked_search

PAGE_SIZE = 20
TOP_STORIES = 7
PER_SECTION = 4
# How many of the newest live stories the front page scans to fill its sections.
FRONT_SCAN = 400

# Story pages may be stored by browsers and proxies but are checked again on every visit,
# so a kill or an update shows at once while an unchanged page costs a 304.
revalidate = cache_control(public=True, max_age=0, must_revalidate=True)


def page_number(request: HttpRequest, *, limit: int) -> int:
    """The ``page`` parameter: 1 when absent; a 404 when it names no page."""
    raw = request.GET.get("page")
    if raw is None:
        return 1
    if not (raw.isdigit() and 1 <= int(raw) <= limit):
        raise Http404("No such page")
    return int(raw)


def _paginate(
    request: HttpRequest, versions: VersionQuerySet, ordering: tuple[str, ...] = ()
) -> Any:
    ordered = fragments.card_keys(versions).order_by(*ordering, "-publish_at", "-pk")
    paginator = Paginator(ordered, PAGE_SIZE, allow_empty_first_page=True)
    try:
        page = paginator.page(page_number(request, limit=ArchivePage.MAX_PAGE))
    except EmptyPage:
        raise Http404("No such page") from None
    page.object_list = fragments.listed(list(page.object_list))
    return page


# What a story page shows of its version (Version.objects.for_page()'s prefetches).
PARTS = Version.objects.for_page()._prefetch_related_lookups

# --- freshness (reader.freshness): one query answers ETag and Last-Modified ------------


def _conditional(*, beside: bool) -> Any:
    """ETag and Last-Modified from reader.freshness, before anything is rendered."""

    def etag(request: HttpRequest, code: str, **kwargs: Any) -> str | None:
        state = story_state(request, code, beside=beside)
        return state.etag if state else None

    def last_modified(request: HttpRequest, code: str, **kwargs: Any) -> dt.datetime | None:
        state = story_state(request, code, beside=beside)
        return state.last_modified if state else None

    return condition(etag_func=etag, last_modified_func=last_modified)


# The story page shows related stories too; its other pages (print, versions, history)
# depend on the story alone.
story_page_conditional = _conditional(beside=True)
story_conditional = _conditional(beside=False)


def _live_story(request: HttpRequest, code: str, *, parts: bool = True) -> Version | HttpResponse:
    """The newest live version with everything a page shows (``parts``: its bylines,
    captions and keywords); else a 410 notice or a 404."""
    state = story_state(request, code)
    if state is None:
        raise Http404("No such story")
    if state.newest is None:
        return render(
            request,
            "410.html",
            {"kill_note": state.kill_note, "killed_at": state.killed_at},
            status=410,
        )
    if parts:
        # for_page()'s prefetches, run on the version the freshness check already loaded.
        prefetch_related_objects([state.newest], *PARTS)
    return state.newest


# --- listings ---------------------------------------------------------------------------


def _front_live(at: dt.datetime) -> VersionQuerySet:
    """The front page's stories: live, except a story folded into a live roundup (it is
    read in the roundup and never sits beside it)."""
    live = Version.objects.live(at=at)
    return live.exclude(Exists(live.filter(article_id=OuterRef("article__folded_into_id"))))


# What a page-cache miss of the front page asks, composed once (articles.stored).
FRONT_TOP = StoredQuery(
    lambda at: (
        _front_live(at)
        .filter(article_id__in=Article.objects.filter(top_order__isnull=False).values("pk"))
        .order_by("article__top_order", "-publish_at")
        .values_list("pk")[:TOP_STORIES]
    ),
    at=DateTimeField(),
)
# Ids and sections only: a time per row would be parsed 400 times for one use.
FRONT_RECENT = StoredQuery(
    lambda at, top: (
        _front_live(at)
        .exclude(pk__in=top)
        .order_by("-publish_at", "-pk")
        .values_list("pk", "article__section_id")[:FRONT_SCAN]
    ),
    at=DateTimeField(),
    top=IntegerField(),
)


@require_safe
def front_page(request: HttpRequest) -> HttpResponse:
    """Top stories in the desk's order, then the newest few of each section.

    The sections' stories come from one index scan of the newest live versions; only a
    section too quiet to appear among them costs one more (small) query.
    """
    now = timezone.now()
    top_ids = [pk for (pk,) in FRONT_TOP.rows(at=now)]
    recent = FRONT_RECENT.rows(at=now, top=top_ids)
    picked: dict[int, list[int]] = {}
    for pk, section_id in recent:
        if len(picked.setdefault(section_id, [])) < PER_SECTION:
            picked[section_id].append(pk)
    sections = public.sections()
    chosen = [pk for pks in picked.values() for pk in pks]
    quiet = [s.pk for s in sections if len(picked.get(s.pk, ())) < PER_SECTION]
    if quiet and len(recent) == FRONT_SCAN:  # older stories may fill the quiet sections
        oldest = Version.objects.filter(pk=recent[-1][0]).values("publish_at")
        older = _front_live(now).filter(
            article__section__in=quiet, publish_at__lte=Subquery(oldest)
        )
        ranked = older.exclude(pk__in=top_ids + chosen).annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("article__section")],
                order_by=[F("publish_at").desc(), F("pk").desc()],
            )
        )
        chosen += ranked.filter(rank__lte=PER_SECTION).values_list("pk", flat=True)
    # Every card's key in one query (and the text and photos of them all in two more,
    # if a card has to be rendered).
    found = {v.pk: v for v in fragments.listing(top_ids + chosen)}
    top = [found[pk] for pk in top_ids if pk in found]
    by_section: dict[int, list[Version]] = {}
    for version in sorted(
        (found[pk] for pk in chosen if pk in found),
        key=lambda v: (v.publish_at, v.pk),
        reverse=True,
    ):
        stories = by_section.setdefault(version.article.section_id, [])
        if len(stories) < PER_SECTION:
            stories.append(version)
    return render(
        request,
        "articles/front_page.html",
        {
            "lead": top[0] if top else None,
            "top": top[1:],
            "sections": [(s, by_section[s.pk]) for s in sections if by_section.get(s.pk)],
        },
    )


def _newest_first(versions: VersionQuerySet, start: int) -> VersionQuerySet:
    """A listing's page of cards from ``start``, and the row past it (ArchivePage).

    The page is chosen by id and time alone, then its cards are read: sorting whole rows
    (bodies, the photos' times) of a writer's 2,000 stories to keep 21 took 15 ms."""
    page = versions.order_by("-publish_at", "-pk").values("pk")[start : start + PAGE_SIZE + 1]
    return fragments.card_keys(Version.objects.filter(pk__in=Subquery(page))).order_by(
        "-publish_at", "-pk"
    )


# The listings a page-cache miss asks, composed once per page number (articles.stored):
# composing one took longer than the database takes to answer it.
LATEST = StoredQuery(
    lambda at, start: _newest_first(Version.objects.live(at=at), start),
    at=DateTimeField(),
)
IN_SECTION = StoredQuery(
    lambda at, section, start: _newest_first(
        Version.objects.live(at=at).in_section(section), start
    ),
    at=DateTimeField(),
    section=IntegerField(),
)
WITH_KEYWORD = StoredQuery(
    lambda at, keyword, start, common: _newest_first(
        Version.objects.live(at=at).with_keyword(keyword, common=common), start
    ),
    at=DateTimeField(),
    keyword=IntegerField(),
)
BY_WRITER = StoredQuery(
    lambda at, writer, start: _newest_first(
        Version.objects.live(at=at).filter(writers=writer), start
    ),
    at=DateTimeField(),
    writer=IntegerField(),
)


@dataclass(frozen=True)
class ArchivePage(StoryPage):
    """A page of a newest-first listing that never counts the archive behind it.

    Counting every live story of a section costs more than the page itself at 100,000
    articles; readers only need "newer" and "older", so one row past the page tells.
    """

    object_list: list[Version]
    number: int
    more: bool  # a row past the page was there
    paginator = None  # no total: the template shows "Page N"

    MAX_PAGE = 10_000  # deeper than any reader goes; keeps the offset a sane integer

    @classmethod
    def of(
        cls, request: HttpRequest, listing: StoredQuery, *, shape: dict | None = None, **values
    ) -> ArchivePage:
        """The requested page of ``listing`` (one of the above, given its values); a page
        that is not there (past the end, or not a page number at all) is a 404, never an
        empty listing."""
        number = page_number(request, limit=cls.MAX_PAGE)
        start = (number - 1) * PAGE_SIZE
        rows = listing.objects(at=timezone.now(), shape={"start": start, **(shape or {})}, **values)
        fragments.listed(rows[:PAGE_SIZE])
        if number > 1 and not rows:
            raise Http404("No such page")
        return cls(rows[:PAGE_SIZE], number, more=len(rows) > PAGE_SIZE)

    def has_next(self) -> bool:
        return self.more


def _listing(request: HttpRequest, page: ArchivePage, **context: Any) -> HttpResponse:
    """One page of live stories under a title (a section, a keyword, a writer)."""
    return render(request, "articles/listing.html", {"page": page, **context})


@require_safe
def section(request: HttpRequest, slug: str) -> HttpResponse:
    section = public.section(slug)
    if section is None:
        raise Http404("No such section")
    return _listing(
        request,
        ArchivePage.of(request, IN_SECTION, section=section.pk),
        title=section.name,
        current_section=section,
        feed_section=section,
        show_section=False,
    )


def _public_page(request: HttpRequest, listing: StoredQuery, **values: Any) -> ArchivePage:
    """A keyword's or a writer's page: public only while a live story carries it
    (reader.public), so readers find nothing where the listing is empty."""
    page = ArchivePage.of(request, listing, **values)
    if not page.object_list:
        raise Http404("Nothing here")
    return page


# A keyword by its slug, and whether it is common (VersionQuerySet.with_keyword).
KEYWORD = StoredQuery(
    lambda slug, n: Keyword.objects.filter(slug=slug).annotate(
        common=VersionQuerySet.common_keyword(n)
    ),
    slug=CharField(),
)


@require_safe
def keyword(request: HttpRequest, slug: str) -> HttpResponse:
    found = KEYWORD.objects(slug=slug, shape={"n": VersionQuerySet.COMMON_KEYWORD})
    if not found:
        raise Http404("No such keyword")
    keyword = found[0]
    return _listing(
        request,
        _public_page(request, WITH_KEYWORD, keyword=keyword.pk, shape={"common": keyword.common}),
        title=keyword.name,
        kicker="Keyword",
        show_section=True,
    )


@require_safe
def writer(request: HttpRequest, slug: str) -> HttpResponse:
    writer = public.writer(slug)
    if writer is None:
        raise Http404("No such writer")
    return _listing(
        request,
        _public_page(request, BY_WRITER, writer=writer.pk),
        title=writer.name,
        kicker="Stories by",
        writer=writer,
        show_section=True,
    )


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    """Words, phrases, writers and filters over live stories (reader.search ranks them);
    a bad parameter is a 400 with the reason, a page past the end a 404."""
    stories = StoryFilter(request.GET or None, queryset=Version.objects.live())
    in_use = any(request.GET.get(name) for name in stories.filters if name not in ("q", "sort"))
    context = {"filter": stories, "filters_in_use": in_use, "page": None}
    if stories.is_bound and not stories.is_valid():
        return render(request, "articles/search.html", context, status=400)
    if not stories.is_bound:
        # The bare search page lists the latest stories: no need to count the archive.
        context["page"] = ArchivePage.of(request, LATEST)
        return render(request, "articles/search.html", context)
    words = stories.form.cleaned_data.get("q")
    if not words:  # filters alone list newest first
        context["page"] = _paginate(request, stories.qs)
        return render(request, "articles/search.html", context)

    results = ranked_search(
        stories.qs,
        words,
        number=page_number(request, limit=ArchivePage.MAX_PAGE),
        per_page=PAGE_SIZE,
        newest=stories.form.cleaned_data.get("sort") == "newest",
        page_of=lambda ids: fragments.listing(ids, whole=True),  # snippets read the text
        # The writer filter's own list (one query serves the options and the match).
        writers=list(stories.form.fields["writer"].queryset),
    )
    if results is None:
        raise Http404("No such page")
    context["page"] = results
    return render(request, "articles/search.html", context)


# --- the story and its versions ---------------------------------------------------------


def _story_context(version: Version, beside: tuple[Version, ...]) -> dict[str, Any]:
    """The story with its related stories and roundup links (read with its freshness)."""
    article = version.article
    return {
        "version": version,
        "article": article,
        "first_published_at": version.article.first_published_at,
        "folded_into": next((v for v in beside if v.article_id == article.folded_into_id), None),
        "roundup_of": [v for v in beside if v.article.folded_into_id == article.pk],
        "related": [v for v in beside if not v.is_first][:RELATED],
    }


@require_safe
@revalidate
@story_page_conditional
def story(request: HttpRequest, code: str, slug: str | None = None) -> HttpResponse:
    """The live story. Its parts are rendered once per version (reader.fragments): when
    they are kept, the page reads none of its bylines, captions and keywords."""
    version = _live_story(request, code, parts=False)
    if isinstance(version, HttpResponse):
        return version
    state = story_state(request, code, beside=True)
    key = fragments.story_key(request, state)
    if not fragments.story_parts_kept(key):
        prefetch_related_objects([version], *PARTS)
    context = _story_context(version, state.beside) | {"fragment": key}
    return render(request, "articles/story.html", context)


@require_safe
@revalidate
@story_conditional
def story_print(request: HttpRequest, code: str) -> HttpResponse:
    version = _live_story(request, code)
    if isinstance(version, HttpResponse):
        return version
    context = {
        "version": version,
        "article": version.article,
        "first_published_at": version.article.first_published_at,
    }
    return render(request, "articles/print.html", context)


def _earlier_version(
    request: HttpRequest, code: str, number: int, newest_view: str
) -> tuple[Version, Version] | HttpResponse:
    """(the published version ``number``, the newest) for a version permalink; the
    newest's own number redirects to ``newest_view``; a 404 or the 410 notice else."""
    state = story_state(request, code)
    if state is None or state.newest is None:
        return _live_story(request, code)  # the 404 or the 410 notice
    newest = state.newest
    if number == newest.number:
        return redirect(newest_view, code=code)
    version = (
        Version.objects.published(at=state.at)
        .for_page()
        .filter(article_id=newest.article_id, number=number)
        .first()
    )
    if version is None:
        raise Http404("No such version")
    return version, newest


def _version_page(
    request: HttpRequest, code: str, number: int, newest_view: str, template: str
) -> HttpResponse:
    """One published version's page (or its print view), pointing to the newest. Its
    share links ("Copy link" included) are this version's, not the newest's."""
    found = _earlier_version(request, code, number, newest_view)
    if isinstance(found, HttpResponse):
        return found
    version, newest = found
    context = {
        "version": version,
        "article": version.article,
        "first_published_at": newest.article.first_published_at,
        "newest": newest,
        "permalink": version.get_absolute_url(),
    }
    return render(request, template, context)


@require_safe
@revalidate
@story_conditional
def story_version(request: HttpRequest, code: str, number: int) -> HttpResponse:
    """A permanent page for one published version, pointing to the newest."""
    return _version_page(request, code, number, "articles:story", "articles/story.html")


@require_safe
@revalidate
@story_conditional
def story_version_print(request: HttpRequest, code: str, number: int) -> HttpResponse:
    """The print view of one published version."""
    return _version_page(request, code, number, "articles:story_print", "articles/print.html")


@require_safe
@revalidate
@story_conditional
def story_history(request: HttpRequest, code: str) -> HttpResponse:
    """Labels, times and correction notes of every published version, newest first."""
    state = story_state(request, code)
    if state is None or state.newest is None:
        return _live_story(request, code)
    newest = state.newest
    versions = list(
        Version.objects.published(at=state.at)
        .filter(article_id=newest.article_id, number__lte=newest.number)
        .select_related("article")
        .order_by("-number")
    )
    return render(
        request,
        "articles/history.html",
        {"versions": versions, "article": newest.article, "newest": newest},
    )


@require_safe
@cache_control(public=True, max_age=24 * 3600)
def story_card(request: HttpRequest, code: str, number: int) -> HttpResponse:
    """A published version's share card (reader.cards), drawn on first request and kept."""
    version = (
        Version.objects.published()
        .filter(article__code=code, number=number)
        .select_related("article__section")
        .first()
    )
    if version is None:
        raise Http404("No such version")
    return FileResponse(card_file(version).open("rb"), content_type="image/png")


@never_cache
@staff_member_required
def edit(request: HttpRequest, code: str) -> HttpResponse:
    """Staff's way from a story to the desk; readers are sent to log in."""
    article = get_object_or_404(Article, code=code)
    return redirect("admin:articles_article_change", article.pk)


@require_safe
@cache_control(public=True, max_age=24 * 3600)
def favicon_ico(request: HttpRequest) -> HttpResponse:
    """Browsers and feed readers ask for /favicon.ico whatever the page says."""
    return redirect(static("img/favicon.ico"))


# Search results and print copies duplicate the stories; previews and the desk are private.
ROBOTS_DISALLOW = ["/admin/", "/preview/", "/article/*/edit/", "/article/*/print/", "/search/"]


@require_safe
@cache_control(public=True, max_age=3600)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW), ""]
    for name in ("sitemap", "news_sitemap"):
        lines.append(f"Sitemap: {request.build_absolute_uri(reverse(name))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
