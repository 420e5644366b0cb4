"""Plain agency text in other agencies' dialects: Xinhua and Reuters.

The layout is the one every agency shares, so the wire text parser reads it with a
``Dialect`` of the agency's own markers (Xinhua ends with ``Endit``; Reuters writes
``Jan 3 (Reuters) -`` with a single hyphen). What the layout cannot say is read after:
Reuters' version marks in front of the headline (``UPDATE 1-``, ``CORRECTED-``), its
``(Adds …)`` advisory as the first paragraph and its ``(Reporting by …; Editing by …)``
trailer, whose reporters are the byline.
"""

from __future__ import annotations

import dataclasses
import re

from wire.formats.common import advisory_from, agency_name, headline_marks, trailer
from wire.formats.draft import _LEADING_NOTE
from wire.text.dialect import YONHAP, Dialect
from wire.text.parser import parse_wire
from wire.text.story import WITHHELD, WireStory

XINHUA = dataclasses.replace(
    YONHAP, name="xinhua", end=re.compile(r"^(?:\(END\)|Endit(?:em)?|ENDIT(?:EM)?)$")
)
REUTERS = dataclasses.replace(
    YONHAP,
    name="reuters",
    # Reuters' own advisory: "(Adds analyst comment, closing prices)" under the headline.
    advisory=re.compile(
        r"^\(\s*(?:ATTN\s*:|(?:adds?|updates?|corrects?|recasts?|changes?|rewrites?|refiles?|"
        r"repeats?|deletes?|restores?|replaces?)\b)",
        re.IGNORECASE,
    ),
)

_XINHUA_MARK = re.compile(r"\(Xinhua\)\s*--|^\s*Endit(?:em)?\s*$", re.I | re.M)
_REUTERS_MARK = re.compile(r"\(Reuters\)\s*-|\((?:Additional\s+)?Reporting by\b", re.M)


def dialect_for(text: str) -> Dialect:
    """Which agency's text this is, from its markers (Yonhap's, ours, by default).

    Markers stand near the top (dateline) or the foot (end mark, trailer): only those
    parts are looked at.
    """
    ends = text[:6000] + "\n" + text[-3000:]
    if _XINHUA_MARK.search(ends):
        return XINHUA
    if _REUTERS_MARK.search(ends):
        return REUTERS
    return YONHAP


def read_agency_text(text: str, *, filename: str = "<stdin>") -> WireStory:
    dialect = dialect_for(text)
    story = parse_wire(text, filename=filename, dialect=dialect)
    if dialect is REUTERS:
        story = _reuters(story)
    if dialect is not YONHAP:
        story = dataclasses.replace(story, format=f"wire text ({dialect.name})")
    if story.source:
        story = dataclasses.replace(story, source=agency_name(story.source))
    return story


def _reuters(story: WireStory) -> WireStory:
    changes: dict = {}
    found, killed, headline = headline_marks(story.headline)
    changes["headline"] = headline
    if found:
        changes |= {"kind": found[0], "lead_ordinal": found[1]}
    if killed:
        changes["status"] = WITHHELD
    warnings = list(story.warnings)
    if story.advisory.text and not story.advisory.text.upper().startswith("(ATTN"):
        changes["advisory"] = advisory_from(story.advisory.text)
        warnings = [w for w in warnings if not w.startswith("advisory")]
    paragraphs = list(story.paragraphs)
    notes = list(story.notes)
    if paragraphs and _LEADING_NOTE.match(paragraphs[0]):
        if not story.advisory.text:
            changes["advisory"] = advisory_from(paragraphs[0])
        notes.append(paragraphs.pop(0))
    paragraphs, reporters, trailer_notes, ended = trailer(paragraphs)
    if story.end or ended or reporters:
        warnings = [w for w in warnings if not w.startswith("no (END)")]
    changes |= {
        "warnings": warnings,
        "paragraphs": paragraphs,
        "notes": notes + trailer_notes,
        "byline": story.byline or reporters,
        "end": story.end or ended or bool(reporters),
    }
    return dataclasses.replace(story, **changes)
