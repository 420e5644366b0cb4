"""The desk's article list: columns, filters, search, and a fixed number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, DeskState, Status, Version, VersionWriter, Writer
from tests.conftest import draft, follow_up, make_user, published
from tests.desk.conftest import login

LIST = "admin:articles_article_changelist"


def bulk_articles(section, count: int, writers: list[Writer], start: int = 0) -> list[Article]:
    """``count`` articles in every desk state, made in a handful of queries."""
    now = timezone.now()
    articles = Article.objects.bulk_create(
        Article(
            code=f"BLK{n:012d}",
            slug=f"Bulk-story-{n}",
            section=section,
            created_at=now - dt.timedelta(minutes=n),
        )
        for n in range(start, start + count)
    )
    statuses = [Status.DRAFT, Status.SUBMITTED, Status.PUBLISHED, Status.PUBLISHED]
    # Written unpublished with their bylines, then published in one UPDATE, since the
    # database refuses bylines added to a published version.
    versions = Version.objects.bulk_create(
        Version(
            article=article,
            number=0,
            headline=f"Bulk headline {n}",
            body=f"Body of bulk story {n}.",
            status=Status.SUBMITTED if statuses[n % 4] == Status.SUBMITTED else Status.DRAFT,
            # Every fourth one is scheduled for tomorrow; the other published ones are live.
            publish_at=(now + dt.timedelta(days=1) if n % 4 == 3 else now - dt.timedelta(hours=1))
            if statuses[n % 4] == Status.PUBLISHED
            else None,
        )
        for n, article in enumerate(articles)
    )
    VersionWriter.objects.bulk_create(
        VersionWriter(version=v, writer=writers[n % len(writers)], position=0)
        for n, v in enumerate(versions)
    )
    Version.objects.filter(pk__in=[v.pk for v in versions], publish_at__isnull=False).update(
        status=Status.PUBLISHED
    )
    Article.objects.filter(pk__in=[a.pk for a in articles]).point_to_newest()
    return articles


@pytest.fixture
def writers(db):
    return [Writer.objects.create(name=f"Writer {n}", slug=f"writer-{n}") for n in range(3)]


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"state": "live"},
        {"state": "scheduled", "section__id__exact": "1"},
        {"writer": "1"},
        {"q": "Bulk headline 4321"},
        {"newest_version__genre": "news", "o": "6"},
        {"created_at__year": str(timezone.now().year)},
    ],
)
def test_list_of_5000_articles_runs_a_fixed_number_of_queries(
    query, section, writers, desk, django_assert_max_num_queries
):
    bulk_articles(section, 5000, writers)
    client = login(desk)
    client.get(reverse(LIST))
    # 13: the date bar's first and last dates are two index lookups (not a scan), asked once.
    with django_assert_max_num_queries(13):
        response = client.get(reverse(LIST), query)
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) <= 50


def test_list_query_count_does_not_depend_on_the_number_of_articles(section, writers, desk):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(desk)
    bulk_articles(section, 60, writers)
    client.get(reverse(LIST))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse(LIST))
    bulk_articles(section, 600, writers, start=60)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse(LIST))
    assert len(many) == len(few)


@pytest.fixture
def states(db, section, desk):
    """One article in each desk state."""
    made = {
        DeskState.DRAFT: draft(section, slug="In-draft", headline="Draft headline"),
        DeskState.LIVE: published(section, slug="Is-live", headline="Live headline"),
    }
    submitted = draft(section, slug="Sent-in", headline="Submitted headline")
    submitted.submit(by=desk)
    made[DeskState.SUBMITTED] = submitted
    scheduled = draft(section, slug="Later-on", headline="Scheduled headline")
    scheduled.publish(by=desk, at=timezone.now() + dt.timedelta(hours=3))
    made[DeskState.SCHEDULED] = scheduled
    killed = published(section, slug="Pulled", headline="Killed headline")
    killed.article.kill(by=desk, note="Withdrawn.")
    made[DeskState.KILLED] = killed
    return made


@pytest.mark.parametrize("state", DeskState.values)
def test_state_filter_shows_only_articles_in_that_state(state, states, desk):
    response = login(desk).get(reverse(LIST), {"state": state})
    shown = {a.pk for a in response.context["cl"].result_list}
    assert shown == {states[state].article_id}


def test_state_is_that_of_the_newest_version(states, desk):
    live = states[DeskState.LIVE]
    follow_up(live, publish=False)
    response = login(desk).get(reverse(LIST), {"state": "draft"})
    assert live.article_id in {a.pk for a in response.context["cl"].result_list}
    html = response.content.decode()
    assert "(LEAD) Live headline" in html  # the newest version's label and headline


def test_list_shows_label_headline_state_writers_and_last_change(db, section, desk):
    writer = Writer.objects.create(name="Han Seo-yeon", slug="han")
    version = published(section, slug="Library", headline="Library opens")
    lead = follow_up(version)
    VersionWriter.objects.filter(version=lead).delete()
    html = login(desk).get(reverse(LIST)).content.decode()
    assert "(LEAD) Library opens" in html and "desk-state-live" in html
    lead2 = follow_up(lead, publish=False)
    VersionWriter.objects.create(version=lead2, writer=writer)
    html = login(desk).get(reverse(LIST)).content.decode()
    assert "(2nd LD) Library opens" in html and "Han Seo-yeon" in html
    assert f"{timezone.localtime(lead2.updated_at):%Y-%m-%d %H:%M}" in html


@pytest.mark.parametrize(
    ("term", "found"),
    [
        ("HEN", True),  # code
        ("Library-branch", True),  # keyword slug
        ("bookmobile", True),  # headline
        ("reading room", True),  # body
        ("nothing like it", False),
    ],
)
def test_search_finds_code_slug_headline_and_body(term, found, db, section, desk):
    version = draft(
        section,
        slug="Library-branch",
        headline="City adds a bookmobile",
        body="A reading room opens.\n\nMore later.",
    )
    response = login(desk).get(reverse(LIST), {"q": term})
    assert (version.article_id in {a.pk for a in response.context["cl"].result_list}) == found


def test_writer_and_genre_filters(db, section, desk):
    writer = Writer.objects.create(name="Park Ji-won", slug="park")
    mine = draft(section, slug="By-park", genre="feature")
    VersionWriter.objects.create(version=mine, writer=writer)
    other = draft(section, slug="By-nobody")
    client = login(desk)
    by_writer = client.get(reverse(LIST), {"writer": str(writer.pk)}).context["cl"].result_list
    assert [a.pk for a in by_writer] == [mine.article_id]
    feature = client.get(reverse(LIST), {"newest_version__genre": "feature"})
    assert [a.pk for a in feature.context["cl"].result_list] == [mine.article_id]
    assert other.article_id not in [a.pk for a in feature.context["cl"].result_list]


def test_list_has_a_date_hierarchy_and_no_delete_action(db, section, desk):
    draft(section)
    html = login(desk).get(reverse(LIST)).content.decode()
    assert 'class="toplinks"' in html  # the date hierarchy above the list
    assert "delete_selected" not in html
    assert "start_lead" in html and "kill_selected" in html


def test_reporter_lists_only_their_own_stories(db, section, reporter):
    draft(section, by=reporter, slug="Mine", headline="My own draft")
    draft(section, by=make_user("someone", "Reporter"), slug="Theirs", headline="Their secret")
    published(section, slug="Public", headline="Already public")
    html = login(reporter).get(reverse(LIST)).content.decode()
    assert "My own draft" in html
    assert "Their secret" not in html and "Theirs" not in html


def test_reporter_never_sees_the_headline_of_someone_elses_newer_draft(db, section, reporter, desk):
    mine = published(section, by=reporter, slug="Mine", headline="My story")
    lead = follow_up(mine, by=desk, publish=False)
    Version.objects.filter(pk=lead.pk).update(headline="Desk's unpublished rewrite")
    html = login(reporter).get(reverse(LIST)).content.decode()
    assert "Desk&#x27;s unpublished rewrite" not in html and "unpublished rewrite" not in html
    assert "someone else&#x27;s draft" in html


@pytest.mark.parametrize(
    "query", [{}, {"section__id__exact": "1", "o": "-3"}, {"q": "Bulk", "state": "draft"}]
)
def test_the_rows_are_written_exactly_as_the_admin_would_write_them(
    query, section, writers, desk, reporter
):
    """DeskChangeList.rows writes the cells itself; the admin's own items_for_result is
    the reference, for the desk and for a reporter (who sees no one else's drafts)."""
    from django.contrib.admin.templatetags.admin_list import results

    bulk_articles(section, 30, writers)
    query = {k: (str(section.pk) if k == "section__id__exact" else v) for k, v in query.items()}
    for user in (desk, reporter):
        response = login(user).get(reverse(LIST), query)
        assert response.status_code == 200
        cl = response.context["cl"]
        ours = [list(row) for row in cl.rows()]
        theirs = [list(row) for row in results(cl)]
        assert ours == theirs and len(ours) == len(cl.result_list)
        html = response.content.decode()
        assert all(cell in html for row in ours for cell in row)


def test_the_whole_list_of_a_large_table_is_counted_by_estimate_on_postgresql(
    section, writers, desk, monkeypatch
):
    """COUNT(*) reads every row: PostgreSQL counts the unfiltered list by the planner's
    estimate and says so; a filtered list (and SQLite) is counted exactly."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from desk.changelist import EstimatingPaginator

    monkeypatch.setattr(EstimatingPaginator, "ESTIMATE_OVER", 100)
    bulk_articles(section, 300, writers)
    estimated = connection.vendor == "postgresql"
    if estimated:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE articles_article")
    client = login(desk)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse(LIST)).content.decode()
    counts = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT COUNT(*)")]
    paginator = html[html.index('<p class="paginator">') :]
    paginator = " ".join(paginator[: paginator.index("</p>")].split())
    if estimated:
        assert "about 300 articles" in paginator and not counts
    else:
        assert "300 articles" in paginator and "about" not in paginator and counts
    html = client.get(reverse(LIST), {"state": "live"}).content.decode()
    paginator = html[html.index('<p class="paginator">') :]
    paginator = " ".join(paginator[: paginator.index("</p>")].split())
    assert " 75 articles" in paginator and "about" not in paginator
