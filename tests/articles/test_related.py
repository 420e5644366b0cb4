"""Related stories are chosen when a story is published (RelatedStory), read both ways,
and the archive-wide ranking in memory agrees with the database's."""

from __future__ import annotations

import datetime as dt

import pytest

from articles.models import Article, Keyword, RelatedStory, Section, Version, VersionQuerySet
from articles.models.related import CHOSEN, choose_for_archive
from tests.conftest import published

MORNING = dt.datetime(2026, 3, 2, 0, 0, tzinfo=dt.UTC)


def related(article_id: int) -> dict[int, tuple[int, bool]]:
    return RelatedStory.beside(article_id)[0]


@pytest.fixture
def sports(db) -> Section:
    return Section.objects.create(name="Sports", slug="sports", order=5)


def newsday(section: Section, sports: Section) -> list[Version]:
    """Stories over a week in two sections, sharing some of four keywords."""
    keywords = [Keyword.objects.create(name=f"K{n}", slug=f"k{n}") for n in range(4)]
    stories = []
    for n in range(14):
        version = published(
            section if n % 3 else sports,
            slug=f"S{n}",
            headline=f"Story {n}",
            at=MORNING + dt.timedelta(hours=11 * n),
        )
        version.article.keywords.add(*keywords[n % 4 : n % 4 + (n % 3)])
        stories.append(version)
    return stories


def test_the_archive_ranking_in_memory_agrees_with_the_database(db, section, sports):
    stories = newsday(section, sports)
    by_database = {
        v.article_id: list(
            Version.objects.live()
            .related_to(v)
            .values_list("article_id", "shared_keywords", "same_section")[:CHOSEN]
        )
        for v in Version.objects.live().select_related("article")
    }
    recorded = choose_for_archive(
        Version.objects.live(),
        Article.keywords.through,
        RelatedStory,
        window=VersionQuerySet.RELATED_WINDOW,
    )
    in_memory = {v.article_id: [] for v in stories}
    for row in RelatedStory.objects.order_by("pk"):
        in_memory[row.article_id].append((row.related_id, row.shared_keywords, row.same_section))
    assert in_memory == by_database
    assert recorded == sum(len(rows) for rows in by_database.values()) > len(stories)


def test_a_story_lists_the_later_stories_that_chose_it(db, section):
    harbor = Keyword.objects.create(name="Harbor", slug="harbor")
    monday = published(section, slug="Mon", headline="Monday", at=MORNING)
    monday.article.keywords.add(harbor)
    tuesday = published(section, slug="Tue", headline="Tuesday", at=MORNING + dt.timedelta(1))
    tuesday.article.keywords.add(harbor)
    # Monday chose nothing newer than itself; Tuesday chose Monday, and both read it.
    assert related(monday.article_id) == {tuesday.article_id: (1, True)}
    assert related(tuesday.article_id) == {monday.article_id: (1, True)}


def test_publishing_chooses_again_and_keywords_edited_choose_again(db, section, sports):
    harbor = Keyword.objects.create(name="Harbor", slug="harbor")
    main = published(section, slug="Main", headline="Main", at=MORNING)
    other = published(sports, slug="Other", headline="Other", at=MORNING - dt.timedelta(hours=1))
    assert related(main.article_id) == {}  # another section, nothing shared
    other.article.keywords.add(harbor)
    main.article.keywords.add(harbor)
    assert related(main.article_id) == {other.article_id: (1, False)}
    main.article.keywords.remove(harbor)
    assert related(main.article_id) == {}
