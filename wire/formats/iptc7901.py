"""IPTC 7901 wire messages (dpa and other European agencies).

``SOH``, a header line (``eca100 3 s 586 ccccb   dpa 099``: service and number, priority,
category, word count, keywords, source), the keyword line (``Germany-football/Munich/``),
``STX``, the text (a version line such as ``1ST LEAD`` or ``(Eil)``, the headline ending
``=``, the byline, then paragraphs separated by blank lines and hard-wrapped), the
agency's notebook for editors (``# Notebook``), the desk's initials, ``ETX``, the time
(``071341 GMT Okt 15``), ``EOT``. BEL characters ring for a flash.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re

from articles.vocab import Kind
from wire.formats.anpa import decode
from wire.formats.common import byline_names, month_number, version_mark
from wire.formats.draft import Draft
from wire.text.parser import MAX_LINES
from wire.text.story import WireError, WireStory

FORMAT = "IPTC 7901"
_HEADER = re.compile(
    r"^(?P<service>\S{1,12})\s+(?P<priority>\d)\s+(?P<category>[a-z]{1,3})\s+(?P<words>\d{1,6})"
    r"(?:\s+(?P<keys>\S{0,20}))?\s+(?P<source>[A-Za-z]{2,12})\s+\d{0,6}\s*$"
)
_TIME = re.compile(
    r"(?P<d>\d{2})(?P<hm>\d{4})\s+(?:GMT\s+)?(?P<mon>[A-Za-zäé]{3,9})\.?\s+(?P<y>\d{2})"
)


def read_iptc7901(data: bytes, *, filename: str = "<stdin>") -> WireStory:
    text, warnings = decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    stx = text.find("\x02")
    if stx < 0:
        raise WireError(filename, 1, f"{FORMAT} message with no text (no STX)", format=FORMAT)
    etx = text.find("\x03", stx)
    draft = Draft(format=FORMAT, filename=filename, warnings=warnings, end=etx >= 0)
    envelope = [line.strip("\x01\x16 ")[:300] for line in text[:stx][:2000].split("\n")]
    header = _HEADER.match(envelope[0]) if envelope else None
    if header:
        draft.source = header.group("source")
        if header.group("priority") == "1":
            draft.mark(Kind.URGENT)
    keyword = next((line for line in envelope[1:] if line.strip()), "")
    draft.slug = keyword.strip().strip("/")
    stamp = _TIME.search(text[etx + 1 : etx + 80]) if etx >= 0 else None
    if stamp and month_number(stamp.group("mon")):
        with contextlib.suppress(ValueError):  # "31 Feb": no date
            draft.when = dt.datetime(
                2000 + int(stamp.group("y")),
                month_number(stamp.group("mon")) or 1,
                int(stamp.group("d")),
                tzinfo=dt.UTC,
            )

    body = text[stx + 1 : etx if etx >= 0 else len(text)]
    if body.count("\n") > MAX_LINES:
        raise WireError(filename, MAX_LINES + 1, f"{FORMAT} message too long for one story")
    if "\x07" in body:
        draft.mark(Kind.URGENT)  # the bell rings for a flash
    body = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", body)
    blocks = [block.strip("\n") for block in re.split(r"\n[ \t]*\n", body)]
    blocks = [b for b in blocks if b.strip()]
    paragraphs: list[str] = []
    notebook = False
    for n, block in enumerate(blocks):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if n == 0:
            for line in lines:
                line = line.rstrip(" =").strip()
                found = version_mark(line) if len(line) <= 40 else None
                if found and not draft.headline:
                    draft.mark(*found)
                elif line.lower().startswith("by "):
                    draft.byline = byline_names(line)
                elif not draft.headline:
                    draft.headline = line
                else:
                    draft.deck = (draft.deck + " " + line).strip()
            continue
        if lines[0].startswith("#") or lines[0].startswith("* * *"):
            notebook = True
        if notebook:
            draft.notes.append(" / ".join(lines))
            continue
        paragraphs.append(" ".join(lines))
    draft.paragraphs = paragraphs
    return draft.story()
