"""Server time and query counts of the public pages and the admin list, in process.

Each request goes through the whole stack (middleware, view, templates) with
``django.test.Client``; the time is taken around ``client.get`` only. "Uncached" is a miss
of the page cache: every cache but the fragments is cleared before each request, so the
page renders afresh around the parts of published versions it has rendered once before
(listing cards, a story's body; reader.fragments), as a running site does after every
publish. "Cold" clears the fragments too: the first request for a story after a deploy.
"Cached" primes each URL once and times the repeat. Query counts come from a separate pass under
``CaptureQueriesContext`` (its bookkeeping would otherwise be part of the time).
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, get_resolver, reverse

from articles.models import Article, Keyword, Section, Writer
from bench import synth
from bench.build import ADMIN_USERNAME


@dataclass
class Series:
    """One page type: the URLs to cycle through and whether the page cache applies."""

    name: str
    urls: list[str]
    client: Callable[[], Client]
    cacheable: bool = True
    note: str = ""
    target: dict[str, float] = field(default_factory=dict)


def summarise(samples: list[float]) -> dict[str, Any]:
    ms = sorted(s * 1000 for s in samples)
    p95 = statistics.quantiles(ms, n=20, method="inclusive")[18] if len(ms) > 1 else ms[0]
    return {
        "n": len(ms),
        "median_ms": round(statistics.median(ms), 2),
        "p95_ms": round(p95, 2),
        "min_ms": round(ms[0], 2),
        "max_ms": round(ms[-1], 2),
    }


def timed(client: Client, url: str, statuses: dict[int, int]) -> float:
    t0 = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - t0
    statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
    return elapsed


# Kept across "uncached" requests: parts rendered once per published version.
KEPT = "fragments"


def clear_caches(*, cold: bool = False) -> None:
    """Empty the page cache and the content API's renderings (and the fragments: cold)."""
    for alias in caches:
        if cold or alias != KEPT:
            caches[alias].clear()


def count_queries(client: Client, urls: list[str], *, clear: bool) -> dict[str, Any]:
    """Most queries any of ``urls`` needs, with the slowest statements of the worst one."""
    worst: list[dict[str, str]] = []
    most = 0
    for url in urls:
        if clear:
            clear_caches()
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        if len(ctx.captured_queries) >= most:
            most = len(ctx.captured_queries)
            worst = ctx.captured_queries
    slowest = sorted(worst, key=lambda q: float(q["time"]), reverse=True)[:3]
    return {
        "queries": most,
        "slowest_sql": [
            {"ms": round(float(q["time"]) * 1000, 2), "sql": q["sql"][:400]} for q in slowest
        ],
        # Whole, for EXPLAIN (bench/explain.py); dropped before the results are written.
        "slowest_full_sql": (
            {"ms": round(float(slowest[0]["time"]) * 1000, 2), "sql": slowest[0]["sql"]}
            if slowest
            else None
        ),
    }


def run_series(series: Series, *, n: int, budget_s: float) -> dict[str, Any]:
    """Time ``series`` uncached (and cached, when the page cache applies)."""
    client = series.client()
    urls = series.urls
    for url in urls[:5]:  # warm-up: templates, connections, the OS page cache
        cache.clear()
        started = time.perf_counter()
        client.get(url)
        if time.perf_counter() - started > 1.0:
            break  # a page that takes seconds is warm after one request
    result: dict[str, Any] = {"name": series.name, "note": series.note, "urls": len(urls)}

    # Each URL once, so the parts its published versions show are rendered, as they are
    # on a site that has been serving them.
    for url in urls[: n if series.cacheable else 0]:
        clear_caches()
        client.get(url)

    statuses: dict[int, int] = {}
    samples: list[float] = []
    deadline = time.perf_counter() + budget_s
    for i in range(n):
        # At least 10 samples, or 3 of a page that takes seconds, then up to the budget.
        if time.perf_counter() > deadline and (
            len(samples) >= 10 or (len(samples) >= 3 and statistics.median(samples) > 1.0)
        ):
            break
        clear_caches()
        samples.append(timed(client, urls[i % len(urls)], statuses))
    slow = statistics.median(samples) > 1.0  # seconds: fewer extra passes
    result["uncached"] = summarise(samples) | count_queries(
        client, urls[: 2 if slow else 5], clear=True
    )
    result["uncached"]["statuses"] = statuses
    if series.cacheable and not slow:
        # Every cache empty, a fifth of the samples: what the fragments save.
        cold = []
        for i in range(max(10, len(samples) // 5)):
            clear_caches(cold=True)
            cold.append(timed(client, urls[i % len(urls)], {}))
        result["cold"] = summarise(cold)

    if series.cacheable:
        statuses = {}
        samples = []
        cache.clear()
        primed = []
        deadline = time.perf_counter() + budget_s / 2
        for url in urls[:100]:  # slow pages prime fewer URLs rather than blow the budget
            client.get(url)
            primed.append(url)
            if len(primed) >= 5 and time.perf_counter() > deadline:
                break
        deadline = time.perf_counter() + budget_s / 2
        for i in range(n):
            if len(samples) >= 10 and time.perf_counter() > deadline:
                break
            samples.append(timed(client, primed[i % len(primed)], statuses))
        result["cached"] = summarise(samples) | count_queries(client, primed[:5], clear=False)
        result["cached"]["statuses"] = statuses
    return result


# --- which pages exist (the reader site is still growing) -----------------------------------


def url_names() -> list[str]:
    names: list[str] = []

    def walk(resolver: Any, prefix: str) -> None:
        names.extend(prefix + k for k in resolver.reverse_dict if isinstance(k, str))
        for ns, (_, sub) in resolver.namespace_dict.items():
            walk(sub, f"{prefix}{ns}:")

    walk(get_resolver(), "")
    return names


def find_url(predicate: Callable[[str], bool]) -> str | None:
    """The first URL, by name, that ``predicate`` accepts and that takes no arguments."""
    for name in sorted(url_names(), key=len):
        if not predicate(name):
            continue
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


def search_field() -> str:
    """The search form's words parameter: ``q`` unless the filter set says otherwise.

    (Not read from the page: an empty search lists every live story, which is slow.)
    """
    try:
        from reader.filters import StoryFilter
    except ImportError:
        return "q"
    names = list(StoryFilter.base_filters)
    return "q" if "q" in names or not names else names[0]


# --- the series -----------------------------------------------------------------------------


def build_series(*, seed: int = 7) -> tuple[list[Series], list[str]]:
    """The page types to measure, and a list of what is not available yet."""
    rng = random.Random(seed)
    anonymous = Client
    missing: list[str] = []

    def admin_client() -> Client:
        client = Client()
        client.force_login(get_user_model().objects.get(username=ADMIN_USERNAME))
        return client

    top_id = Article.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    ids = rng.sample(range(1, top_id + 1), min(top_id, 2_000))
    codes = list(Article.objects.live().filter(pk__in=ids).values_list("code", flat=True))
    rng.shuffle(codes)
    story_urls = [reverse("articles:story", args=[c]) for c in codes[:200]]

    sections = list(Section.objects.values_list("slug", flat=True))
    section_urls = [
        reverse("articles:section", args=[rng.choice(sections)])
        + ("" if rng.random() < 0.7 else f"?page={rng.randint(2, 10)}")
        for _ in range(100)
    ]
    keywords = list(Keyword.objects.order_by("pk").values_list("slug", flat=True)[:200])
    writers = list(Writer.objects.values_list("slug", flat=True)[:200])

    series = [
        Series("story", story_urls, anonymous, target={"median_ms": 15, "queries": 8}),
        Series(
            "healthz (minimal view)", ["/healthz"], anonymous, cacheable=False, note="never cached"
        ),
        Series("front", [reverse("articles:front")], anonymous, target={"median_ms": 25}),
        Series("section", section_urls, anonymous, target={"median_ms": 25}),
        Series(
            "keyword",
            [reverse("articles:keyword", args=[rng.choice(keywords)]) for _ in range(40)],
            anonymous,
            note="extra",
        ),
        Series(
            "writer",
            [reverse("articles:writer", args=[rng.choice(writers)]) for _ in range(40)],
            anonymous,
            note="extra",
        ),
    ]

    search = find_url(lambda name: "search" in name and not name.startswith("admin:"))
    if search:
        words = search_field()
        for query in synth.SEARCH_QUERIES:
            series.append(
                Series(
                    f"search '{query}'",
                    [f"{search}?{words}={query.replace(' ', '+')}"],
                    anonymous,
                    target={"p95_ms_postgres": 50},
                )
            )
        series.append(Series("search, no words", [search], anonymous, note="extra"))
    else:
        missing.append("search page: not available (no URL named *search* yet)")

    feed = find_url(lambda name: "rss" in name) or find_url(
        lambda name: ("feed" in name and "atom" not in name) and not name.startswith("admin:")
    )
    if feed:
        series.append(Series("rss feed", [feed], anonymous))
    else:
        missing.append("RSS feed: not available (no URL named *rss* or *feed* yet)")

    admin_list = reverse("admin:articles_article_changelist")
    series.append(
        Series(
            "admin article list",
            [admin_list]
            + [f"{admin_list}?p={p}" for p in range(1, 6)]
            + [f"{admin_list}?section__id__exact={Section.objects.first().pk}"],
            admin_client,
            cacheable=False,
            note="staff: never cached",
            target={"median_ms": 150},
        )
    )
    series += api_series(rng, codes[:200])
    return series, missing


def api_series(rng: random.Random, codes: list[str]) -> list[Series]:
    """The subscribers' content API: the feed from random points of the event stream (20
    events a page, each a whole ninjs item) and items by code, with a fresh bench key.

    "Uncached" clears the cache before each request, so every item is rendered afresh
    (a cold cache); "cached" is the same URLs again, with the renderings of these
    immutable versions in the cache, as when many subscribers read the same news."""
    from articles.models import OutboxEvent
    from distribution.feed import encode_cursor
    from distribution.models import ApiKey, Product, Subscriber

    subscriber, made = Subscriber.objects.get_or_create(name="Bench subscriber")
    if made:
        subscriber.products.set([Product.objects.get(slug="all")])
    _, key = ApiKey.issue(subscriber=subscriber, name="bench run")

    def api_client() -> Client:
        return Client(headers={"authorization": f"Bearer {key}"})

    top = OutboxEvent.high_water()
    feed_urls = [
        f"/api/v1/feed?limit=20&cursor={encode_cursor(rng.randrange(max(top - 20, 1)))}"
        for _ in range(100)
    ]
    item_urls = [f"/api/v1/items/{code}" for code in codes]
    return [
        Series("api feed", feed_urls, api_client, note="cached: item renderings warm",
               target={"p95_ms": 20}),
        Series("api item", item_urls, api_client, note="cached: item renderings warm",
               target={"p95_ms": 10}),
    ]  # fmt: skip


def measure(
    *, n: int = 100, budget_s: float = 15.0
) -> tuple[list[dict[str, Any]], list[str], list[str]]:
    """(results per page type, pages not available, the story URLs used)."""
    series, missing = build_series()
    results = []
    for s in series:
        started = time.perf_counter()
        count = n * 2 if s.name == "story" else n
        try:
            result = run_series(s, n=count, budget_s=budget_s)
        except Exception as exc:  # noqa: BLE001 - a broken page is reported, not fatal
            error = f"{type(exc).__name__}: {exc}"[:300]
            results.append({"name": s.name, "note": s.note, "error": error, "target": s.target})
            print(f"[bench] {s.name}: FAILED {error}", flush=True)
            continue
        result["target"] = s.target
        results.append(result)
        u = result["uncached"]
        c = result.get("cached")
        print(
            f"[bench] {s.name}: uncached median {u['median_ms']} ms p95 {u['p95_ms']} ms "
            f"{u['queries']} queries (n={u['n']})"
            + (f"; cached median {c['median_ms']} ms" if c else "")
            + f" [{time.perf_counter() - started:.0f} s]",
            flush=True,
        )
    return results, missing, series[0].urls
