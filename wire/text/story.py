"""Plain data for one wire item, as the parser reads it and the writer writes it.

Equality (``==``) compares content only: the file name, the partner header and the
parser's warnings say where copy came from, not what it says, so they are left out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from articles import vocab
from articles.vocab import Kind


class WireError(ValueError):
    """Input that is not a wire story at all (empty, binary, an unrelated page …).

    ``format`` names the format the input was taken for ("NITF", "PDF document" …), so a
    refusal says what the file looked like, not only what was wrong with it.
    """

    def __init__(self, filename: str, line: int, reason: str, *, format: str = "") -> None:
        super().__init__(f"{filename}:{line}: {reason}")
        self.filename = filename
        self.line = line
        self.reason = reason
        self.format = format

    def to_dict(self) -> dict[str, Any]:
        """The same keys a failed file reports in a JSON import summary."""
        data: dict[str, Any] = {"file": self.filename, "line": self.line, "error": self.reason}
        if self.format:
            data["format"] = self.format
        return data


# What subscribers may do with an item (IPTC pubStatus): a kill arrives as canceled or withheld.
USABLE = "usable"
CANCELED = "canceled"
# The tag a kill notice puts before its slug line and headline (wire.text.writer).
KILL_TAG = "(KILLED)"
WITHHELD = "withheld"


@dataclass(frozen=True)
class Advisory:
    """An ``(ATTN: …)`` line: kept verbatim, plus its (verb, object) revision tags."""

    text: str = ""
    tags: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list, compare=False)

    @classmethod
    def from_tags(cls, tags: list[tuple[str, str]]) -> Advisory:
        return cls(text=vocab.advisory(tags), tags=list(tags))

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "tags": [[verb, obj] for verb, obj in self.tags]}


@dataclass(frozen=True)
class Dateline:
    """``SEOUL/POHANG, South Korea, Nov. 1 (Yonhap) --``.

    ``place`` is kept as written; ``places`` are the capitalised names in it.
    ``month`` is always AP style ('Jan.', 'March', 'Sept.'). ``place`` is empty for the
    bare datelines some agencies send ("Jan. 3 (Reuters) --").
    """

    place: str
    month: str
    day: int
    agency: str = "Yonhap"

    @property
    def places(self) -> list[str]:
        if not self.place:
            return []
        return [name.strip() for name in self.place.split(",")[0].split("/")]

    @property
    def text(self) -> str:
        place = f"{self.place}, " if self.place else ""
        return f"{place}{self.month} {self.day} ({self.agency}) --"

    def to_dict(self) -> dict[str, Any]:
        return {
            "places": self.places,
            "place": self.place,
            "month": self.month,
            "day": self.day,
            "agency": self.agency,
        }


@dataclass(frozen=True)
class WireCaption:
    """A photo caption in one story; ``credits`` are the trailing parenthesised credits."""

    text: str
    credits: list[str] = field(default_factory=list)
    # The photographer, when the format names one (not part of the wire text line).
    by: str = field(default="", compare=False)

    @property
    def line(self) -> str:
        return " ".join([self.text, *(f"({credit})" for credit in self.credits)])

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"text": self.text, "credits": list(self.credits)}
        if self.by:
            data["by"] = self.by
        return data


@dataclass(frozen=True)
class WireStory:
    slug: str = ""
    kind: Kind = Kind.ORIGINAL
    lead_ordinal: int = 0
    genres: list[str] = field(default_factory=list)
    headline: str = ""
    deck: str = ""
    advisory: Advisory = field(default_factory=Advisory)
    byline: list[str] = field(default_factory=list)
    dateline: Dateline | None = None
    paragraphs: list[str] = field(default_factory=list)
    captions: list[WireCaption] = field(default_factory=list)
    signoff: str = ""
    # True when the copy arrived whole ("(END)", an ETX, a complete XML document); cut-off
    # copy stays marked incomplete all the way to export.
    end: bool = False
    copyright: str = ""
    # The agency whose copy this is, as the copy or its format names it ("Yonhap", "AP");
    # empty when nothing says. The importer decides whether that is our own name. Read
    # off the dateline credit or the footer in wire text, so not compared on its own.
    source: str = field(default="", compare=False)
    # IPTC pubStatus: "usable", or "canceled" / "withheld" for a kill.
    status: str = USABLE
    # Not for publication before this moment (NITF date.release, NewsML-G2 embargoed).
    embargo: dt.datetime | None = None
    # BCP 47 tag when the format declares one ("en", "nb-NO"); empty: not declared.
    language: str = ""
    # Where the copy came from and what the parser made of it: not content.
    file: str = field(default="<stdin>", compare=False)
    header_name: str = field(default="", compare=False)
    warnings: list[str] = field(default_factory=list, compare=False)
    # Notes to editors that travel with the copy (AP "Eds:", G2 edNote, NITF ed-msg, a
    # Reuters trailer): for the desk, never printed.
    notes: list[str] = field(default_factory=list, compare=False)
    # The format the copy was read from ("wire text", "NITF", "ANPA 1312" …).
    format: str = field(default="wire text", compare=False)

    @property
    def label(self) -> str:
        return vocab.label(self.kind, self.lead_ordinal)

    @property
    def killed(self) -> bool:
        return self.status in (CANCELED, WITHHELD)

    @property
    def photo_item(self) -> bool:
        """A story that is only a captioned photo: captions, no paragraphs."""
        return bool(self.captions) and not self.paragraphs

    @property
    def body(self) -> str:
        """Paragraphs as the models store them: separated by a blank line."""
        return "\n\n".join(self.paragraphs)

    @property
    def fingerprint(self) -> str:
        """sha256 of what the copy says, to spot the same copy imported twice.

        Chrome, warnings, the file name, ``(END)`` and the footer are left out: the same
        story saved from two pages is the same copy.
        """
        content = {
            "slug": self.slug,
            "label": self.label,
            "genres": self.genres,
            "headline": self.headline,
            "deck": self.deck,
            "advisory": [[verb, obj] for verb, obj in self.advisory.tags],
            "byline": self.byline,
            "dateline": self.dateline.to_dict() if self.dateline else None,
            "paragraphs": self.paragraphs,
            "captions": [caption.to_dict() for caption in self.captions],
            "signoff": self.signoff,
            "source": self.source,
            "status": self.status,
        }
        blob = json.dumps(content, ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "slug": self.slug,
            "kind": str(self.kind),
            "lead_ordinal": self.lead_ordinal,
            "label": self.label,
            "genres": list(self.genres),
            "headline": self.headline,
            "deck": self.deck,
            "advisory": self.advisory.to_dict(),
            "byline": list(self.byline),
            "dateline": self.dateline.to_dict() if self.dateline else None,
            "paragraphs": list(self.paragraphs),
            "captions": [caption.to_dict() for caption in self.captions],
            "signoff": self.signoff,
            "end": self.end,
            "copyright": self.copyright,
            "source": self.source,
            "status": self.status,
            "embargo": self.embargo.isoformat() if self.embargo else None,
            "language": self.language,
            "format": self.format,
            "notes": list(self.notes),
            "header_name": self.header_name,
            "fingerprint": self.fingerprint,
            "warnings": list(self.warnings),
            "error": None,
        }
