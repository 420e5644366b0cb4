"""The reader's search: words, quoted phrases and people, over live stories.

``Version.objects.search()`` matches the words (PostgreSQL full-text search or SQLite
FTS5); this module decides what a results page shows:

* **Writers** whose English or Hangul name the query contains are listed above the
  results, and their stories join the results and rank first.
* **Ranking**: stories by a named writer, then those whose headline or keywords match
  the words, then the rest by the database's rank; "newest" sorts by time instead.
* **Bounded work**: only the newest CANDIDATES matches are ranked, ten pages' worth (news
  searches want recent stories, and a common word must not cost a sort of the whole
  archive; the page says when older matches were left out); the
  page's stories are then fetched by id, each with a snippet of its text with the
  matched words marked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.functions import Lower
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Keyword, Version, VersionQuerySet, Writer
from articles.stored import StoredQuery
from reader.paging import StoryPage

CANDIDATES = 200
SNIPPET_CHARS = 240


@lru_cache(maxsize=16_384)  # the same few thousand words, over and over
def stem(word: str) -> str:
    """A light English stem (ferries -> ferry, planting -> plant, stopped -> stop), for
    marking words and telling headline matches: the database's own stemming decided
    what matched; this only has to find those words again."""
    w = word.lower()
    if len(w) > 4 and w.endswith(("ies", "ied")):
        return w[:-3] + "y"
    for suffix in ("ing", "ed"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            if w[-1] == w[-2] and w[-1] not in "lsz":  # stopp -> stop
                w = w[:-1]
            return w
    if w.endswith("es") and len(w) > 4:
        return w[:-1]  # trees -> tree, boxes -> boxe (which meets box below)
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


def forms(stem: str) -> frozenset[str]:
    """The stems of one word's forms (resume / resum, box / boxe): a word matches when
    its stem is among them."""
    return frozenset((stem, stem + "e", stem[:-1] if stem.endswith("e") else stem))


def _key(text: str) -> str:
    """A name as letters only, so 'Kim Eun-jung', 'kim eunjung' and 'KIM Eun Jung' meet."""
    return re.sub(r"[\W_]+", "", text.casefold())


def matching_writers(query: str, writers: list[Writer]) -> list[Writer]:
    """Writers whose whole English or Hangul name the query contains."""
    wanted = _key(query)
    found = []
    for writer in writers:
        names = [_key(writer.name), _key(writer.name_ko)]
        if any(len(n) >= 2 and n in wanted and (len(n) >= 5 or n == wanted) for n in names):
            found.append(writer)
    return found


def _ngrams(words: list[str], longest: int = 4) -> list[str]:
    return [
        " ".join(words[i : i + n]) for n in range(1, longest + 1) for i in range(len(words) - n + 1)
    ]


# Keywords by name, whatever its case: composed once per number of names.
_KEYWORDS_NAMED = StoredQuery(
    lambda names: (
        Keyword.objects.alias(lower=Lower("name")).filter(lower__in=names).values_list("pk")
    ),
    names=CharField(),
)


def named_keywords(words: list[str]) -> list[int]:
    """The keywords whose whole name is some run of the words (ignoring case)."""
    grams = _ngrams(words)
    return [pk for (pk,) in _KEYWORDS_NAMED.rows(names=grams)] if grams else []


@dataclass
class SearchResults(StoryPage):
    """One page of ranked results (a Page-like object the pager template reads)."""

    object_list: list[Version]
    number: int
    count: int
    capped: bool
    writers: list[Writer] = field(default_factory=list)
    per_page: int = 20

    @property
    def paginator(self) -> SearchResults:  # the pager reads page.paginator.num_pages
        return self

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.count // self.per_page))

    def has_next(self) -> bool:
        return self.number * self.per_page < self.count


def search(
    stories: VersionQuerySet,
    query: str,
    *,
    number: int,
    per_page: int,
    newest: bool,
    page_of: Any,
    writers: list[Writer],
) -> SearchResults | None:
    """Rank ``stories`` (live, already narrowed by the filters) for ``query``; None when
    ``number`` is past the last page. ``page_of(ids)`` fetches the cards of a page;
    ``writers`` are the public writers (``reader.public``) whose names may match."""
    groups = VersionQuerySet.search_query(query)
    words = [w for group in groups for w in group]
    writers = matching_writers(query, writers) if words else []
    text = stories.search(query).newest_matches(
        CANDIDATES, "pk", "publish_at", "headline", "search_rank"
    )
    # Stories by a named writer or under a keyword the words name: found through the
    # writer's bylines and the keyword's articles (both indexed), never by a scan.
    named: dict[int, tuple] = {}
    writer_ids = [w.pk for w in writers]
    keyword_ids = named_keywords(words)
    if writer_ids or keyword_ids:
        bylines = Version.writers.through.objects.filter(writer_id__in=writer_ids)
        # The newest articles under the keyword (ids grow with time; an index of the
        # keyword's links by article hands them over in that order): a common keyword's
        # whole archive is never gathered and sorted.
        tagged = Keyword.articles.through.objects.filter(keyword_id__in=keyword_ids).order_by(
            "-article_id"
        )[:CANDIDATES]
        people = (
            stories.filter(
                Q(pk__in=bylines.values("version_id"))
                | Q(article_id__in=tagged.values("article_id"))
            )
            .annotate(by_writer=Exists(bylines.filter(version_id=OuterRef("pk"))))
            .order_by("-publish_at", "-pk")
            .values_list("pk", "publish_at", "headline", "by_writer")[:CANDIDATES]
        )
        named = {row[0]: row for row in people}
    stems = [stem(w) for w in words]
    wanted = [forms(s) for s in stems]
    found: dict[int, tuple] = {}
    rows = [(pk, at, headline, rank) for pk, at, headline, rank in text]
    rows += [(pk, at, headline, 0.0) for pk, at, headline, _ in named.values()]
    for pk, publish_at, headline, rank in rows:
        if pk in found:
            continue
        by_writer = pk in named and named[pk][3]
        keyword_match = pk in named and not by_writer
        headline_stems = {stem(w) for w in re.findall(r"\w+", headline)}
        in_headline = bool(wanted) and all(headline_stems & word for word in wanted)
        tier = (bool(by_writer), in_headline or keyword_match, rank or 0.0)
        found[pk] = (tier, publish_at, pk)
    if newest:
        ordered = sorted(found.values(), key=lambda r: (r[1], r[2]), reverse=True)
    else:
        ordered = sorted(found.values(), key=lambda r: (r[0], r[1], r[2]), reverse=True)
    count = len(ordered)
    start = (number - 1) * per_page
    if number > 1 and start >= count:
        return None
    ids = [pk for _, _, pk in ordered[start : start + per_page]]
    versions = page_of(ids)
    for version in versions:
        version.snippet = snippet(version, stems)
    return SearchResults(
        object_list=versions,
        number=number,
        count=count,
        capped=len(text) == CANDIDATES or len(named) == CANDIDATES,
        writers=writers,
        per_page=per_page,
    )


def snippet(version: Version, stems: list[str]) -> SafeString:
    """A passage of the story with the matched words marked: the first paragraph with
    a match (the deck or first paragraph when only the headline or a name matched),
    cut around the first match. Escaped here, then marked: nothing else is markup."""
    texts = [version.deck, *version.paragraphs] if version.deck else version.paragraphs
    texts = [t for t in texts if t]
    if not texts:
        return mark_safe("")  # noqa: S308 - empty

    matching = frozenset().union(*(forms(s) for s in stems))

    def hits(text: str) -> list[re.Match]:
        return [m for m in re.finditer(r"\w+", text) if stem(m.group()) in matching]

    chosen, marks = texts[0], []
    for text in texts:
        found = hits(text)
        if found:
            chosen, marks = text, found
            break
    begin = 0
    if marks and marks[0].start() > SNIPPET_CHARS // 3:
        begin = chosen.rfind(" ", 0, marks[0].start() - SNIPPET_CHARS // 4) + 1
    end = len(chosen)
    if end - begin > SNIPPET_CHARS:
        end = chosen.rfind(" ", begin, begin + SNIPPET_CHARS)
        end = end if end > begin else begin + SNIPPET_CHARS
    parts, at = [], begin
    for m in marks:
        if m.start() < begin or m.end() > end:
            continue
        parts.append(escape(chosen[at : m.start()]))
        parts.append(f"<mark>{escape(m.group())}</mark>")
        at = m.end()
    parts.append(escape(chosen[at:end]))
    text = "".join(parts)
    return mark_safe(  # noqa: S308 - every piece of text was escaped above
        ("… " if begin else "") + text + (" …" if end < len(chosen) else "")
    )
