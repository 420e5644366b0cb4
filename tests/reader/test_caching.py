"""Conditional requests, cookies and staff: a repeat visit costs a 304, a change shows at
once, and the public pages are the same bytes for everyone."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from articles.models import VersionKind
from tests.conftest import follow_up, make_user, published
from tests.reader.conftest import story


@pytest.fixture
def lead(db, section):
    return story(section, photos=1, keywords=1, writers=1, versions=2)


def story_urls(version) -> list[str]:
    code = version.article.code
    return [f"/article/{code}/", f"/article/{code}/v0/", f"/article/{code}/history/"] + [
        f"/article/{code}/print/"
    ]


FEEDS = ["/feed/", "/feed/atom/", "/section/national/feed/", "/section/national/feed/atom/"]


@pytest.mark.parametrize("which", ["etag", "last_modified"])
def test_a_conditional_repeat_gets_a_304(client, lead, which):
    for url in story_urls(lead) + FEEDS:
        cache.clear()  # measure the view's own validators, not the page cache's copy
        first = client.get(url)
        assert first.status_code == 200, url
        assert first["ETag"] and first["Last-Modified"], url
        cache.clear()
        if which == "etag":
            repeat = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        else:
            repeat = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        assert repeat.status_code == 304, url
        assert repeat.content == b""


def test_the_conditional_check_reads_only_the_story_and_what_it_shows_beside_it(
    client, lead, django_assert_max_num_queries
):
    url = lead.article.get_absolute_url()
    etag = client.get(url)["ETag"]
    cache.clear()
    # The story, then what it shows beside it: the related stories chosen at publish
    # time, and those and its roundup links as readers see them now (the page reuses
    # both when it renders); the page cache's generation costs none.
    with django_assert_max_num_queries(3):
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    # Its other pages depend on the story alone.
    for other in (f"{url}print/", f"{url}history/"):
        tag = client.get(other)["ETag"]
        cache.clear()
        with django_assert_max_num_queries(1):
            assert client.get(other, HTTP_IF_NONE_MATCH=tag).status_code == 304


@pytest.mark.parametrize("change", ["update", "correction", "kill", "fold", "elsewhere"])
def test_a_change_makes_the_old_validator_stale(client, lead, section, desk, change):
    url = lead.article.get_absolute_url()
    etag = client.get(url)["ETag"]
    if change == "update":
        follow_up(lead, headline="Harbor fully open")
    elif change == "correction":
        follow_up(lead, kind=VersionKind.CORRECTION, correction_note="Fixes a figure.")
    elif change == "kill":
        lead.article.kill(by=desk, note="Withdrawn.")
    elif change == "fold":
        roundup = published(section, slug="Roundup", headline="All the harbor news")
        lead.article.fold_into(roundup=roundup.article, by=desk)
    else:  # a new story elsewhere may join the related stories
        published(section, slug="Elsewhere", headline="Another harbor story")
    cache.clear()
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code in (200, 410)
    assert response["ETag"] != etag


def test_a_new_story_makes_the_feed_validator_stale(client, lead, section):
    etag = client.get("/feed/")["ETag"]
    published(section, slug="Fresh", headline="A fresh story")
    cache.clear()
    response = client.get("/feed/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and b"A fresh story" in response.content


def public_urls(version) -> list[str]:
    return ["/", "/section/national/", "/search/?q=harbor", "/feed/", "/sitemap.xml"] + (
        story_urls(version) + ["/robots.txt", "/news-sitemap.xml", "/nope/"]
    )


def test_public_pages_set_no_cookie_and_do_not_vary_by_login(client, lead):
    for url in public_urls(lead):
        response = client.get(url)
        assert not response.cookies, url
        assert "Cookie" not in response.get("Vary", ""), url


def test_staff_get_the_same_public_pages_as_readers(client, lead):
    anonymous = {}
    for url in public_urls(lead):
        cache.clear()
        anonymous[url] = client.get(url).content
    client.force_login(make_user("editor", "Desk editor"))
    for url in public_urls(lead):
        cache.clear()
        response = client.get(url)
        assert response.content == anonymous[url], url
        assert not response.cookies, url
    assert b"/edit/" not in anonymous[lead.article.get_absolute_url()]


def test_story_pages_are_revalidated_on_every_visit(client, lead):
    response = client.get(lead.article.get_absolute_url())
    assert "max-age=0" in response["Cache-Control"]
    assert "must-revalidate" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]


def last_modified(client, url: str) -> str:
    cache.clear()
    return client.get(url)["Last-Modified"]


def test_a_storys_last_modified_moves_only_with_what_the_page_shows(client, section, desk):
    """Unrelated news (another section, no shared keyword) leaves a story's Last-Modified
    alone; an update, a related story, a fold or an edited photo credit moves it."""
    import datetime as dt

    import time_machine
    from django.utils import timezone

    from articles.models import Section

    world = Section.objects.create(name="World", slug="world", order=9)
    start = timezone.now().replace(microsecond=0) - dt.timedelta(hours=3)
    with time_machine.travel(start, tick=False):
        lead = story(section, slug="Harbor", photos=1, keywords=1, at=start)
    url = lead.article.get_absolute_url()
    first = last_modified(client, url)

    with time_machine.travel(start + dt.timedelta(hours=1), tick=False):
        unrelated = published(world, slug="Far", headline="Unrelated world news")
        unrelated.article.kill(by=desk, note="Withdrawn.")
        published(world, slug="Far2", headline="More unrelated world news")
    assert last_modified(client, url) == first

    with time_machine.travel(start + dt.timedelta(hours=2), tick=False):
        near = published(world, slug="Near", headline="Shares a keyword")
        near.article.keywords.add(lead.article.keywords.get())
        # The keyword came after the publish: a new version makes the change visible.
        follow_up(near, headline="Shares a keyword, updated")
    moved = last_modified(client, url)
    assert moved != first

    photo = lead.captions.get().photo
    with time_machine.travel(start + dt.timedelta(hours=2, minutes=30), tick=False):
        photo.credit = "Pool"
        photo.save()
    assert last_modified(client, url) != moved
