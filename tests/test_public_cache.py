"""Anonymous pages come from the cache; editorial changes show on the very next request."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from tests.conftest import draft, follow_up, make_user, published


@pytest.fixture
def story(db, section):
    return published(section, headline="Ferry service resumes after repairs")


def test_a_repeat_anonymous_request_is_served_from_the_cache(
    client, story, django_assert_max_num_queries
):
    url = story.article.get_absolute_url()
    first = client.get(url)
    with django_assert_max_num_queries(0):  # a hit costs no database query
        second = client.get(url)
    assert second.content == first.content
    assert "must-revalidate" in second["Cache-Control"]


def test_a_published_update_shows_on_the_next_request(client, story):
    url = story.article.get_absolute_url()
    client.get(url)
    client.get("/")
    follow_up(story, headline="Ferry service resumes with extra sailings")
    assert b"extra sailings" in client.get(url).content
    assert b"extra sailings" in client.get("/").content


def test_a_killed_article_is_gone_on_the_next_request(client, story):
    url = story.article.get_absolute_url()
    assert client.get(url).status_code == 200
    story.article.kill(by=None, note="Withdrawn.")
    assert client.get(url).status_code == 410
    assert b"Ferry service" not in client.get("/").content


def test_a_scheduled_story_appears_at_its_time_without_clearing_anything(client, section):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        version = draft(section, headline="Night market opens for the season")
        version.publish(by=None, at=start + dt.timedelta(minutes=30))
        assert b"Night market" not in client.get("/").content  # cached now
    with time_machine.travel(start + dt.timedelta(minutes=29), tick=False):
        assert b"Night market" not in client.get("/").content
    with time_machine.travel(start + dt.timedelta(minutes=30, seconds=1), tick=False):
        assert b"Night market" in client.get("/").content


def test_staff_requests_bypass_the_cache_and_never_fill_it(client, story, db):
    url = story.article.get_absolute_url()
    staff = make_user("editor", "Desk editor")
    client.force_login(staff)
    client.get(url)
    client.get(url)
    client.logout()
    anonymous = client.get(url)
    assert not anonymous.cookies
    assert "Vary" not in anonymous or "Cookie" not in anonymous["Vary"]


@pytest.mark.parametrize(
    "mark",
    [
        lambda r: r.headers.__setitem__("Cache-Control", "private"),  # previews
        lambda r: r.set_cookie("sessionid", "x"),
        lambda r: setattr(r, "status_code", 500),
    ],
)
def test_private_cookie_setting_or_failed_responses_are_never_stored(db, rf, mark):
    from django.http import HttpResponse

    from reader.middleware import PublicPageCacheMiddleware

    calls = []

    def view(request):
        calls.append(request)
        response = HttpResponse("preview of a draft")
        mark(response)
        return response

    middleware = PublicPageCacheMiddleware(view)
    middleware(rf.get("/article/HEN20260101000100/"))
    middleware(rf.get("/article/HEN20260101000100/"))
    assert len(calls) == 2


def test_conditional_repeat_gets_304(client, story):
    url = story.article.get_absolute_url()
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304


def test_a_draft_save_does_not_empty_the_public_cache(
    client, story, section, django_assert_max_num_queries
):
    from articles.models import AuditEntry

    url = story.article.get_absolute_url()
    client.get(url)
    other = draft(section, slug="Other", headline="An unrelated draft")
    AuditEntry.record(version=other, by=None, action="edit", note="body")
    with django_assert_max_num_queries(0):
        assert client.get(url).status_code == 200


def test_a_page_cached_for_one_host_is_never_served_for_another(client, story, settings):
    settings.ALLOWED_HOSTS = ["news.example.com", "evil.example.net"]
    url = story.article.get_absolute_url()
    mine = client.get(url, HTTP_HOST="news.example.com")
    assert b"http://news.example.com/" in mine.content  # canonical and og:url
    theirs = client.get(url, HTTP_HOST="evil.example.net")
    assert b"news.example.com" not in theirs.content
    again = client.get(url, HTTP_HOST="news.example.com")
    assert b"evil.example.net" not in again.content
    assert client.get(url, HTTP_HOST="unlisted.example.org").status_code == 400
    # Each host's page names that host, and only it, as the story's address.
    for host, page in [("news.example.com", again), ("evil.example.net", theirs)]:
        canonical = f"http://{host}{url}"
        html = page.content.decode()
        assert f'<link rel="canonical" href="{canonical}">' in html
        assert f'<meta property="og:url" content="{canonical}">' in html
        assert f'"mainEntityOfPage": "{canonical}"' in html


def test_a_page_cached_over_http_is_never_served_over_https(client, story, settings):
    settings.ALLOWED_HOSTS = ["news.example.com"]
    url = story.article.get_absolute_url()
    plain = client.get(url, HTTP_HOST="news.example.com")
    assert b'href="http://news.example.com/' in plain.content
    secure = client.get(url, HTTP_HOST="news.example.com", secure=True)
    assert f'<link rel="canonical" href="https://news.example.com{url}">'.encode() in secure.content
    assert b"http://news.example.com" not in secure.content


def test_a_generation_moved_by_another_process_reaches_the_next_reader(client, story, settings):
    """Another process (a worker, a command, a second web process) moves the generation
    in the shared file; this process's next request renders afresh."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from articles.models import Section

    url = story.article.get_absolute_url()
    assert b"National" in client.get(url).content
    Section.objects.filter(pk=story.article.section_id).update(name="Nation")  # no event
    assert b"Nation<" not in client.get(url).content  # still the cached page
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "NEWSROOM_GENERATION_FILE": str(settings.NEWSROOM_GENERATION_FILE)}
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from reader import freshness; freshness.advance()",
        ],
        cwd=root,
        env=env,
        check=True,
    )
    assert b"Nation<" in client.get(url).content


def test_a_draft_save_leaves_the_feed_validators_alone(client, story, section):
    first = client.get("/feed/")
    other = draft(section, slug="Other", headline="An unrelated draft")
    other.save_edit(by=None, revision=other.revision, fields=["headline"])
    from django.core.cache import cache

    cache.clear()
    again = client.get("/feed/")
    assert again["ETag"] == first["ETag"]
    assert again["Last-Modified"] == first["Last-Modified"]
