"""The wire inbox: files imported as they arrive, filed under done/ or failed/, never read
half-written, nothing lost in a crash; the watch_wire command and the periodic task."""

from __future__ import annotations

import io
import os
import threading
import time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Section, Version
from wire.importer import import_story
from wire.inbox import InboxBusy, Watcher, locked, scan_inbox, watch
from wire.tasks import scan_wire_inbox
from wire.text.parser import parse_wire
from wire.text.story import Dateline, WireStory
from wire.text.writer import write_wire

SAMPLES = Path(__file__).parent / "samples"


@pytest.fixture
def national(db) -> Section:
    return Section.objects.get_or_create(slug="national", defaults={"name": "National"})[0]


@pytest.fixture
def inbox(tmp_path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    return folder


def copy(n: int, paragraphs: int = 4) -> str:
    """Wire text of an invented story, numbered so every one is different copy."""
    return write_wire(
        WireStory(
            slug=f"Harbor-ferry-{n}",
            headline=f"Harbor ferry number {n} adds a late sailing for holiday travelers",
            byline=["Oh Da-eun"],
            dateline=Dateline(place="BUSAN", month="Nov.", day=27, agency="Hanbit"),
            paragraphs=[
                f"Ferry {n} will add a late sailing on weekends, the operator said in part {p}."
                for p in range(1, paragraphs + 1)
            ],
            end=True,
        )
    )


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.is_file() and p.name[0] != ".")


def test_once_imports_what_is_there_and_files_it_under_done_and_failed(national, inbox) -> None:
    (inbox / "a.txt").write_text(copy(1), encoding="utf-8")
    (inbox / "b.xml").write_bytes((SAMPLES / "agency_pa_nitf_embargoed_caption.xml").read_bytes())
    (inbox / "c.pdf").write_bytes(b"%PDF-1.7 not a story")
    out = io.StringIO()
    call_command("watch_wire", str(inbox), "--once", "--settle", "0", stdout=out)
    assert names(inbox / "done") == ["a.txt", "b.xml"]
    assert names(inbox / "failed") == ["c.pdf", "c.pdf.error.txt"]
    assert "looks like PDF document" in (inbox / "failed" / "c.pdf.error.txt").read_text()
    assert names(inbox / "processing") == []
    assert Version.objects.count() == 2
    assert (
        out.getvalue()
        .strip()
        .endswith("2 imported, 0 already imported, 1 failed, 0 still being written.")
    )


def test_temporary_names_are_never_read(national, inbox) -> None:
    (inbox / ".incoming.txt").write_text(copy(1), encoding="utf-8")
    (inbox / "story.txt.tmp").write_text(copy(2), encoding="utf-8")
    (inbox / "story.part").write_text(copy(3), encoding="utf-8")
    result = scan_inbox(inbox, section=national, settle=0)
    assert result.done == [] and Version.objects.count() == 0
    assert {".incoming.txt", "story.txt.tmp", "story.part"} <= set(os.listdir(inbox))


def test_a_file_still_being_written_waits_for_the_next_scan(national, inbox) -> None:
    clock = iter([0.0, 0.5, 5.0])
    watcher = Watcher(inbox, section=national, settle=2.0, clock=lambda: next(clock))
    path = inbox / "growing.txt"
    long_ago = time.time() - 60

    path.write_text(copy(1)[:60], encoding="utf-8")
    os.utime(path, (long_ago, long_ago))
    first = watcher.scan()  # at 0.0: first seen
    assert (first.done, first.waiting) == ([], ["growing.txt"])

    path.write_text(copy(1), encoding="utf-8")
    os.utime(path, (long_ago + 1, long_ago + 1))
    second = watcher.scan()  # at 0.5: it grew, so the wait starts over
    assert (second.done, second.waiting) == ([], ["growing.txt"])
    assert Version.objects.count() == 0

    third = watcher.scan()  # at 5.0: unchanged for 4.5 s
    assert third.done == ["growing.txt"], third
    assert len(Version.objects.get().paragraphs) == 4  # read whole, never half


def test_a_crash_mid_import_loses_nothing(national, inbox) -> None:
    (inbox / "processing").mkdir()
    # One file was claimed and imported, then the process died before filing it …
    (inbox / "processing" / "imported.txt").write_text(copy(1), encoding="utf-8")
    import_story(parse_wire(copy(1), filename="imported.txt"), section=national)
    # … another was claimed and the process died before its import committed.
    (inbox / "processing" / "claimed.txt").write_text(copy(2), encoding="utf-8")
    result = scan_inbox(inbox, section=national, settle=0)
    assert sorted(result.recovered) == ["claimed.txt", "imported.txt"]
    assert (result.done, result.duplicates) == (["claimed.txt"], ["imported.txt"])
    assert names(inbox / "done") == ["claimed.txt", "imported.txt"]
    assert names(inbox / "processing") == []
    assert Version.objects.count() == 2  # nothing lost, nothing twice


def test_a_failed_import_writes_nothing_and_says_why(national, inbox) -> None:
    story = WireStory(
        headline="Harbor ferry adds a late sailing for holiday travelers",
        deck="A deck far too long for the column " * 20,
        dateline=Dateline(place="BUSAN", month="Nov.", day=27, agency="Hanbit"),
        paragraphs=["The harbor ferry will add a late sailing on weekends, the operator said."],
    )
    (inbox / "long.txt").write_text(write_wire(story), encoding="utf-8")
    result = scan_inbox(inbox, section=national, settle=0)
    assert result.failed[0][0] == "long.txt"
    error = (inbox / "failed" / "long.txt.error.txt").read_text()
    assert error.startswith("long.txt: deck is") and "over the limit of 500" in error
    assert Article.objects.count() == 0


def test_dry_run_reports_and_moves_nothing(national, inbox) -> None:
    (inbox / "a.txt").write_text(copy(1), encoding="utf-8")
    out = io.StringIO()
    call_command("watch_wire", str(inbox), "--dry-run", "--settle", "0", stdout=out)
    assert "a.txt: would import [wire text]" in out.getvalue()
    assert names(inbox) == ["a.txt"] and Version.objects.count() == 0


def test_one_watcher_per_inbox(national, inbox) -> None:
    with locked(inbox):
        with pytest.raises(InboxBusy):
            scan_inbox(inbox, section=national, settle=0)
        with pytest.raises(CommandError, match="another watch_wire is running"):
            call_command("watch_wire", str(inbox), "--once", stdout=io.StringIO())


def test_the_periodic_task_imports_the_inbox(national, inbox, worker) -> None:
    (inbox / "a.txt").write_text(copy(1), encoding="utf-8")
    result = scan_wire_inbox.enqueue(str(inbox), settle=0)
    worker()  # the task worker in batch mode: runs what is queued, then returns
    result.refresh()
    assert result.return_value["done"] == ["a.txt"]
    assert Version.objects.count() == 1


def test_the_inbox_works_while_files_are_dropped_into_it(national, inbox) -> None:
    """A feed drops files while the watcher runs: some renamed into place, some written in
    place in pieces, one that is no story. Each good one is imported once, whole."""
    finished = threading.Event()

    def feed() -> None:
        try:
            for n in range(12):
                text = copy(n, paragraphs=3 + n % 3)
                if n == 7:
                    (inbox / "junk.bin").write_bytes(b"\x89PNG\r\n\x1a\nnot copy")
                if n % 2:  # the careful writer: a temporary name, then a rename
                    temporary = inbox / f".story-{n}.txt"
                    temporary.write_text(text, encoding="utf-8")
                    os.replace(temporary, inbox / f"story-{n}.txt")
                else:  # the careless one: in place, in pieces, with short pauses
                    with open(inbox / f"story-{n}.txt", "w", encoding="utf-8") as handle:
                        for start in range(0, len(text), 200):
                            handle.write(text[start : start + 200])
                            handle.flush()
                            time.sleep(0.02)
                time.sleep(0.05)
        finally:
            finished.set()

    def settled() -> bool:
        pending = [n for n in os.listdir(inbox) if (inbox / n).is_file() and n[0] != "."]
        return finished.is_set() and not pending

    dropper = threading.Thread(target=feed)
    dropper.start()
    try:
        total = watch(inbox, section=national, settle=0.3, interval=0.05, stop=settled)
    finally:
        dropper.join()
    assert sorted(total.done) == sorted(f"story-{n}.txt" for n in range(12))
    assert [name for name, _ in total.failed] == ["junk.bin"]
    assert names(inbox / "processing") == []
    assert len(names(inbox / "done")) == 12
    assert Version.objects.count() == 12
    for version in Version.objects.select_related("article"):
        n = int(version.article.slug.rsplit("-", 1)[1])
        assert len(version.paragraphs) == 3 + n % 3  # every file read whole
