"""IPTC ninjs 2.4 JSON for subscribers, from plain data the Django side fills in.

Mapping decisions (the schema is strict: no property outside it is allowed):

* ``headlines``: role "main" is the wire headline with its label and genre tags, as the
  wire shows it ("(2nd LD) (News Focus) …"); the deck is role "subheadline".
* ``bodies``: plain text (dateline on the first paragraph, blank line between paragraphs)
  and HTML (one escaped ``<p>`` per paragraph); ninjs 2.x spells it ``contenttype``.
* ``ednote`` carries the advisory; ``subjects`` the section (rel "section") and keywords
  (rel "keyword"), since ninjs 2.x has no keywords property.
* Photos are ``associations`` (an array in 2.x, each with a name "photo1", "photo2" …):
  the caption as description role "caption", the photographer as ``by``, the credit and
  source as ``infosources`` (2.x has no creditline), a restriction as ``usageterms``.
* A killed item goes out with ``pubstatus`` "canceled", its headline and the kill note,
  but without body or photos: subscribers must take it down, not re-run it.
* Copy from another agency keeps its identity: ``copyrightholder`` is that agency,
  ``copyrightnotice`` its copyright line, and ``infosources`` names it as the original
  provider (ninjs 2.x has no ``provider``).
* An embargoed item carries ``embargoed`` (when readers may see it); a correction its
  public note as a description with role "correction" (the advisory stays in ``ednote``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from html import escape
from typing import Any

from articles import vocab

NINJS_VERSION = "2.4"
# IPTC's role for the party that first supplied the content.
ORIGINAL_PROVIDER = "http://cv.iptc.org/newscodes/infosourcerole/origprov"
NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_2.4.json"


@dataclass
class NinjsRendition:
    name: str  # "thumbnail", "w640", "w640-webp" …
    href: str
    width: int
    height: int
    contenttype: str = "image/jpeg"


@dataclass
class NinjsPhoto:
    uri: str
    caption: str  # as shown in this version, credits included
    photographer: str = ""
    credit: str = ""  # "Yonhap"
    source: str = ""  # "Pool photo"
    restriction: str = ""  # "PHOTO NOT FOR SALE"
    copyright: str = ""
    alt: str = ""
    renditions: list[NinjsRendition] = field(default_factory=list)


@dataclass
class NinjsItem:
    uri: str
    version: int
    versioncreated: dt.datetime  # aware datetimes only: ninjs needs an offset
    firstcreated: dt.datetime
    headline: str
    paragraphs: list[str] = field(default_factory=list)
    label: str = ""  # "(2nd LD)"
    genre_tags: list[str] = field(default_factory=list)  # ["News Focus"]
    deck: str = ""
    byline: list[str] = field(default_factory=list)
    slugline: str = ""
    dateline: str = ""  # "BEIJING, Jan. 5 (Yonhap) --"
    located: str = ""  # "BEIJING"
    advisory: str = ""  # "(ATTN: UPDATES throughout; CHANGES headline)"
    section: str = ""
    keywords: list[str] = field(default_factory=list)
    photos: list[NinjsPhoto] = field(default_factory=list)
    killed: bool = False
    kill_note: str = ""
    embargoed: dt.datetime | None = None  # readers may see it from then; None: not embargoed
    correction_note: str = ""  # public: what a correction put right
    copyrightholder: str = ""
    copyrightnotice: str = ""
    # Who originated the copy when it is another agency's: (name, role URI) pairs.
    infosources: list[tuple[str, str]] = field(default_factory=list)
    language: str = "en"


def _when(moment: dt.datetime) -> str:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("ninjs times need a time zone offset; got a naive datetime")
    return moment.isoformat(timespec="seconds")


def _photo(name: str, photo: NinjsPhoto) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": name,
        "uri": photo.uri,
        "type": "picture",
        "descriptions": [{"role": "caption", "contenttype": "text/plain", "value": photo.caption}],
    }
    if photo.alt:
        data["descriptions"].append(
            {"role": "alt", "contenttype": "text/plain", "value": photo.alt}
        )
    if photo.photographer:
        data["by"] = photo.photographer
    sources = [(photo.credit, "credit"), (photo.source, "source")]
    if any(value for value, _ in sources):
        data["infosources"] = [{"name": value, "role": role} for value, role in sources if value]
    if photo.copyright:
        data["copyrightnotice"] = photo.copyright
    if photo.restriction:
        data["usageterms"] = photo.restriction
    if photo.renditions:
        data["renditions"] = [
            {
                "name": r.name,
                "href": r.href,
                "width": r.width,
                "height": r.height,
                "contenttype": r.contenttype,
            }
            for r in photo.renditions
        ]
    return data


def to_ninjs(item: NinjsItem) -> dict[str, Any]:
    """The item as a ninjs 2.4 dict, ready for ``json.dumps``."""
    main = " ".join(
        part for part in (item.label, *(f"({g})" for g in item.genre_tags), item.headline) if part
    )
    data: dict[str, Any] = {
        "uri": item.uri,
        "standard": {"name": "ninjs", "version": NINJS_VERSION, "schema": NINJS_SCHEMA},
        "type": "text",
        "representationtype": "full",
        "version": str(item.version),
        "firstcreated": _when(item.firstcreated),
        "versioncreated": _when(item.versioncreated),
        "pubstatus": "canceled" if item.killed else "usable",
        "language": item.language,
        "headlines": [{"role": "main", "contenttype": "text/plain", "value": main}],
    }
    if item.embargoed is not None:
        data["embargoed"] = _when(item.embargoed)
    if item.deck:
        data["headlines"].append(
            {"role": "subheadline", "contenttype": "text/plain", "value": item.deck}
        )
    if item.byline:
        data["by"] = vocab.join_names(item.byline)
    if item.slugline:
        data["slugline"] = item.slugline
    if item.located:
        data["located"] = item.located
    if item.copyrightholder:
        data["copyrightholder"] = item.copyrightholder
    if item.copyrightnotice:
        data["copyrightnotice"] = item.copyrightnotice
    if item.infosources:
        data["infosources"] = [{"name": name, "role": role} for name, role in item.infosources]
    subjects = [{"name": item.section, "rel": "section"}] if item.section else []
    subjects += [{"name": keyword, "rel": "keyword"} for keyword in item.keywords]
    if subjects:
        data["subjects"] = subjects
    if item.genre_tags:
        data["genres"] = [{"name": tag} for tag in item.genre_tags]

    if item.killed:
        data["ednote"] = item.kill_note or "This story has been withdrawn."
        return data
    if item.advisory:
        data["ednote"] = item.advisory
    if item.correction_note:
        data["descriptions"] = [
            {"role": "correction", "contenttype": "text/plain", "value": item.correction_note}
        ]
    paragraphs = list(item.paragraphs)
    if item.dateline:
        paragraphs[:1] = [" ".join(part for part in (item.dateline, *paragraphs[:1]) if part)]
    data["bodies"] = [
        {"role": "main", "contenttype": "text/plain", "value": "\n\n".join(paragraphs)},
        {
            "role": "main",
            "contenttype": "text/html",
            "value": "".join(f"<p>{escape(p)}</p>" for p in paragraphs),
        },
    ]
    if item.photos:
        data["associations"] = [
            _photo(f"photo{n}", photo) for n, photo in enumerate(item.photos, start=1)
        ]
    return data
