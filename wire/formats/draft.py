"""What a format reader collects, turned into a WireStory the same way for every format:
dateline off the lead paragraph, trailers off the foot, version marks, leading advisories.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from articles.vocab import Kind
from wire.formats.common import (
    advisory_from,
    agency_name,
    make_dateline,
    split_lead_dateline,
    trailer,
)
from wire.text.story import USABLE, Advisory, Dateline, WireCaption, WireError, WireStory

# A first paragraph saying what this copy replaces: ANP "Nieuw bericht, vervangt: …".
_REPLACES = re.compile(r"(?i)\b(?:vervangt|replaces|ersetzt|remplace|erstatter|ersätter)\s*:")
# A paragraph in parentheses at the top of a re-send: Reuters "(Adds comments, detail)",
# "(In Jan. 3 story, corrects last paragraph …)".
_LEADING_NOTE = re.compile(
    r"^\((?=[^()]{0,400}\b(?:adds?|updates?|corrects?|recasts?|changes?|rewrites?|"
    r"refiles?|repeats?|deletes?|restores?|replaces?)\b)[^()]{3,400}\)$",
    re.I,
)


@dataclass
class Draft:
    format: str
    filename: str
    headline: str = ""
    deck: str = ""
    slug: str = ""
    byline: list[str] = field(default_factory=list)
    place: str = ""
    paragraphs: list[str] = field(default_factory=list)
    captions: list[WireCaption] = field(default_factory=list)
    source: str = ""
    copyright: str = ""
    kind: Kind = Kind.ORIGINAL
    lead_ordinal: int = 0
    advisory: Advisory = field(default_factory=Advisory)
    status: str = USABLE
    embargo: dt.datetime | None = None
    when: dt.datetime | None = None
    language: str = ""
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    end: bool = True
    dateline: Dateline | None = None

    def mark(self, kind: Kind, ordinal: int = 0) -> None:
        """Record a version mark; a correction outranks an update, an update an urgent."""
        rank = {Kind.ORIGINAL: 0, Kind.URGENT: 1, Kind.LEAD: 2, Kind.ROUNDUP: 3, Kind.CORRECTION: 4}
        if rank[kind] > rank[self.kind] or (kind is self.kind and ordinal > self.lead_ordinal):
            self.kind, self.lead_ordinal = kind, ordinal

    def story(self) -> WireStory:
        # Rules ("___", "* * *") and empty paragraphs are layout, not text.
        paragraphs = [" ".join(p.split()) for p in self.paragraphs if re.search(r"[^\W_]", p)]
        # The headline repeated as the first paragraph (HTML5 <h1>, NITF hl1 in the body).
        if paragraphs and self.headline and paragraphs[0] == self.headline:
            paragraphs = paragraphs[1:]
        advisory = self.advisory
        if len(paragraphs) > 1 and len(paragraphs[0]) < 200 and _REPLACES.search(paragraphs[0]):
            self.notes.append(paragraphs.pop(0))
        if paragraphs and _LEADING_NOTE.match(paragraphs[0]):
            if not advisory.text:
                advisory = advisory_from(paragraphs[0])
            self.notes.append(paragraphs[0])
            paragraphs = paragraphs[1:]
        paragraphs, reporters, trailer_notes, ended = trailer(paragraphs)
        self.notes += trailer_notes
        byline = self.byline or reporters
        dateline = self.dateline
        if paragraphs:
            lead, rest = split_lead_dateline(paragraphs[0])
            if lead is not None:
                paragraphs[0] = rest
                self.source = self.source or lead.agency
                dateline = dateline or make_dateline(
                    lead.place or self.place,
                    month=lead.month,
                    day=lead.day,
                    agency=lead.agency or agency_name(self.source),
                    when=self.when,
                )
        if dateline is None and self.place and self.source:
            dateline = make_dateline(
                self.place, month=None, day=None, agency=self.source, when=self.when
            )
        if self.kind is Kind.LEAD and self.lead_ordinal < 1:
            self.lead_ordinal = 1
        if self.kind is not Kind.LEAD:
            self.lead_ordinal = 0
        headline = " ".join(self.headline.split())
        deck = " ".join(self.deck.split())
        if deck in (headline, paragraphs[0] if paragraphs else None):
            deck = ""  # a deck that repeats the headline or the lead is no deck
        if not headline and not paragraphs and not self.captions:
            raise WireError(
                self.filename, 1, f"{self.format} with no headline and no text", format=self.format
            )
        return WireStory(
            slug=" ".join(self.slug.split())[:120],
            kind=self.kind,
            lead_ordinal=self.lead_ordinal,
            headline=headline,
            deck=deck,
            advisory=advisory,
            byline=byline,
            dateline=dateline,
            paragraphs=paragraphs,
            captions=self.captions,
            end=self.end or ended,
            copyright=" ".join(self.copyright.split()),
            source=agency_name(self.source) if self.source else "",
            status=self.status,
            embargo=self.embargo,
            language=self.language,
            file=self.filename,
            warnings=self.warnings + advisory.warnings,
            notes=[n for n in self.notes if n],
            format=self.format,
        )
