"""Read one wire item from text: agency copy as sent, or as saved from a partner's page.

The layout is the one in DESIGN.md section 5. The parser works in three regions:

* the head, everything above the dateline: page chrome, ``▲`` captions, slug line and
  headline (often shown twice), the ``(ATTN: …)`` advisory and the byline;
* the body, from the dateline to ``(END)``: paragraphs (blank-line separated, hard-wrapped
  or one per line), captions, the sign-off e-mail;
* the tail after ``(END)``: the copyright footer and page junk.

Copy with no dateline (a photo item, an editorial, a cut-off page) has its head end at
the first block of text after the title, or at the first line of prose. What the parser
skipped or guessed goes to ``warnings``; only input that is no story at all raises
``WireError``.

Every step is linear in the input: lines are looked at a bounded number of times, a
dateline is matched on a line's first characters only, tags and credits are read by
position rather than by re-slicing, and repeated titles are found through a dict.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from articles import vocab
from articles.vocab import Kind
from wire.text import chrome
from wire.text.advisory import parse_advisory
from wire.text.dialect import DATELINE_SPAN, YONHAP, Dialect
from wire.text.story import (
    CANCELED,
    KILL_TAG,
    Advisory,
    Dateline,
    WireCaption,
    WireError,
    WireStory,
)

__all__ = ["WireError", "decode_wire", "parse_wire", "read_wire"]

# What makes input binary or badly decoded rather than text; first match wins.
_NOT_TEXT = (
    (re.compile("\x00"), "binary data (NUL byte), not wire text"),
    (re.compile(r"[\x01-\x08\x0e-\x1f\x7f]"), "binary data (control characters), not wire text"),
    (re.compile(r"[\ud800-\udfff]"), "undecodable bytes in the text"),
    (re.compile("\ufffd"), "undecodable bytes in the text (U+FFFD)"),
)
# All of the above in one pattern: clean text is scanned once.
_ANY_NOT_TEXT = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff\ufffd]")
_HTML = re.compile(r"<\s*(?:!doctype\s+html|html|head|body|div|p|span|script|meta|a)\b", re.I)
_TAG = re.compile(r"\(([^()]*)\)\s*|\[([^\[\]]{1,40})\]\s*")  # "[LEAD]" on some pages
# At most this many tags are read off the front of a title ("(2nd LD) (News Focus) …").
_MAX_TAGS = 4
# An advisory wrapped over lines closes its parenthesis within this many lines.
_MAX_ADVISORY_LINES = 6
_MAX_ADVISORY_CHARS = 2000
# What partner pages add to a byline: "By Kim Eun-jung (kimej@yna.co.kr)", "…, Yonhap".
_BYLINE_EXTRAS = re.compile(r"\s*(?:\([^()\s]+@[^()\s]+\)|[\w.+-]+@[\w.-]+|[,|/]\s*Yonhap)\s*$")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_LATIN = re.compile(r"[A-Za-z]")
_ONLY_GROUPS = re.compile(r"^(?:[(\[][^()\[\]]{1,40}[)\]]\s*)+$")
_QUOTES = '"“”«»'
# No caption carries more credits than this; groups beyond them stay in its text.
_MAX_CREDITS = 12
_GROUP = re.compile(r"\(([^()]{0,120})\)")
_CREDIT_RUN = re.compile(r"(?:\s*\([^()]{0,120}\))+")
_BULLET_AT = re.compile(r"(?:^|(?<=\s))[▲△]")
# "Headline | Site Name", "Headline - Site Name": a page title with the site's name.
_SITE_SUFFIX = re.compile(r"\s+(?:\||-|–|—|::)\s+(?P<site>[^|]{1,60})$")
# Whose copy a footer names: "(C) Yonhap News Agency", "All rights reserved by Yonhap".
_COPYRIGHT_AGENCY = re.compile(
    r"(?i:(?:\(c\)|©|ⓒ|copyright|\bby)\s*)+(?:\d{4}\s+)?"
    r"(?P<name>[A-Za-z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,4})"
)
_SENTENCE_END = tuple(".!?\"'”’")
_PARAGRAPH_END = tuple(".!?:\"'”’)")
# Keyword slugs: "Lee-China-summit", "N Korea-missile launch" (at most three words).
_SLUG = re.compile(r"^(?=.*[A-Za-z0-9]-[A-Za-z0-9])[A-Za-z0-9]+(?:[- ][A-Za-z0-9]+)*$")
# Words of caption position markers: (L), (2nd from R), (From L to R), (front row, C).
_POSITION_WORDS = {
    "l", "r", "c", "left", "right", "center", "centre", "middle", "top", "bottom",
    "from", "to", "front", "back", "row", "clockwise", "counterclockwise", "and", "the",
    "second", "third", "fourth", "fifth", "in",
}  # fmt: skip
_POSITION_ANCHORS = {"l", "r", "c", "left", "right", "center", "centre", "middle", "top", "bottom"}


def decode_wire(data: bytes, *, filename: str = "<stdin>") -> str:
    """Bytes from a file to text: UTF-8 (with or without BOM) or BOM-marked UTF-16."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise WireError(filename, 1, "undecodable UTF-16 text") from exc
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise WireError(filename, line, "binary data (NUL byte), not wire text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start]
        raise WireError(filename, line, f"not UTF-8 text (byte 0x{byte:02x})") from exc


def read_wire(path: str | Path, *, dialect: Dialect = YONHAP) -> WireStory:
    path = Path(path)
    return parse_wire(
        decode_wire(path.read_bytes(), filename=str(path)), filename=str(path), dialect=dialect
    )


# One story is a few hundred lines (a long agate table a thousand or two); input beyond
# this is refused before it is read, whatever it holds, so no input costs more than this
# many lines' worth of work.
MAX_LINES = 10_000
MAX_CHARS = 5_000_000
# A saved story page has a few thousand tags; one with more is no story page.
MAX_TAGS = 100_000


def parse_wire(text: str, *, filename: str = "<stdin>", dialect: Dialect = YONHAP) -> WireStory:
    """Read one wire item; raise WireError for input that is not a story at all."""
    if len(text) > MAX_CHARS:
        raise WireError(filename, 1, f"too long for one wire story: over {MAX_CHARS:,} characters")
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        raise _too_many_lines(lines, filename)
    text = _check_text(text, filename)
    from_html = bool(_HTML.search(text[:4000]))
    if from_html:
        tags = text.count("<")
        if tags > MAX_TAGS:
            reason = f"HTML page too large for one story ({tags:,} tags)"
            raise WireError(filename, 1, reason, format="HTML page")
        text = _html_to_text(text)
    lines = text.split("\n")
    killing = _strip_kill_tags(lines)
    story = _Parse(lines, filename, dialect, from_html).run()
    if killing:
        # A kill notice (our own export of a killed story): the story it names is
        # withdrawn; its last paragraph gives the reason.
        story = dataclasses.replace(
            story, status=CANCELED, notes=story.paragraphs[-1:], paragraphs=[]
        )
    return story


def _strip_kill_tags(lines: list[str]) -> bool:
    """Take the kill tag off a kill notice's slug line and headline; whether it was one."""
    heads = [i for i, line in enumerate(lines[:20]) if line.strip()][:2]
    if not heads or not lines[heads[0]].strip().startswith(KILL_TAG):
        return False
    for i in heads:
        lines[i] = lines[i].strip().removeprefix(KILL_TAG).strip()
    return True


def _too_many_lines(count: int, filename: str) -> WireError:
    return WireError(
        filename,
        MAX_LINES + 1,
        f"too long for one wire story: {count:,} lines (at most {MAX_LINES:,})",
    )


def _check_text(text: str, filename: str) -> str:
    def line_of(index: int) -> int:
        return text.count("\n", 0, index) + 1

    if not text.strip():
        raise WireError(filename, 1, "empty input")
    for pattern, reason in _NOT_TEXT if _ANY_NOT_TEXT.search(text) else ():
        found = pattern.search(text)
        if found:
            raise WireError(filename, line_of(found.start()), reason)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    # Non-breaking and zero-width spaces come from web pages, never from the agency.
    return text.replace("\xa0", " ").replace("\u200b", "").expandtabs(4)


_SKIP = {"script", "style", "head", "noscript", "template", "svg", "button", "select"}
_BLOCK = {
    "p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "section",
    "article", "header", "footer", "nav", "aside", "blockquote", "pre", "figure",
    "figcaption", "ul", "ol", "table", "main", "hr", "title", "dt", "dd",
}  # fmt: skip


def _html_to_text(text: str) -> str:
    """The text of a saved page, one line per block element (libxml2: linear, no network)."""
    parser = lxml_html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True
    )
    try:
        root = etree.fromstring(text.encode("utf-8", "surrogatepass"), parser)
    except (etree.LxmlError, ValueError):
        return ""
    if root is None:
        return ""
    parts: list[str] = []
    skipping = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _SKIP:
                skipping += 1
            elif tag in _BLOCK:
                parts.append("\n\n" if tag == "p" else "\n")
            if not skipping and tag and element.text:
                parts.append(" ".join(element.text.split("\n")))
        else:
            if tag in _SKIP:
                skipping = max(0, skipping - 1)
            elif tag in _BLOCK:
                parts.append("\n\n" if tag == "p" else "\n")
            if not skipping and element.tail:
                parts.append(" ".join(element.tail.split("\n")))
    return "\n".join(line.strip() for line in "".join(parts).split("\n"))


def _words(text: str) -> str:
    return " ".join(text.split())


def is_keyword_slug(text: str) -> bool:
    """Whether ``text`` reads as a keyword slug line: "Lee-China-summit"."""
    return len(text) <= 120 and bool(_SLUG.match(text)) and text.count(" ") <= 2


_is_slug = is_keyword_slug


def _is_position_marker(tag: str) -> bool:
    words = re.findall(r"[a-z0-9]+", tag.lower())
    return (
        bool(words)
        and all(w in _POSITION_WORDS or re.fullmatch(r"\d+(?:st|nd|rd|th)", w) for w in words)
        and any(w in _POSITION_ANCHORS for w in words)
    )


def split_credits(text: str) -> WireCaption:
    """'… on Jan. 5, 2026. (Pool photo) (Yonhap)' -> text '… on Jan. 5, 2026.', credits
    ['Pool photo', 'Yonhap']. Position markers such as (L) stay in the text.

    Read from the right by position, so a line ending in thousands of groups costs one
    pass.
    """
    text = _words(text)
    credits: list[str] = []
    end = len(text)
    while end > 0 and text[end - 1] == ")" and len(credits) < _MAX_CREDITS:
        opening = text.rfind("(", 0, end)
        if opening <= 0:  # no group, or nothing before it: the text is not a credit
            break
        inner = text[opening + 1 : end - 1]
        # A credit is a short name: a quoted aside "(zu dpa "…")" belongs to the text.
        if len(inner) > 60 or any(q in inner for q in _QUOTES) or ")" in inner:
            break
        if _is_position_marker(inner):
            break
        credits.append(inner.strip())
        end = opening
        while end > 0 and text[end - 1] == " ":
            end -= 1
    credits.reverse()
    return WireCaption(text=text[:end], credits=credits)


def _agency_from_copyright(line: str) -> str:
    """'(C) Yonhap News Agency. All Rights Reserved' -> 'Yonhap'; '' when none is named."""
    found = _COPYRIGHT_AGENCY.search(line[:300])
    if not found:
        return ""
    words = found.group("name").split(". ")[0].rstrip(".").split()
    while words and words[-1].lower().strip(".,") in {
        "news", "agency", "inc", "ltd", "co", "corp", "all", "rights", "reserved",
    }:  # fmt: skip
        words.pop()
    return " ".join(words)


@dataclass
class _Title:
    line: int
    text: str  # without tags
    block: int
    labels: list[tuple[Kind, int]] = field(default_factory=list)
    genres: list[str] = field(default_factory=list)


class _Parse:
    def __init__(self, lines: list[str], filename: str, dialect: Dialect, from_html: bool) -> None:
        self.filename = filename
        self.d = dialect
        if len(lines) > MAX_LINES:
            raise _too_many_lines(len(lines), filename)
        self.lines = self._split_cells_and_captions([line.rstrip() for line in lines])
        if len(self.lines) > MAX_LINES:  # cells and captions given lines of their own
            raise _too_many_lines(len(self.lines), filename)
        self.from_html = from_html
        self.warnings: list[str] = ["read from an HTML page"] if from_html else []
        self.chrome: list[int] = []
        self.chrome_seen: dict[str, bool] = {}
        self.header_name = ""
        self.captions: list[WireCaption] = []
        self.titles: list[_Title] = []
        self.advisory = Advisory()
        self.byline: list[str] = []
        self.copyright = ""
        self.end = False
        # Line number of the first advisory or byline: the story proper starts there.
        self.anchor: int | None = None
        self.dateline_at: int | None = None
        # Text that runs on under its headline with no blank line at all (an editorial
        # pasted from a page): its lines that end sentences are paragraphs.
        self.unbroken = False

    # -- driver ----------------------------------------------------------------------

    def run(self) -> WireStory:
        story_end = self._read_tail()
        dateline_at = self._find_dateline(story_end)
        if self.from_html and dateline_at is None and not self.end:
            raise WireError(
                self.filename,
                1,
                "HTML page with no wire story (no dateline, no (END))",
                format="HTML page",
            )
        self.dateline_at = dateline_at
        head_end = dateline_at if dateline_at is not None else story_end
        body_start = self._read_head(0, head_end, open_ended=dateline_at is None)
        if not self.end:
            story_end = self._cut_page_footer(body_start, story_end)
        paragraphs, signoff = self._read_body(body_start, story_end)
        dateline = None
        if dateline_at is not None and paragraphs:
            dateline, first = self._split_dateline(paragraphs[0], dateline_at)
            paragraphs = ([first] if first else []) + paragraphs[1:]
        paragraphs = self._captions_in_body(paragraphs, keep_first=dateline is not None)
        slug, headline, deck, kind, ordinal, genres = self._resolve_title()
        if not (slug or headline) and not paragraphs:
            reason = "no headline, slug or story text found"
            raise WireError(
                self.filename, 1, reason + (" (only page chrome)" if self.chrome else "")
            )
        if kind is Kind.ORIGINAL and self.advisory.text:
            # Only the copy's own label counts: an advisory without one stays unlabelled.
            self.warnings.append("advisory without a label: kept, no label invented")
        if not self.end:
            self.warnings.append("no (END): the copy may be cut off")
        if dateline is None and paragraphs:
            self.warnings.append("no dateline found")
        if self.chrome:
            shown = ", ".join(str(n) for n in self.chrome[:8]) + (
                "…" if len(self.chrome) > 8 else ""
            )
            self.warnings.append(f"skipped {len(self.chrome)} lines of page chrome (lines {shown})")
        return WireStory(
            slug=slug,
            kind=kind,
            lead_ordinal=ordinal,
            genres=genres,
            headline=headline,
            deck=deck,
            advisory=self.advisory,
            byline=self.byline,
            dateline=dateline,
            paragraphs=paragraphs,
            captions=self.captions,
            signoff=signoff,
            end=self.end,
            copyright=self.copyright,
            source=self._source(dateline, genres),
            file=self.filename,
            header_name=self.header_name,
            warnings=self.warnings + self.advisory.warnings,
            format="HTML page" if self.from_html else "wire text",
        )

    def _source(self, dateline: Dateline | None, genres: list[str]) -> str:
        """Whose copy this is: the dateline's credit, else the footer's, else a genre tag's
        agency ("Yonhap Interview"), else the captions' credit."""
        if dateline is not None:
            return dateline.agency
        if self.copyright:
            named = _agency_from_copyright(self.copyright)
            if named:
                return named
        for genre in genres:
            agency, _, rest = genre.partition(" ")
            if rest in {"Interview", "Feature", "Analysis", "Commentary", "Profile", "Special"}:
                return agency
        for caption in self.captions:
            if caption.credits and self.d.credit.match(caption.credits[-1]):
                return caption.credits[-1].rpartition("-")[2]
        return ""

    # -- lines: table cells and captions set inside other text --------------------------

    def _split_cells_and_captions(self, lines: list[str]) -> list[str]:
        """Give table cells and inline captions lines of their own.

        A table row saved as text ("| ▲ A caption … (Yonhap) | |") becomes one line per
        cell; a ``▲`` caption inside a line of body text is cut out with its credits, the
        text on either side kept as body.
        """
        out: list[str] = []
        for line in lines:
            if len(out) > MAX_LINES:
                raise _too_many_lines(len(out), self.filename)
            stripped = line.strip()
            if len(stripped) > 2 and stripped[0] == "|" and stripped[-1] == "|":
                cells = [cell.strip() for cell in stripped[1:-1].split("|")]
                for cell in cells:
                    if cell and not chrome.is_chrome(cell):
                        out += ["", cell, ""]
                continue
            if not any(bullet in line for bullet in self.d.caption_bullets):
                out.append(line)
                continue
            out += self._inline_captions(line)
        return out

    def _inline_captions(self, line: str) -> list[str]:
        bullets = sum(line.count(bullet) for bullet in self.d.caption_bullets)
        if bullets > MAX_LINES // 4:
            raise _too_many_lines(bullets * 2, self.filename)
        starts = [m.start() for m in _BULLET_AT.finditer(line)]
        if not starts:
            return [line]
        out: list[str] = []
        before = line[: starts[0]].strip()
        if before:
            out += [before, ""]
        for n, start in enumerate(starts):
            stop = starts[n + 1] if n + 1 < len(starts) else len(line)
            end = self._caption_end(line, start, stop)
            out.append(line[start:end].strip())
            after = line[end:stop].strip()
            if after:
                out += ["", after]
            if n + 1 < len(starts) or after:
                out.append("")
        if len(out) == 1:
            return [line]  # a caption line on its own: it may wrap onto the next lines
        return out

    def _caption_end(self, line: str, start: int, stop: int) -> int:
        """Where the caption starting at ``start`` ends: after its run of credits."""
        for match in _GROUP.finditer(line, start, stop):
            if not self.d.credit.match(match.group(1).strip()):
                continue
            j = match.start() - 1
            while j > start and line[j].isspace():
                j -= 1
            if line[j] in _SENTENCE_END or line[j] == ")":
                run = _CREDIT_RUN.match(line, match.start(), stop)
                end = run.end() if run else match.end()
                k = end
                while k < stop and line[k].isspace():
                    k += 1
                # Body text resumes with a new sentence, or the line ends here.
                if k >= stop or line[k].isupper() or line[k] in "\"“‘'":
                    return end
        return stop

    # -- tail: (END), footer, junk ---------------------------------------------------

    def _read_tail(self) -> int:
        """Find (END); keep the footer after it; return where the story's lines stop."""
        lines = self.lines
        stop = tail = None
        for i in range(len(lines) - 1, -1, -1):
            stripped = lines[i].strip()
            if self.d.end.match(stripped):
                stop, tail = i, i + 1
                break
            # The end marker typed at the end of the last paragraph.
            text, _, last = stripped.rpartition(" ")
            if text and self.d.end.match(last):
                lines[i] = text
                stop = tail = i + 1
                break
        if stop is None or tail is None:
            return self._read_cut_off_tail()
        self.end = True
        for i in range(tail, len(lines)):
            stripped = lines[i].strip()
            if not stripped:
                continue
            if not self.copyright and self.d.copyright.search(stripped[:300]):
                self.copyright = stripped
            elif self._is_chrome(stripped) or chrome.is_footer_line(stripped, alone=self._alone(i)):
                self.chrome.append(i + 1)
            else:
                self.warnings.append(f"line {i + 1}: ignored text after (END): {stripped[:60]!r}")
        return stop

    def _read_cut_off_tail(self) -> int:
        """No (END): a footer may still close the page; the story stops above it."""
        stop = len(self.lines)
        for i in range(len(self.lines) - 1, -1, -1):
            stripped = self.lines[i].strip()
            if not stripped:
                continue
            alone = self._alone(i)
            if len(stripped) < 160 and self.d.copyright.search(stripped):
                self.copyright = self.copyright or stripped
                stop = i
            elif self._is_chrome(stripped, alone=alone) or chrome.is_footer_line(
                stripped, alone=alone
            ):
                self.chrome.append(i + 1)
                stop = i
            else:
                break
        return stop

    def _inside(self, i: int, start: int, stop: int) -> bool:
        """Whether line ``i`` has a line of text right above and right below it, within
        [start, stop)."""
        return (
            start < i < stop - 1
            and bool(self.lines[i - 1].strip())
            and bool(self.lines[i + 1].strip())
        )

    def _alone(self, i: int) -> bool:
        """Whether line ``i`` stands alone, a blank line (or the edge) on either side."""
        before = i == 0 or not self.lines[i - 1].strip()
        after = i + 1 >= len(self.lines) or not self.lines[i + 1].strip()
        return before and after

    def _cut_page_footer(self, start: int, stop: int) -> int:
        """Copy with no (END): a page's "Related articles", "Most viewed" … and all that
        follows them are the site's, not the story's."""
        seen_text = False
        for i in range(start, stop):
            stripped = self.lines[i].strip()
            if not stripped:
                continue
            if seen_text and chrome.is_footer_heading(stripped):
                self.chrome.extend(range(i + 1, stop + 1))
                self.warnings.append(f"line {i + 1}: page footer from here on skipped")
                return i
            seen_text = True
        return stop

    # -- head ------------------------------------------------------------------------

    def _match_dateline(self, text: str) -> re.Match[str] | None:
        """The dateline at the start of ``text`` (matched on its first characters only)."""
        head = text[:DATELINE_SPAN]
        if "(" not in head:  # every dateline names its agency in parentheses
            return None
        for pattern in (self.d.dateline, self.d.bare_dateline):
            if pattern is None:
                continue
            match = pattern.match(head)
            if match and vocab.parse_month(match.group("month")):
                return match
        return None

    def _is_dateline(self, text: str) -> bool:
        return self._match_dateline(text) is not None

    def _find_dateline(self, stop: int) -> int | None:
        """The line the dateline starts on; a long dateline may be wrapped over three."""
        lines = self.lines
        for i in range(stop):
            # A dateline (wrapped over three lines at most) names its agency in parentheses.
            if not ("(" in lines[i] or (i + 1 < stop and "(" in lines[i + 1])) and not (
                i + 2 < stop and "(" in lines[i + 2]
            ):
                continue
            stripped = lines[i].strip()
            if not stripped or stripped[0] in self.d.caption_bullets:
                continue
            if self._is_dateline(stripped):
                return i
            if len(stripped) > DATELINE_SPAN:
                continue
            parts = [stripped]
            for j in range(i + 1, min(i + 3, stop)):
                following = self.lines[j].strip()[:DATELINE_SPAN]
                if not following or self._is_dateline(following):
                    break
                parts.append(following)
                if self._is_dateline(" ".join(parts)):
                    # A capitalised line above ("AA-BB") must not join in: the dateline
                    # starts on the latest line that still reads as one.
                    if any(self._is_dateline(" ".join(parts[n:])) for n in range(1, len(parts))):
                        break
                    return i
        return None

    def _agency_name(self, name: str) -> bool:
        words = name.split()
        return bool(self.d.credit.match(name.strip())) or (
            len(words) <= 4 and {w.lower() for w in words} & {"staff", "agency", "desk", "news"}
        )

    def _is_chrome(self, stripped: str, *, alone: bool = True, inside: bool = False) -> bool:
        """Page chrome. Within a block of text only the dialect's own chrome lines count:
        a wrapped line of a paragraph may happen to read like a button.

        A line mostly in Korean is the partner site's own, in an English story; so is a
        line of bare credits or codes in brackets, "(Yonhap)", "[Photo]", unless it is
        ``inside`` a block, text above and below it: then it is a paragraph's wrapped line
        ("… Incheon\n(a) (b) (c)\nSeoul.").
        """
        if any(p.match(stripped) for p in self.d.chrome):
            return True
        if len(stripped) <= 300 and (
            (hangul := len(_HANGUL.findall(stripped))) >= 2
            and 2 * hangul >= len(_LATIN.findall(stripped))
            or (
                not inside
                and _ONLY_GROUPS.match(stripped)
                and not self._starts_with_tag(stripped)
                and not self.d.advisory.match(stripped)
                and not self.d.end.match(stripped)
            )
        ):
            return True
        if not alone:
            return False
        # Pages repeat their chrome (share lists, menus): each distinct line is judged once.
        known = self.chrome_seen.get(stripped)
        if known is None:
            known = self.chrome_seen[stripped] = chrome.is_chrome(stripped)
        return known

    def _read_head(self, start: int, stop: int, *, open_ended: bool) -> int:
        """Read the head; return where the body starts.

        With no dateline (``open_ended``) the head ends at the first text after the
        title block has been closed by a blank line, an advisory, a byline or a caption,
        or at the first line of prose under the title (an editorial with no blank lines).
        """
        block = 0
        title_done = False
        i = start
        while i < stop:
            raw = self.lines[i]
            stripped = raw.strip()
            if not stripped:
                if self.titles and self.titles[-1].block == block:
                    block += 1
                    title_done = any(t.text for t in self.titles)
                i += 1
                continue
            header = self.d.header.match(stripped)
            if header:
                self.header_name = self.header_name or header.group("name")
                self.chrome.append(i + 1)
                i += 1
                continue
            if stripped[0] in self.d.caption_bullets and stripped[1:].strip():
                i = self._read_caption(i, stop)
                title_done = bool(self.titles)
                block += 1
                continue
            if self._is_chrome(stripped) or any(p.match(stripped) for p in self.d.head_chrome):
                self.chrome.append(i + 1)
                i += 1
                continue
            if self.d.advisory.match(stripped):
                self.anchor = self.anchor or i + 1
                i = self._read_advisory(i, stop)
                title_done = True
                block += 1
                continue
            byline = self.d.byline.match(_BYLINE_EXTRAS.sub("", stripped[:300]))
            if byline:
                names = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", byline.group("names"))
                # An agency or a desk is not a writer: "By Yonhap", "By Hanbit Staff".
                self.byline = [
                    _words(name) for name in names if name.strip() and not self._agency_name(name)
                ]
                self.anchor = self.anchor or i + 1
                title_done = True
                block += 1
                i += 1
                continue
            caption = split_credits(stripped)
            if (
                caption.credits
                and self.d.credit.match(caption.credits[-1])
                and caption.text.endswith(_SENTENCE_END)
            ):
                self.captions.append(caption)
                title_done = bool(self.titles)
                block += 1
                i += 1
                continue
            if open_ended and title_done:
                return i
            if open_ended and self._prose_starts(i, stop, block):
                self.unbroken = True
                return i
            self.titles.append(self._title(i, stripped, block))
            i += 1
        return stop

    def _prose_starts(self, i: int, stop: int, block: int) -> bool:
        """Under a headline, with no blank line between: is this line the text's first?

        It is when it is longer than any deck, or when more lines of text follow it in the
        same block: a deck is one line, a text is many.
        """
        if not any(t.text and t.block == block and not _is_slug(t.text) for t in self.titles[-3:]):
            return False
        stripped = self.lines[i].strip()
        if len(stripped) > 150:  # longer than any deck: the text's first paragraph
            return True
        following = self.lines[i + 1].strip() if i + 1 < stop else ""
        # One line under the headline, then a blank line or the advisory: the deck.
        return bool(following) and not self._is_element(following)

    def _title(self, index: int, stripped: str, block: int) -> _Title:
        title = _Title(line=index + 1, text="", block=block)
        pos = 0
        for _ in range(_MAX_TAGS):
            match = _TAG.match(stripped, pos)
            if not match:
                break
            tag = _words(match.group(1) or match.group(2) or "")
            label = self.d.read_label(tag)
            if label:
                title.labels.append(label)
            elif self.d.is_genre(tag):
                title.genres.append(tag)
            else:
                break
            pos = match.end()
        text = _words(stripped[pos:])
        site = _SITE_SUFFIX.search(text) if len(text) <= 400 else None
        if site and chrome.is_site_name(site.group("site")):
            self.warnings.append(f"line {index + 1}: site name {site.group('site')!r} dropped")
            text = text[: site.start()]
        title.text = text
        return title

    def _read_caption(self, i: int, stop: int) -> int:
        parts = [self.lines[i].strip()[1:]]
        i += 1
        while i < stop and len(parts) < 20:
            stripped = self.lines[i].strip()
            if not stripped or stripped[0] in self.d.caption_bullets or self._is_element(stripped):
                break
            parts.append(stripped)
            i += 1
        caption = split_credits(" ".join(parts))
        if caption.credits or len(caption.text.split()) > 3 or not caption.text:
            self.captions.append(caption)
        else:  # "▲ Top", "▲ Photo": a page's marker, not a caption
            self.chrome.append(i)
        return i

    def _is_element(self, stripped: str) -> bool:
        return bool(
            self.d.advisory.match(stripped)
            or self.d.byline.match(stripped)
            or self._is_dateline(stripped)
            or self._is_chrome(stripped)
            or self._starts_with_tag(stripped)
        )

    def _starts_with_tag(self, stripped: str) -> bool:
        match = _TAG.match(stripped)
        if not match:
            return False
        tag = _words(match.group(1) or match.group(2) or "")
        return bool(self.d.read_label(tag) or self.d.is_genre(tag))

    def _read_advisory(self, i: int, stop: int) -> int:
        first = self.lines[i].strip()
        parts = [first]
        depth = first.count("(") - first.count(")")
        # An advisory wrapped over lines runs until its parenthesis closes (a few lines).
        while i + 1 < stop and depth > 0 and len(parts) < _MAX_ADVISORY_LINES:
            following = self.lines[i + 1].strip()
            if not following:
                break
            i += 1
            parts.append(following)
            depth += following.count("(") - following.count(")")
        if depth > 0:
            self.warnings.append(f"line {i + 1}: advisory never closes its parenthesis")
        text = " ".join(parts)
        if len(text) > _MAX_ADVISORY_CHARS:
            self.warnings.append(f"line {i + 1}: advisory cut to {_MAX_ADVISORY_CHARS} characters")
            text = text[:_MAX_ADVISORY_CHARS]
        if self.advisory.text:
            self.warnings.append(f"line {i + 1}: second advisory ignored")
        else:
            self.advisory = parse_advisory(text)
        return i + 1

    def _resolve_title(self) -> tuple[str, str, str, Kind, int, list[str]]:
        """Pick slug, headline and deck from the head's title lines.

        Partner pages repeat the slug line and headline in other blocks: the copy nearest
        the story is kept, with the tags of any copy. A line of tags alone lends them to
        the title under it. A slug-shaped line is the slug line; the next title line is
        the headline and the lines right under it (same block) the deck. Without a slug
        line the last block above the advisory/byline is the title, passing over lines
        that only name a site or are one word when a fuller title stands there.
        """
        titles: list[_Title] = []
        pending = _Title(line=0, text="", block=0)
        for title in self.titles:
            if not title.text:
                pending.labels += title.labels
                pending.genres += title.genres
                continue
            title.labels = title.labels or pending.labels
            title.genres = title.genres or pending.genres
            pending = _Title(line=0, text="", block=0)
            titles.append(title)
        last_of = {title.text: n for n, title in enumerate(titles)}
        kept: list[_Title] = []
        for title in titles:
            later = titles[last_of[title.text]]
            if later is not title and later.block != title.block:
                later.labels = later.labels or title.labels
                later.genres = later.genres or title.genres
            else:
                kept.append(title)
        if self.anchor is not None and any(t.line < self.anchor for t in kept):
            kept, stray = (
                [t for t in kept if t.line < self.anchor],
                [t for t in kept if t.line > self.anchor],
            )
        else:
            stray = []
        slug_at = next((n for n, t in enumerate(kept) if _is_slug(t.text)), None)
        slug = kept[slug_at] if slug_at is not None else None
        headline: _Title | None = None
        deck: list[_Title] = []
        if slug_at is not None:
            after = [t for t in kept[slug_at + 1 :] if not self._weak_title(t)] or kept[
                slug_at + 1 :
            ]
            if after:
                headline = after[0]
                deck = [t for t in after[1:] if t.block == headline.block]
        elif kept:
            strong = [t for t in kept if not self._weak_title(t)] or kept
            block = [t for t in strong if t.block == strong[-1].block]
            headline, deck = block[0], block[1:]
        used = {id(t) for t in (slug, headline, *deck) if t is not None}
        for title in [t for t in kept if id(t) not in used] + stray:
            self.warnings.append(
                f"line {title.line}: skipped text above the story: {title.text[:60]!r}"
            )
        if slug is not None and headline is None:
            self.warnings.append("no headline: the slug line is the only title")

        tagged = [t for t in (headline, slug) if t is not None]
        labels = [label for t in tagged for label in t.labels]
        if pending.labels and not labels:
            labels = pending.labels
        kind, ordinal = labels[0] if labels else (Kind.ORIGINAL, 0)
        if len(set(labels)) > 1:
            shown = ", ".join(vocab.label(*label) for label in dict.fromkeys(labels))
            self.warnings.append(f"conflicting labels {shown}: kept {vocab.label(kind, ordinal)}")
        genres = next((t.genres for t in tagged if t.genres), pending.genres)
        return (
            slug.text if slug else "",
            headline.text if headline else "",
            " ".join(t.text for t in deck),
            kind,
            ordinal,
            genres,
        )

    @staticmethod
    def _weak_title(title: _Title) -> bool:
        """A title line that is more likely the site's: its name, or a lone word."""
        if title.labels or title.genres:
            return False
        return chrome.is_site_name(title.text) or len(title.text.split()) == 1

    # -- body ------------------------------------------------------------------------

    def _read_body(self, start: int, stop: int) -> tuple[list[str], str]:
        blocks: list[list[str]] = [[]]
        i = start
        while i < stop:
            raw = self.lines[i]
            stripped = raw.strip()
            if not stripped:
                blocks.append([])
            elif stripped[0] in self.d.caption_bullets and stripped[1:].strip():
                i = self._read_caption(i, stop)
                blocks.append([])
                continue
            elif self.d.header.match(stripped) or self._is_chrome(
                stripped, alone=self._alone(i), inside=self._inside(i, start, stop)
            ):
                self.chrome.append(i + 1)
            else:
                blocks[-1].append(raw)
            i += 1
        blocks = [b for b in blocks if b]
        signoff = ""
        if blocks and self.d.email.match(blocks[-1][-1].strip()):
            signoff = blocks[-1].pop().strip()
            blocks = [b for b in blocks if b]
        paragraphs: list[str] = []
        for n, block in enumerate(blocks):
            paragraphs += self._reflow(block, dateline_first=n == 0 and self.dateline_at == start)
        return paragraphs, signoff

    def _captions_in_body(self, paragraphs: list[str], *, keep_first: bool) -> list[str]:
        """A paragraph that ends in an agency credit after a full sentence is a caption
        set inline in the body ("… on Jan. 5, 2026. (Yonhap)"), not text."""
        kept: list[str] = []
        for n, paragraph in enumerate(paragraphs):
            if paragraph.endswith(")") and not (n == 0 and keep_first):
                caption = split_credits(paragraph)
                if (
                    caption.credits
                    and self.d.credit.match(caption.credits[-1])
                    and caption.text.endswith(_SENTENCE_END)
                ):
                    self.captions.append(caption)
                    continue
            kept.append(paragraph)
        return kept

    def _reflow(self, block: list[str], *, dateline_first: bool = False) -> list[str]:
        """Split a block of lines into paragraphs and join hard-wrapped lines.

        A line ends a paragraph when the next one is indented as a paragraph start, or
        when it ends a sentence and the next line's first word would have fitted on it
        (a wrapping program would have put it there). A dateline alone on its line is
        longer than the wrap width allows, so it does not count towards that width.
        """
        texts = [line.strip() for line in block]
        indents = [len(line) - len(line.lstrip()) for line in block]
        # Lines holding the dateline are never split, even if wrapped inside it.
        head = 0
        skip = 0
        if dateline_first:
            head = next(
                (
                    k
                    for k in range(1, min(len(texts), 3) + 1)
                    if self._is_dateline(" ".join(texts[:k]))
                ),
                1,
            )
            match = self._match_dateline(" ".join(texts[:head]))
            skip = head if match and not match.group("rest").strip() else 0
        wrapped = [
            len(line) for line, text in zip(block[skip:], texts[skip:], strict=True) if " " in text
        ]
        width = max(wrapped or [len(line) for line in block])
        base = min(indents)
        at_base = sum(1 for n in indents if n == base)
        indented = len(indents) - at_base
        # Lines that nearly all end a sentence were never wrapped: one paragraph a line
        # (an editorial pasted without blank lines), however their lengths vary.
        ended = sum(1 for t in texts[head:-1] if t.endswith(_SENTENCE_END))
        unwrapped = self.unbroken and ended >= 0.75 * (len(texts) - head - 1)
        paragraphs = [[texts[0]]]
        for n in range(1, len(block)):
            prev, text = block[n - 1].rstrip(), texts[n]
            if n < head:
                new = False
            elif indented and at_base:
                # First-line indents (most lines at the margin) or hanging indents.
                new = indents[n] > base if at_base >= indented else indents[n] == base
            elif width > self.d.max_wrap_width or unwrapped:
                new = True  # lines this long were never wrapped: one paragraph each
            else:
                first_word = text.split()[0]
                new = (
                    prev.endswith(_PARAGRAPH_END)
                    and (text[0].isupper() or text[0].isdigit() or text[0] in "\"“‘'($")
                    and len(prev) + 1 + len(first_word) <= width
                )
            if new:
                paragraphs.append([text])
            else:
                paragraphs[-1].append(text)
        return [_words(" ".join(p)) for p in paragraphs]

    def _split_dateline(self, first: str, line_index: int) -> tuple[Dateline | None, str]:
        match = self._match_dateline(first)
        month = vocab.parse_month(match.group("month")) if match else None
        if not match or not month:
            self.warnings.append(f"line {line_index + 1}: dateline not understood")
            return None, first
        day = int(match.group("day"))
        written = match.group("month")
        if written != vocab.ap_month(month):
            self.warnings.append(f"dateline month {written!r} written as {vocab.ap_month(month)!r}")
        dash = match.group("dash")
        if dash != "--":
            shown = repr(dash) if dash else "no dash"
            self.warnings.append(f"dateline has {shown} instead of '--'")
        dateline = Dateline(
            place=_words(match.group("place")),
            month=vocab.ap_month(month),
            day=day,
            agency=_words(match.group("agency")),
        )
        return dateline, first[match.start("rest") :].strip()
