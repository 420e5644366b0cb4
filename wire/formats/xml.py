"""Agency XML, read safely: the right encoding, no DTD, no network, no entity expansion.

Agencies declare encodings they do not use (ISO-8859-1 declared, UTF-8 sent) and use
encodings expat has no table for (ISO-8859-15); HTML entities such as ``&nbsp;`` appear
in documents that declare none. So the bytes are decoded here (honouring the declaration
unless the bytes prove it wrong) and handed to libxml2 as UTF-8 with every loader off.
"""

from __future__ import annotations

import codecs
import html.entities
import re
from collections.abc import Iterator

from lxml import etree

from wire.text.story import WireError

_DECLARATION = re.compile(
    rb"^\s*<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([A-Za-z0-9._:-]{1,40})[\"']"
)
_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]{1,31});")
_XML_ENTITIES = {"amp", "lt", "gt", "quot", "apos"}


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        encoding="utf-8",
    )


def decode_xml(data: bytes, *, filename: str, format: str) -> tuple[str, list[str]]:
    """The document as text, and warnings about its encoding."""
    warnings: list[str] = []
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "replace"), warnings
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), warnings
        except UnicodeDecodeError as error:
            raise WireError(filename, 1, "undecodable UTF-16 XML", format=format) from error
    found = _DECLARATION.match(data[:400])
    declared = found.group(1).decode("ascii").lower() if found else "utf-8"
    try:
        codec = codecs.lookup(declared).name
    except LookupError:
        warnings.append(f"unknown declared encoding {declared!r}: read as UTF-8")
        codec = "utf-8"
    if codec != "utf-8":
        try:
            as_utf8 = data.decode("utf-8")
        except UnicodeDecodeError:
            as_utf8 = None
        if as_utf8 is not None and not data.isascii():
            # Multi-byte sequences that all decode as UTF-8 are UTF-8, whatever the label.
            warnings.append(f"declared {declared!r} but the bytes are UTF-8: read as UTF-8")
            return as_utf8, warnings
        try:
            return data.decode(codec), warnings
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise WireError(
                filename, line, f"bytes not in the declared {declared}", format=format
            ) from error
    try:
        return data.decode("utf-8"), warnings
    except UnicodeDecodeError:
        # Declared (or defaulted to) UTF-8 but 8-bit: Windows-1252 is what such files hold.
        warnings.append("not UTF-8 as declared: read as Windows-1252")
        return data.decode("cp1252", "replace"), warnings


def _named_entities(text: str) -> str:
    """HTML's named entities (``&nbsp;``, ``&eacute;``) as character references, so a
    document that uses them without declaring them still parses; XML's own are kept."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in _XML_ENTITIES:
            return match.group(0)
        code = html.entities.name2codepoint.get(name)
        return f"&#{code};" if code else match.group(0)

    return _ENTITY.sub(replace, text)


def parse_xml(data: bytes, *, filename: str, format: str) -> tuple[etree._Element, list[str]]:
    """The root element of an agency XML document (WireError when it is not well-formed)."""
    text, warnings = decode_xml(data, filename=filename, format=format)
    text = re.sub(r"^\s*<\?xml[^>]{0,200}\?>", "", text, count=1)
    body = _named_entities(text).encode("utf-8", "replace")
    try:
        root = etree.fromstring(body, _parser())
    except etree.XMLSyntaxError as error:
        line = error.lineno or 1
        raise WireError(
            filename, line, f"{format} that is not well-formed XML: {error.msg}", format=format
        ) from error
    if root is None:
        raise WireError(filename, 1, f"empty {format} document", format=format)
    return root, warnings


def local(element: etree._Element) -> str:
    """An element's name without its namespace ('{http://iptc.org/…}headline' -> 'headline')."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def children(element: etree._Element | None, name: str) -> Iterator[etree._Element]:
    if element is None:
        return iter(())
    return (child for child in element if local(child) == name)


def child(element: etree._Element | None, *path: str) -> etree._Element | None:
    """The first descendant along ``path`` of direct children ('itemMeta', 'pubStatus')."""
    current = element
    for name in path:
        current = next(children(current, name), None)
        if current is None:
            return None
    return current


def first(element: etree._Element | None, name: str) -> etree._Element | None:
    """The first element named ``name`` anywhere below ``element``."""
    if element is None:
        return None
    return next((e for e in element.iter() if local(e) == name), None)


def every(element: etree._Element | None, name: str) -> list[etree._Element]:
    if element is None:
        return []
    return [e for e in element.iter() if local(e) == name]


def text_of(element: etree._Element | None, *, skip: frozenset[str] = frozenset()) -> str:
    """The words of an element and its children (children named in ``skip`` left out)."""
    if element is None:
        return ""
    parts: list[str] = []
    skipping = 0
    for event, node in etree.iterwalk(element, events=("start", "end")):
        name = local(node)
        if event == "start":
            if name in skip:
                skipping += 1
            elif not skipping and isinstance(node.tag, str) and node.text:
                parts.append(node.text)
        else:
            if name in skip:
                skipping -= 1
            if not skipping and node is not element and node.tail:
                parts.append(node.tail)
    return " ".join("".join(parts).split())


def attr(element: etree._Element | None, name: str, default: str = "") -> str:
    if element is None:
        return default
    return (element.get(name) or default).strip()
