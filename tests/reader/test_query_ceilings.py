"""Every public page answers in a fixed number of queries, however many photos, keywords,
writers and versions its stories have: the same ceiling holds with 1 and with 10.

The counts include the project's middleware (the public page cache reads its generation
without a query); the page cache is emptied before each request so the page itself is
measured.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Section, VersionKind
from tests.conftest import follow_up
from tests.reader.conftest import story

CEILINGS = {
    "front": 8,  # top ids, one scan of the newest stories, sections, one card fetch
    "section": 7,
    "keyword": 7,
    "writer": 7,
    "search": 10,
    "story": 8,
    "roundup": 8,
    "version": 8,
    "history": 5,
    "print": 6,
    "killed": 5,
    "missing": 5,
    "rss": 6,
    "atom": 6,
    "section_rss": 7,
    "sitemap": 6,
    "news_sitemap": 4,
    "robots": 2,
}


def build(section: Section, sports: Section, n: int, desk) -> dict[str, str]:
    """A roundup with n versions, photos, keywords and writers, n stories folded into it,
    n related stories, and a killed one; returns the URL of each page type."""
    main = story(section, slug="Main", photos=n, keywords=n, writers=n, versions=n)
    roundup = follow_up(main, kind=VersionKind.ROUNDUP)
    keyword = main.article.keywords.first()
    writer = main.bylines.first().writer
    for i in range(n):
        part = story(section, slug=f"Part-{i}", photos=n, keywords=n, writers=n, versions=n)
        part.article.fold_into(roundup=roundup.article, by=desk)
        part.article.keywords.add(keyword)
        other = story(sports, slug=f"Other-{i}", photos=n, keywords=n, writers=n, versions=n)
        other.article.keywords.add(keyword)
        other.article.top_order = i + 1
        other.article.save(update_fields=["top_order"])
    killed = story(section, slug="Killed", photos=n, versions=n)
    killed.article.kill(by=desk, note="Withdrawn.")
    code = main.article.code
    return {
        "front": "/",
        "section": "/section/national/",
        "keyword": keyword.get_absolute_url(),
        "writer": writer.get_absolute_url(),
        "search": f"/search/?q=harbor&section=national&writer={writer.slug}&genre=news"
        f"&keyword={keyword.slug}&since=2000-01-01&until=2099-01-01",
        "story": part.article.get_absolute_url(),
        "roundup": f"/article/{code}/",
        "version": f"/article/{code}/v0/",
        "history": f"/article/{code}/history/",
        "print": f"/article/{code}/print/",
        "killed": killed.article.get_absolute_url(),
        "missing": "/article/HEN20990101999900/",
        "rss": "/feed/",
        "atom": "/feed/atom/",
        "section_rss": "/section/national/feed/",
        "sitemap": "/sitemap.xml",
        "news_sitemap": "/news-sitemap.xml",
        "robots": "/robots.txt",
    }


@pytest.fixture
def sports(db) -> Section:
    return Section.objects.create(name="Sports", slug="sports", order=2)


@pytest.mark.parametrize("n", [1, 10])
def test_every_page_type_stays_under_its_ceiling(client, section, sports, desk, n):
    urls = build(section, sports, n, desk)
    assert set(urls) == set(CEILINGS)
    counts = {}
    for page, url in urls.items():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code in (200, 404, 410), (page, response.status_code)
        counts[page] = len(queries)
    over = {
        page: (count, CEILINGS[page]) for page, count in counts.items() if count > CEILINGS[page]
    }
    assert not over, f"over the ceiling (done, allowed): {over}"


def test_the_pages_really_show_what_the_ceilings_are_measured_on(client, section, sports, desk):
    urls = build(section, sports, 3, desk)
    roundup = client.get(urls["roundup"]).content.decode()
    assert roundup.count('<figure class="photo') == 3
    assert "This roundup includes:" in roundup and roundup.count("/keyword/kw-") == 3
    assert "Related stories" in roundup
    assert client.get(urls["story"]).content.decode().count('href="/writer/writer-') == 3
    assert client.get(urls["front"]).content.decode().count('class="card-thumb"') >= 3
