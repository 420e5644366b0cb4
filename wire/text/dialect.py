"""What one agency's wire copy looks like: its labels, markers and dateline shape.

The parser walks the layout every agency shares (slug line, headline, advisory, byline,
dateline and body, end marker) and asks a ``Dialect`` what each marker looks like. Another
agency is a new small module building another ``Dialect`` (AP's ``1st Ld-Writethru``,
Reuters' ``UPDATE 1``, Xinhua's ``Endit``), usually with ``dataclasses.replace(YONHAP, …)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from articles.vocab import Kind

# Names in a byline: capitalised words ("Kim Eun-jung", "O'Neil", "Jr.").
_NAME = r"[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*)*"


@dataclass(frozen=True)
class Dialect:
    name: str
    # Label tag texts (without parentheses) and the kind they mean; a group "n" holds
    # the lead ordinal ("2nd LD" -> 2).
    labels: tuple[tuple[re.Pattern[str], Kind], ...]
    # Genre tag texts that follow the label in a headline.
    genre: re.Pattern[str]
    # The start of an advisory line.
    advisory: re.Pattern[str]
    byline: re.Pattern[str]
    # The dateline at the start of the first paragraph; named groups place, month, day,
    # agency, dash, rest. The month is checked with vocab.parse_month. Only the first
    # DATELINE_SPAN characters of a line are matched against it (a dateline is short), so
    # no line, however long, makes the match slow.
    dateline: re.Pattern[str]
    end: re.Pattern[str]
    # A trailing credit that makes a line a caption even without a bullet.
    credit: re.Pattern[str]
    caption_bullets: str
    copyright: re.Pattern[str]
    # Lines from the pages copy is saved from, skipped anywhere; head_chrome only above
    # the dateline, where a line such as "ID :" cannot be part of the story.
    chrome: tuple[re.Pattern[str], ...]
    head_chrome: tuple[re.Pattern[str], ...]
    # Partner header "김은정 / 2026-01-06 00:57:02": group "name" is the writer.
    header: re.Pattern[str]
    email: re.Pattern[str]
    # Lines longer than this were not hard-wrapped: each is a paragraph of its own.
    max_wrap_width: int = 100
    # A dateline with no place, as some agencies send it: "Jan 3 (Reuters) - …".
    bare_dateline: re.Pattern[str] | None = None

    def read_label(self, tag: str) -> tuple[Kind, int] | None:
        """'2nd LD' -> (Kind.LEAD, 2); 'ROUNDUP' -> (Kind.ROUNDUP, 0); None if no label."""
        for pattern, kind in self.labels:
            match = pattern.match(tag)
            if match:
                if kind is not Kind.LEAD:
                    return kind, 0
                return kind, int(match.groupdict().get("n") or 1)
        return None

    def is_genre(self, tag: str) -> bool:
        return bool(self.genre.match(tag))


YONHAP = Dialect(
    name="yonhap",
    labels=(
        (re.compile(r"^URGENT$"), Kind.URGENT),
        (re.compile(r"^LEAD$"), Kind.LEAD),
        (re.compile(r"^(?P<n>\d{1,2})(?:st|nd|rd|th)\s+LD$"), Kind.LEAD),
        (re.compile(r"^ROUNDUP$"), Kind.ROUNDUP),
        (re.compile(r"^CORRECTED$"), Kind.CORRECTION),
    ),
    genre=re.compile(
        r"^(?:EDITORIAL from .+"
        r"|News (?:Focus|Summary|Analysis)"
        r"|Yonhap (?:Interview|Feature|Analysis|Commentary|Profile|Special)"
        r"|(?:[A-Z][a-z]+ )?(?:Review|Column|Interview|Feature|Profile))$"
    ),
    advisory=re.compile(r"^\(\s*ATTN\s*:", re.IGNORECASE),
    byline=re.compile(rf"^By\s+(?P<names>{_NAME}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+){_NAME})*)$"),
    dateline=re.compile(
        r"""^(?P<place>
              [A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ0-9.'&\-]*(?:[ /][A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ0-9.'&\-]*)*  # SEOUL
              (?:,\s+[A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*)*)*?   # , South Korea
            )
            ,\s*(?P<month>[A-Z][a-z]{2,8}\.?)\s+(?P<day>\d{1,2})
            \s*\((?P<agency>[^()]{1,80})\)
            \s*(?P<dash>-{2,3}|—|–|-)?\s*
            (?P<rest>.*)$""",
        re.VERBOSE,
    ),
    end=re.compile(r"^[(\[<]END[)\]>]\.?$"),
    # A photo agency's credit: "Yonhap", "KCNA-Yonhap", "AP", "Getty Images".
    credit=re.compile(
        r"^(?:[A-Za-z.&' ]{1,40}-)?Yonhap$"
        r"|^(?:AP|AFP|EPA|Reuters|Xinhua|Kyodo|Newsis|News1|KCNA|Getty Images|Hanbit)$"
    ),
    caption_bullets="▲△",
    copyright=re.compile(
        # "(c)" only before a holder or a year: "… in article 3\n(c)." ends a paragraph.
        r"^(?:\(c\)(?=\s*\w)|©|ⓒ|copyright\b|<\s*all rights reserved\b)|\ball rights reserved\b",
        re.IGNORECASE,
    ),
    chrome=(
        re.compile(r"^[•·∙]\s*\S{0,30}$"),  # share buttons: "• facebookfacebook", "• print"
        re.compile(r"^!\[.*\]\(\S*\)$"),  # images saved as Markdown
    ),
    head_chrome=(
        re.compile(
            r"^(?:ID|Auther|Author|Writer|Reporter|Editor|Date|Posted|Updated|Source|Section)"
            r"\s*:.{0,60}$",
            re.IGNORECASE,
        ),
        re.compile(r"^[\d\s\-/:.,]+$"),  # "44023", "2026-01-06 00:57"
        re.compile(
            r"^\w{3},\s+\d{1,2}/\d{1,2}/\d{4}\s+-\s+\d{1,2}:\d{2}$"
        ),  # Tue, 02/03/2009 - 20:29
        # Section and time: "All Headlines 07:06 November 01, 2019"
        re.compile(
            r"^(?:[A-Z][\w&.\-]*\s+){0,4}\d{1,2}:\d{2}\s+[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4}$"
        ),
    ),
    header=re.compile(
        r"^(?P<name>[\uac00-\ud7a3]+(?:\s[\uac00-\ud7a3]+)*)\s*/\s*"
        r"\d{4}[-./]\d{1,2}[-./]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"
    ),
    email=re.compile(r"^[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+$"),
    bare_dateline=re.compile(
        r"^(?P<place>)(?P<month>[A-Z][a-z]{2,8}\.?)\s+(?P<day>\d{1,2})"
        r"\s*\((?P<agency>[^()]{1,80})\)\s*(?P<dash>-{2,3}|—|–|-)\s*(?P<rest>.*)$"
    ),
)

# How many characters of a line a dateline may take up before its text begins.
DATELINE_SPAN = 240
