"""The newsroom's fixed vocabulary: version kinds, labels, genres, revision verbs, dates.

Pure Python, shared by the models, the wire parser/writer and ninjs, so that a label or
a dateline is spelled one way everywhere.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum


class Kind(StrEnum):
    ORIGINAL = "original"
    URGENT = "urgent"
    LEAD = "lead"
    ROUNDUP = "roundup"
    CORRECTION = "correction"


class Genre(StrEnum):
    NEWS = "news"
    NEWS_FOCUS = "news_focus"
    INTERVIEW = "interview"
    FEATURE = "feature"
    EDITORIAL = "editorial"
    SUMMARY = "summary"
    PHOTO = "photo"


# Tag text shown in front of the headline, after the label. News carries none.
GENRE_TAGS: dict[Genre, str] = {
    Genre.NEWS: "",
    Genre.NEWS_FOCUS: "News Focus",
    Genre.INTERVIEW: "Yonhap Interview",
    Genre.FEATURE: "Yonhap Feature",
    Genre.EDITORIAL: "EDITORIAL from",  # followed by the paper and date, e.g. "Korea Herald on Jan. 6"
    Genre.SUMMARY: "News Summary",
    Genre.PHOTO: "",
}

REVISION_VERBS = (
    "UPDATES",
    "ADDS",
    "CHANGES",
    "RECASTS",
    "RESTORES",
    "CORRECTS",
    "REWRITES",
    "REPLACES",
    "DELETES",
)


def ordinal(n: int) -> str:
    """1 -> '1st', 2 -> '2nd', 11 -> '11th', 23 -> '23rd'."""
    if 10 <= n % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def label(kind: Kind | str, lead_ordinal: int = 0) -> str:
    """The reader-facing tag for a version: '' for an original, '(LEAD)', '(2nd LD)' …

    ``lead_ordinal`` counts the lead versions of the chain up to and including this one;
    it only matters for leads.
    """
    kind = Kind(kind)
    if kind is Kind.ORIGINAL:
        return ""
    if kind is Kind.LEAD:
        return "(LEAD)" if lead_ordinal <= 1 else f"({ordinal(lead_ordinal)} LD)"
    return {
        Kind.URGENT: "(URGENT)",
        Kind.ROUNDUP: "(ROUNDUP)",
        Kind.CORRECTION: "(CORRECTED)",
    }[kind]


def genre_tag(genre: Genre | str, source: str = "") -> str:
    """'(News Focus)', '(EDITORIAL from Korea Herald on Jan. 6)', or '' for plain news."""
    text = GENRE_TAGS[Genre(genre)]
    if not text:
        return ""
    if Genre(genre) is Genre.EDITORIAL and source:
        text = f"{text} {source}"
    return f"({text})"


def advisory(tags: list[tuple[str, str]]) -> str:
    """[('UPDATES', 'throughout'), ('CHANGES', 'headline')] -> '(ATTN: UPDATES throughout; CHANGES headline)'."""
    parts = [f"{verb} {obj}".strip() for verb, obj in tags]
    return f"(ATTN: {'; '.join(parts)})" if parts else ""


# AP style: abbreviate Jan. Feb. Aug. Sept. Oct. Nov. Dec.; spell out March to July.
AP_MONTHS = (
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)


def ap_month(month: int) -> str:
    return AP_MONTHS[month - 1]


def ap_date(day: dt.date) -> str:
    """date(2026, 1, 5) -> 'Jan. 5'."""
    return f"{ap_month(day.month)} {day.day}"


def dateline(place: str, day: dt.date, agency: str) -> str:
    """('BEIJING', date(2026, 1, 5), 'Yonhap') -> 'BEIJING, Jan. 5 (Yonhap) --'.

    ``place`` is written as the wire writes it: 'SEOUL/POHANG, South Korea' for several.
    """
    return f"{place}, {ap_date(day)} ({agency}) --"
