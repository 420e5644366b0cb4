"""Feeds, sitemaps, robots.txt and the story's machine-readable metadata."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from defusedxml import ElementTree
from django.utils import timezone

from articles.models import Section
from tests.conftest import draft, follow_up, published
from tests.reader.conftest import story

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@pytest.fixture
def sports(db) -> Section:
    return Section.objects.create(name="Sports", slug="sports", order=2)


@pytest.fixture
def newsroom(db, section, sports):
    """Two live stories (one updated), one old, one in sports, and the non-live kinds."""
    harbor = story(section, slug="Harbor", headline="Harbor reopens", photos=1, writers=1)
    lead = follow_up(harbor, headline="Harbor fully reopens")
    old = published(
        section, slug="Old", headline="Old story", at=timezone.now() - dt.timedelta(days=5)
    )
    match = published(sports, slug="Match", headline="Home side wins")
    draft(section, slug="Drafted", headline="A draft story")
    scheduled = draft(section, slug="Later", headline="A scheduled story")
    scheduled.publish(by=None, at=timezone.now() + dt.timedelta(hours=1))
    killed = published(section, slug="Killed", headline="A killed story")
    killed.article.kill(by=None, note="Withdrawn.")
    return {"lead": lead, "old": old, "match": match, "killed": killed}


def test_rss_lists_live_stories_by_their_newest_headline(client, newsroom):
    response = client.get("/feed/")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(response.content).find("channel")
    items = channel.findall("item")
    titles = [i.findtext("title") for i in items]
    assert titles[0] == "(LEAD) Harbor fully reopens"  # newest first
    assert set(titles) == {"(LEAD) Harbor fully reopens", "Old story", "Home side wins"}
    lead = newsroom["lead"]
    item = items[titles.index("(LEAD) Harbor fully reopens")]
    url = f"http://testserver{lead.article.get_absolute_url()}"
    assert item.findtext("link") == url and item.findtext("guid") == url
    assert [c.text for c in item.findall("category")][0] == "National"
    assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") or item.findtext("author")


def test_section_feeds_hold_only_their_section(client, newsroom):
    channel = ElementTree.fromstring(client.get("/section/sports/feed/").content).find("channel")
    assert [i.findtext("title") for i in channel.findall("item")] == ["Home side wins"]
    atom = ElementTree.fromstring(client.get("/section/sports/feed/atom/").content)
    assert [e.findtext(f"{ATOM}title") for e in atom.findall(f"{ATOM}entry")] == ["Home side wins"]
    assert client.get("/section/nope/feed/").status_code == 404


def test_atom_feed_is_valid_and_live_only(client, newsroom):
    feed = ElementTree.fromstring(client.get("/feed/atom/").content)
    assert feed.tag == f"{ATOM}feed"
    titles = {e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")}
    assert titles == {"(LEAD) Harbor fully reopens", "Old story", "Home side wins"}
    entry = feed.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}updated") and entry.findtext(f"{ATOM}published")


def test_sitemap_lists_live_articles_with_their_newest_version_time(client, newsroom):
    response = client.get("/sitemap.xml")
    urlset = ElementTree.fromstring(response.content)
    entries = {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod") for u in urlset}
    lead = newsroom["lead"]
    url = f"http://testserver{lead.article.get_absolute_url()}"
    assert entries[url] == timezone.localtime(lead.publish_at).isoformat()
    stories = [u for u in entries if "/article/" in u]
    assert len(stories) == 3
    assert newsroom["killed"].article.code not in response.content.decode()
    assert "http://testserver/section/sports/" in entries and "http://testserver/" in entries


def test_news_sitemap_holds_the_last_48_hours(client, newsroom):
    urlset = ElementTree.fromstring(client.get("/news-sitemap.xml").content)
    news = {u.findtext(f"{SITEMAP}loc"): u.find(f"{NEWS}news") for u in urlset}
    assert len(news) == 2  # the 5-day-old story is out
    lead = newsroom["lead"]
    item = news[f"http://testserver{lead.article.get_absolute_url()}"]
    assert item.findtext(f"{NEWS}publication/{NEWS}name") == "Hanbit News Agency"
    assert item.findtext(f"{NEWS}publication/{NEWS}language") == "en"
    assert item.findtext(f"{NEWS}title") == "(LEAD) Harbor fully reopens"
    first = lead.article.versions.get(number=0).publish_at
    assert item.findtext(f"{NEWS}publication_date") == timezone.localtime(first).isoformat()


def test_robots_txt_points_at_the_sitemaps_and_keeps_crawlers_out_of_private_paths(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text and "Disallow: /preview/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Sitemap: http://testserver/news-sitemap.xml" in text


def test_story_carries_news_article_json_ld(client, newsroom):
    lead = newsroom["lead"]
    html = client.get(lead.article.get_absolute_url()).content.decode()
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block)
    first = lead.article.versions.get(number=0).publish_at
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "(LEAD) Harbor fully reopens"
    assert data["datePublished"] == timezone.localtime(first).isoformat()
    assert data["dateModified"] == timezone.localtime(lead.publish_at).isoformat()
    assert data["author"][0]["@type"] == "Person"
    assert data["author"][0]["url"].startswith("http://testserver/writer/")
    assert data["image"] and data["image"][0].startswith("http://testserver/media/")
    assert data["publisher"] == {
        "@type": "NewsMediaOrganization",
        "name": "Hanbit News Agency",
        "url": "http://testserver/",
        "logo": {
            "@type": "ImageObject",
            "url": "http://testserver/static/img/publisher-logo.png",
            "width": 284,
            "height": 60,
        },
    }
    assert data["mainEntityOfPage"] == f"http://testserver{lead.article.get_absolute_url()}"


def test_story_has_open_graph_twitter_and_canonical_tags(client, newsroom):
    lead = newsroom["lead"]
    url = f"http://testserver{lead.article.get_absolute_url()}"
    html = client.get(lead.article.get_absolute_url()).content.decode()
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta property="og:title" content="(LEAD) Harbor fully reopens">' in html
    assert '<meta property="og:type" content="article">' in html
    image = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert image.startswith("http://testserver/media/photos/") and image.endswith("w1280.jpg")
    assert '<meta property="og:image:width" content="1280">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert f'<meta name="twitter:image" content="{image}">' in html


def test_a_story_without_photos_shares_a_generated_card(client, newsroom):
    match = newsroom["match"]
    html = client.get(match.article.get_absolute_url()).content.decode()
    card = f"http://testserver/article/{match.article.code}/v0/card.png"
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert f'<meta property="og:image" content="{card}">' in html
    assert '<meta property="og:image:width" content="1200">' in html
    assert '<meta property="og:image:height" content="630">' in html
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert json.loads(block)["image"] == [card]


def test_the_share_card_is_drawn_once_and_kept_as_a_file(client, newsroom, settings):
    from PIL import Image

    match = newsroom["match"]
    url = f"/article/{match.article.code}/v0/card.png"
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    data = b"".join(response.streaming_content)
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (1200, 630)
    kept = Path(settings.NEWSROOM_SHARE_CARDS_ROOT) / f"{match.article.code}-v0.png"
    assert kept.read_bytes() == data
    kept.write_bytes(b"kept")  # a second request reads the file, draws nothing
    assert b"".join(client.get(url).streaming_content) == b"kept"


def test_no_card_exists_for_unpublished_copy(client, newsroom, section, settings):
    later = draft(section, slug="Card-later", headline="A scheduled story")
    later.publish(by=None, at=timezone.now() + dt.timedelta(hours=1))
    drafted = draft(section, slug="Card-draft", headline="A draft")
    killed = newsroom["killed"]
    for version in (later, drafted, killed):
        url = f"/article/{version.article.code}/v{version.number}/card.png"
        assert client.get(url).status_code == 404, url
    assert client.get(f"/article/{newsroom['match'].article.code}/v9/card.png").status_code == 404
    root = Path(settings.NEWSROOM_SHARE_CARDS_ROOT)
    assert not root.exists() or not list(root.iterdir())


def test_every_page_offers_the_site_feeds(client, newsroom):
    html = client.get("/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert '<link rel="alternate" type="application/atom+xml"' in html


def test_rss_titles_and_summaries_are_escaped_once_like_atom(client, section):
    """An apostrophe arrives as an apostrophe, not as "Season&#x27;s" (escaped twice)."""
    published(
        section,
        slug="Season",
        headline="Season's first snow & ice",
        deck="Drivers' warning: roads <closed>",
    )
    rss = client.get("/feed/").content
    assert b"&amp;#x27;" not in rss and b"&amp;amp;" not in rss and b"&amp;lt;" not in rss
    item = ElementTree.fromstring(rss).find("channel/item")
    assert item.findtext("title") == "Season's first snow & ice"
    assert item.findtext("description") == "Drivers' warning: roads <closed>"
    atom = ElementTree.fromstring(client.get("/feed/atom/").content)
    entry = atom.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == item.findtext("title")
