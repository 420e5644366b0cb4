"""Related stories, chosen once when a story is published rather than on every read.

Publishing a version chooses the CHOSEN stories most related to it (the ranking of
``VersionQuerySet.related_to``: most keywords shared, then the same section, then the
newest, among stories published within its window) and records them. A story page reads
both directions: the stories it chose, and the later stories that chose it, so a story
published on Monday lists Tuesday's follow-up. What readers see of them is decided at
read time as always (``live()``): a killed or withdrawn story drops out of every list.

``rank`` is the same ranking over plain rows, in memory: it chooses for a whole archive
at once (the migration that introduced the table, and the benchmark's bulk load) in
seconds where asking the database story by story would take many minutes.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from django.db import connection, models
from django.utils import timezone

# How many a story records: more than a page shows, so kills and folds leave enough.
CHOSEN = 10


class RelatedStory(models.Model):
    """``related`` was among the stories most related to ``article`` when it was published."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    related = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="+")
    shared_keywords = models.PositiveSmallIntegerField()
    same_section = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "related"], name="related_story_once")
        ]

    def __str__(self) -> str:
        return f"{self.related_id} related to {self.article_id}"

    @property
    def score(self) -> tuple[int, bool]:
        return (self.shared_keywords, self.same_section)

    @classmethod
    def choose_for(cls, version: Any) -> None:
        """Record the stories most related to ``version``'s article, as readers will find
        them when it goes live (part of ``publish()``)."""
        from articles.models.version import Version

        at = max(version.publish_at, timezone.now())
        chosen = (
            Version.objects.live(at=at)
            .related_to(version)
            .values_list("article_id", "shared_keywords", "same_section")[:CHOSEN]
        )
        cls.objects.filter(article_id=version.article_id).delete()
        cls.objects.bulk_create(
            cls(article_id=version.article_id, related_id=other, shared_keywords=n, same_section=s)
            for other, n, s in chosen
        )

    @classmethod
    def choose_for_article(cls, article: Any) -> None:
        """Choose again for the article's live version (its keywords changed)."""
        from articles.models.version import Version

        live = Version.objects.live().filter(article_id=article.pk).first()
        if live is not None:
            cls.choose_for(live)

    @classmethod
    def beside(cls, article_id: int) -> tuple[dict[int, tuple[int, bool]], set[int]]:
        """What a story page shows beside the story, as article ids: the related stories
        either way (those it chose, those that chose it), each with its best score
        (shared keywords, same section), and the stories folded into it.

        One statement whose three parts are each led by their own index (an OR would not
        be on PostgreSQL), written out because the ORM took longer to compose it than
        the database to answer it."""
        related = cls._meta.db_table
        article = cls._meta.get_field("article").related_model._meta.db_table
        # Table names from the models; every value is a parameter.
        sql = (
            f"SELECT related_id, shared_keywords, same_section, FALSE FROM {related}"  # noqa: S608
            " WHERE article_id = %s"
            f" UNION ALL SELECT article_id, shared_keywords, same_section, FALSE FROM {related}"
            " WHERE related_id = %s"
            f" UNION ALL SELECT id, 0, FALSE, TRUE FROM {article} WHERE folded_into_id = %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [article_id] * 3)
            rows = cursor.fetchall()
        scores: dict[int, tuple[int, bool]] = {}
        folded: set[int] = set()
        for other, shared, same_section, folded_in in rows:
            if folded_in:
                folded.add(other)
            else:
                scores[other] = max(scores.get(other, (0, False)), (shared, bool(same_section)))
        return scores, folded


class Story(NamedTuple):
    """What ranking needs of a live story: its live version's time, section, keywords."""

    article_id: int
    publish_at: dt.datetime
    section_id: int
    keywords: frozenset[int]


def rank(
    stories: Iterable[Story], *, window: dt.timedelta, chosen: int = CHOSEN
) -> Iterator[tuple[int, int, int, bool]]:
    """(article, related, shared keywords, same section) for every story: the ``chosen``
    most related by ``related_to``'s order, in time linear in the stories and the
    keyword links within each window (the archive is walked by bisecting sorted lists)."""
    ordered = sorted(stories, key=lambda s: (s.publish_at, s.article_id))
    times = [s.publish_at for s in ordered]
    by_keyword: dict[int, list[int]] = {}
    by_section: dict[int, list[int]] = {}
    for i, story in enumerate(ordered):
        for keyword in story.keywords:
            by_keyword.setdefault(keyword, []).append(i)
        by_section.setdefault(story.section_id, []).append(i)

    def within(indexes: list[int], story: Story) -> list[int]:
        lo = bisect.bisect_left(indexes, bisect.bisect_left(times, story.publish_at - window))
        hi = bisect.bisect_right(indexes, bisect.bisect_right(times, story.publish_at + window) - 1)
        return indexes[lo:hi]

    for i, story in enumerate(ordered):
        shared: Counter[int] = Counter()
        for keyword in story.keywords:
            shared.update(j for j in within(by_keyword[keyword], story) if j != i)
        # Stories sharing no keyword rank by section and time: the newest few suffice.
        same = [j for j in within(by_section[story.section_id], story) if j != i][-chosen:]
        candidates = set(shared) | set(same)
        best = heapq.nlargest(
            chosen,
            candidates,
            key=lambda j: (
                shared[j],
                ordered[j].section_id == story.section_id,
                ordered[j].publish_at,
                ordered[j].article_id,
            ),
        )
        for j in best:
            other = ordered[j]
            yield (
                story.article_id,
                other.article_id,
                shared[j],
                other.section_id == story.section_id,
            )


def choose_for_archive(live: Any, keyword_links: Any, related: Any, *, window: dt.timedelta) -> int:
    """Choose for every story among the ``live`` versions at once (``rank``); the
    querysets and model are passed in so a migration can give its historical ones.
    Returns how many choices were recorded."""
    keywords: dict[int, set[int]] = defaultdict(set)
    links = keyword_links.objects.values_list("article_id", "keyword_id")
    for article_id, keyword_id in links.iterator(chunk_size=20_000):
        keywords[article_id].add(keyword_id)
    stories = [
        Story(article_id, publish_at, section_id, frozenset(keywords.get(article_id, ())))
        for article_id, publish_at, section_id in live.values_list(
            "article_id", "publish_at", "article__section_id"
        ).iterator(chunk_size=20_000)
    ]
    related.objects.all().delete()
    batch, recorded = [], 0
    for article_id, other, shared, same in rank(stories, window=window):
        batch.append(
            related(
                article_id=article_id, related_id=other, shared_keywords=shared, same_section=same
            )
        )
        if len(batch) >= 5_000:
            related.objects.bulk_create(batch)
            recorded += len(batch)
            batch = []
    related.objects.bulk_create(batch)
    return recorded + len(batch)
