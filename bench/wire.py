"""Wire import throughput: 1,000 generated stories in the agency text format, one file each,
imported with ``manage.py import_wire`` into a throwaway SQLite database.

The files follow DESIGN.md section 5 (slug line, headline, advisory on re-sends, byline,
dateline with the lead paragraph, paragraphs, sign-off, ``(END)``); one in five is a
``(LEAD)`` re-send of a story earlier in the batch, so the importer also threads versions.
The database is migrated and given the newsroom's sections before the clock starts; the
time is the whole command, Django start-up included (reported separately). Files are
imported with ``--publish``, as a feed arrives: each re-send follows a published version.

Two in-process figures go with it: the slowest pathological inputs (1 MB each, from
bench/wire_inputs.py) through every reader, and the readers' field accuracy per format
over the shared fixtures (bench/wire_accuracy.py).

    .venv/bin/python -m bench.wire            # robustness and accuracy only (seconds)
    .venv/bin/python -m bench.wire --import --save   # and the import; results JSON saved
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

from bench import synth

ROOT = Path(__file__).resolve().parent.parent
AP_MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
             "Nov.", "Dec."]  # fmt: skip


def wire_text(
    *,
    copy: synth.Copy,
    people: list[synth.Person],
    slug: str,
    topic: str,
    day: dt.date,
    lead: int,
    agency: str,
) -> str:
    rng = copy.rng
    label = "" if not lead else "(LEAD)" if lead == 1 else f"({synth_ordinal(lead)} LD)"
    headline = copy.headline(topic)
    a, b = rng.sample(people, 2)
    byline = rng.choice([[a.name], [a.name, b.name], []])
    lines = [f"{label} {slug}".strip(), f"{label} {headline}".strip()]
    if lead:
        lines.append("(ATTN: UPDATES throughout; CHANGES headline)")
    if byline:
        lines.append("By " + " and ".join(byline))
    lines.append("")
    paragraphs = copy.paragraphs(topic)
    dateline = f"{copy.place()}, {AP_MONTHS[day.month - 1]} {day.day} ({agency}) --"
    paragraphs[0] = f"{dateline} {paragraphs[0]}"
    for p in paragraphs:
        lines += [*textwrap.wrap(p, 72, break_on_hyphens=False), ""]
    lines += ["desk@hanbit.example", "(END)"]
    return "\n".join(lines) + "\n"


def synth_ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def write_files(folder: Path, n: int, *, agency: str) -> list[Path]:
    copy = synth.Copy(seed=4242)
    people = copy.writers(50)
    day = dt.date.today()
    paths: list[Path] = []
    originals: list[tuple[str, str, int]] = []
    for i in range(n):
        if originals and i % 5 == 4:
            k = copy.rng.randrange(len(originals))
            slug, topic, leads = originals[k]
            originals[k] = (slug, topic, leads + 1)
            lead = leads + 1
        else:
            topic = copy.topic(copy.section())
            slug = f"{synth.slug_words(topic, 2)}-{i:04d}"
            originals.append((slug, topic, 0))
            lead = 0
        path = folder / f"{i:04d}-{slug}.txt"
        path.write_text(
            wire_text(
                copy=copy, people=people, slug=slug, topic=topic, day=day, lead=lead, agency=agency
            ),
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def robustness(*, repeat: int = 2) -> dict[str, Any]:
    """Seconds each 1 MB pathological input takes through each reader (best of ``repeat``):
    {"inputs": {name: {reader: {"seconds", "outcome"}}}, "slowest": [name, reader, s]}."""
    from bench.wire_inputs import pathological
    from wire.formats import read_story
    from wire.formats.anpa import read_anpa
    from wire.formats.iptc7901 import read_iptc7901
    from wire.formats.newsml12 import read_newsml12
    from wire.formats.newsml_g2 import read_newsml_g2
    from wire.formats.nitf import read_nitf
    from wire.text.parser import parse_wire
    from wire.text.story import WireError

    readers = {
        "sniffed": read_story, "anpa": read_anpa, "iptc7901": read_iptc7901,
        "newsml_g2": read_newsml_g2, "newsml12": read_newsml12, "nitf": read_nitf,
    }  # fmt: skip
    inputs: dict[str, dict[str, Any]] = {}
    slowest = ("", "", 0.0)
    for name, text in pathological().items():
        data = text.encode("utf-8")
        runs = [(reader, fn, data) for reader, fn in readers.items()]
        runs.append(("parse_wire", parse_wire, text))
        inputs[name] = {}
        for reader, fn, arg in runs:
            best, outcome = float("inf"), ""
            for _ in range(repeat):
                t0 = time.perf_counter()
                try:
                    fn(arg, filename=name)
                    outcome = "read"
                except WireError as refused:
                    outcome = f"refused: {refused.reason[:60]}"
                best = min(best, time.perf_counter() - t0)
            inputs[name][reader] = {"seconds": round(best, 3), "outcome": outcome}
            if best > slowest[2]:
                slowest = (name, reader, round(best, 3))
    return {"bytes": len(next(iter(pathological().values()))), "inputs": inputs,
            "slowest": list(slowest)}  # fmt: skip


def accuracy() -> dict[str, Any]:
    from bench import wire_accuracy

    return wire_accuracy.measure()


def manage(args: list[str], env: dict[str, str], **kw: Any) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
        **kw,
    )  # fmt: skip


def measure(*, n: int = 1000, base_env: dict[str, str]) -> dict[str, Any]:
    from django.core.management import get_commands

    from bench.build import SECTIONS  # needs Django set up: imported here, not at the top

    if "import_wire" not in get_commands():
        return {"available": False, "note": "not available: manage.py import_wire does not exist"}
    agency = os.environ.get("NEWSROOM_AGENCY", "Hanbit")
    with tempfile.TemporaryDirectory(prefix="bench-wire-") as tmp:
        folder = Path(tmp)
        env = base_env | {
            "DATABASE_URL": f"sqlite:///{folder / 'wire.sqlite3'}",
            "MEDIA_ROOT": str(folder / "media"),
            "PHOTO_ORIGINALS_ROOT": str(folder / "originals"),
        }
        stories = folder / "stories"
        stories.mkdir()
        files = write_files(stories, n, agency=agency)
        migrate = manage(["migrate", "--noinput", "-v0"], env)
        if migrate.returncode:
            return {"available": True, "error": f"migrate failed: {migrate.stderr[-500:]}"}
        sections = repr(SECTIONS)
        seed = manage(
            [
                "shell",
                "-c",
                "from articles.models import Section\n"
                f"for order, (name, slug) in enumerate({sections}):\n"
                "    Section.objects.get_or_create(slug=slug, "
                "defaults={'name': name, 'order': order})",
            ],
            env,
        )
        if seed.returncode:
            return {"available": True, "error": f"seeding sections failed: {seed.stderr[-500:]}"}
        t0 = time.perf_counter()
        startup = manage(["check", "-v0"], env)
        startup_s = time.perf_counter() - t0
        if startup.returncode:
            return {"available": True, "error": f"check failed: {startup.stderr[-500:]}"}
        t0 = time.perf_counter()
        # As a feed arrives: published, so each re-send follows a published version.
        done = manage(["import_wire", "--publish", *map(str, files)], env, timeout=900)
        seconds = time.perf_counter() - t0
        counted = manage(
            [
                "shell",
                "-v",
                "0",
                "-c",
                "from articles.models import Article, Version\n"
                "print(Article.objects.count(), Version.objects.count())",
            ],
            env,
        )
        last = (counted.stdout.strip().splitlines() or ["? ?"])[-1]
        articles, versions = (last.split() + ["?", "?"])[:2]
        result = {
            "available": True,
            "files": n,
            "seconds": round(seconds, 2),
            "stories_per_s": round(n / seconds, 1),
            "django_startup_s": round(startup_s, 2),
            "exit_code": done.returncode,
            "articles_after": articles,
            "versions_after": versions,
            "summary": (done.stdout.strip().splitlines() or [""])[-1][:300],
        }
        if done.returncode:
            result["error"] = done.stderr[-800:]
        result["robustness"] = robustness()
        result["accuracy"] = accuracy()
        return result


def report(result: dict[str, Any]) -> list[str]:
    """Lines for the benchmark's table: the slowest inputs and the accuracy per format."""
    lines = []
    robust = result.get("robustness")
    if robust:
        worst = sorted(
            ((r["seconds"], name, reader, r["outcome"])
             for name, readers in robust["inputs"].items() for reader, r in readers.items()),
            reverse=True,
        )[:5]  # fmt: skip
        lines.append("Wire parsers, slowest 1 MB inputs: " + "; ".join(
            f"{name} via {reader} {seconds:.2f} s ({outcome.split(':')[0]})"
            for seconds, name, reader, outcome in worst
        ))  # fmt: skip
    acc = result.get("accuracy") or {}
    if acc.get("available"):
        lines.append("Wire field accuracy: " + ", ".join(
            f"{name} {c['accuracy']:.1%}" for name, c in sorted(acc["formats"].items())
        ) + f"; all {acc['total']['accuracy']:.1%} of {acc['total']['fields']} fields")  # fmt: skip
    return lines


if __name__ == "__main__":
    import json
    import os

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    if "--import" in sys.argv:  # the 1,000-file import too, as make bench runs it
        figures = measure(n=1000, base_env=dict(os.environ))
    else:
        figures = {"robustness": robustness(), "accuracy": accuracy()}
    print("\n".join(report(figures)))
    if "--save" in sys.argv:
        from bench.run import RESULTS, machine

        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        path = RESULTS / f"{stamp}-wire.json"
        path.write_text(json.dumps({"machine": machine("sqlite"), "wire": figures}, indent=1))
        print(f"written: {path.relative_to(ROOT)}")
