"""IPTC NewsML 1.2 (AFP-style; also ANP, ATS, Belga, ANA-MPA).

``NewsItem/Identification`` gives the revision (``RevisionId`` with ``PreviousRevision``
and ``Update``), ``NewsManagement`` the ``Status`` (Usable, Canceled, Withheld …, in any
case) and ``Urgency``; the first ``NewsComponent`` with ``NewsLines`` the headline,
byline, dateline, copyright, slug and AFP's ``AdvisoryLine``; its ``ContentItem`` the
text as NITF, HTML (often inside CDATA) or plain text. Components repeated per language
(Belga sends Dutch and French) give the first language's story.
"""

from __future__ import annotations

import re

from articles.vocab import Kind
from wire.formats.body import html_parts, text_parts
from wire.formats.common import (
    advisory_from,
    agency_name,
    byline_names,
    make_dateline,
    month_number,
    parse_when,
    split_lead_dateline,
    version_mark,
)
from wire.formats.draft import Draft
from wire.formats.nitf import fill_from_nitf
from wire.formats.xml import attr, child, children, every, first, local, parse_xml, text_of
from wire.text.story import CANCELED, WITHHELD, WireError, WireStory

FORMAT = "NewsML 1.2"


def read_newsml12(data: bytes, *, filename: str = "<stdin>") -> WireStory:
    root, warnings = parse_xml(data, filename=filename, format=FORMAT)
    item = first(root, "NewsItem")
    if item is None:
        raise WireError(filename, 1, f"{FORMAT} with no NewsItem", format=FORMAT)
    draft = Draft(format=FORMAT, filename=filename, warnings=warnings)
    identifier = first(child(item, "Identification"), "NewsIdentifier")
    management = child(item, "NewsManagement")

    status = attr(child(management, "Status"), "FormalName").lower()
    if status in (CANCELED, WITHHELD, "cancelled", "canceled"):
        draft.status = WITHHELD if status == WITHHELD else CANCELED
    if attr(child(management, "Urgency"), "FormalName") == "1":
        draft.mark(Kind.URGENT)
    revision_el = child(identifier, "RevisionId")
    previous = attr(revision_el, "PreviousRevision")
    revision = text_of(revision_el)
    if previous.isdigit() and int(previous) > 0:
        draft.mark(Kind.LEAD, max(1, int(revision) - 1) if revision.isdigit() else 1)

    draft.when = parse_when(text_of(child(management, "FirstCreated"))) or parse_when(
        text_of(child(management, "ThisRevisionCreated"))
    )
    draft.slug = text_of(child(child(item, "Identification"), "NameLabel"))
    provider = text_of(child(identifier, "ProviderId"))

    component = next(
        (
            c
            for c in item.iter()
            if local(c) == "NewsComponent" and child(c, "NewsLines") is not None
        ),
        first(item, "NewsComponent"),
    )
    lines = child(component, "NewsLines")
    draft.headline = text_of(child(lines, "HeadLine")).lstrip("* ")
    # ANP numbers its re-sends in the headline too: "… bij PostNL (2)".
    suffix = f" ({revision})"
    if draft.kind is Kind.LEAD and draft.headline.endswith(suffix):
        draft.headline = draft.headline[: -len(suffix)]
    draft.deck = text_of(child(lines, "SubHeadLine"))
    draft.copyright = text_of(child(lines, "CopyrightLine"))
    draft.slug = text_of(child(lines, "SlugLine")) or draft.slug
    byline = text_of(child(lines, "ByLine"))
    for news_line in children(lines, "NewsLine"):
        kind = attr(child(news_line, "NewsLineType"), "FormalName").lower()
        words = text_of(child(news_line, "NewsLineText"))
        if kind == "advisoryline" and words:
            draft.advisory = advisory_from(words)
            draft.notes.append(words)
    for mark_text in (draft.headline[-6:], draft.slug):
        found = version_mark(mark_text) if mark_text else None
        if found:
            draft.mark(*found)
    admin = first(component, "AdministrativeMetadata")
    descriptive = first(component, "DescriptiveMetadata")
    parties = [
        attr(first(child(a, "Provider"), "Party"), "FormalName")
        for a in every(component, "AdministrativeMetadata")
    ]
    sources = [
        attr(first(child(a, "Source"), "Party"), "FormalName")
        for a in every(component, "AdministrativeMetadata")
    ]
    source = next((p for p in parties if p), "") or provider or next((s for s in sources if s), "")
    draft.source = agency_name(source) if source else ""
    if not byline:
        creators = [attr(p, "FormalName") for p in every(child(admin, "Creator"), "Party")]
        byline = " and ".join(c for c in creators if c)
    draft.byline = byline_names(byline)
    genres = {attr(g, "FormalName").lower() for g in every(descriptive, "Genre")}
    if "update" in genres:
        draft.mark(Kind.LEAD, max(1, draft.lead_ordinal))
    draft.language = attr(first(descriptive, "Language"), "FormalName").lower() or attr(
        component, "{http://www.w3.org/XML/1998/namespace}lang"
    )
    city = next(
        (
            attr(p, "Value")
            for p in every(descriptive, "Property")
            if attr(p, "FormalName") == "City" and attr(p, "Value")
        ),
        "",
    )
    _dateline(draft, text_of(child(lines, "DateLine")), city)

    paragraphs: list[str] = []
    for content in every(component, "ContentItem"):
        role_holder = content.getparent()
        role = attr(child(role_holder, "Role"), "FormalName").lower()
        if role == "title":
            continue
        media = attr(child(content, "MediaType"), "FormalName").lower()
        if media and media != "text":
            continue
        data = child(content, "DataContent")
        if data is None:
            continue
        nitf = first(data, "nitf")
        if nitf is not None:
            fill_from_nitf(draft, nitf)
            paragraphs += draft.paragraphs
            draft.paragraphs = []
            continue
        raw = "".join(data.itertext())
        if "<" in raw and ">" in raw:
            found, captions = html_parts(raw)
            paragraphs += found
            draft.captions += captions
        else:
            paragraphs += text_parts(raw)
        if role == "body":
            break  # the first language's body; the next component is a translation
    draft.paragraphs = [p for p in paragraphs if p.strip()]
    return draft.story()


def _dateline(draft: Draft, text: str, city: str) -> None:
    """AFP: 'Gaza City, Palestinian Territories, May 16, 2021 (AFP) -' or
    'Strasbourg, 10 juil 2024 (AFP)'; ATS: 'Landquart GR'; ANA: '4/4/2018' (a date only)."""
    text = " ".join(text.split())
    if not text:
        draft.place = city
        return
    lead, _ = split_lead_dateline(f"{text} - x") if "(" in text else (None, "")
    if lead is not None:
        draft.source = draft.source or lead.agency
        draft.dateline = make_dateline(
            lead.place or city,
            month=lead.month,
            day=lead.day,
            agency=draft.source or lead.agency,
            when=draft.when,
        )
        return
    if any(ch.isalpha() for ch in text):
        # "Landquart GR", "Paris, 10 juil": the place, with a date we may read.
        place, _, date = text.partition(",")
        # "Mokpo (Corée du Sud)": the country in parentheses is not part of the place.
        draft.place = re.sub(r"\s*\([^()]{0,60}\)", "", place).strip()
        words = date.split()
        if len(words) >= 2 and words[0].isdigit() and month_number(words[1]):
            draft.dateline = make_dateline(
                draft.place,
                month=month_number(words[1]),
                day=int(words[0]),
                agency=draft.source,
                when=None,
            )
    else:
        draft.place = city
