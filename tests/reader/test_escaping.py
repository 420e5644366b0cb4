"""Every text field, in every public template, comes out escaped: an attribute-breakout
payload in the headline, deck, caption, credit, writer name, keyword, section, body,
correction and kill notes never reaches a page, feed or sitemap as markup."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from defusedxml import ElementTree
from django.utils import timezone
from django.utils.html import escape

from articles.models import Keyword, Section, VersionKind, Writer
from tests.conftest import draft, follow_up
from tests.reader.conftest import PAYLOAD, make_photo

RAW = "<img src=x onerror=alert(1)>"
RSS_NS = {"atom": "http://www.w3.org/2005/Atom"}


@pytest.fixture
def hostile(db):
    """A live story with the payload in every text field a reader sees, plus a killed one."""
    section = Section.objects.create(name=f"Sec {PAYLOAD}", slug="sec", order=1)
    writer = Writer.objects.create(name=f"Writer {PAYLOAD}", name_ko=PAYLOAD, slug="w")
    keyword = Keyword.objects.create(name=f"Kw {PAYLOAD}", slug="kw")
    photo = make_photo(1, credit=f"Credit {PAYLOAD}", alt_text=f"Alt {PAYLOAD}")
    version = draft(
        section,
        slug="Payload",
        headline=f"Head {PAYLOAD}",
        deck=f"Deck {PAYLOAD}",
        body=f"Body {PAYLOAD}\n\nMore {PAYLOAD}",
        dateline_place=f"SEOUL {PAYLOAD}",
        dateline_date=dt.date(2026, 1, 5),
    )
    version.bylines.create(writer=writer)
    version.captions.create(photo=photo, text=f"Caption {PAYLOAD}", alt_text=f"Alt {PAYLOAD}")
    version.article.keywords.add(keyword)
    version.publish(by=None, at=timezone.now() - dt.timedelta(hours=2))
    follow_up(version, publish=False)  # (keeps the captions and byline)
    corrected = version.article.versions.get(number=1)
    corrected.kind = VersionKind.CORRECTION
    corrected.correction_note = f"Note {PAYLOAD}"
    corrected.save()
    corrected.publish(by=None, at=timezone.now() - dt.timedelta(hours=1))

    gone = draft(section, slug="Gone", headline="Gone story")
    gone.publish(by=None, at=timezone.now() - dt.timedelta(hours=1))
    gone.article.kill(by=None, note=f"Kill {PAYLOAD}")
    return {"article": version.article, "killed": gone.article, "writer": writer}


def page_urls(hostile) -> list[str]:
    code = hostile["article"].code
    return [
        "/",
        "/section/sec/",
        "/keyword/kw/",
        "/writer/w/",
        "/search/?q=head",
        f"/search/?q={PAYLOAD}",
        f"/search/?keyword={PAYLOAD}",
        f"/article/{code}/",
        f"/article/{code}/v0/",
        f"/article/{code}/history/",
        f"/article/{code}/print/",
        hostile["killed"].get_absolute_url(),
    ]


def test_no_page_carries_the_payload_as_markup(client, hostile):
    for url in page_urls(hostile):
        response = client.get(url)
        assert response.status_code in (200, 410), url
        html = response.content.decode()
        assert RAW not in html, url
        assert PAYLOAD not in html, url
        assert "<img src=x" not in html, url


def test_the_payload_is_shown_as_text_where_each_field_appears(client, hostile):
    code = hostile["article"].code
    story = client.get(f"/article/{code}/").content.decode()
    shown = escape(PAYLOAD)
    for field in ["Head", "Deck", "Body", "Caption", "Credit", "Writer", "Kw", "Note"]:
        assert f"{field} {shown}" in story, field
    assert f'alt="Alt {shown}"' in story
    assert f'content="(CORRECTED) Head {shown}"' in story  # Open Graph / Twitter
    assert f"Sec {shown}" in story
    assert f"Kill {shown}" in client.get(hostile["killed"].get_absolute_url()).content.decode()
    assert f"Writer {shown}" in client.get("/writer/w/").content.decode()


def test_json_ld_keeps_the_payload_as_data_and_cannot_close_its_script(client, hostile):
    html = client.get(hostile["article"].get_absolute_url()).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    assert "<" not in blocks[0] and ">" not in blocks[0]
    data = json.loads(blocks[0])
    assert data["headline"] == f"(CORRECTED) Head {PAYLOAD}"
    assert data["author"][0]["name"] == f"Writer {PAYLOAD}"
    assert data["keywords"] == [f"Kw {PAYLOAD}"]


@pytest.mark.parametrize("url", ["/feed/", "/section/sec/feed/"])
def test_rss_titles_are_escaped_text(client, hostile, url):
    body = client.get(url).content
    assert RAW.encode() not in body
    item = ElementTree.fromstring(body).find("channel/item")
    # Escaped once, by the XML writer: the parsed text is the headline itself.
    assert item.findtext("title") == f"(CORRECTED) Head {PAYLOAD}"
    assert item.findtext("description") == f"Deck {PAYLOAD}"


def test_atom_titles_are_plain_text(client, hostile):
    body = client.get("/feed/atom/").content
    assert RAW.encode() not in body
    entry = ElementTree.fromstring(body).find("atom:entry", RSS_NS)
    assert entry.findtext("atom:title", namespaces=RSS_NS) == f"(CORRECTED) Head {PAYLOAD}"


def test_news_sitemap_titles_are_escaped_text(client, hostile):
    body = client.get("/news-sitemap.xml").content
    assert RAW.encode() not in body
    ns = {"news": "http://www.google.com/schemas/sitemap-news/0.9"}
    titles = [t.text for t in ElementTree.fromstring(body).iter(f"{{{ns['news']}}}title")]
    assert titles == [f"(CORRECTED) Head {PAYLOAD}"]
