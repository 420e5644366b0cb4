"""A wire inbox: a folder agencies' feeds drop files into, imported as they arrive.

::

    INBOX/             files arrive here
    INBOX/processing/  a file being imported (claimed by an atomic rename)
    INBOX/done/        imported (or already imported: the same copy twice)
    INBOX/failed/      refused, with NAME.error.txt beside it saying why

A half-written file is never read, whichever way the feed writes:

* writers that write elsewhere and rename into place, or write under a temporary name
  (dotfiles, ``*.tmp``, ``*.part``, ``*.partial``, ``*.crdownload``, ``*~``) and rename
  when done: those names are never taken;
* writers that write in place: a file is taken only once its size and modification time
  have stayed the same for ``settle`` seconds, across two scans. (A writer that pauses
  longer than that mid-file must use a temporary name.)

A crash loses nothing: a claimed file sits in ``processing/`` until its import is done;
on the next start it is taken again, and copy already written is recognised by its
fingerprint ("already imported") rather than imported twice. One watcher runs per inbox
(an exclusive lock on ``INBOX/.watch_wire.lock``).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import DatabaseError

from articles.models import Section, TransitionError
from wire.formats import read_story
from wire.importer import ImportRefused, check_story, import_story
from wire.text.story import WireError

TEMPORARY_SUFFIXES = (".tmp", ".part", ".partial", ".crdownload", ".swp", "~")
FOLDERS = ("processing", "done", "failed")
LOCK_NAME = ".watch_wire.lock"


class InboxBusy(Exception):
    """Another watcher holds this inbox."""


@dataclass
class Scan:
    """What one pass over the inbox did."""

    done: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)
    recovered: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    def merge(self, other: Scan) -> None:
        for name in ("done", "duplicates", "failed", "waiting", "recovered", "lines"):
            getattr(self, name).extend(getattr(other, name))

    @property
    def summary(self) -> str:
        return (
            f"{len(self.done)} imported, {len(self.duplicates)} already imported, "
            f"{len(self.failed)} failed, {len(self.waiting)} still being written"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "done": self.done,
            "duplicates": self.duplicates,
            "failed": [{"file": f, "error": e} for f, e in self.failed],
            "waiting": self.waiting,
            "recovered": self.recovered,
        }


def is_temporary(name: str) -> bool:
    """A name a writer uses while the file is not finished."""
    lowered = name.lower()
    return name.startswith(".") or lowered.endswith(TEMPORARY_SUFFIXES)


def prepare(inbox: Path) -> None:
    if not inbox.is_dir():
        raise FileNotFoundError(f"no inbox folder {inbox}")
    for name in FOLDERS:
        (inbox / name).mkdir(exist_ok=True)


@contextlib.contextmanager
def locked(inbox: Path) -> Iterator[None]:
    """Hold the inbox for this process; InboxBusy when another watcher has it."""
    prepare(inbox)
    with open(inbox / LOCK_NAME, "a+b") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as busy:
            raise InboxBusy(f"another watch_wire is running on {inbox}") from busy
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _free_name(folder: Path, name: str) -> Path:
    """``folder/name``, or ``folder/name.2`` … when a file of that name is already there."""
    target, n = folder / name, 2
    while target.exists():
        target, n = folder / f"{name}.{n}", n + 1
    return target


def _move(path: Path, folder: Path) -> Path:
    target = _free_name(folder, path.name)
    os.replace(path, target)
    return target


def recover(inbox: Path) -> list[str]:
    """Files a crashed run had claimed go back to be imported again (nothing is lost)."""
    recovered = []
    for path in sorted((inbox / "processing").iterdir()):
        if path.is_file():
            _move(path, inbox)
            recovered.append(path.name)
    return recovered


def candidates(inbox: Path) -> dict[str, tuple[int, int]]:
    """Files that may be copy, with their (size, mtime in ns) signature."""
    found = {}
    with os.scandir(inbox) as entries:
        for entry in entries:
            if entry.is_file(follow_symlinks=False) and not is_temporary(entry.name):
                stat = entry.stat(follow_symlinks=False)
                found[entry.name] = (stat.st_size, stat.st_mtime_ns)
    return found


class Watcher:
    """Imports an inbox's settled files, one transaction per file."""

    def __init__(
        self,
        inbox: Path,
        *,
        section: Section | None,
        publish: bool = False,
        dry_run: bool = False,
        settle: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        prepare(inbox)
        self.inbox = inbox
        self.section = section
        self.publish = publish
        self.dry_run = dry_run
        self.settle = settle
        self.clock = clock
        # name -> (signature, when it was first seen with that signature)
        self.seen: dict[str, tuple[tuple[int, int], float]] = {}

    def settled(self) -> tuple[list[str], list[str]]:
        """(names ready to import, names still changing) after one more look."""
        now = self.clock()
        wall = time.time()
        ready, waiting = [], []
        current = candidates(self.inbox)
        for name, signature in sorted(current.items()):
            previous = self.seen.get(name)
            if previous is None or previous[0] != signature:
                self.seen[name] = (signature, now)
                previous = self.seen[name]
            old_enough = wall - signature[1] / 1e9 >= self.settle
            if now - previous[1] >= self.settle and old_enough:
                ready.append(name)
            else:
                waiting.append(name)
        for name in set(self.seen) - set(current):
            del self.seen[name]
        return ready, waiting

    def scan(self) -> Scan:
        result = Scan()
        ready, result.waiting = self.settled()
        for name in ready:
            self.seen.pop(name, None)
            result.merge(self.take(name))
        return result

    def take(self, name: str) -> Scan:
        """Claim one file, import it, file it under done/ or failed/."""
        result = Scan()
        source = self.inbox / name
        if self.dry_run:
            try:
                story = read_story(source.read_bytes(), filename=name)
                check_story(story)
            except (WireError, ImportRefused, OSError) as error:
                result.failed.append((name, str(error)))
                result.lines.append(f"{name}: would fail: {error}")
            else:
                result.done.append(name)
                result.lines.append(f"{name}: would import [{story.format}] {story.headline}")
            return result
        claimed = self.inbox / "processing" / name
        try:
            os.rename(source, claimed)  # atomic: whoever renames it, has it
        except FileNotFoundError:
            return result  # taken by someone else, or withdrawn by its writer
        try:
            story = read_story(claimed.read_bytes(), filename=name)
            outcome = import_story(story, section=self.section, publish=self.publish)
        except (WireError, ImportRefused, DatabaseError, TransitionError, OSError) as error:
            # The file's transaction rolled back: nothing of it was written.
            failed = _move(claimed, self.inbox / "failed")
            failed.with_name(failed.name + ".error.txt").write_text(f"{error}\n", encoding="utf-8")
            result.failed.append((name, str(error)))
            result.lines.append(f"{name}: failed: {error}")
            return result
        _move(claimed, self.inbox / "done")
        (result.duplicates if outcome.duplicate else result.done).append(name)
        result.lines.append(f"{name}: {outcome.line}")
        result.lines += [f"  warning: {w}" for w in outcome.warnings]
        return result


def scan_inbox(
    inbox: Path,
    *,
    section: Section | None,
    publish: bool = False,
    dry_run: bool = False,
    settle: float = 1.0,
) -> Scan:
    """Process what is in the inbox now and return: the --once run and the periodic task.

    Files still being written are left for the next scan. Crashed runs' claims are
    recovered first.
    """
    inbox = Path(inbox)
    with locked(inbox):
        result = Scan()
        if not dry_run:
            result.recovered = recover(inbox)
        watcher = Watcher(inbox, section=section, publish=publish, dry_run=dry_run, settle=settle)
        watcher.settled()  # first look: every file's signature
        if settle:
            time.sleep(settle)
        result.merge(watcher.scan())
        return result


def watch(
    inbox: Path,
    *,
    section: Section | None,
    publish: bool = False,
    settle: float = 1.0,
    interval: float = 2.0,
    stop: Callable[[], bool] = lambda: False,
    report: Callable[[Scan], None] = lambda scan: None,
) -> Scan:
    """Import files as they arrive until ``stop()`` says so; the whole run's Scan."""
    inbox = Path(inbox)
    total = Scan()
    with locked(inbox):
        total.recovered = recover(inbox)
        watcher = Watcher(inbox, section=section, publish=publish, settle=settle)
        while True:
            scan = watcher.scan()
            report(scan)
            total.merge(scan)
            total.waiting = scan.waiting
            if stop():
                return total
            time.sleep(interval)
