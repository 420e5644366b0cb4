"""Every public page type: what it shows, agency style, and what it points to."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from articles.models import Keyword, Section, VersionKind
from tests.conftest import draft, follow_up, make_user, published
from tests.reader.conftest import make_photo, story

SEOUL_MORNING = dt.datetime(2026, 1, 5, 4, 44, tzinfo=dt.UTC)  # 13:44 in Seoul


def card_titles(html: str) -> list[str]:
    """The headlines of a listing's cards, as readers read them (label included)."""
    found = re.findall(r'class="card-headline" href="[^"]+">(.*?)</a>', html, re.S)
    return [re.sub(r"<[^>]+>", "", title) for title in found]


def headings(html: str) -> list[str]:
    return re.findall(r"<h1[ >]", html)


@pytest.fixture
def sports(db) -> Section:
    return Section.objects.create(name="Sports", slug="sports", order=5)


# --- front page and listings --------------------------------------------------------------


def test_front_page_puts_the_desks_top_stories_first_in_their_order(client, section, sports):
    second = published(section, slug="Second", headline="Second top story")
    first = published(sports, slug="First", headline="First top story")
    plain = published(section, slug="Plain", headline="A plain national story")
    for version, order in [(first, 1), (second, 2)]:
        version.article.top_order = order
        version.article.save(update_fields=["top_order"])

    html = client.get("/").content.decode()
    top = html[html.index("Top stories") : html.index('class="section-grid"')]
    assert top.index("First top story") < top.index("Second top story")
    assert "A plain national story" not in top
    national = html[html.index('id="s-national"') :]
    assert "A plain national story" in national
    assert "Second top story" not in national  # shown once, among the top stories
    assert plain.article.get_absolute_url() in html
    assert len(headings(html)) == 1


def test_front_page_shows_the_latest_few_of_each_section(client, section, sports):
    for i in range(6):
        published(section, slug=f"N{i}", headline=f"National item {i}")
    published(sports, slug="S0", headline="Sports item 0")
    html = client.get("/").content.decode()
    national = html[html.index('id="s-national"') : html.index('id="s-sports"')]
    assert national.count('class="card"') == 4
    assert "Sports item 0" in html


def test_section_page_lists_live_stories_newest_first_with_its_feeds(client, section):
    older = published(section, slug="Old", headline="Older story")
    newer = published(section, slug="New", headline="Newer story", at=timezone.now())
    html = client.get("/section/national/").content.decode()
    assert html.index(newer.headline) < html.index(older.headline)
    assert 'href="/section/national/feed/"' in html
    assert 'href="/section/national/feed/atom/"' in html
    assert 'aria-current="page"' in html  # the section is marked in the header's nav


def test_keyword_and_writer_pages_list_their_stories(client, section, writer):
    version = story(section, keywords=1, writers=0)
    keyword = version.article.keywords.get()
    other = published(section, slug="Other", headline="Unrelated story")
    page = client.get(keyword.get_absolute_url()).content.decode()
    assert version.display_headline in page
    assert other.headline not in page

    bylined = draft(section, slug="Bylined", headline="A bylined story")
    bylined.bylines.create(writer=writer)
    bylined.publish(by=None, at=timezone.now() - dt.timedelta(minutes=1))
    page = client.get(writer.get_absolute_url()).content.decode()
    assert "A bylined story" in page and writer.name_ko in page
    assert other.headline not in page


def test_listings_paginate_and_keep_their_filters(client, section):
    for i in range(25):
        published(section, slug=f"Ferry-{i}", headline=f"Ferry timetable {i}")
    page = client.get("/search/?q=ferry&section=national").content.decode()
    assert 'href="?q=ferry&amp;section=national&amp;page=2"' in page
    second = client.get("/search/?q=ferry&section=national&page=2").content.decode()
    assert second.count('class="card"') == 5
    assert 'href="?q=ferry&amp;section=national&amp;page=1"' in second
    assert client.get("/section/national/?page=2").status_code == 200
    # A page that is not there answers 404, never an empty listing.
    for page in ["3", "not-a-number", "0", "-1"]:
        assert client.get(f"/section/national/?page={page}").status_code == 404, page
        assert client.get(f"/search/?q=ferry&page={page}").status_code == 404, page


def test_unknown_section_keyword_and_writer_are_404(client, db):
    for url in ["/section/nope/", "/keyword/nope/", "/writer/nope/"]:
        page = client.get(url)
        assert page.status_code == 404, url
        assert b"Page not found" in page.content


# --- the story page -----------------------------------------------------------------------


def test_story_page_shows_everything_an_agency_page_shows(client, section, sports):
    version = story(
        section,
        headline="Harbor reopens after the storm",
        deck="Ferries run again from noon",
        photos=2,
        keywords=2,
        writers=2,
        signoff="desk@hanbit.example",
        at=SEOUL_MORNING,
    )
    # Related stories are of their time: within RELATED_WINDOW of the story.
    related = published(
        sports,
        slug="Rel",
        headline="Related sports story",
        at=SEOUL_MORNING + dt.timedelta(hours=2),
    )
    related.article.keywords.add(version.article.keywords.first())
    html = client.get(version.article.get_absolute_url()).content.decode()

    assert "<h1>Harbor reopens after the storm</h1>" in html
    assert '<p class="deck">Ferries run again from noon</p>' in html
    assert '<a class="meta-section" href="/section/national/">National</a>' in html
    assert '<time datetime="2026-01-05T13:44:00+09:00">13:44 KST, January 5, 2026</time>' in html
    assert "Updated" not in html  # the first version
    assert html.count('<a href="/writer/writer-') == 2
    assert html.count('<figure class="photo') == 2
    assert "Boats return to the harbor on Jan. 5, 2026." in html
    assert '<span class="credit">(Hanbit)</span>' in html
    assert 'alt="Alt text' in html
    assert "BUSAN, Jan. 5 (Hanbit) -- The harbor reopened." in html
    assert '<p class="signoff">desk@hanbit.example</p>' in html
    assert '<p class="end">(END)</p>' in html
    assert html.count('href="/keyword/kw-') == 2
    assert "Related sports story" in html
    for service in ["Facebook", "X", "KakaoTalk", "Naver", "LINE", "E-mail", "Copy link"]:
        assert f">{service}</a>" in html, service
    assert f'href="/article/{version.article.code}/print/"' in html
    assert f'href="/article/{version.article.code}/history/"' in html
    assert "/edit/" not in html and "/admin/" not in html
    assert len(headings(html)) == 1
    assert "<script>" not in html  # no inline script: only the static file and JSON-LD
    assert re.findall(r"<script[^>]*>", html) == [
        '<script type="application/ld+json">',
        '<script src="/static/js/site.js" defer>',
    ]


def test_an_update_shows_its_updated_time_and_label(client, section):
    first = story(section, at=SEOUL_MORNING)
    follow_up(first, at=SEOUL_MORNING + dt.timedelta(hours=2), headline="Harbor fully open")
    html = client.get(first.article.get_absolute_url()).content.decode()
    assert "<h1>(LEAD) Harbor fully open</h1>" in html
    assert "13:44 KST, January 5, 2026" in html  # first published
    assert (
        'Updated <time datetime="2026-01-05T15:44:00+09:00">15:44 KST, January 5, 2026</time> '
        '<span class="version-label">(LEAD)</span>'
    ) in html


def test_a_correction_shows_its_note(client, section):
    first = story(section)
    follow_up(first, kind=VersionKind.CORRECTION, correction_note="Fixes the ferry count.")
    html = client.get(first.article.get_absolute_url()).content.decode()
    assert "(CORRECTED)" in html
    assert "<strong>Correction:</strong> Fixes the ferry count." in html


def test_a_roundup_lists_the_live_stories_folded_into_it(client, section, desk):
    roundup = story(section, slug="Cold-wave", headline="Cold wave grips the country")
    follow_up(roundup, kind=VersionKind.ROUNDUP, headline="Cold wave grips the country")
    folded = published(section, slug="Flights", headline="Winds ground flights")
    never_live = draft(section, slug="Hidden", headline="A folded draft")
    killed = published(section, slug="Killed", headline="A folded then killed story")
    for version in [folded, never_live, killed]:
        version.article.fold_into(roundup=roundup.article, by=desk)
    killed.article.kill(by=desk, note="Withdrawn.")

    html = client.get(roundup.article.get_absolute_url()).content.decode()
    includes = html[html.index("This roundup includes:") :]
    includes = includes[: includes.index("</section>")]
    assert f'<a href="{folded.article.get_absolute_url()}">Winds ground flights</a>' in includes
    assert "A folded draft" not in html and "A folded then killed story" not in html

    html = client.get(folded.article.get_absolute_url()).content.decode()
    assert (
        "This story has been folded into: "
        f'<a href="{roundup.article.get_absolute_url()}">(ROUNDUP) Cold wave grips the country</a>'
    ) in html


def test_related_stories_are_live_only(client, section):
    version = story(section, keywords=1)
    published(section, slug="Rel", headline="A live neighbour")
    draft(section, slug="Drf", headline="A draft neighbour")
    gone = published(section, slug="Gone", headline="A killed neighbour")
    gone.article.kill(by=None, note="Withdrawn.")
    html = client.get(version.article.get_absolute_url()).content.decode()
    related = html[html.index("Related stories") :]
    assert "A live neighbour" in related
    assert "A draft neighbour" not in html and "A killed neighbour" not in html


def test_earlier_version_page_has_a_banner_and_points_canonical_to_the_story(client, section):
    first = story(section, headline="Harbor reopens", versions=2)
    code = first.article.code
    html = client.get(f"/article/{code}/v0/").content.decode()
    assert "<h1>Harbor reopens</h1>" in html
    assert "This is an earlier version of this story." in html
    assert "Read the latest version: (LEAD) Harbor reopens (update 1)" in html
    assert f'<link rel="canonical" href="http://testserver/article/{code}/">' in html
    assert "application/ld+json" not in html  # the story's data lives on the story URL
    # The newest version's own number answers with the story itself.
    newest = client.get(f"/article/{code}/v1/")
    assert newest.status_code == 302 and newest["Location"] == f"/article/{code}/"
    assert client.get(f"/article/{code}/v7/").status_code == 404


def test_history_lists_labels_times_and_correction_notes(client, section):
    first = story(section, headline="Harbor reopens", at=SEOUL_MORNING, internal_note="desk only")
    follow_up(
        first,
        kind=VersionKind.CORRECTION,
        correction_note="Fixes the ferry count.",
        at=SEOUL_MORNING + dt.timedelta(hours=1),
    )
    follow_up(first, publish=False, headline="Unpublished next version")
    html = client.get(f"/article/{first.article.code}/history/").content.decode()
    assert "2 published versions" in html
    assert "(CORRECTED)" in html and "First version" in html
    assert "13:44 KST, January 5, 2026" in html and "14:44 KST, January 5, 2026" in html
    assert "Fixes the ferry count." in html
    assert f'href="/article/{first.article.code}/v0/"' in html
    assert "Unpublished next version" not in html and "desk only" not in html
    assert len(headings(html)) == 1


def test_print_view_has_the_story_without_the_site_chrome(client, section):
    version = story(section, photos=1, headline="Harbor reopens")
    code = version.article.code
    html = client.get(f"/article/{code}/print/").content.decode()
    assert "<h1>Harbor reopens</h1>" in html and "(END)" in html
    assert '<figure class="photo' in html
    assert "Share this story" not in html and 'class="sections"' not in html
    assert '<meta name="robots" content="noindex">' in html
    assert f'<link rel="canonical" href="http://testserver/article/{code}/">' in html
    assert "data-print hidden" in html  # the Print button appears only with JavaScript


def test_a_killed_story_is_410_with_its_note_on_every_story_url(client, section):
    version = story(section, versions=2, headline="Harbor reopens")
    version.article.kill(by=None, note="Withdrawn: the harbor stayed closed.")
    code = version.article.code
    for url in [f"/article/{code}/", f"/article/{code}/v0/", f"/article/{code}/history/"]:
        page = client.get(url)
        assert page.status_code == 410, url
        html = page.content.decode()
        assert "This story has been withdrawn" in html
        assert "Withdrawn: the harbor stayed closed." in html
        assert "Harbor reopens" not in html
    assert client.get(f"/article/{code}/print/").status_code == 410


def test_a_missing_page_uses_the_sites_404(client, db):
    page = client.get("/no/such/page/")
    assert page.status_code == 404
    html = page.content.decode()
    assert "<h1>Page not found</h1>" in html
    assert 'aria-label="Sections"' in html


# --- staff: a separate, uncached way to the desk ------------------------------------------


def test_edit_link_sends_staff_to_the_admin_and_readers_to_log_in(client, section):
    version = story(section)
    url = f"/article/{version.article.code}/edit/"
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    client.force_login(make_user("editor", "Desk editor"))
    staff = client.get(url)
    assert staff.status_code == 302
    assert staff["Location"] == f"/admin/articles/article/{version.article.pk}/change/"
    assert "no-store" in staff["Cache-Control"] and "private" in staff["Cache-Control"]


# --- the desk's preview renders the same template -------------------------------------------


def test_story_template_renders_a_preview_of_a_draft_with_a_banner_and_no_sharing(section):
    version = draft(section, headline="Harbor may reopen", deck="A draft deck")
    version.captions.create(photo=make_photo(1), text="A draft caption.")
    request = RequestFactory().get("/preview/")
    html = render_to_string(
        "articles/story.html",
        {
            "version": version,
            "article": version.article,
            "first_published_at": None,
            "preview": True,
        },
        request=request,
    )
    assert "PREVIEW — not published" in html
    assert "<h1>Harbor may reopen</h1>" in html and "A draft caption." in html
    assert "Share this story" not in html and "facebook.com" not in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "application/ld+json" not in html and "og:title" not in html
    assert "(END)" in html


def test_story_template_renders_for_a_version_without_keywords_or_photos(section):
    version = published(section, headline="Plain", body="")
    html = render_to_string(
        "articles/story.html",
        {"version": version, "article": version.article, "first_published_at": None},
        request=RequestFactory().get("/"),
    )
    assert "<h1>Plain</h1>" in html and "Keywords" not in html
    assert Keyword.objects.count() == 0


def test_related_stories_rank_shared_keywords_then_section_within_days(client, section, sports):
    from articles.models import Keyword

    world = Section.objects.create(name="World", slug="world", order=7)
    main = story(section, slug="Main", headline="Harbor reopens", at=SEOUL_MORNING)
    k1 = Keyword.objects.create(name="Harbor", slug="harbor")
    k2 = Keyword.objects.create(name="Storms", slug="storms")
    main.article.keywords.add(k1, k2)
    hour = dt.timedelta(hours=1)

    def other(sec, slug, headline, at, *keywords):
        version = published(sec, slug=slug, headline=headline, at=at)
        version.article.keywords.add(*keywords)

    other(sports, "Both", "Shares both keywords", SEOUL_MORNING - 2 * hour, k1, k2)
    other(sports, "One", "Shares one keyword", SEOUL_MORNING + hour, k1)
    other(section, "Same", "Same section only", SEOUL_MORNING + 2 * hour)
    other(section, "Late", "Shares a keyword days later", SEOUL_MORNING + 5 * 24 * hour, k1)
    other(world, "Else", "Unrelated world story", SEOUL_MORNING)
    html = client.get(main.article.get_absolute_url()).content.decode()
    related = html[html.index('id="related-h"') :]
    titles = card_titles(related)
    assert titles == ["Shares both keywords", "Shares one keyword", "Same section only"]


def test_listing_cards_show_thumbnail_label_headline_summary_and_zoned_time(client, section):
    first = story(
        section,
        slug="Cards",
        headline="Harbor reopens",
        photos=1,
        keywords=1,
        writers=1,
        at=SEOUL_MORNING,
        body="BUSAN's harbor reopened on Jan. 5 after the storm. Ferries resumed.\n\nMore.",
    )
    lead = follow_up(first, at=SEOUL_MORNING + dt.timedelta(hours=1), headline="Harbor open")
    published(section, slug="Decked", headline="With a deck", deck="The deck wins.")
    keyword = lead.article.keywords.get()
    writer = lead.bylines.get().writer
    for url in [
        "/section/national/",
        keyword.get_absolute_url(),
        writer.get_absolute_url(),
        "/search/?q=harbor",
        "/search/?section=national",
    ]:
        html = client.get(url).content.decode()
        card = next(c for c in html.split('<li class="card">')[1:] if "Harbor open" in c)
        assert 'class="card-thumb"' in card, url
        assert '<span class="card-label">(LEAD)</span> Harbor open</a>' in html, url
        # The first sentence, not cut at "Jan." (search shows its snippet instead).
        if "q=" not in url:
            first_sentence = "BUSAN&#x27;s harbor reopened on Jan. 5 after the storm."
            assert f'<p class="card-summary">{first_sentence}</p>' in html, url
            if "section" in url:
                assert '<p class="card-summary">The deck wins.</p>' in html, url
        assert ">14:44 KST, January 5, 2026</time>" in html, url


def test_a_folded_story_leaves_the_front_page_to_its_roundup(client, section, desk):
    roundup = story(section, slug="Cold-wave", headline="Cold wave grips the country")
    roundup = follow_up(roundup, kind=VersionKind.ROUNDUP)
    folded = published(section, slug="Flights", headline="Winds ground flights")
    html = client.get("/").content.decode()
    assert "Winds ground flights" in html
    folded.article.fold_into(roundup=roundup.article, by=desk)
    html = client.get("/").content.decode()
    assert "Winds ground flights" not in html
    assert "Cold wave grips the country" in html
    # Folded into a roundup readers cannot see (killed): the story stays.
    roundup.article.kill(by=desk, note="Withdrawn.")
    assert "Winds ground flights" in client.get("/").content.decode()


def test_an_impossible_date_range_says_so(client, section):
    published(section, headline="Any story")
    response = client.get("/search/?since=2026-02-01&until=2026-01-01")
    assert response.status_code == 400
    html = response.content.decode()
    assert "This date is before the “From” date" in html
    assert 'role="alert"' in html


def test_a_tall_lead_photo_is_framed_and_its_full_image_is_one_tap_away(client, section):
    from articles.models import Caption

    version = draft(section, slug="Tall", headline="Climber reaches the summit")
    tall = make_photo(77)
    for size in tall.renditions["sizes"]:  # portrait: 2 x 3
        size["height"] = size["width"] * 3 // 2
    tall.save()
    Caption.objects.create(version=version, photo=tall, after_paragraph=0, text="At the top.")
    Caption.objects.create(version=version, photo=make_photo(78), after_paragraph=1, text="Camp.")
    version.publish(by=None, at=timezone.now() - dt.timedelta(minutes=1))
    html = client.get(version.article.get_absolute_url()).content.decode()
    assert '<figure class="photo photo-lead photo-tall">' in html
    assert '<figure class="photo">' in html  # the landscape photo further down
    widest = tall.renditions["sizes"][-1]["jpeg"]
    assert f'<a class="photo-frame" href="/media/{widest}">' in html
    assert "(Hanbit)" in html  # captions keep their credits


def test_a_version_permalinks_print_and_copy_link_act_on_that_version(client, section):
    first = story(section, headline="Harbor reopens", versions=2)
    code = first.article.code
    html = client.get(f"/article/{code}/v0/").content.decode()
    assert f'href="/article/{code}/v0/print/" rel="nofollow">Print view</a>' in html
    assert f'<a class="share-copy" href="http://testserver/article/{code}/v0/"' in html
    assert f"http%3A%2F%2Ftestserver%2Farticle%2F{code}%2Fv0%2F" in html  # share targets
    printed = client.get(f"/article/{code}/v0/print/").content.decode()
    assert "<h1>Harbor reopens</h1>" in printed
    assert "An earlier version of this story." in printed
    assert f'<p class="print-url">http://testserver/article/{code}/v0/</p>' in printed
    assert f'<link rel="canonical" href="http://testserver/article/{code}/">' in printed
    # The newest version's number is the story's own print view; no such version is 404.
    newest = client.get(f"/article/{code}/v1/print/")
    assert newest.status_code == 302 and newest["Location"] == f"/article/{code}/print/"
    assert client.get(f"/article/{code}/v7/print/").status_code == 404
    # The story page itself shares and prints the story.
    html = client.get(f"/article/{code}/").content.decode()
    assert f'<a class="share-copy" href="http://testserver/article/{code}/"' in html
    assert f'href="/article/{code}/print/" rel="nofollow">Print view</a>' in html
