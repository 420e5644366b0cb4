"""IPTC NewsML-G2: a ``newsItem`` (or a ``newsMessage`` of items), Reuters-style and others.

``itemMeta`` says what the item is and where it stands: ``itemClass`` (text or picture),
``pubStatus`` (usable, canceled, withheld: a kill), ``signal`` (``sig:update``,
``sig:correction``, Reuters' ``edStat:C``), ``edNote``, ``embargoed``, ``provider``.
``contentMeta`` holds headline, slugline, creator, located and captions; ``contentSet``
the body (NITF, XHTML or HTML5 inline, or plain text). A message carrying a text item and
pictures becomes one story with the pictures' captions; pictures alone, a photo item.
"""

from __future__ import annotations

from lxml import etree

from articles.vocab import Kind
from wire.formats.body import body_parts, text_parts
from wire.formats.common import (
    agency_name,
    byline_names,
    headline_marks,
    parse_when,
    version_mark,
)
from wire.formats.draft import Draft
from wire.formats.nitf import fill_from_nitf
from wire.formats.xml import attr, child, children, every, first, local, parse_xml, text_of
from wire.text.parser import split_credits
from wire.text.story import CANCELED, WITHHELD, WireCaption, WireError, WireStory

FORMAT = "NewsML-G2"


def _qcode(element: etree._Element | None) -> str:
    return attr(element, "qcode").lower()


def _name(element: etree._Element | None) -> str:
    return text_of(child(element, "name")) or attr(element, "literal")


def read_newsml_g2(data: bytes, *, filename: str = "<stdin>") -> WireStory:
    root, warnings = parse_xml(data, filename=filename, format=FORMAT)
    items = [e for e in root.iter() if local(e) == "newsItem"]
    if not items:
        kinds = sorted({local(e) for e in root.iter() if local(e).endswith("Item")})
        what = ", ".join(kinds) or local(root)
        raise WireError(filename, 1, f"{FORMAT} with no newsItem (found {what})", format=FORMAT)
    media = ("picture", "graphic", "video", "audio")
    texts = [i for i in items if not _qcode(child(i, "itemMeta", "itemClass")).endswith(media)]
    pictures = [i for i in items if i not in texts]
    draft = Draft(format=FORMAT, filename=filename, warnings=warnings)
    main = texts[0] if texts else pictures[0]
    _fill(draft, main)
    for picture in pictures if texts else pictures:
        caption = _picture_caption(picture)
        if caption and caption.text not in {c.text for c in draft.captions}:
            draft.captions.append(caption)
    if not texts:
        draft.paragraphs = []
        draft.warnings.append("a picture item: imported as a photo item awaiting its image")
    return draft.story()


def _picture_caption(item: etree._Element) -> WireCaption | None:
    meta = child(item, "contentMeta")
    descriptions = list(children(meta, "description"))
    chosen = next(
        (d for d in descriptions if attr(d, "role").endswith(":caption")),
        descriptions[0] if descriptions else None,
    )
    caption = text_of(chosen)
    if not caption:
        caption = text_of(child(meta, "headline"))
    if not caption:
        return None
    credit = text_of(child(meta, "creditline"))
    creator = _name(child(meta, "creator"))
    # "… downturn. (Photo by Spencer Platt/Getty Images)": credits written into the text.
    written = split_credits(caption)
    credits = written.credits + ([credit] if credit and credit not in written.credits else [])
    return WireCaption(text=written.text, credits=credits, by=creator)


def _fill(draft: Draft, item: etree._Element) -> None:
    item_meta = child(item, "itemMeta")
    content_meta = child(item, "contentMeta")
    rights = child(item, "rightsInfo")
    draft.language = attr(item, "{http://www.w3.org/XML/1998/namespace}lang")
    language = child(content_meta, "language")
    if language is not None:
        draft.language = attr(language, "tag") or draft.language

    status = _qcode(child(item_meta, "pubStatus")).rsplit(":", 1)[-1]
    if status in (CANCELED, WITHHELD):
        draft.status = status
    for signal in children(item_meta, "signal"):
        code = _qcode(signal)
        if code in ("sig:correction", "edstat:c"):
            draft.mark(Kind.CORRECTION)
        elif code == "sig:update":
            draft.mark(Kind.LEAD, 1)
        elif code in ("edstat:w", "sig:kill", "edstat:k"):
            draft.status = WITHHELD
    for note in children(item_meta, "edNote"):
        words = text_of(note)
        if words:
            draft.notes.append(words)
    draft.embargo = parse_when(text_of(child(item_meta, "embargoed")))
    draft.when = parse_when(text_of(child(content_meta, "contentCreated"))) or parse_when(
        text_of(child(item_meta, "firstCreated")) or text_of(child(item_meta, "versionCreated"))
    )
    provider = child(item_meta, "provider")
    source = _name(provider) or _qcode(provider)
    holder = child(rights, "copyrightHolder")
    if not source:
        source = _name(holder) or _name(child(content_meta, "infoSource"))
    draft.source = agency_name(source) if source else ""
    notice = text_of(child(rights, "copyrightNotice"))
    draft.copyright = notice or (f"Copyright {_name(holder)}" if _name(holder) else "")
    if text_of(child(content_meta, "urgency")) == "1":  # 1 is a flash on every agency's scale
        draft.mark(Kind.URGENT)

    found, killed, draft.headline = headline_marks(text_of(child(content_meta, "headline")))
    if found:
        draft.mark(*found)
    if killed and draft.status not in (CANCELED, WITHHELD):
        draft.status = WITHHELD
    slugline = text_of(child(content_meta, "slugline"))
    slug, _, extra = slugline.partition("(")
    if extra:  # Reuters: "USA-WEATHER/ (UPDATE 1, PIX, CORRECTED)"
        found = version_mark(extra)
        if found:
            draft.mark(*found)
    draft.slug = slug.strip(" /")
    creators = [_name(c) for c in children(content_meta, "creator")]
    names = [n for c in creators for n in byline_names(c) if agency_name(c) != draft.source]
    draft.byline = names
    draft.place = _name(child(content_meta, "located"))

    content = child(item, "contentSet")
    for inline in children(content, "inlineXML"):
        nitf = first(inline, "nitf")
        if nitf is not None:
            fill_from_nitf(draft, nitf)
        else:
            body = first(inline, "body") if first(inline, "body") is not None else inline
            paragraphs, captions = body_parts(body)
            draft.paragraphs = draft.paragraphs or paragraphs
            draft.captions += captions
    for inline in children(content, "inlineData"):
        draft.paragraphs = draft.paragraphs or text_parts("".join(inline.itertext()))
    if not draft.paragraphs and every(content, "remoteContent") and not child(content, "inlineXML"):
        caption = _picture_caption(item)
        if caption:
            draft.captions.append(caption)
