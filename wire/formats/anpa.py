"""AP's ANPA 1312 wire takes.

A take is framed by control characters: ``SYN SYN SOH``, the service and sequence
(``z6715``), ``US``, the selector; a line with priority and category, ``DC3 DC1`` (or
``DC4 DC2``), the keyword line (``BC-BKN--Heat-Hawks 1stLd-Writethru   02-20 0500``);
``STX``, the text, ``ETX``, the trailer (``AP-WF-02-20-16 0337GMT``), ``EOT``. In the text
``^`` starts a heading line (headline, ``Eds:`` notes, the byline, agate subheads), a tab
a paragraph; ``<``, ``=`` and ``{`` end lines; agate rows use BS, DLE and the US/RS
column codes. Version marks live in the keyword (``1st Ld-Writethru``, ``APNewsAlert``).
"""

from __future__ import annotations

import datetime as dt
import re

from articles.vocab import Kind
from wire.formats.common import byline_names, version_mark
from wire.formats.draft import Draft
from wire.text.parser import MAX_LINES
from wire.text.story import WireError, WireStory

FORMAT = "ANPA 1312"
_KEYWORD = re.compile(
    r"^(?P<priority>[a-z])\s(?P<category>[a-z])[\x13\x14][\x11\x12]\s*(?P<keyword>.*?)"
    r"(?:\s+(?P<month>\d{2})-(?P<day>\d{2})(?:\s+(?P<words>\d{0,5}))?)?\s*$"
)
_SLUG = re.compile(r"^\^?(?:[A-Z]{2}-)?[A-Z]{1,5}--(?P<slug>[^,<]{1,80})")
_TRAILER = re.compile(r"AP-[A-Z]{2}-(?P<m>\d{2})-(?P<d>\d{2})-(?P<y>\d{2})\s+(?P<hm>\d{4})GMT")
_LINE_END = re.compile(r"[<={\s]+$")
_TITLE_LINE = re.compile(
    r"(?i)^(?:AP\s+\w+(?:\s+\w+)?\s+Writer|Associated Press(?:\s+Writer)?|AP)$"
)
_NOTE_LINE = re.compile(r"(?i)^(?:Eds:|AP Photos?\b|With AP Photos|Editor's Note|Eds\.)")


def decode(data: bytes) -> tuple[str, list[str]]:
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        return data.decode("latin-1"), ["8-bit characters read as Latin-1"]


def _clean(line: str) -> str:
    """A text line without ANPA's codes: column codes become spaces, line ends go."""
    line = line.replace("\x08", "").replace("\x10", " ").replace("\x1f", " ").replace("\x1e", " ")
    line = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", line)
    return " ".join(_LINE_END.sub("", line).split())


def read_anpa(data: bytes, *, filename: str = "<stdin>") -> WireStory:
    text, warnings = decode(data)
    draft = Draft(format=FORMAT, filename=filename, warnings=warnings, source="AP")
    stx = text.find("\x02")
    if stx < 0:
        raise WireError(filename, 1, f"{FORMAT} take with no text (no STX)", format=FORMAT)
    etx = text.find("\x03", stx)
    draft.end = etx >= 0
    if not draft.end:
        draft.warnings.append("no ETX: the take may be cut off")
    header_lines = text[:stx][:2000].replace("\r", "").split("\n")
    keyword = month = day = None
    for line in header_lines:
        found = _KEYWORD.match(line.strip("\x16\x01 "))
        if found:
            keyword = found.group("keyword")
            month, day = found.group("month"), found.group("day")
            if found.group("priority") == "b":
                draft.mark(Kind.URGENT)
    trailer = text[etx + 1 : etx + 200] if etx >= 0 else ""
    year = dt.datetime.now(dt.UTC).year
    when = _TRAILER.search(trailer)
    if when:
        year = 2000 + int(when.group("y"))
        month, day = month or when.group("m"), day or when.group("d")
    if month and day:
        try:
            draft.when = dt.datetime(year, int(month), int(day), tzinfo=dt.UTC)
        except ValueError:
            draft.warnings.append(f"date {month}-{day} in the keyword line is no date")
    if keyword:
        found = version_mark(keyword)
        if found:
            draft.mark(*found)

    body_started = False
    byline_seen = False
    lines = text[stx + 1 : etx if etx >= 0 else len(text)].replace("\r", "").split("\n")
    if len(lines) > MAX_LINES:
        raise WireError(filename, MAX_LINES + 1, f"{FORMAT} take of {len(lines):,} lines: too long")
    for raw in lines:
        raw = raw.lstrip("\x02\x08")
        heading = raw.startswith("^")
        line = _clean(raw.lstrip("^"))
        if not line:
            continue
        slug = _SLUG.match(line)
        if slug and not draft.slug and not body_started:
            draft.slug = slug.group("slug").strip()
            found = version_mark(line)
            if found:
                draft.mark(*found)
            continue
        if heading and not body_started and not byline_seen:
            if line.lower().startswith("by "):
                draft.byline = byline_names(line)
                byline_seen = True
            elif _NOTE_LINE.match(line) or draft.headline:
                draft.notes.append(line)
            else:
                draft.headline = line
            continue
        if heading and not body_started and _TITLE_LINE.match(line):
            continue  # "AP Sports Writer", the byline's title
        if not re.search(r"[^\W_]", line):
            continue  # "___": a section rule
        body_started = True
        draft.paragraphs.append(line)
    if not draft.headline and draft.paragraphs:
        draft.warnings.append("no headline line: the alert's text is the headline")
        first = draft.paragraphs[0]
        draft.headline = re.sub(r"^.{0,80}?\(AP\)\s*[_—–-]+\s*", "", first).rstrip(".")[:300]
    if keyword and not draft.slug:
        found = _SLUG.match(keyword)
        draft.slug = found.group("slug").strip() if found else keyword.split()[0]
    return draft.story()
