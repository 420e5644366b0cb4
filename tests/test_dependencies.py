"""Every dependency is pinned, and the lock files (what make and CI install) agree with
the requirements files (what we chose and why)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==([^\s;#]+)")


def pins(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text().splitlines():
        match = PIN.match(line.strip())
        if match:
            found[match[1].lower().replace("_", "-")] = match[2]
    return found


def chosen(path: Path) -> list[str]:
    lines = [line.split("#")[0].strip() for line in path.read_text().splitlines()]
    return [line for line in lines if line and not line.startswith("-r")]


@pytest.mark.parametrize(
    ("requirements", "lock"),
    [("requirements.txt", "requirements.lock"), ("requirements-dev.txt", "requirements-dev.lock")],
)
def test_every_chosen_dependency_is_pinned_and_locked_at_that_version(requirements, lock):
    locked = pins(ROOT / lock)
    for line in chosen(ROOT / requirements):
        match = PIN.match(line)
        assert match, f"{requirements}: {line!r} is not pinned with =="
        name = match[1].lower().replace("_", "-")
        assert locked.get(name) == match[2], f"{lock} has {name}=={locked.get(name)}; run make lock"


def test_the_lock_files_pin_everything_they_list():
    for lock in ("requirements.lock", "requirements-dev.lock"):
        for line in (ROOT / lock).read_text().splitlines():
            if line and not line.startswith((" ", "#", "-")):
                assert PIN.match(line), f"{lock}: {line!r} is not pinned"
