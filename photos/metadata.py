"""Caption metadata embedded in photos: IPTC IIM, XMP and EXIF.

Plain Python, no Django. ``read_metadata`` never raises on odd metadata: whatever cannot
be read is skipped with a human-readable note in ``PhotoMetadata.warnings``, so an
upload is never lost because a camera or photo tool wrote something strange.

Precedence: IPTC IIM wins over XMP, and XMP only fills fields IIM left empty. Photo
desks' captioning tools (Photo Mechanic, wire-agency transmitters) write IIM first and
it is what the agency's subscribers read; XMP is more often a stale copy left by the
camera or an editing app. When both hold different text a warning says so.

All text is returned as plain ``str`` with control characters removed; escaping is the
templates' job, so ``<script>`` in a caption stays literal text here.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import IO, Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET
from PIL import Image, IptcImagePlugin, UnidentifiedImageError

from photos.imaging import ALLOWED_FORMATS, DECODE_ERRORS, pillow_guard

__all__ = ["RESTRICTIONS", "PhotoMetadata", "read_metadata"]

# Usage restrictions recognised in special instructions, in their canonical spelling.
# Extend here when the desk adopts another one.
RESTRICTIONS: tuple[str, ...] = ("PHOTO NOT FOR SALE",)


@dataclass
class PhotoMetadata:
    description: str = ""
    photographer: str = ""  # several by-lines are joined with ", "
    credit: str = ""
    source: str = ""
    copyright: str = ""
    headline: str = ""
    keywords: list[str] = field(default_factory=list)
    special_instructions: str = ""
    restriction: str = ""  # e.g. "PHOTO NOT FOR SALE", else ""
    date_created: date | datetime | None = None  # datetime when a time was recorded too
    date_taken: datetime | None = None  # EXIF DateTimeOriginal; naive unless an offset
    orientation: int | None = None  # EXIF orientation 1–8
    alt_text: str = ""  # a suggestion: the description without its credit tail
    warnings: list[str] = field(default_factory=list)


def read_metadata(fileobj: IO[bytes]) -> PhotoMetadata:
    """Read caption metadata from an (already accepted) image file; rewinds it."""
    try:
        fileobj.seek(0)
        data = fileobj.read()
    finally:
        fileobj.seek(0)

    meta = PhotoMetadata()
    try:
        with pillow_guard(), Image.open(io.BytesIO(data), formats=ALLOWED_FORMATS) as im:
            iim = _read_iim(im, meta.warnings)
            xmp = _read_xmp(im, data, meta.warnings)
            _read_exif(im, meta)
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        meta.warnings.append("The file could not be opened as an image; no metadata read.")
        return meta
    except (OSError, SyntaxError, ValueError, EOFError):
        meta.warnings.append("The image header is damaged; no metadata read.")
        return meta

    for name in _TEXT_FIELDS:
        chosen = iim.get(name) or xmp.get(name) or ""
        other = xmp.get(name)
        if iim.get(name) and other and _fold(other) != _fold(iim[name]):
            meta.warnings.append(
                f"IPTC and XMP disagree on {name.replace('_', ' ')}; the IPTC value is used."
            )
        setattr(meta, name, chosen)
    meta.keywords = _unique(iim.get("keywords") or xmp.get("keywords") or [])
    meta.date_created = iim.get("date_created") or xmp.get("date_created")
    meta.restriction = _restriction(meta.special_instructions, meta.description)
    meta.alt_text = _alt_text(meta)
    return meta


_TEXT_FIELDS: tuple[str, ...] = (
    "description",
    "photographer",
    "credit",
    "source",
    "copyright",
    "headline",
    "special_instructions",
)
# Fields that are one line by nature; descriptions and instructions keep line breaks.
_SINGLE_LINE = frozenset({"photographer", "credit", "source", "copyright", "headline"})


# --------------------------------------------------------------------------- text


# C0/C1 controls except tab and newline; bidi embeddings/overrides/isolates, which can
# make text display differently from what it says; BOM and zero-width space.
_UNWANTED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u202a-\u202e\u2066-\u2069\ufeff]")


def _clean(text: str, *, single_line: bool = False) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    text = _UNWANTED.sub("", unicodedata.normalize("NFC", text))
    if single_line:
        return " ".join(text.split())
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _unique(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        key = _fold(item)
        if item and key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _restriction(instructions: str, description: str) -> str:
    haystack = instructions.casefold()
    caption = description.casefold()
    for phrase in RESTRICTIONS:
        # Agency captions also carry it as a parenthesised tail: "… (PHOTO NOT FOR SALE)".
        if phrase.casefold() in haystack or f"({phrase.casefold()})" in caption:
            return phrase
    return ""


_TRAILING_GROUP = re.compile(r"\s*\(([^()]*)\)\s*$")


def _alt_text(meta: PhotoMetadata) -> str:
    """The description minus a credit tail like "(Pool photo) (Yonhap)".

    Only groups naming this photo's own credit, source or restriction are dropped, so
    position markers such as "(L)" inside or at the end of the sentence stay.
    """
    credits = {_fold(v) for v in (meta.credit, meta.source, meta.restriction, *RESTRICTIONS) if v}
    text = meta.description
    while (match := _TRAILING_GROUP.search(text)) and _fold(match.group(1)) in credits:
        text = text[: match.start()]
    return text.strip()


# --------------------------------------------------------------------------- IPTC IIM

_IIM_UTF8 = b"\x1b%G"
_IIM_TEXT: dict[tuple[int, int], str] = {
    (2, 120): "description",
    (2, 80): "photographer",
    (2, 110): "credit",
    (2, 115): "source",
    (2, 116): "copyright",
    (2, 105): "headline",
    (2, 40): "special_instructions",
}


def _read_iim(im: Image.Image, warnings: list[str]) -> dict[str, Any]:
    try:
        raw = IptcImagePlugin.getiptcinfo(im)  # type: ignore[arg-type]
    except DECODE_ERRORS:  # a malformed block must not stop the upload
        warnings.append("The IPTC block is malformed and was ignored.")
        return {}
    if not raw:
        return {}

    charset = b"".join(_values(raw, (1, 90)))
    utf8 = _IIM_UTF8 in charset

    def text(value: bytes, name: str = "") -> str:
        return _clean(_decode(value, utf8=utf8), single_line=name in _SINGLE_LINE)

    out: dict[str, Any] = {}
    for tag, name in _IIM_TEXT.items():
        values = [text(v, name) for v in _values(raw, tag)]
        values = [v for v in values if v]
        if not values:
            continue
        # By-line repeats for each photographer; other repeats are writer mistakes.
        out[name] = ", ".join(_unique(values)) if name == "photographer" else values[0]
    keywords = [text(v, "keywords") for v in _values(raw, (2, 25))]
    out["keywords"] = [" ".join(k.split()) for k in keywords if k]

    day = b"".join(_values(raw, (2, 55))[:1]).decode("ascii", "replace").strip()
    clock = b"".join(_values(raw, (2, 60))[:1]).decode("ascii", "replace").strip()
    if day:
        created = _iim_datetime(day, clock)
        if created is None:
            warnings.append(f"IPTC date created {day!r} is not a valid date; ignored.")
        out["date_created"] = created
    return out


def _values(raw: dict[tuple[int, int], bytes | list[bytes]], tag: tuple[int, int]) -> list[bytes]:
    value = raw.get(tag)
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    return [v for v in items if isinstance(v, bytes)]


def _decode(value: bytes, *, utf8: bool) -> str:
    """UTF-8 when 1:90 says so or when the bytes are valid UTF-8, else Windows-1252.

    Windows-1252 rather than strict Latin-1: it is what Windows captioning tools
    actually write, and it turns their curly quotes into characters instead of C1
    controls. Its five unassigned bytes fall back to Latin-1.
    """
    if utf8:
        return value.decode("utf-8", "replace")
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return value.decode("cp1252")
    except UnicodeDecodeError:
        return value.decode("latin-1")


def _iim_datetime(day: str, clock: str) -> date | datetime | None:
    """IIM 2:55 "CCYYMMDD" (+ 2:60 "HHMMSS±HHMM") to a date, or a datetime with time."""
    try:
        created = datetime.strptime(day, "%Y%m%d").date()
    except ValueError:
        return None
    match = re.fullmatch(r"(\d{2})(\d{2})(\d{2})(?:([+-])(\d{2})(\d{2}))?", clock)
    if not match:
        return created
    hh, mm, ss, sign, oh, om = match.groups()
    try:
        tz = None
        if sign:
            offset = timedelta(hours=int(oh), minutes=int(om))
            tz = timezone(-offset if sign == "-" else offset)
        return datetime.combine(created, time(int(hh), int(mm), int(ss)), tzinfo=tz)
    except ValueError:
        return created


# --------------------------------------------------------------------------- XMP

_NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
    "xml": "http://www.w3.org/XML/1998/namespace",
}
_XMP_APP1 = b"http://ns.adobe.com/xap/1.0/\x00"
_XMP_TEXT: dict[str, tuple[str, str]] = {
    "description": ("dc", "description"),
    "photographer": ("dc", "creator"),
    "credit": ("photoshop", "Credit"),
    "source": ("photoshop", "Source"),
    "copyright": ("dc", "rights"),
    "headline": ("photoshop", "Headline"),
    "special_instructions": ("photoshop", "Instructions"),
}


def _read_xmp(im: Image.Image, data: bytes, warnings: list[str]) -> dict[str, Any]:
    packet = _xmp_packet(im, data)
    if not packet:
        return {}
    try:
        # forbid_dtd: XMP never needs a DTD, and refusing it outright stops entity
        # expansion (billion laughs) and external entities before any work is done.
        root = SafeET.fromstring(packet, forbid_dtd=True)
    except DefusedXmlException:
        warnings.append(
            "The XMP metadata declares a DTD or entities (a known attack) and was ignored."
        )
        return {}
    except (ParseError, ValueError, UnicodeError):
        warnings.append("The XMP metadata is not well-formed XML and was ignored.")
        return {}

    descriptions = list(root.iter(_q("rdf", "Description")))
    out: dict[str, Any] = {}
    for name, (prefix, local) in _XMP_TEXT.items():
        values = _xmp_property(descriptions, prefix, local)
        values = [v for v in (_clean(v, single_line=name in _SINGLE_LINE) for v in values) if v]
        if values:
            out[name] = ", ".join(_unique(values)) if name == "photographer" else values[0]
    subjects = _xmp_property(descriptions, "dc", "subject")
    out["keywords"] = [k for k in (_clean(s, single_line=True) for s in subjects) if k]
    raw_date = next(iter(_xmp_property(descriptions, "photoshop", "DateCreated")), "").strip()
    if raw_date:
        created = _iso_date(raw_date)
        if created is None:
            warnings.append(f"XMP date created {raw_date!r} is not a full date; ignored.")
        out["date_created"] = created
    return out


def _xmp_packet(im: Image.Image, data: bytes) -> bytes:
    packet = im.info.get("xmp") or im.info.get("XML:com.adobe.xmp")
    if isinstance(packet, str):
        packet = packet.encode("utf-8")
    if not packet and im.format in ("JPEG", "MPO"):
        packet = _xmp_from_app1(data)
    if not isinstance(packet, bytes):
        return b""
    return packet.strip(b"\x00 \t\r\n")


def _xmp_from_app1(data: bytes) -> bytes:
    """Fallback: find the XMP APP1 segment ourselves when Pillow did not surface it."""
    at = data.find(b"\xff\xe1", 2)
    while at != -1 and at + 4 <= len(data):
        length = int.from_bytes(data[at + 2 : at + 4], "big")
        body = data[at + 4 : at + 2 + length]
        if body.startswith(_XMP_APP1):
            return body[len(_XMP_APP1) :]
        at = data.find(b"\xff\xe1", at + 2)
    return b""


def _q(prefix: str, local: str) -> str:
    return f"{{{_NS[prefix]}}}{local}"


def _xmp_property(descriptions: list[Element], prefix: str, local: str) -> list[str]:
    """Values of one property, written either as an attribute or as an element holding
    text or an rdf:Alt/Seq/Bag list. For language alternatives x-default comes first."""
    name = _q(prefix, local)
    for desc in descriptions:
        if (attr := desc.get(name)) is not None:
            return [attr]
        element = desc.find(name)
        if element is None:
            continue
        for kind in ("Alt", "Seq", "Bag"):
            container = element.find(_q("rdf", kind))
            if container is None:
                continue
            items = container.findall(_q("rdf", "li"))
            if kind == "Alt":
                items.sort(key=lambda li: li.get(_q("xml", "lang")) != "x-default")
            return ["".join(li.itertext()) for li in items]
        return ["".join(element.itertext())]
    return []


def _iso_date(value: str) -> date | datetime | None:
    try:
        if "T" in value:
            return datetime.fromisoformat(value)  # 3.11+ reads "Z" and offsets
        return date.fromisoformat(value)
    except ValueError:
        return None  # partial dates such as "2026-01" carry too little to keep


# --------------------------------------------------------------------------- EXIF


def _read_exif(im: Image.Image, meta: PhotoMetadata) -> None:
    try:
        exif = im.getexif()
        orientation = exif.get(0x0112)
        exif_ifd = exif.get_ifd(0x8769)
    except DECODE_ERRORS:  # broken EXIF is common from old cameras; keep going
        meta.warnings.append("The EXIF block is malformed and was ignored.")
        return
    if isinstance(orientation, int) and 1 <= orientation <= 8:
        meta.orientation = orientation
    taken = exif_ifd.get(0x9003)
    if isinstance(taken, bytes):
        taken = taken.decode("ascii", "replace")
    if not isinstance(taken, str) or not taken.strip("\x00 0:"):
        return  # absent, or the "0000:00:00 00:00:00" cameras write when unset
    try:
        moment = datetime.strptime(taken.strip("\x00 ")[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        meta.warnings.append(f"EXIF date taken {taken!r} is not a valid date; ignored.")
        return
    offset = exif_ifd.get(0x9011)  # OffsetTimeOriginal, e.g. "+09:00"
    if isinstance(offset, str) and (m := re.fullmatch(r"([+-])(\d{2}):(\d{2})", offset.strip())):
        delta = timedelta(hours=int(m.group(2)), minutes=int(m.group(3)))
        moment = moment.replace(tzinfo=timezone(-delta if m.group(1) == "-" else delta))
    meta.date_taken = moment
