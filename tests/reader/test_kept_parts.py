"""Parts of pages rendered once per published version (reader.fragments): a page that
misses the page cache reads neither bylines nor captions again, and nothing a part shows
besides its version (writers, photos, keywords, section, the site's address) goes stale."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Keyword
from tests.reader.conftest import story


@pytest.fixture
def lead(db, section):
    return story(section, photos=2, keywords=2, writers=2)


def page(client, version, **extra) -> tuple[str, list[str]]:
    """The story page as a reader gets it after the page cache moved on."""
    return page_of(client, version.article.get_absolute_url(), **extra)


def page_of(client, url: str, **extra) -> tuple[str, list[str]]:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in queries.captured_queries]


def test_a_published_story_is_rendered_once_and_served_from_its_parts(client, lead):
    first, first_queries = page(client, lead)
    again, queries = page(client, lead)
    assert again == first
    # The story with its freshness, then what it shows beside it; the sections and the
    # next scheduled time are remembered until they change (reader.freshness).
    assert len(queries) == 2 < len(first_queries)
    reads = ('SELECT "articles_versionwriter"', 'SELECT "articles_caption"', 'SELECT ("articles_')
    assert not any(sql.startswith(reads) for sql in queries)
    assert "Writer " in again and 'class="photo' in again and "#Keyword" in again


def test_a_renamed_writer_shows_at_once(client, lead):
    page(client, lead)
    writer = lead.bylines.order_by("position").first().writer
    writer.name = "Kim Renamed"
    writer.save()
    html, _ = page(client, lead)
    assert "Kim Renamed" in html


def test_a_photo_credit_edited_shows_at_once(client, lead):
    page(client, lead)
    photo = lead.captions.order_by("order").first().photo
    photo.credit = "Newly credited"
    photo.save()
    html, _ = page(client, lead)
    assert "Newly credited" in html


def test_keywords_and_the_section_name_edited_show_at_once(client, lead, section):
    page(client, lead)
    lead.article.keywords.add(Keyword.objects.create(name="Typhoon", slug="typhoon"))
    section.name = "Nation"
    section.save()
    html, _ = page(client, lead)
    assert "#Typhoon" in html and 'content="Typhoon"' in html
    assert 'content="Nation"' in html


def test_each_site_address_has_parts_of_its_own(client, lead, settings):
    settings.ALLOWED_HOSTS = ["news.example", "mirror.example"]
    page(client, lead, HTTP_HOST="news.example")
    html, _ = page(client, lead, HTTP_HOST="mirror.example")
    assert "http://mirror.example/" in html and "news.example" not in html


def test_an_earlier_version_is_rendered_afresh(client, section):
    version = story(section, writers=1, versions=2)
    earlier = f"{version.article.get_absolute_url()}v0/"
    cache.clear()
    first = client.get(earlier).content
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(earlier).content == first
    assert any(
        q["sql"].startswith('SELECT "articles_versionwriter"') for q in queries.captured_queries
    )


def test_a_section_renamed_shows_in_the_menu_of_every_page_at_once(client, lead, section):
    """The sections are read once per process until one is edited; the edit moves the
    page cache on too, so no cached page keeps the old menu."""
    client.get("/")
    section.name = "Homeland"
    section.save()
    for url in ("/", lead.article.get_absolute_url()):
        assert ">Homeland<" in client.get(url).content.decode()


@pytest.mark.parametrize("where", ["section", "front"])
def test_a_listing_of_kept_cards_reads_no_text_nor_captions_and_a_photo_edit_shows(
    client, section, where
):
    stories = [story(section, slug=f"S{n}", headline=f"Story {n}", photos=1) for n in range(3)]
    url = section.get_absolute_url() if where == "section" else "/"
    first, _ = page_of(client, url)
    again, queries = page_of(client, url)
    assert again == first and first.count('class="card-thumb"') == 3
    assert not any(sql.startswith('SELECT "articles_caption"') for sql in queries)
    # Only the cards' keys: neither text nor headline is read for a card already written.
    assert not any('"articles_version"."body"' in sql for sql in queries)
    assert not any('"articles_version"."headline"' in sql for sql in queries)
    photo = stories[0].captions.get().photo
    photo.renditions["thumb"]["jpeg"] = "photos/r/edited/thumb.jpg"
    photo.save()
    html, _ = page_of(client, url)
    assert "photos/r/edited/thumb.jpg" in html
