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
    # The agency's own name leads: "(Yonhap Interview)", "(Hanbit Feature)".
    Genre.INTERVIEW: "{agency} Interview",
    Genre.FEATURE: "{agency} Feature",
    # Followed by the paper and date, e.g. "(EDITORIAL from Korea Herald on Jan. 6)".
    Genre.EDITORIAL: "EDITORIAL from",
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
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
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


def genre_tag(genre: Genre | str, source: str = "", *, agency: str = "Yonhap") -> str:
    """'(News Focus)', '(EDITORIAL from Korea Herald on Jan. 6)', or '' for plain news."""
    text = GENRE_TAGS[Genre(genre)].format(agency=agency)
    if not text:
        return ""
    if Genre(genre) is Genre.EDITORIAL and source:
        text = f"{text} {source}"
    return f"({text})"


def advisory(tags: list[tuple[str, str]]) -> str:
    """[('UPDATES', 'throughout'), ('CHANGES', 'headline')]
    -> '(ATTN: UPDATES throughout; CHANGES headline)'."""
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


# Every spelling of a month seen in datelines, mapped to its number (AP or not).
_MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}


def parse_month(text: str) -> int | None:
    """'Jan.' / 'January' / 'Sept.' / 'Sep' -> 1 / 1 / 9 / 9; None when it is no month."""
    return _MONTH_NAMES.get(text.strip().rstrip(".").lower())


def join_names(names: list[str]) -> str:
    """['A'] -> 'A'; ['A', 'B'] -> 'A and B'; ['A', 'B', 'C'] -> 'A, B and C' (wire style)."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def genre_from_tag(text: str) -> tuple[Genre, str] | None:
    """'News Focus' -> (NEWS_FOCUS, ''); 'EDITORIAL from Korea Herald on Jan. 6' ->
    (EDITORIAL, 'Korea Herald on Jan. 6'); None for a tag the newsroom has no genre for."""
    prefix = GENRE_TAGS[Genre.EDITORIAL]
    if text.startswith(prefix + " "):
        return Genre.EDITORIAL, text[len(prefix) + 1 :].strip()
    for genre, tag in GENRE_TAGS.items():
        if not tag:
            continue
        # "{agency} Feature" matches any agency's own: "Yonhap Feature", "Hanbit Feature".
        agency, _, rest = text.partition(" ")
        if tag == text or (tag.startswith("{agency} ") and agency and rest == tag[9:]):
            return genre, ""
    return None
