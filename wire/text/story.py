"""Plain data for one wire item, as the parser reads it and the writer writes it.

Equality (``==``) compares content only: the file name, the partner header and the
parser's warnings say where copy came from, not what it says, so they are left out.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from articles import vocab
from articles.vocab import Kind


class WireError(ValueError):
    """Input that is not a wire story at all (empty, binary, an unrelated page …)."""

    def __init__(self, filename: str, line: int, reason: str) -> None:
        super().__init__(f"{filename}:{line}: {reason}")
        self.filename = filename
        self.line = line
        self.reason = reason

    def to_dict(self) -> dict[str, Any]:
        """The same keys a failed file reports in a JSON import summary."""
        return {"file": self.filename, "line": self.line, "error": self.reason}


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
    ``month`` is always AP style ('Jan.', 'March', 'Sept.').
    """

    place: str
    month: str
    day: int
    agency: str = "Yonhap"

    @property
    def places(self) -> list[str]:
        return [name.strip() for name in self.place.split(",")[0].split("/")]

    @property
    def text(self) -> str:
        return f"{self.place}, {self.month} {self.day} ({self.agency}) --"

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

    @property
    def line(self) -> str:
        return " ".join([self.text, *(f"({credit})" for credit in self.credits)])

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "credits": list(self.credits)}


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
    end: bool = False
    copyright: str = ""
    # Where the copy came from and what the parser made of it: not content.
    file: str = field(default="<stdin>", compare=False)
    header_name: str = field(default="", compare=False)
    warnings: list[str] = field(default_factory=list, compare=False)

    @property
    def label(self) -> str:
        return vocab.label(self.kind, self.lead_ordinal)

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
            "header_name": self.header_name,
            "fingerprint": self.fingerprint,
            "warnings": list(self.warnings),
            "error": None,
        }
