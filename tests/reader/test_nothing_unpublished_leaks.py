"""No text from a non-live state reaches any public response.

One newsroom holds a canary in every state readers must never see: drafts, submitted
versions, versions scheduled for later, killed articles, the internal notes of live and
superseded versions, advisories, and the photos of unpublished versions. Then every
public URL is fetched — pages, search with words and each filter, feeds, sitemaps,
robots.txt — and no canary may appear in any of them (JSON-LD included, being in pages).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from articles.models import Article, Keyword, RevisionTag, Section, Version, Writer
from tests.conftest import follow_up
from tests.reader.conftest import make_photo, story

CANARY = "CANARY"


@pytest.fixture
def newsroom(db, section):
    """Live stories around canaries in every state readers must not see."""
    Section.objects.create(name="Sports", slug="sports", order=2)
    shared = Keyword.objects.create(name="ferries", slug="ferries")
    writer = Writer.objects.create(name="Kim Open", slug="kim-open")

    def canary_story(slug: str, state: str, photo_number: int) -> Article:
        version = story(
            section,
            slug=slug,
            headline=f"{CANARY}-{state} headline ferry",
            deck=f"{CANARY}-{state} deck",
            body=f"{CANARY}-{state} body ferry.\n\nSecond {CANARY}-{state} paragraph.",
            publish=False,
            genre="feature",
        )
        version.captions.create(
            photo=make_photo(photo_number, folder=f"photos/r/{CANARY}-{state}"),
            text=f"{CANARY}-{state} caption",
        )
        version.bylines.create(writer=writer)
        version.article.keywords.add(shared)
        return version

    # Live: the story readers may see, with notes and an advisory that must stay inside.
    live = story(
        section,
        slug="Live",
        headline="Ferry service resumes",
        internal_note=f"{CANARY}-NOTE-v0",
        photos=1,
    )
    live.article.keywords.add(shared)
    lead = follow_up(live, headline="Ferry service resumes in full", internal_note="")
    # The live version's own internal note and advisory, set before it is published.
    lead_draft = follow_up(lead, publish=False, internal_note=f"{CANARY}-NOTE-v2")
    RevisionTag.objects.create(version=lead_draft, verb="UPDATES", object=f"{CANARY}-ATTN")
    lead_draft.publish(by=None, at=timezone.now() - dt.timedelta(seconds=30))
    # A newer draft of the live story.
    follow_up(lead_draft, publish=False, headline=f"{CANARY}-NEWER-DRAFT headline ferry")

    canary_story("Drafted", "DRAFT", 9001)
    canary_story("Submitted", "SUBMITTED", 9002).submit(by=None)
    scheduled = canary_story("Scheduled", "SCHEDULED", 9003)
    scheduled.publish(by=None, at=timezone.now() + dt.timedelta(hours=2))
    killed = canary_story("Killed", "KILLED", 9004)
    killed.publish(by=None, at=timezone.now() - dt.timedelta(hours=1))
    killed.article.kill(by=None, note="Withdrawn at the source's request.")
    # A live story whose scheduled update is not due yet.
    due_later = story(section, slug="Due-later", headline="Bus fares hold ferry")
    update = follow_up(due_later, publish=False, headline=f"{CANARY}-FUTURE-UPDATE ferry")
    update.publish(by=None, at=timezone.now() + dt.timedelta(hours=1))
    return {"live": live.article, "writer": writer, "keyword": shared}


TODAY = dt.date.today()


def public_urls(newsroom) -> list[str]:
    urls = ["/", "/robots.txt", "/sitemap.xml", "/news-sitemap.xml", "/feed/", "/feed/atom/"]
    for section in Section.objects.all():
        urls += [f"/section/{section.slug}/", f"/section/{section.slug}/feed/"]
        urls += [f"/section/{section.slug}/feed/atom/"]
    urls += [newsroom["keyword"].get_absolute_url(), newsroom["writer"].get_absolute_url()]
    for article in Article.objects.all():
        base = f"/article/{article.code}/"
        urls += [base, f"{base}{article.slug.lower()}/", f"{base}history/", f"{base}print/"]
        urls += [f"{base}v{n}/" for n in range(5)]
    searches = [
        "",
        "q=canary",
        "q=ferry",
        "q=CANARY-DRAFT",
        "section=national",
        "section=national&q=ferry",
        "writer=kim-open",
        "genre=feature",
        "genre=news",
        "keyword=ferries",
        "keyword=Ferries&q=canary",
        f"since={TODAY - dt.timedelta(days=3)}&until={TODAY + dt.timedelta(days=3)}",
        "q=ferry&page=2",
        "q=Kim+Open",  # a writer seen only on unpublished copy: no writer match
        "q=%22canary+draft%22",  # a phrase
        "q=ferry&sort=newest",
        "q=ferries",  # the keyword's name
    ]
    urls += [f"/search/?{query}" for query in searches]
    return urls


def test_no_canary_reaches_any_public_response(client, newsroom):
    urls = public_urls(newsroom)
    assert len(urls) > 60
    seen_live = False
    for url in urls:
        response = client.get(url, follow=True)
        # 400: a writer seen only on unpublished copy is no valid filter value.
        assert response.status_code in (200, 400, 404, 410), url
        body = response.content.decode()
        # Search echoes the words typed; only the typed words may come back, never text.
        echoed = body.replace("CANARY-DRAFT", "") if "q=CANARY-DRAFT" in url else body
        at = echoed.find(CANARY)
        assert at == -1, f"{url} leaks: {echoed[max(at - 80, 0) : at + 80]}"
        seen_live = seen_live or "Ferry service resumes in full" in body
    assert seen_live


def test_no_photo_of_an_unpublished_version_is_linked(client, newsroom):
    for url in public_urls(newsroom):
        assert b"photos/r/CANARY" not in client.get(url).content, url


def test_the_canaries_are_really_there_for_staff(newsroom):
    """Guard the test above: the canaries exist, so their absence means something."""
    texts = " ".join(
        f"{v.headline} {v.deck} {v.body} {v.internal_note} {v.advisory}"
        for v in Version.objects.all()
    )
    for state in ["DRAFT", "SUBMITTED", "SCHEDULED", "KILLED", "NOTE-v0", "NOTE-v2", "ATTN"]:
        assert f"{CANARY}-{state}" in texts, state
    assert "FUTURE-UPDATE" in texts and "NEWER-DRAFT" in texts


def test_writers_and_keywords_seen_only_on_unpublished_copy_are_not_public(client, section):
    """Only people and keywords with a live story are public: a writer or keyword that
    appears only on drafts, scheduled or killed stories has no page and no filter entry."""
    live = story(section, slug="Live", headline="Ferry service resumes", writers=1, keywords=1)
    public_writer = live.bylines.get().writer
    public_keyword = live.article.keywords.get()
    hidden = []
    for state in ["draft", "scheduled", "killed"]:
        version = story(section, slug=f"Only-{state}", writers=1, keywords=1, publish=False)
        if state == "scheduled":
            version.publish(by=None, at=timezone.now() + dt.timedelta(hours=1))
        if state == "killed":
            version.publish(by=None, at=timezone.now() - dt.timedelta(hours=1))
            version.article.kill(by=None, note="Withdrawn.")
        hidden.append((version.bylines.get().writer, version.article.keywords.get()))

    search = client.get("/search/").content.decode()
    assert f'value="{public_writer.slug}"' in search
    assert client.get(public_writer.get_absolute_url()).status_code == 200
    assert client.get(public_keyword.get_absolute_url()).status_code == 200
    for writer, keyword in hidden:
        assert writer.name not in search and f'value="{writer.slug}"' not in search
        assert client.get(writer.get_absolute_url()).status_code == 404, writer
        assert client.get(keyword.get_absolute_url()).status_code == 404, keyword
        assert client.get(f"/search/?writer={writer.slug}").status_code == 400


def test_no_share_card_or_rendition_is_served_for_unpublished_copy(client, newsroom):
    """Cards and photo files answer only for what readers can see."""
    for article in Article.objects.exclude(pk=newsroom["live"].pk):
        if article.slug == "Due-later":
            continue  # live; its scheduled update (v1) is checked below
        for n in range(3):
            assert client.get(f"/article/{article.code}/v{n}/card.png").status_code == 404
    due_later = Article.objects.get(slug="Due-later")
    assert client.get(f"/article/{due_later.code}/v1/card.png").status_code == 404
    assert client.get(f"/article/{due_later.code}/v0/card.png").status_code == 200
    for n in range(4):
        url = f"/article/{newsroom['live'].code}/v{n}/card.png"
        assert client.get(url).status_code == (200 if n < 3 else 404), url
    for folder in ["DRAFT", "SUBMITTED", "SCHEDULED", "KILLED"]:
        path = f"photos/r/{CANARY}-{folder}/w640.jpg"
        assert client.get(f"/media/{path}").status_code == 404, path
