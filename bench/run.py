"""The newsroom benchmark: ``make bench`` (SQLite) and ``make bench-postgres``.

    .venv/bin/python bench/run.py [--db sqlite|postgres] [--scale 100000] [--rebuild] [--quick]

1. Builds the synthetic newsroom (bench/build.py) into its own database, kept between runs:
   var/bench/bench.sqlite3, or a PostgreSQL cluster kept in var/bench/pg. It is rebuilt
   when the scale, the builder or the project's migrations change.
2. Times the public pages and the admin article list in process (bench/pages.py).
3. Drives gunicorn with wrk: /healthz and a static file as ceilings, the story page
   cached and uncached, all with the same settings (bench/load.py).
4. Times ``manage.py import_wire`` on 1,000 generated wire files (bench/wire.py) and the
   renditions of a 6000x4000 JPEG (bench/renditions.py).
5. Prints a table with PASS/MISS per target and writes bench/results/<time>-<db>.json.

Every process runs with production-like settings (DEBUG off, WhiteNoise with hashed names,
HTTP only), its own media and static folders under var/bench, and a local-memory cache,
so a developer's database, media and cache are never touched.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import time
from contextlib import nullcontext
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VAR = ROOT / "var" / "bench"
RESULTS = ROOT / "bench" / "results"
SQLITE_PATH = VAR / "bench.sqlite3"


def log(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def configure_environment(database_url: str) -> dict[str, str]:
    """The environment of this process and of every server and command it starts."""
    overrides = {
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "false",
        "DJANGO_HTTPS": "false",
        # "testserver" is the in-process client's host name.
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "STATIC_ROOT": str(VAR / "static"),
        "MEDIA_ROOT": str(VAR / "media"),
        "PHOTO_ORIGINALS_ROOT": str(VAR / "originals"),
        "PHOTO_PRIVATE_RENDITIONS_ROOT": str(VAR / "renditions"),
        "NEWSROOM_SHARE_CARDS_ROOT": str(VAR / "cards"),
        # The bench clears the cache before every uncached request: never a shared one.
        "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "locmemcache://bench"),
        # The content API's per-key limit would refuse the bench's own requests.
        "DISTRIBUTION_RATE_LIMIT": "100000000",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    os.environ.update(overrides)
    # DJANGO_SECRET_KEY (and the rest of .env) is read by the settings module itself;
    # variables set here win over .env, which never overrides the environment.
    return dict(os.environ)


# --- the database ---------------------------------------------------------------------------


def prepare_database(*, db: str, url: str, scale: int, rebuild: bool) -> dict[str, Any]:
    from django.core.management import call_command
    from django.db import connection

    from bench import build

    try:
        marker = build.read_marker()
    except Exception:  # noqa: BLE001 - an unreadable database is simply rebuilt
        marker = None
    if not rebuild and build.marker_matches(marker, scale):
        log(
            f"reusing the bench database (built {marker['built_at']} in "
            f"{marker['build_seconds']} s; --rebuild to start over)"
        )
        return marker | {"reused": True}
    reason = (
        "--rebuild"
        if rebuild
        else "no bench database yet"
        if not marker
        else "scale, builder or migrations changed"
    )
    log(f"building a fresh bench database: {reason}")
    connection.close()
    if db == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
    else:
        from bench.pg import recreate_database

        recreate_database(url)
    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    log(f"migrated in {time.perf_counter() - started:.1f} s")
    return build.build(scale=scale) | {"reused": False}


def dataset_summary(db: str) -> dict[str, Any]:
    from django.db import connection
    from django.db.models import Count

    from articles.models import Article, Caption, Keyword, Version, Writer
    from photos.models import Photo

    by_status = dict(
        Version.objects.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    summary = {
        "articles": Article.objects.count(),
        "live_articles": Article.objects.live().count(),
        "killed_articles": Article.objects.killed().count(),
        "versions": Version.objects.count(),
        "versions_by_status": by_status,
        "scheduled_versions": Version.objects.scheduled().count(),
        "writers": Writer.objects.count(),
        "keywords": Keyword.objects.count(),
        "article_keyword_links": Article.keywords.through.objects.count(),
        "photos": Photo.objects.count(),
        "captions": Caption.objects.count(),
    }
    if db == "sqlite":
        summary["database_mb"] = round(SQLITE_PATH.stat().st_size / 1e6, 1)
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            summary["database_mb"] = round(cursor.fetchone()[0] / 1e6, 1)
    return summary


# --- the machine ----------------------------------------------------------------------------


def cpu_check() -> float:
    """Milliseconds for a fixed pure-Python loop (the best of three). This machine's CPU
    is shared and throttled at times: the same loop has taken twice as long minutes
    apart, so figures from runs with different checks are not comparable."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        total = 0
        for i in range(1_000_000):
            total += i * i
        best = min(best, time.perf_counter() - started)
    return round(best * 1000, 1)


def machine(db: str) -> dict[str, Any]:
    import django
    import gunicorn
    from django.db import connection

    def first(path: str, key: str) -> str:
        try:
            for line in Path(path).read_text().splitlines():
                if line.startswith(key):
                    return line.split(":", 1)[1].strip()
        except OSError:
            pass
        return ""

    def run(args: list[str]) -> str:
        try:
            return subprocess.run(
                args, cwd=ROOT, capture_output=True, text=True, check=False, timeout=10
            ).stdout.strip()
        except OSError:
            return ""

    mem_kb = first("/proc/meminfo", "MemTotal").split()[0] if Path("/proc/meminfo").exists() else 0
    description = {
        "cpu": first("/proc/cpuinfo", "model name") or platform.processor(),
        "cores": os.cpu_count(),
        "memory_gb": round(int(mem_kb) / 1024 / 1024, 1) if mem_kb else None,
        "kernel": platform.release(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "gunicorn": gunicorn.__version__,
        "sqlite": sqlite3.sqlite_version,
        "wrk": (run(["wrk", "-v"]).splitlines() or [""])[0] if shutil.which("wrk") else "",
        "git_commit": run(["git", "rev-parse", "HEAD"]),
        "git_dirty": bool(run(["git", "status", "--porcelain", "--untracked-files=no"])),
    }
    if db == "postgres":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            description["postgresql"] = cursor.fetchone()[0]
    return description


# --- targets --------------------------------------------------------------------------------


def evaluate(
    db: str,
    pages: list[dict[str, Any]],
    load: dict[str, Any] | None,
    fanout: dict[str, Any] | None = None,
) -> list[dict]:
    by_name = {p["name"]: p for p in pages}
    checks: list[dict[str, Any]] = []

    def check(name: str, value: float | None, limit: float, unit: str, *, most: bool = True,
              applies: bool = True, why: str = "", page: str = "") -> None:  # fmt: skip
        if value is None:
            verdict = "SKIP"
        elif not applies:
            verdict = "INFO"
        else:
            verdict = "PASS" if (value <= limit if most else value >= limit) else "MISS"
        checks.append(
            {"target": name, "value": value, "limit": limit, "unit": unit,
             "rule": "<=" if most else ">=", "verdict": verdict, "note": why, "page": page}
        )  # fmt: skip

    def median(page: str) -> float | None:
        return by_name.get(page, {}).get("uncached", {}).get("median_ms")

    story = by_name.get("story", {}).get("uncached", {})
    check("story uncached median", story.get("median_ms"), 10, "ms", page="story")
    check("story uncached queries", story.get("queries"), 8, "queries", page="story")
    for page in ("front", "section", "keyword", "writer"):
        check(f"{page} uncached median", median(page), 15, "ms", page=page)
    searches = [
        (p["uncached"]["p95_ms"], p["name"])
        for p in pages
        if p["name"].startswith("search '") and "uncached" in p
    ]
    worst = max(searches) if searches else (None, "")
    check("search p95 (worst query, uncached)", worst[0], 50, "ms", page=worst[1])
    ratio = load["ratios"]["story_cached/bare_wsgi"] if load else None
    check("story cached rps / bare WSGI rps", ratio, 0.5, "ratio", most=False)
    uncached_rps = load["targets"]["story_uncached"]["rps"] if load else None
    check("story uncached rps (gunicorn, 2 workers)", uncached_rps,
          250 if db == "sqlite" else 200, "rps", most=False)  # fmt: skip
    check("admin article list median", median("admin article list"), 60, "ms",
          page="admin article list")  # fmt: skip
    for page, limit in (("api feed", 20), ("api item", 10)):
        for state in ("uncached", "cached"):
            p95 = by_name.get(page, {}).get(state, {}).get("p95_ms")
            check(f"{page} p95 ({state})", p95, limit, "ms", page=page)
    fanned = fanout or {}
    check(
        "webhook fan-out, 100 subscribers, 1 worker",
        fanned.get("seconds") if fanned.get("all_delivered") else None,
        5,
        "s",
        why="" if fanned.get("all_delivered") else fanned.get("error", "not delivered"),
    )
    return checks


# --- output ---------------------------------------------------------------------------------


def table(results: dict[str, Any]) -> str:
    out: list[str] = []
    m, d = results["machine"], results["dataset"]
    out.append("")
    out.append(
        f"Newsroom benchmark — {results['db']}"
        + (f" {m['postgresql']}" if m.get("postgresql") else f" {m['sqlite']}")
        + f" — {d['articles']:,} articles, {d['versions']:,} versions, {d['photos']:,} photos"
        + f" ({d['database_mb']:,} MB)"
    )
    out.append(
        f"{m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB; Python {m['python']}, "
        f"Django {m['django']}; commit {m['git_commit'][:10]}{' (dirty)' if m['git_dirty'] else ''}"
    )
    busy = max(max(v) for v in results["load_average"].values())
    out.append(
        "load average "
        + ", ".join(f"{k.replace('_', ' ')} {v[0]:.1f}" for k, v in results["load_average"].items())
        + (" — the machine was busy: figures are noisy" if busy > (m["cores"] or 1) else "")
    )
    out.append(
        "CPU check (a fixed Python loop, bench/run.py cpu_check): "
        + ", ".join(f"{k.replace('_', ' ')} {v} ms" for k, v in results["cpu_check_ms"].items())
    )
    out.append("")
    # uncached: a page-cache miss (parts of published versions already rendered once);
    # cold: every cache empty (bench/pages.py).
    head = f"{'page':<32}{'uncached median':>16}{'p95':>12}{'queries':>9}"
    head += f"{'cached median':>15}{'p95':>9}{'queries':>9}{'n':>6}{'cold median':>14}"
    out.append(head)
    out.append("-" * len(head))
    for p in results["pages"]:
        if "error" in p:
            out.append(f"{p['name']:<32}FAILED {p['error'][:120]}")
            continue
        u, c = p["uncached"], p.get("cached")
        bad = {k: v for k, v in u["statuses"].items() if int(k) != 200}
        line = f"{p['name']:<32}{u['median_ms']:>13.1f} ms{u['p95_ms']:>9.1f} ms{u['queries']:>9}"
        if c:
            line += f"{c['median_ms']:>12.2f} ms{c['p95_ms']:>6.2f} ms{c['queries']:>9}"
        else:
            line += f"{'(' + (p['note'] or 'not cached') + ')':>33}"
        line += f"{u['n']:>6}"
        if "cold" in p:
            line += f"{p['cold']['median_ms']:>11.1f} ms"
        if bad:
            line += f"  statuses {bad}"
        out.append(line)
    for note in results["missing"]:
        out.append(f"  {note}")
    out.append("")
    load = results.get("load")
    if load:
        s = load["settings"]
        out.append(
            f"Requests/s under {s['server']}, {s['generator']} -t{s['threads']} "
            f"-c{s['connections']} {s['duration_s']} s each, 127.0.0.1:"
        )
        t = load["targets"]
        static_name = load["paths"]["static"].rsplit("/", 1)[-1]
        for key, label in [
            ("bare_wsgi", "bare Django WSGI app, same bytes (ceiling)"),
            ("healthz", "/healthz (minimal view)"),
            ("static", f"static file via WhiteNoise ({static_name})"),
            ("story_cached", "story page, cached"),
            ("story_uncached", "story page, uncached"),
        ]:  # fmt: skip
            r = t[key]
            errors = f"  ({r['non_2xx']} non-2xx)" if r["non_2xx"] else ""
            out.append(
                f"  {label:<52}{r['rps']:>9,.0f} rps   p50 {r['latency_p50_ms']} ms"
                f"  p99 {r['latency_p99_ms']} ms{errors}"
            )
        ratios = load["ratios"]
        out.append(
            f"  ratios: story cached / bare WSGI {ratios['story_cached/bare_wsgi']:.0%}, "
            f"story cached / healthz {ratios['story_cached/healthz']:.0%}, "
            f"story cached / static {ratios['story_cached/static']:.0%}, "
            f"story uncached / healthz {ratios['story_uncached/healthz']:.0%}, "
            f"healthz / static {ratios['healthz/static']:.0%}"
        )
    else:
        out.append("Requests/s: skipped")
    wire = results.get("wire") or {}
    if not wire.get("available"):
        out.append(f"Wire import: {wire.get('note', 'skipped')}")
    elif wire.get("error"):
        out.append(f"Wire import: FAILED — {wire['error'].strip().splitlines()[-1][:200]}")
    else:
        out.append(
            f"Wire import: {wire['files']:,} stories in {wire['seconds']} s = "
            f"{wire['stories_per_s']} stories/s (Django start-up {wire['django_startup_s']} s "
            f"included); {wire['articles_after']} articles, {wire['versions_after']} versions"
        )
        from bench.wire import report as wire_report

        out += wire_report(wire)
    f = results.get("fanout") or {}
    if f.get("seconds") is not None:
        out.append(
            f"Webhook fan-out: 1 publish to {f['subscribers']} subscribers on 127.0.0.1 by one "
            f"worker: {f['delivered']} delivered ({f['signatures_verified']} signatures "
            f"verified) in {f['seconds']} s"
        )
    else:
        out.append(f"Webhook fan-out: {f.get('error', 'skipped')}")
    r = results.get("renditions") or {}
    if r.get("median_total_s") is not None:
        out.append(
            f"Renditions: {r['source']} ({r['source_bytes'] / 1e6:.1f} MB): inspect "
            f"{r['median_inspect_s']} s + {r['renditions']} renditions {r['median_renditions_s']} s"
            f" = {r['median_total_s']} s (median of {r['runs']})"
        )
    else:
        out.append(f"Renditions: {r.get('error', 'skipped')}")
    out.append("")
    out.append("Targets (2-core machine, 100,000 articles):")
    for c in results["targets"]:
        value = "—" if c["value"] is None else c["value"]
        note = f"  ({c['note']})" if c["note"] else ""
        out.append(
            f"  {c['verdict']:<5}{c['target']:<38}{value!s:>8} {c['unit']:<8}"
            f"{c['rule']} {c['limit']}{note}"
        )
        plan = results.get("plans", {}).get(c["page"])
        if c["verdict"] in ("MISS", "INFO") and plan and c["unit"] == "ms":
            steps = "; ".join(line.strip() for line in plan.get("plan", [])[:6])
            out.append(f"         slowest query {plan['ms']} ms: {steps[:220]}")
    out.append("")
    return "\n".join(out)


def write_results(results: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS / f"{stamp}-{results['db']}.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(results, indent=1, default=str) + "\n")
    tmp.replace(path)
    return path


# --- the run --------------------------------------------------------------------------------


def renditions_figure(runs: int) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "renditions.py"), "--runs", str(runs)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    if done.returncode:
        return {"error": done.stderr.strip().splitlines()[-1:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def fanout_figure() -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "fanout.py")],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    lines = done.stdout.strip().splitlines()
    if done.returncode or not lines:
        return {"error": (done.stderr.strip().splitlines() or ["no output"])[-1][:300]}
    return json.loads(lines[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description="The newsroom benchmark.")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--scale", type=int, default=100_000, help="articles (default 100,000)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the bench database")
    parser.add_argument("--requests", type=int, default=100, help="requests per page type")
    parser.add_argument("--duration", type=int, default=10, help="seconds per load target")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--quick", action="store_true", help="a smoke run: few requests, 3 s")
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--skip-wire", action="store_true")
    args = parser.parse_args()
    if args.quick:
        args.requests, args.duration = 20, 3

    started = time.perf_counter()
    VAR.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {
        # Other work on the machine skews every figure; the load average says how much.
        "load_average": {"start": os.getloadavg()},
        "cpu_check_ms": {"start": cpu_check()},
        "db": args.db,
        "scale": args.scale,
        "started_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "settings": {"requests": args.requests, "quick": args.quick},
    }
    if args.db == "postgres":
        from bench.pg import kept_cluster

        cluster = kept_cluster(VAR / "pg")
    else:
        cluster = nullcontext(f"sqlite:///{SQLITE_PATH}")

    with cluster as url:
        env = configure_environment(url)
        import logging

        import django

        django.setup()
        logging.getLogger("django.request").setLevel(logging.ERROR)  # the 404s are expected
        from django.core.management import call_command
        from django.db import connections

        from bench import explain, load, pages

        results["build"] = prepare_database(
            db=args.db, url=url, scale=args.scale, rebuild=args.rebuild
        )
        results["dataset"] = dataset_summary(args.db)
        log(
            "dataset: "
            + ", ".join(f"{k} {v:,}" for k, v in results["dataset"].items() if isinstance(v, int))
        )
        t0 = time.perf_counter()
        call_command("collectstatic", interactive=False, verbosity=0)
        log(f"collectstatic into {VAR / 'static'} ({time.perf_counter() - t0:.1f} s)")
        results["machine"] = machine(args.db)

        results["pages"], results["missing"], story_paths = pages.measure(n=args.requests)
        results["plans"] = explain.explain(results["pages"])
        for page in results["pages"]:
            for state in ("uncached", "cached"):
                page.get(state, {}).pop("slowest_full_sql", None)
        if any("error" in page for page in results["pages"]):
            log("some pages failed (see the table): their figures are missing from this run")
        manifest = json.loads((VAR / "static" / "staticfiles.json").read_text())
        static_path = "/static/" + manifest["paths"]["css/site.css"]
        connections.close_all()
        results["load_average"]["before_load_test"] = os.getloadavg()
        results["cpu_check_ms"]["before_load_test"] = cpu_check()
        if args.skip_load:
            results["load"] = None
        else:
            results["load"] = load.measure(
                env=env,
                story_paths=story_paths,
                static_path=static_path,
                workers=args.workers,
                duration=args.duration,
                log=VAR / "gunicorn.log",
            )

    if args.skip_wire:
        results["wire"] = {"available": False, "note": "skipped (--skip-wire)"}
    else:
        log("wire import: 1,000 generated stories into a throwaway SQLite database")
        from bench import wire

        results["wire"] = wire.measure(n=1000, base_env=env)
    log("webhook fan-out: 1 publish, 100 subscribers, one worker (bench/fanout.py)")
    results["fanout"] = fanout_figure()
    log("renditions: 6000x4000 JPEG (bench/renditions.py)")
    results["renditions"] = renditions_figure(2 if args.quick else 3)
    results["cpu_check_ms"]["end"] = cpu_check()
    results["targets"] = evaluate(args.db, results["pages"], results["load"], results["fanout"])
    results["duration_s"] = round(time.perf_counter() - started, 1)
    print(table(results))
    path = write_results(results)
    log(f"results written to {path.relative_to(ROOT)} (whole run {results['duration_s']} s)")


if __name__ == "__main__":
    main()
