"""Search: words in headline and body, filters, and hostile input that never widens the
results beyond live stories and never raises a server error."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Keyword, Section, Version, VersionQuerySet, Writer
from tests.conftest import draft, published


def found(client, query: str) -> list[str]:
    response = client.get(f"/search/?{query}")
    assert response.status_code == 200, (query, response.status_code)
    html = response.content.decode()
    found = re.findall(r'class="card-headline" href="[^"]+">(.*?)</a>', html, re.S)
    return [re.sub(r"<[^>]+>", "", title) for title in found]


@pytest.fixture
def desk_output(db, section):
    sports = Section.objects.create(name="Sports", slug="sports", order=2)
    kim = Writer.objects.create(name="Kim Ferry", slug="kim-ferry")
    ferries = Keyword.objects.create(name="Ferries", slug="ferries")
    week_ago = timezone.now() - dt.timedelta(days=7)

    repairs = published(section, slug="A", headline="Ferry service resumes after repairs")
    repairs.article.keywords.add(ferries)
    rowers = draft(sports, slug="B", headline="Rowers race across the bay", genre="feature")
    rowers.body = "Rowers raced the morning ferry across the bay."
    rowers.save()
    rowers.bylines.create(writer=kim)
    rowers.publish(by=None, at=timezone.now() - dt.timedelta(minutes=3))
    published(section, slug="C", headline="Fares frozen for a year", at=week_ago)
    draft(section, slug="D", headline="Ferry strike looms, says a draft")
    later = draft(section, slug="E", headline="Ferry timetable for the winter")
    later.publish(by=None, at=timezone.now() + dt.timedelta(hours=1))
    gone = published(section, slug="F", headline="Ferry sinks, says a killed story")
    gone.article.kill(by=None, note="Withdrawn.")
    return {"week_ago": week_ago}


def test_words_match_headline_and_body_and_every_word_must_match(client, desk_output):
    assert sorted(found(client, "q=ferry")) == [
        "(Hanbit Feature) Rowers race across the bay",
        "Ferry service resumes after repairs",
    ]
    assert found(client, "q=FERRY+repairs") == ["Ferry service resumes after repairs"]
    assert found(client, "q=ferry+nowhere") == []


def test_each_filter_narrows_the_live_stories(client, desk_output):
    assert found(client, "q=ferry&section=sports") == [
        "(Hanbit Feature) Rowers race across the bay"
    ]
    assert found(client, "writer=kim-ferry") == ["(Hanbit Feature) Rowers race across the bay"]
    assert found(client, "genre=feature") == ["(Hanbit Feature) Rowers race across the bay"]
    assert found(client, "keyword=ferries") == ["Ferry service resumes after repairs"]
    assert found(client, "keyword=FERRIES") == ["Ferry service resumes after repairs"]
    assert found(client, "keyword=no-such-keyword") == []
    week_ago = timezone.localdate(desk_output["week_ago"])
    assert found(client, f"until={week_ago}") == ["Fares frozen for a year"]
    since = week_ago + dt.timedelta(days=1)
    assert "Fares frozen for a year" not in found(client, f"since={since}")
    assert found(client, f"since={week_ago}&until={week_ago}") == ["Fares frozen for a year"]


def test_search_never_reaches_beyond_live_stories(client, desk_output):
    everything = found(client, "")
    assert len(everything) == 3
    for query in ["q=ferry", "q=draft", "q=killed", "q=winter", "q=says", "section=national"]:
        for title in found(client, query):
            assert "draft" not in title and "killed" not in title and "winter" not in title


@pytest.mark.parametrize(
    "query",
    [
        "section=no-such-section",
        "writer=no-such-writer",
        "genre=gossip",
        "since=yesterday",
        "until=2026-13-45",
        "since=99999-01-01",
        "q=ferry%00",
        "section=national&section=",
    ],
)
def test_invalid_parameters_answer_400_with_the_reason(client, desk_output, query):
    response = client.get(f"/search/?{query}")
    if query.endswith("section="):  # the last value wins: an empty filter is no filter
        assert response.status_code == 200
        return
    assert response.status_code == 400, query
    html = response.content.decode()
    assert 'class="field-error"' in html and 'role="alert"' in html
    assert "Ferry service resumes" not in html  # no results alongside the error


@pytest.mark.parametrize(
    "query",
    [
        "q=%25",
        "q=_",
        "q=%27%20OR%201%3D1%20--",
        "q=%22%3E%3Cscript%3E",
        "q=%E2%80%AE%F0%9F%9A%A2",
        "page=-1",
        "page=99999999999999999999",
        "page=abc",
        "utm_source=x&fbclid=y",
        "q[]=ferry",
        "q=a&q=b&q=c",
    ],
)
def test_hostile_parameters_never_fail_or_widen(client, desk_output, query):
    response = client.get(f"/search/?{query}")
    assert response.status_code in (200, 400, 404), query  # 404: no such page
    html = response.content.decode()
    assert "draft" not in html.lower() or "says a draft" not in html
    assert "says a killed story" not in html and "timetable for the winter" not in html
    if query in ("q=%25", "q=_"):
        assert found(client, query) == []  # LIKE wildcards are matched literally


@pytest.mark.filterwarnings("error:Cache key will cause errors")  # keys are hashed
def test_a_10000_character_query_uses_only_the_first_words(client, desk_output):
    words = " ".join(f"w{i}" for i in range(2500))  # 10,000+ characters
    assert len(words) >= 10_000
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": words})
    assert response.status_code == 200
    longest = max(len(q["sql"]) for q in queries.captured_queries)
    assert longest < 6_000  # the words used are capped, not 2,500 LIKE clauses
    assert len(VersionQuerySet.search_terms(words)) == VersionQuerySet.SEARCH_MAX_WORDS


def test_the_words_used_are_capped_in_number_and_length():
    words = "x" * 500 + " " + " ".join(f"w{i}" for i in range(50))
    terms = VersionQuerySet.search_terms(words)
    assert terms == ["x" * 40] + [f"w{i}" for i in range(7)]
    sql, params = Version.objects.search(words).query.sql_with_params()
    assert "x" * 41 not in sql + " ".join(map(str, params))


def test_headline_matches_rank_above_body_matches(db, section):
    from tests.conftest import published

    body_only = published(
        section, slug="A", headline="Port reopens", body="A lighthouse stands by."
    )
    in_headline = published(section, slug="B", headline="Lighthouse keeper retires", body="News.")
    ranked = list(Version.objects.live().search("lighthouse").order_by("-search_rank"))
    assert ranked == [in_headline, body_only]


def test_words_match_their_other_forms(db, section):
    from tests.conftest import published

    story = published(section, headline="Volunteers plant trees along the river", body="x")
    assert list(Version.objects.live().search("planting tree")) == [story]


def test_the_newest_matches_are_the_same_however_far_back_they_lie(db, section):
    """PostgreSQL gathers them window by window (VersionQuerySet.SEARCH_WINDOWS): the rows
    must be those of one newest-first query, across every window's edge."""
    now = timezone.now()
    days_ago = [401, 400, 121, 119, 100, 15, 14, 13, 1, 0]  # written in order (SQLite's)
    for n, days in enumerate(days_ago):
        at = now - dt.timedelta(days=days, minutes=10) + dt.timedelta(seconds=n)
        published(section, slug=f"S{n}", headline=f"Lighthouse story {n}", at=at)
    published(section, slug="Other", headline="Harbour news")
    matches = Version.objects.live().search("lighthouse")
    everything = list(
        Version.objects.filter(headline__startswith="Lighthouse")
        .order_by("-publish_at", "-pk")
        .values_list("pk", "headline")
    )
    for limit in (1, 2, 3, 4, 5, 7, 8, 10, 20):
        rows = matches.newest_matches(limit, "pk", "headline")
        assert rows == everything[:limit], limit
    (rank,) = matches.newest_matches(1, "search_rank")[0]
    assert rank > 0


# --- people, phrases, snippets and ranking ---------------------------------------------------


def ranked(client, query: str) -> tuple[list[str], str]:
    response = client.get(f"/search/?{query}")
    assert response.status_code == 200, (query, response.status_code)
    html = response.content.decode()
    return found(client, query), html


@pytest.fixture
def people(db, section):
    kim = Writer.objects.create(name="Kim Eun-jung", name_ko="김은중", slug="kim-eun-jung")
    hidden = Writer.objects.create(name="Park Draft-only", name_ko="박초안", slug="park-draft")
    hours = [timezone.now() - dt.timedelta(hours=h) for h in range(10)]
    by_kim = draft(section, slug="Kim", headline="Budget talks stall in parliament")
    by_kim.bylines.create(writer=kim)
    by_kim.publish(by=None, at=hours[5])
    published(
        section,
        slug="Mention",
        headline="Parliament session opens",
        body="Reporter Kim Eun-jung asked about the budget.",
        at=hours[1],
    )
    unpublished = draft(section, slug="Hidden", headline="Draft by Park")
    unpublished.bylines.create(writer=hidden)
    return {"kim": kim}


def test_a_writer_is_found_by_english_or_hangul_name_and_their_stories_rank_first(client, people):
    for query in ["q=Kim+Eun-jung", "q=kim+eunjung", "q=%EA%B9%80%EC%9D%80%EC%A4%91"]:
        titles, html = ranked(client, query)
        writers = html[html.index('id="writers-h"') : html.index('id="results-h"')]
        assert 'href="/writer/kim-eun-jung/">Kim Eun-jung</a>' in writers, query
        assert titles[0] == "Budget talks stall in parliament", query
    titles, _ = ranked(client, "q=Kim+Eun-jung")
    assert titles == ["Budget talks stall in parliament", "Parliament session opens"]
    # Only people with a live story are found; a surname alone names nobody.
    for query in ["q=Park+Draft-only", "q=%EB%B0%95%EC%B4%88%EC%95%88", "q=Kim"]:
        assert 'id="writers-h"' not in client.get(f"/search/?{query}").content.decode()


def test_a_quoted_phrase_matches_only_those_words_in_that_order(client, section):
    published(section, slug="A", headline="Late-night buses run every 25 minutes")
    published(section, slug="B", headline="Buses run late into the night")
    titles, _ = ranked(client, "q=%22late+night+buses%22")
    assert titles == ["Late-night buses run every 25 minutes"]
    assert sorted(ranked(client, "q=late+night+buses")[0]) == [
        "Buses run late into the night",
        "Late-night buses run every 25 minutes",
    ]


def test_results_show_a_snippet_with_the_matched_words_marked_and_escaped(client, section):
    published(
        section,
        slug="Snip",
        headline="Port news",
        body="Opening words.\n\nCranes <b>stopped</b> as the ferries returned to the harbor.",
    )
    _, html = ranked(client, "q=ferry")
    snippet = html[html.index('class="card-summary snippet"') :]
    snippet = snippet[: snippet.index("</p>")]
    assert "<mark>ferries</mark>" in snippet
    assert "&lt;b&gt;stopped&lt;/b&gt;" in snippet and "<b>" not in snippet


def test_headline_and_keyword_matches_rank_above_body_mentions_and_newest_is_a_choice(
    client, section
):
    now = timezone.now()
    body = published(
        section,
        slug="Body",
        headline="Council meets",
        body="The lighthouse was discussed.",
        at=now - dt.timedelta(minutes=10),
    )
    tagged = published(
        section,
        slug="Tagged",
        headline="Coast guard drill",
        body="A drill near the old lighthouse.",
        at=now - dt.timedelta(hours=3),
    )
    tagged.article.keywords.add(Keyword.objects.create(name="Lighthouse", slug="lighthouse"))
    headline = published(
        section,
        slug="Head",
        headline="Lighthouse keeper retires",
        body="News.",
        at=now - dt.timedelta(hours=5),
    )
    titles, html = ranked(client, "q=lighthouse")
    assert titles[-1] == body.headline
    assert set(titles[:2]) == {tagged.headline, headline.headline}
    assert '<option value="relevance">Best match</option>' in html  # the first: the default
    newest, html = ranked(client, "q=lighthouse&sort=newest")
    assert newest == [body.headline, tagged.headline, headline.headline]
    assert '<option value="newest" selected>Newest first</option>' in html
    assert client.get("/search/?q=lighthouse&sort=oldest").status_code == 400
