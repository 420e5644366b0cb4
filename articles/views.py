"""The public site. Views stay thin: every rule about what readers may see lives in
``Version.objects.live()``; views only pick a page and render it."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from articles.models import Article, Keyword, Section, Version, Writer

PAGE_SIZE = 20


def _listing(request: HttpRequest, versions, template: str, **context) -> HttpResponse:
    page = Paginator(versions.for_page().order_by("-publish_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, template, {"page": page, **context})


def front_page(request: HttpRequest) -> HttpResponse:
    latest = list(Version.objects.live().for_page().order_by("-publish_at", "-pk")[:30])
    sections = Section.objects.all()
    by_section = {s.pk: [] for s in sections}
    for version in latest:
        by_section[version.article.section_id].append(version)
    return render(
        request,
        "articles/front_page.html",
        {
            "top": latest[:5],
            "sections": [(s, by_section[s.pk][:4]) for s in sections if by_section[s.pk]],
        },
    )


def section(request: HttpRequest, slug: str) -> HttpResponse:
    section = get_object_or_404(Section, slug=slug)
    versions = Version.objects.live().filter(article__section=section)
    return _listing(request, versions, "articles/listing.html", title=section.name)


def keyword(request: HttpRequest, slug: str) -> HttpResponse:
    keyword = get_object_or_404(Keyword, slug=slug)
    versions = Version.objects.live().filter(article__keywords=keyword)
    return _listing(request, versions, "articles/listing.html", title=keyword.name)


def writer(request: HttpRequest, slug: str) -> HttpResponse:
    writer = get_object_or_404(Writer, slug=slug)
    versions = Version.objects.live().filter(writers=writer)
    return _listing(request, versions, "articles/listing.html", title=writer.name)


def _killed_or_404(request: HttpRequest, code: str) -> HttpResponse:
    """A killed story answers 410 with its kill note; anything else not live is a 404."""
    article = Article.objects.killed().filter(code=code).first()
    if article is None:
        raise Http404("No such story")
    return render(request, "articles/killed.html", {"article": article}, status=410)


def story(request: HttpRequest, code: str, slug: str | None = None) -> HttpResponse:
    version = Version.objects.live().for_page().filter(article__code=code).first()
    if version is None:
        return _killed_or_404(request, code)
    first_published_at = (
        Version.objects.published()
        .filter(article_id=version.article_id)
        .order_by("number")
        .values_list("publish_at", flat=True)
        .first()
    )
    return render(
        request,
        "articles/story.html",
        {"version": version, "article": version.article, "first_published_at": first_published_at},
    )


def story_version(request: HttpRequest, code: str, number: int) -> HttpResponse:
    version = (
        Version.objects.published().for_page().filter(article__code=code, number=number).first()
    )
    if version is None:
        return _killed_or_404(request, code)
    current = Version.objects.live().filter(article_id=version.article_id).first()
    if current is not None and current.pk == version.pk:
        return redirect(version.article, permanent=False)
    return render(
        request,
        "articles/story.html",
        {"version": version, "article": version.article, "newest": current},
    )
