"""The text of a story body in XML (NITF ``body.content``, XHTML, HTML5 inside NewsML-G2):
paragraphs in order, and the captions of the pictures set in it.

One walk over the elements: a paragraph-like element gives one paragraph (its words, inline
markup and all) and is not descended into; a picture element gives a caption.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from wire.formats.xml import local, text_of
from wire.text.story import WireCaption

_TAGS = "p hl1 hl2 hl3 hl4 h1 h2 h3 h4 h5 h6 li blockquote pre dt dd tr bq address"
_PARAGRAPHS = frozenset(_TAGS.split())
_PICTURES = frozenset({"media", "figure"})
_SKIPPED = frozenset({"script", "style", "head", "title", "note", "object", "nitf-table-metadata"})
_CREDIT = re.compile(r"\s*(?:Photo|Foto|Bild|Kuva|Picture)\s*:\s*(?P<credit>[^.]{2,100})$", re.I)


def _picture(element: etree._Element) -> WireCaption | None:
    caption = by = ""
    for node in element.iter():
        name = local(node)
        if name in {"media-caption", "figcaption", "caption"} and not caption:
            caption = text_of(node)
        elif name in {"media-producer", "byline"} or "byline" in (node.get("class") or ""):
            by = by or text_of(node)
        elif name in {"media-reference", "img"} and not caption:
            caption = (node.get("alternate-text") or node.get("alt") or "").strip()
    if not caption:
        return None
    credits: list[str] = []
    found = _CREDIT.search(caption)
    if found:
        credits.append(" ".join(found.group("credit").split()))
        caption = caption[: found.start()].strip()
    elif by:
        credits.append(by)
    return WireCaption(text=caption, credits=credits, by=by if "/" not in by else "")


def body_parts(element: etree._Element | None) -> tuple[list[str], list[WireCaption]]:
    """(paragraphs, captions) of a body element, in document order."""
    if element is None:
        return [], []
    paragraphs: list[str] = []
    captions: list[WireCaption] = []
    inside = 0
    for event, node in etree.iterwalk(element, events=("start", "end")):
        name = local(node).lower()
        taken = name in _PARAGRAPHS or name in _PICTURES or name in _SKIPPED
        if event == "start" and not inside and taken and node is not element:
            if name in _PICTURES:
                caption = _picture(node)
                if caption:
                    captions.append(caption)
            elif name == "tr":
                cells = [text_of(cell) for cell in node if local(cell) in {"td", "th"}]
                row = "  ".join(cell for cell in cells if cell)
                if row:
                    paragraphs.append(row)
            elif name not in _SKIPPED:
                words = text_of(node)
                if words:
                    paragraphs.append(words)
        if taken and node is not element:
            inside += 1 if event == "start" else -1
    if not paragraphs and not captions:
        # A body with bare text and no paragraph elements: one paragraph per line break.
        words = [line.strip() for line in "".join(element.itertext()).split("\n")]
        paragraphs = [" ".join(line.split()) for line in words if line.strip()]
    return paragraphs, captions


def html_parts(markup: str) -> tuple[list[str], list[WireCaption]]:
    """(paragraphs, captions) of an HTML fragment carried as text (CDATA, escaped)."""
    parser = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True, no_network=True)
    try:
        root = etree.fromstring(f"<div>{markup}</div>".encode("utf-8", "replace"), parser)
    except (etree.LxmlError, ValueError):
        return [], []
    if root is None:
        return [], []
    return body_parts(root)


def text_parts(text: str) -> list[str]:
    """Paragraphs of plain text: blank-line separated, else one per line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
    if len(blocks) == 1:
        blocks = blocks[0].split("\n")
    return [" ".join(b.split()) for b in blocks if b.strip()]
