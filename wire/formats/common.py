"""What every agency format shares once its envelope is open: agency names, dates in
several languages, datelines at the head of a paragraph, bylines, version marks.

Pure Python over plain data; every pattern is anchored and bounded, so each call is linear
in its input.
"""

from __future__ import annotations

import datetime as dt
import re

from articles import vocab
from articles.vocab import Kind
from wire.text.advisory import parse_advisory
from wire.text.story import Advisory, Dateline

# Agency names as formats spell them (ids, domains, full names) -> the credit they use.
_AGENCIES = {
    "ap": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "ap.org": "AP",
    "afp": "AFP",
    "afp.com": "AFP",
    "agence france-presse": "AFP",
    "reuters": "Reuters",
    "reuters.com": "Reuters",
    "thomson reuters": "Reuters",
    "dpa": "dpa",
    "dpa.com": "dpa",
    "deutsche presse-agentur": "dpa",
    "xinhua": "Xinhua",
    "kyodo": "Kyodo",
    "yonhap": "Yonhap",
    "yonhap news agency": "Yonhap",
    "yna.co.kr": "Yonhap",
    "pa": "PA",
    "press association": "PA",
    "ntb": "NTB",
    "tt": "TT",
    "tt.se": "TT",
    "ritzau": "Ritzau",
    "ritzau.dk": "Ritzau",
    "anp": "ANP",
    "algemeen nederlands persbureau": "ANP",
    "belga": "Belga",
    "belga.be": "Belga",
    "ats": "ATS",
    "www.sda-ats.ch": "ATS",
    "sda-ats": "ATS",
    "ana-mpe.gr": "ANA-MPA",
    "ana-mpa": "ANA-MPA",
    "getty images": "Getty Images",
    "getty images inc.": "Getty Images",
    "getty images inc": "Getty Images",
    "gyi": "Getty Images",
}


def agency_name(raw: str) -> str:
    """'reuters.com' -> 'Reuters'; 'nprov:REUTERS' -> 'Reuters'; unknown names kept tidy."""
    text = " ".join(raw.split()).strip(" .,;")
    if ":" in text and " " not in text:
        text = text.rsplit(":", 1)[1]
    known = _AGENCIES.get(text.lower())
    if known:
        return known
    return text[:80]


# Month names and abbreviations in the languages agencies write datelines in.
_MONTHS = {
    **{m.rstrip(".").lower(): i for i, m in enumerate(vocab.AP_MONTHS, 1)},  # noqa: C416
    **{
        name: number
        for number, names in enumerate(
            (
                "jan january janv janvier januar jänner januari enero gennaio",
                "feb february févr fév fevr février februar februari febr febrero",
                "mar march mars märz maart marzo",
                "apr april avr avril abril aprile",
                "may mai mei maj mayo maggio",
                "jun june juin juni junio giugno",
                "jul july juil juillet juli julio luglio",
                "aug august août aout augusti agosto",
                "sep sept september septembre settembre septiembre",
                "oct october okt oktober octobre ottobre octubre",
                "nov november novembre noviembre",
                "dec december déc dez dezember décembre desember dicembre diciembre",
            ),
            start=1,
        )
        for name in names.split()
    },
}


def month_number(text: str) -> int | None:
    return _MONTHS.get(text.strip().rstrip(".").lower())


_ISO = re.compile(
    r"^(?P<y>\d{4})-?(?P<m>\d{2})-?(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):?(?P<M>\d{2})(?::?(?P<S>\d{2})(?:\.\d+)?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?$"
)


def parse_when(text: str) -> dt.datetime | None:
    """ISO 8601 in its basic or extended form ('20160909T000100+0100', '2018-10-23T12:00:00Z',
    '2021-05-16T09:00:04'); naive times are read as UTC."""
    found = _ISO.match(text.strip()[:40])
    if not found:
        return None
    try:
        zone = dt.UTC
        tz = found.group("tz")
        if tz and tz != "Z":
            sign = 1 if tz[0] == "+" else -1
            digits = tz[1:].replace(":", "")
            zone = dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
        return dt.datetime(
            int(found.group("y")),
            int(found.group("m")),
            int(found.group("d")),
            int(found.group("H") or 0),
            int(found.group("M") or 0),
            int(found.group("S") or 0),
            tzinfo=zone,
        )
    except ValueError:
        return None


# "Gaza City, Palestinian Territories, May 16, 2021 (AFP) -", "NEW YORK (AP) — ",
# "Munich (dpa) - ", "Jan 3 (Reuters) - ", "Strasbourg, 10 juil 2024 (AFP)",
# "København /ritzau/: ", "ATLANTA (AP) _ ".
_LEAD_DATELINE = re.compile(
    r"^(?P<place>[A-ZÀ-Þ][^()\n]{0,100}?)??"
    r"(?:,?\s*(?P<date>(?P<m1>[A-Za-zéû]{3,9}\.?)\s+(?P<d1>\d{1,2})(?:,\s*\d{4})?"
    r"|(?P<d2>\d{1,2})\.?\s+(?P<m2>[A-Za-zéû]{3,9}\.?)(?:\s+\d{4})?))?"
    r"\s*(?:\((?P<agency>[^()\n]{1,30})\)|/(?P<slashed>[a-z]{2,20})/)"
    r"\s*(?P<dash>--|—|–|-|_|:)?\s*"
)
_DATELINE_SPAN = 200


class LeadDateline:
    """A dateline read off the head of a lead paragraph."""

    def __init__(self, place: str, month: int | None, day: int | None, agency: str) -> None:
        self.place = place
        self.month = month
        self.day = day
        self.agency = agency


# "(New York, NY - October 21) Et, sent …": a dateline in parentheses, no agency named.
_PAREN_DATELINE = re.compile(
    r"^\((?P<place>[A-ZÀ-Þ][^()\n]{0,60}?)\s+[-–—]\s+(?P<month>[A-Za-zéû]{3,9}\.?)\s+"
    r"(?P<day>\d{1,2})\)\s*"
)


def split_lead_dateline(paragraph: str) -> tuple[LeadDateline | None, str]:
    """'NEW YORK (AP) — The gas …' -> (LeadDateline('NEW YORK', None, None, 'AP'), 'The gas …')."""
    bracketed = _PAREN_DATELINE.match(paragraph[:_DATELINE_SPAN])
    if bracketed and month_number(bracketed.group("month")) and paragraph[bracketed.end() :]:
        month = month_number(bracketed.group("month"))
        place = bracketed.group("place").strip(" ,")
        rest = paragraph[bracketed.end() :].strip()
        return LeadDateline(place, month, int(bracketed.group("day")), ""), rest
    found = _LEAD_DATELINE.match(paragraph[:_DATELINE_SPAN])
    if not found or not (found.group("dash") or found.group("slashed")):
        return None, paragraph
    rest = paragraph[found.end() :].strip()
    if not rest:
        return None, paragraph
    place = (found.group("place") or "").strip(" ,")
    month_text = found.group("m1") or found.group("m2")
    day_text = found.group("d1") or found.group("d2")
    month = month_number(month_text) if month_text else None
    if month_text and month is None:
        # "Top 5 (AP) -" is no date: the words were part of the place.
        return None, paragraph
    if place and (len(place.split()) > 6 or place.endswith((".", "!", "?"))):
        return None, paragraph
    if not place and month is None:
        return None, paragraph
    agency = agency_name(found.group("agency") or found.group("slashed") or "")
    return LeadDateline(place, month, int(day_text) if day_text else None, agency), rest


def place_in_capitals(place: str) -> str:
    """The wire writes the city in capitals: 'Gaza City, Palestinian Territories' ->
    'GAZA CITY, Palestinian Territories'; 'Newport News, VA' -> 'NEWPORT NEWS, VA'."""
    city, sep, rest = place.partition(",")
    return city.strip().upper() + (sep + rest if sep else "")


def make_dateline(
    place: str, *, month: int | None, day: int | None, agency: str, when: dt.datetime | None
) -> Dateline | None:
    """Our Dateline from an agency's place and whichever date it gave (or the item's date)."""
    if (month is None or day is None) and when is not None:
        month, day = when.month, when.day
    if month is None or day is None or not agency:
        return None
    place = place_in_capitals(" ".join(place.split()))[:120] if place else ""
    return Dateline(place=place, month=vocab.ap_month(month), day=day, agency=agency)


# Person names in a byline; agencies and job titles are not people.
_NOT_NAMES = re.compile(
    r"(?i)\b(?:press|agency|associated|reuters|afp|dpa|staff|writer|correspondent|editor|"
    r"reporter|news|service|desk|bureau|ntb|tt|ap|pa)\b"
)
_NAME = re.compile(r"^[A-ZÀ-Þ][\w'’.\-]*(?:\s+(?:[a-z]{1,3}\s+)?[A-ZÀ-Þ][\w'’.\-]*){1,4}$")


def _name_case(name: str) -> str:
    if name.isupper():
        return " ".join(
            "-".join(part[:1] + part[1:].lower() for part in word.split("-"))
            for word in name.split()
        )
    return name


def byline_names(text: str) -> list[str]:
    """'By PAUL BYRNE and ALMUDENA CALATRAVA' -> ['Paul Byrne', 'Almudena Calatrava'];
    'By Sam Lister, Press Association Political Correspondent' -> ['Sam Lister'];
    'Adel Zaanoun with Guillaume Lavallee in Jerusalem' -> ['Adel Zaanoun', 'Guillaume Lavallee'];
    'By The Associated Press' -> []."""
    text = " ".join(text.split())[:300].rstrip(" =<")
    text = re.sub(r"^(?:by|von|par|door|av)\s+", "", text, flags=re.I)
    names: list[str] = []
    for part in re.split(r"\s*(?:,|;|\band\b|\bwith\b|&|\bund\b|\bet\b|\bog\b)\s*", text):
        part = re.sub(r"\s+in\s+[A-Z][\w ]*$", "", part.strip())
        if not part or _NOT_NAMES.search(part) or not _NAME.match(part):
            continue
        names.append(_name_case(part))
    return names


# Version marks in a headline or keyword line, any agency: AP "1st Ld-Writethru",
# dpa "1ST LEAD", Reuters "UPDATE 1-", "CORRECTED-", "WRAPUP 2-", "URGENT", "FLASH", "Eil".
_ORDINAL_LEAD = re.compile(
    r"\b(?P<n>\d{1,2})(?:st|nd|rd|th|ST|ND|RD|TH)\s*(?:Ld|LD|LEAD|Lead)\b(?:-?Writethru)?"
)
_UPDATE_N = re.compile(r"\bUPDATE\s+(?P<n>\d{1,2})\b")
_WRAPUP = re.compile(r"\bWRAPUP(?:\s+\d{1,2})?\b")
_CORRECTED = re.compile(r"\b(?:CORRECTED|CORRECTION|Correction|Corrects|KORREKTUR|Berichtigung)\b")
_URGENT = re.compile(r"\b(?:URGENT|FLASH|BULLETIN|Eil|EIL|Eilmeldung|BREAKING)\b|NewsAlert\b")
_KILL = re.compile(r"\b(?:KILL|Kill|ELIMINATION|Elimination|WITHDRAWN|Withdrawn|Sperrfrist)\b")


def version_mark(text: str) -> tuple[Kind, int] | None:
    """The kind an agency's own version mark means, or None when there is none."""
    text = text[:300]
    if _CORRECTED.search(text):
        return Kind.CORRECTION, 0
    if _WRAPUP.search(text):
        return Kind.ROUNDUP, 0
    found = _ORDINAL_LEAD.search(text) or _UPDATE_N.search(text)
    if found:
        return Kind.LEAD, max(1, int(found.group("n")))
    if re.search(r"\b(?:Writethru|LEAD|Ld|UPDATE)\b", text):
        return Kind.LEAD, 1
    if _URGENT.search(text):
        return Kind.URGENT, 0
    return None


def is_kill_mark(text: str) -> bool:
    return bool(_KILL.search(text[:300]))


def advisory_from(text: str) -> Advisory:
    """An agency's own note of what changed ("Adds comments, detail", "RECASTS with …,
    UPDATES throughout") as our advisory; the words kept as written."""
    text = " ".join(text.split()).strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    if not text:
        return Advisory()
    # "In Jan. 3 story, corrects last paragraph …": the revision starts at the verb.
    verb = re.search(
        r"\b(?:updates?|adds?|changes?|recasts?|restores?|corrects?|rewrites?|replaces?|deletes?)\b",
        text[:300],
        re.I,
    )
    if verb:
        text = text[verb.start() :]
    return parse_advisory(f"(ATTN: {text})")


# Trailers and sign-offs at the foot of agency copy: "(Reporting by …; Editing by …)",
# AFP "bur-dar-gl/fz", dpa "dpa bwh bag", "/ritzau/", "(©NTB)", PA "ends", Xinhua "Endit".
_REPORTING = re.compile(
    r"^\((?P<body>(?:Additional\s+)?(?:Reporting|Writing|Compiled)\b[^()]{0,600})\)$", re.I
)
_SIGNOFF = re.compile(
    r"^(?:[a-z]{2,5}(?:[-/][a-z]{2,5}){1,6}|dpa(?:\s+[a-z]{2,4}){1,5}|/[a-z]{2,12}/"
    r"|\(©\s?[A-Za-z]{2,12}\)|[a-z]{2,4}/[a-z]{2,4})\s*$"
)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|ⓒ|copyright\b)", re.I)
_END_MARK = re.compile(r"^(?:\(?end\)?|ends|endit|\(end\)|-0-|xxx|#+|(?:\*\s*){3,})$", re.I)


def trailer(paragraphs: list[str]) -> tuple[list[str], list[str], list[str], bool]:
    """Take the trailer lines off the foot of ``paragraphs``.

    Returns (paragraphs, reporters, notes, ended): reporters named in a Reuters-style
    "(Reporting by …)" line, the trailer lines as notes for the desk, and whether an end
    mark ("ends", "Endit", "(END)") closed the copy.
    """
    reporters: list[str] = []
    notes: list[str] = []
    ended = False
    kept = list(paragraphs)
    while kept:
        last = kept[-1].strip()
        reporting = _REPORTING.match(last)
        if reporting:
            notes.insert(0, last)
            first = reporting.group("body").split(";")[0]
            first = re.sub(
                r"^(?:Additional\s+)?(?:Reporting|Writing|Compiled)\s+by\s+", "", first, flags=re.I
            )
            reporters = byline_names(first) + reporters
            kept.pop()
        elif _END_MARK.match(last):
            ended = True
            kept.pop()
        elif _SIGNOFF.match(last) or not re.search(r"\w", last) or _COPYRIGHT.match(last):
            notes.insert(0, last)
            kept.pop()
        else:
            break
    # A Reuters paragraph may end with the trailer after a blank line inside it.
    if kept:
        body, sep, tail = kept[-1].rpartition(" (Reporting by ")
        if sep and tail.endswith(")"):
            kept[-1] = body.strip()
            notes.append("(Reporting by " + tail)
            reporters = byline_names(tail.split(";")[0]) + reporters
    return kept, reporters, notes, ended


# Reuters puts its version marks in front of the headline: "UPDATE 1-", "CORRECTED-".
_HEADLINE_MARKS = re.compile(
    r"^(?:(?:UPDATE\s+\d{1,2}|CORRECTED|REFILE|RPT|WRAPUP(?:\s+\d{1,2})?|URGENT|FLASH|KILL|"
    r"BRIEF|EXCLUSIVE|FACTBOX|ANALYSIS|INSIGHT|COLUMN)\s*-\s*)+"
)


def headline_marks(headline: str) -> tuple[tuple[Kind, int] | None, bool, str]:
    """'UPDATE 1-Markets rally' -> ((LEAD, 1), False, 'Markets rally'); 'KILL-…' reads as a
    kill (True). The marks are read, then dropped from the headline."""
    found = _HEADLINE_MARKS.match(headline)
    if not found:
        return None, False, headline
    marks = found.group(0)
    return version_mark(marks), is_kill_mark(marks), headline[found.end() :].strip()
