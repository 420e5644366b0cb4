"""Agency formats in, one WireStory out: the format is sniffed from the content, never the
file name, and each format is a small reader of its own.

=====================  ==========================================================
format                 recognised by
=====================  ==========================================================
ANPA 1312 (AP)         ``SYN SYN SOH`` framing, or ``DC3 DC1`` before the keyword
IPTC 7901 (dpa …)      ``SOH`` framing without ANPA's keyword codes
NewsML-G2              root ``newsMessage`` / ``newsItem`` / ``packageItem``
NewsML 1.2             root ``NewsML``
NITF 3.x               root ``nitf``
HTML page              root ``html`` or HTML tags (read by the wire text parser)
wire text              anything else that is text: Yonhap's and ours, Xinhua, Reuters
=====================  ==========================================================

Anything else is refused with a WireError naming what it looked like ("PDF document",
"JPEG image", "ninjs JSON", "RSS feed", "XML (rss)" …), so nobody mistakes a refusal for
a parsing bug and no other format is ever read as if it were wire text.
"""

from __future__ import annotations

import re
from pathlib import Path

from wire.formats.agency_text import read_agency_text
from wire.formats.anpa import read_anpa
from wire.formats.iptc7901 import read_iptc7901
from wire.formats.newsml12 import read_newsml12
from wire.formats.newsml_g2 import read_newsml_g2
from wire.formats.nitf import read_nitf
from wire.text.parser import decode_wire
from wire.text.story import WireError, WireStory

__all__ = ["MAX_BYTES", "read_file", "read_story", "sniff"]

# A wire story is tens of kilobytes; a file beyond this is refused unread.
MAX_BYTES = 5_000_000

_MAGIC = (
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (a Word, OpenDocument or zipped file)"),
    (b"\xd0\xcf\x11\xe0", "Microsoft Office document"),
    (b"{\\rtf", "RTF document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"RIFF", "RIFF media file"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x00", "binary file"),
)
_ROOT = re.compile(rb"<(?![?!])(?:[A-Za-z_][\w.-]{0,40}:)?(?P<name>[A-Za-z_][\w.-]{0,40})", re.S)
_PROLOG = re.compile(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>", re.S)
_G2_ROOTS = {b"newsMessage", b"newsItem", b"packageItem"}
_G2_OTHER = {b"conceptItem", b"knowledgeItem", b"planningItem", b"catalogItem"}
_HTML_ROOTS = {b"html", b"head", b"body", b"div", b"p", b"article", b"span", b"a", b"table"}

READERS = {
    "ANPA 1312": read_anpa,
    "IPTC 7901": read_iptc7901,
    "NewsML-G2": read_newsml_g2,
    "NewsML 1.2": read_newsml12,
    "NITF": read_nitf,
}


def sniff(data: bytes) -> str:
    """The format ``data`` is in, from its first bytes: a key of READERS, "wire text",
    "HTML page", or the name of something we do not read."""
    head = data[:4096]
    body = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if body.startswith(b"\x16\x16\x01") or (
        b"\x01" in body[:64] and re.search(rb"[\x13\x14][\x11\x12]", body[:200])
    ):
        return "ANPA 1312"
    if body.startswith(b"\x01") and b"\x02" in head:
        return "IPTC 7901"
    for magic, name in _MAGIC:
        if body.startswith(magic):
            return name
    if body.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "wire text"  # UTF-16 text, decoded by the text reader
    if body[:1] in (b"{", b"["):
        return "ninjs JSON" if b'"uri"' in head or b"ninjs" in head else "JSON document"
    if body.startswith(b"<"):
        prolog = re.sub(
            rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>", b"", body[:4096], flags=re.S
        )
        root = _ROOT.search(prolog)
        name = root.group("name") if root else b""
        if name in _G2_ROOTS:
            return "NewsML-G2"
        if name in _G2_OTHER:
            return f"NewsML-G2 {name.decode()}"
        if name == b"NewsML":
            return "NewsML 1.2"
        if name.lower() == b"nitf":
            return "NITF"
        if name.lower() in _HTML_ROOTS or re.match(rb"<!doctype\s+html", body, re.I):
            return "HTML page"
        if name in (b"rss", b"feed", b"RDF"):
            return "RSS/Atom feed"
        return f"XML ({name.decode('ascii', 'replace') or 'unknown root'})"
    return "wire text"


def read_story(data: bytes, *, filename: str = "<stdin>") -> WireStory:
    """One story from a file's bytes, in whatever format they are; WireError otherwise."""
    if len(data) > MAX_BYTES:
        raise WireError(filename, 1, f"file too large for one story ({len(data):,} bytes)")
    if not data.strip():
        raise WireError(filename, 1, "empty input")
    format = sniff(data)
    reader = READERS.get(format)
    if reader is not None:
        return reader(data, filename=filename)
    if format in ("wire text", "HTML page"):
        return read_agency_text(decode_wire(data, filename=filename), filename=filename)
    raise WireError(filename, 1, f"not a format we read: looks like {format}", format=format)


def read_file(path: str | Path) -> WireStory:
    path = Path(path)
    return read_story(path.read_bytes(), filename=str(path))
