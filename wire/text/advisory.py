"""The ``(ATTN: …)`` advisory grammar: revision tags and the paragraphs they point at.

``(ATTN: UPDATES throughout; CHANGES headline; ADDS comments in paras 13-14)`` is a list
of parts joined by ``; ``, each a verb from ``vocab.REVISION_VERBS`` and a free object.
Desks also write ``UPDATES headline, ADDS photo`` (a comma before a verb starts a part)
and ``UPDATES with …``. The verbatim line is always kept; a part that does not start
with a verb is kept whole as the object of an empty verb, with a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from articles.vocab import REVISION_VERBS
from wire.text.story import Advisory

_VERBS = "|".join(REVISION_VERBS)
_ATTN = re.compile(r"^\s*\(\s*ATTN\s*:\s*(?P<body>.*?)\s*\)\s*$", re.IGNORECASE | re.DOTALL)
# A comma starts a new part only before an upper-case verb: "headline, lead with …" is
# one object, "headline, ADDS photo" is two parts.
_COMMA_BEFORE_VERB = re.compile(rf",\s+(?=(?:{_VERBS})\b)")
# Every verb ends in S; the singular ("ADD photo") is read as the verb it means.
_PART = re.compile(
    r"^(?P<verb>" + "|".join(f"{verb[:-1]}S?" for verb in REVISION_VERBS) + r")\b\s*(?P<obj>.*)$",
    re.IGNORECASE | re.DOTALL,
)


def parse_advisory(line: str) -> Advisory:
    """'(ATTN: UPDATES throughout; CHANGES headline)' ->
    Advisory(text=<the line>, tags=[('UPDATES', 'throughout'), ('CHANGES', 'headline')])."""
    text = " ".join(line.split())
    warnings: list[str] = []
    match = _ATTN.match(text)
    if match:
        body = match.group("body")
    else:
        warnings.append(f"advisory is not an (ATTN: …) line: {text!r}")
        body = re.sub(r"^\(?\s*ATTN\s*:?\s*", "", text, flags=re.IGNORECASE).rstrip(")")
    tags: list[tuple[str, str]] = []
    for chunk in body.split(";"):
        for part in _COMMA_BEFORE_VERB.split(chunk):
            part = part.strip()
            if not part:
                continue
            found = _PART.match(part)
            if found:
                verb = found.group("verb").upper()
                verb = verb if verb.endswith("S") else verb + "S"
                tags.append((verb, found.group("obj").strip()))
            else:
                warnings.append(f"advisory part without a revision verb kept as is: {part!r}")
                tags.append(("", part))
    if not tags:
        warnings.append("advisory has no revision tags")
    return Advisory(text=text, tags=tags, warnings=warnings)


@dataclass(frozen=True)
class Location:
    """Where a revision tag's object points: paragraph numbers (1-based) and markers."""

    paragraphs: tuple[int, ...] = ()
    throughout: bool = False
    headline: bool = False
    last: bool = False


_ORDINAL = r"\d+(?:st|nd|rd|th)"
# "in paras 13-14", "para 5", "paras 3, 5 and 7", "paras 3 to 6"
_NUMBERED = re.compile(
    r"\bparas?\.?\s+(?P<list>\d+(?:\s*(?:-|–|to|through|,|and|&)\s*\d+)*)", re.IGNORECASE
)
# "5th para", "2nd and 3rd paras", "5th-7th paras", "3rd, 4th paras"
_ORDINALS = re.compile(
    rf"(?P<list>{_ORDINAL}(?:\s*(?:-|–|to|through|,|and|&)\s*{_ORDINAL})*)\s+paras?\b",
    re.IGNORECASE,
)
_RANGE = re.compile(r"(\d+)(?:st|nd|rd|th)?\s*(?:-|–|to|through)\s*(\d+)", re.IGNORECASE)


def _numbers(listing: str) -> list[int]:
    numbers: list[int] = []
    for start, stop in _RANGE.findall(listing):
        numbers.extend(range(int(start), int(stop) + 1))
    rest = _RANGE.sub(" ", listing)
    numbers.extend(int(n) for n in re.findall(r"\d+", rest))
    return numbers


def locate(obj: str) -> Location:
    """The paragraphs a revision tag's object names: 'experts' comments in paras 5-7' ->
    Location(paragraphs=(5, 6, 7)); 'throughout' -> Location(throughout=True)."""
    paragraphs: list[int] = []
    for pattern in (_NUMBERED, _ORDINALS):
        for match in pattern.finditer(obj):
            paragraphs.extend(_numbers(match.group("list")))
    words = set(re.findall(r"[a-z]+", obj.lower()))
    if words & {"lead", "lede"} and 1 not in paragraphs:
        paragraphs.append(1)
    return Location(
        paragraphs=tuple(sorted(set(paragraphs))),
        throughout="throughout" in words,
        headline="headline" in words,
        last=bool(re.search(r"\blast\s+paras?\b", obj, re.IGNORECASE)),
    )
