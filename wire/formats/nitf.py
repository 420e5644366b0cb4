"""NITF 3.x (IPTC's News Industry Text Format): AP, PA, NTB, Ritzau and others.

``head/docdata`` carries the item's state (``management-status`` usable / embargoed /
canceled / withheld, ``date.release``, ``ed-msg``, ``doc.copyright``, ``du-key``,
``urgency``); ``body.head`` the headline, byline and dateline; ``body.content`` the text
and its pictures. The same reader opens an NITF body inside NewsML 1.2 or NewsML-G2.
"""

from __future__ import annotations

from lxml import etree

from articles.vocab import Kind
from wire.formats.body import body_parts
from wire.formats.common import agency_name, byline_names, parse_when, version_mark
from wire.formats.draft import Draft
from wire.formats.xml import attr, child, every, first, local, parse_xml, text_of
from wire.text.story import CANCELED, WITHHELD, WireStory

FORMAT = "NITF"


def read_nitf(data: bytes, *, filename: str = "<stdin>") -> WireStory:
    root, warnings = parse_xml(data, filename=filename, format=FORMAT)
    draft = Draft(format=FORMAT, filename=filename, warnings=warnings)
    fill_from_nitf(draft, root)
    return draft.story()


def _meta(head: etree._Element | None) -> dict[str, str]:
    return {
        attr(m, "name").lower(): attr(m, "content")
        for m in (head if head is not None else [])
        if local(m) == "meta"
    }


def fill_from_nitf(draft: Draft, nitf: etree._Element) -> None:
    """Read an ``<nitf>`` element into ``draft`` (fields already set are kept)."""
    head = child(nitf, "head")
    docdata = first(head, "docdata")
    meta = _meta(head)
    draft.language = draft.language or attr(nitf, "baselang") or meta.get("language", "")

    status = attr(docdata, "management-status").lower()
    if status in (CANCELED, WITHHELD):
        draft.status = status
    if attr(docdata, "management-idref-status").lower() in (CANCELED, WITHHELD):
        draft.status = CANCELED
    release = parse_when(attr(first(docdata, "date.release"), "norm"))
    if status == "embargoed" and release is not None:
        draft.embargo = release
    draft.when = draft.when or parse_when(
        attr(first(docdata, "date.issue"), "norm")
        or attr(first(head, "pubdata"), "date.publication")
    )
    ed_msg = attr(first(docdata, "ed-msg"), "info")
    if ed_msg:
        draft.notes.append(" ".join(ed_msg.split()))
    copyright_el = first(docdata, "doc.copyright")
    holder = attr(copyright_el, "holder")
    if holder and not draft.copyright:
        year = attr(copyright_el, "year")
        draft.copyright = f"Copyright {year} {holder}".replace("  ", " ")
    if attr(first(docdata, "urgency"), "ed-urg") == "1":
        draft.mark(Kind.URGENT)
    du_key = first(docdata, "du-key")
    key = attr(du_key, "key") or meta.get("ntbstikkord", "")
    draft.slug = draft.slug or key
    for mark_text in (key, text_of(first(head, "title"))):
        found = version_mark(mark_text)
        if found:
            draft.mark(*found)
    if not draft.source:
        source = (
            meta.get("ntbkilde")
            or attr(first(docdata, "doc-id"), "regsrc")
            or holder
            or text_of(first(nitf, "distributor"))
        )
        draft.source = agency_name(source) if source else ""

    body = child(nitf, "body")
    body_head = child(body, "body.head")
    hedline = first(body_head, "hedline")
    headline = text_of(first(hedline, "hl1")) or text_of(first(head, "title"))
    draft.headline = draft.headline or headline.lstrip("* ")
    deck = text_of(first(hedline, "hl2"))
    if deck and deck != draft.headline and not draft.deck:
        draft.deck = deck
    byline = first(body_head, "byline")
    if byline is not None and not draft.byline:
        draft.byline = byline_names(text_of(byline, skip=frozenset({"byttl"})))
    dateline = first(body_head, "dateline")
    if dateline is not None and not draft.place:
        location = first(dateline, "location")
        draft.place = text_of(
            location if location is not None else dateline, skip=frozenset({"story.date"})
        )
    paragraphs, captions = body_parts(child(body, "body.content"))
    if not paragraphs:
        paragraphs, _ = body_parts(first(body_head, "abstract"))
    draft.paragraphs = draft.paragraphs or paragraphs
    draft.captions = draft.captions or captions
    for note in every(body, "note"):
        words = text_of(note)
        if words:
            draft.notes.append(words)
    tagline = text_of(first(child(body, "body.end"), "tagline"))
    if tagline:
        draft.notes.append(tagline)
