"""The public story page: the live version, agency style, bounded queries, nothing else."""

import datetime as dt

import pytest
from django.utils import timezone

from articles.models import Keyword, VersionWriter
from tests.conftest import draft, follow_up, published

STORY_QUERY_CEILING = 8


@pytest.fixture
def story(db, section, writer):
    version = draft(
        section,
        slug="Library-branch",
        headline="City opens a new library branch",
        dateline_place="SEOUL",
        dateline_date=dt.date(2026, 1, 5),
        signoff="sy@example.com",
        internal_note="CANARY-INTERNAL check the book count",
    )
    VersionWriter.objects.create(version=version, writer=writer)
    version.article.keywords.add(Keyword.objects.create(name="Libraries", slug="libraries"))
    version.publish(by=None, at=dt.datetime(2026, 1, 5, 4, 44, tzinfo=dt.UTC))
    return version


def test_story_page_shows_the_live_version_in_agency_style(client, story):
    page = client.get(f"/article/{story.article.code}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<h1>City opens a new library branch</h1>" in html
    assert "13:44 KST, January 5, 2026" in html  # newsroom time zone, Asia/Seoul
    assert 'datetime="2026-01-05T13:44:00+09:00"' in html
    assert "SEOUL, Jan. 5 (Hanbit) -- The city opened a library." in html
    assert 'By <a href="/writer/han-seo-yeon/">Han Seo-yeon</a>' in html
    assert "sy@example.com" in html
    assert "(END)" in html
    assert 'href="/keyword/libraries/"' in html
    assert "CANARY-INTERNAL" not in html
    assert html.count("<h1") == 1


def test_story_page_accepts_a_trailing_slug(client, story):
    assert client.get(f"/article/{story.article.code}/library-branch/").status_code == 200


def test_update_shows_its_label_and_updated_time(client, story):
    lead = follow_up(story, headline="City opens its 30th library branch")
    page = client.get(f"/article/{story.article.code}/").content.decode()
    assert "(LEAD) City opens its 30th library branch" in page
    assert "Updated" in page
    assert lead.number == 1


@pytest.mark.parametrize("state", ["draft", "submitted", "scheduled"])
def test_non_live_stories_are_404(client, section, state):
    version = draft(section, headline="CANARY-UNPUBLISHED headline")
    if state == "submitted":
        version.submit(by=None)
    if state == "scheduled":
        version.publish(by=None, at=timezone.now() + dt.timedelta(hours=3))
    page = client.get(f"/article/{version.article.code}/")
    assert page.status_code == 404
    assert b"CANARY-UNPUBLISHED" not in page.content


def test_unknown_code_is_404(client, db):
    assert client.get("/article/HEN20990101999900/").status_code == 404


def test_killed_story_is_gone_with_its_note(client, story):
    story.article.kill(by=None, note="This story was withdrawn because the event was cancelled.")
    page = client.get(f"/article/{story.article.code}/")
    assert page.status_code == 410
    assert b"withdrawn because the event was cancelled" in page.content
    assert b"City opens a new library branch" not in page.content


def test_newer_draft_never_shows(client, story):
    follow_up(story, publish=False, headline="CANARY-DRAFT headline")
    page = client.get(f"/article/{story.article.code}/")
    assert b"CANARY-DRAFT" not in page.content


def test_story_page_query_count_is_bounded(client, story, django_assert_max_num_queries):
    for i in range(3):
        story = follow_up(story, headline=f"Update {i}")
    with django_assert_max_num_queries(STORY_QUERY_CEILING):
        assert client.get(f"/article/{story.article.code}/").status_code == 200
    with django_assert_max_num_queries(STORY_QUERY_CEILING):
        assert client.get("/article/HEN20990101999900/").status_code == 404


def test_earlier_version_page_points_to_the_newest(client, story):
    follow_up(story, headline="City opens its 30th library branch")
    page = client.get(f"/article/{story.article.code}/v0/").content.decode()
    assert "earlier version" in page
    assert "(LEAD) City opens its 30th library branch" in page


def test_public_pages_list_only_live_stories(client, story, section):
    draft(section, slug="Hidden", headline="CANARY-LISTING draft")
    for url in ["/", "/section/national/", "/keyword/libraries/", "/writer/han-seo-yeon/"]:
        page = client.get(url)
        assert page.status_code == 200, url
        assert b"City opens a new library branch" in page.content, url
        assert b"CANARY-LISTING" not in page.content, url


def test_escaping_of_headline(client, section):
    published(section, headline='"><script>alert(1)</script>')
    page = client.get("/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_section_pages_page_newest_first_without_counting(
    client, section, django_assert_max_num_queries
):
    for i in range(21):
        published(section, slug=f"S{i}", headline=f"Numbered story {i:02d}")
    with django_assert_max_num_queries(7):
        first = client.get("/section/national/").content.decode()
    assert first.count("Numbered story") == 20
    assert 'rel="next" href="?page=2"' in first and "Page 1<" in first
    second = client.get("/section/national/?page=2").content.decode()
    assert second.count("Numbered story") == 1 and 'rel="prev"' in second
    assert client.get("/section/national/?page=3").status_code == 404  # past the end
    for hostile in ("0", "-1", "abc", "99999999999999999999"):
        assert client.get(f"/section/national/?page={hostile}").status_code == 404
