"""Read one wire item from text: agency copy as sent, or as saved from a partner's page.

The layout is the one in DESIGN.md section 5. The parser works in three regions:

* the head, everything above the dateline: page chrome, ``▲`` captions, slug line and
  headline (often shown twice), the ``(ATTN: …)`` advisory and the byline;
* the body, from the dateline to ``(END)``: paragraphs (blank-line separated, hard-wrapped
  or one per line), captions, the sign-off e-mail;
* the tail after ``(END)``: the copyright footer and page junk.

Copy with no dateline (a photo item, a cut-off page) has its head end at the first block
of text after the title. What the parser skipped or guessed goes to ``warnings``; only
input that is no story at all raises ``WireError``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from articles import vocab
from articles.vocab import Kind
from wire.text.advisory import parse_advisory
from wire.text.dialect import YONHAP, Dialect
from wire.text.story import Advisory, Dateline, WireCaption, WireError, WireStory

__all__ = ["WireError", "decode_wire", "parse_wire", "read_wire"]

# What makes input binary or badly decoded rather than text; first match wins.
_NOT_TEXT = (
    (re.compile("\x00"), "binary data (NUL byte), not wire text"),
    (re.compile(r"[\x01-\x08\x0e-\x1f\x7f]"), "binary data (control characters), not wire text"),
    (re.compile(r"[\ud800-\udfff]"), "undecodable bytes in the text"),
    (re.compile("\ufffd"), "undecodable bytes in the text (U+FFFD)"),
)
_HTML = re.compile(r"<\s*(?:!doctype\s+html|html|head|body|div|p|span|script|meta|a)\b", re.I)
_TAG = re.compile(r"^\(([^()]*)\)\s*")
_TRAILING_GROUP = re.compile(r"\s*\(([^()]*)\)\s*$")
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


def parse_wire(text: str, *, filename: str = "<stdin>", dialect: Dialect = YONHAP) -> WireStory:
    """Read one wire item; raise WireError for input that is not a story at all."""
    text = _check_text(text, filename)
    from_html = bool(_HTML.search(text[:4000]))
    if from_html:
        text = _html_to_text(text)
    return _Parse(text.split("\n"), filename, dialect, from_html).run()


def _check_text(text: str, filename: str) -> str:
    def line_of(index: int) -> int:
        return text.count("\n", 0, index) + 1

    if not text.strip():
        raise WireError(filename, 1, "empty input")
    for pattern, reason in _NOT_TEXT:
        found = pattern.search(text)
        if found:
            raise WireError(filename, line_of(found.start()), reason)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    # Non-breaking and zero-width spaces come from web pages, never from the agency.
    return text.replace("\xa0", " ").replace("\u200b", "").expandtabs(4)


class _TextOfPage(HTMLParser):
    _SKIP = {"script", "style", "head", "noscript", "template", "svg"}
    _BLOCK = {
        "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section",
        "article", "header", "footer", "nav", "aside", "blockquote", "pre", "figure",
        "figcaption", "ul", "ol", "table", "main", "hr", "title", "dt", "dd",
    }  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self.skipping += 1
        elif tag in self._BLOCK:
            self.parts.append("\n\n" if tag == "p" else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n\n" if tag == "p" else "\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(" ".join(data.split("\n")))


def _html_to_text(text: str) -> str:
    page = _TextOfPage()
    page.feed(text)
    page.close()
    return "\n".join(line.strip() for line in "".join(page.parts).split("\n"))


def _words(text: str) -> str:
    return " ".join(text.split())


def _is_slug(text: str) -> bool:
    return bool(_SLUG.match(text)) and text.count(" ") <= 2


def _is_position_marker(tag: str) -> bool:
    words = re.findall(r"[a-z0-9]+", tag.lower())
    return (
        bool(words)
        and all(w in _POSITION_WORDS or re.fullmatch(r"\d+(?:st|nd|rd|th)", w) for w in words)
        and any(w in _POSITION_ANCHORS for w in words)
    )


def split_credits(text: str) -> WireCaption:
    """'… on Jan. 5, 2026. (Pool photo) (Yonhap)' -> text '… on Jan. 5, 2026.', credits
    ['Pool photo', 'Yonhap']. Position markers such as (L) stay in the text."""
    text = _words(text)
    credits: list[str] = []
    while True:
        match = _TRAILING_GROUP.search(text)
        if not match or _is_position_marker(match.group(1)) or not text[: match.start()].strip():
            break
        credits.insert(0, match.group(1).strip())
        text = text[: match.start()].rstrip()
    return WireCaption(text=text, credits=credits)


@dataclass
class _Title:
    line: int
    text: str  # without tags
    block: int
    labels: list[tuple[Kind, int]] = field(default_factory=list)
    genres: list[str] = field(default_factory=list)


class _Parse:
    def __init__(self, lines: list[str], filename: str, dialect: Dialect, from_html: bool) -> None:
        self.lines = [line.rstrip() for line in lines]
        self.filename = filename
        self.d = dialect
        self.from_html = from_html
        self.warnings: list[str] = ["read from an HTML page"] if from_html else []
        self.chrome: list[int] = []
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

    # -- driver ----------------------------------------------------------------------

    def run(self) -> WireStory:
        story_end = self._read_tail()
        dateline_at = self._find_dateline(story_end)
        if self.from_html and dateline_at is None and not self.end:
            raise WireError(
                self.filename, 1, "HTML page with no wire story (no dateline, no (END))"
            )
        self.dateline_at = dateline_at
        head_end = dateline_at if dateline_at is not None else story_end
        body_start = self._read_head(0, head_end, open_ended=dateline_at is None)
        paragraphs, signoff = self._read_body(body_start, story_end)
        dateline = None
        if dateline_at is not None and paragraphs:
            dateline, first = self._split_dateline(paragraphs[0], dateline_at)
            paragraphs = ([first] if first else []) + paragraphs[1:]
        slug, headline, deck, kind, ordinal, genres = self._resolve_title()
        if not (slug or headline) and not paragraphs:
            reason = "no headline, slug or story text found"
            raise WireError(
                self.filename, 1, reason + (" (only page chrome)" if self.chrome else "")
            )
        if kind is Kind.ORIGINAL and self.advisory.text:
            # An advisory only comes with a re-send; with no label the desk left it off.
            kind, ordinal = Kind.LEAD, 1
            self.warnings.append("advisory without a label: read as (LEAD)")
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
            file=self.filename,
            header_name=self.header_name,
            warnings=self.warnings + self.advisory.warnings,
        )

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
            if not self.copyright and self.d.copyright.search(stripped):
                self.copyright = stripped
            elif self._is_chrome(stripped):
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
            if self._is_chrome(stripped):
                self.chrome.append(i + 1)
                stop = i
            elif self.d.copyright.search(stripped) and len(stripped) < 120:
                self.copyright = stripped
                stop = i
            else:
                break
        return stop

    # -- head ------------------------------------------------------------------------

    def _is_dateline(self, text: str) -> bool:
        match = self.d.dateline.match(text)
        return bool(match and vocab.parse_month(match.group("month")))

    def _find_dateline(self, stop: int) -> int | None:
        """The line the dateline starts on; a long dateline may be wrapped over three."""
        for i in range(stop):
            stripped = self.lines[i].strip()
            if not stripped or stripped[0] in self.d.caption_bullets:
                continue
            if self._is_dateline(stripped):
                return i
            parts = [stripped]
            for j in range(i + 1, min(i + 3, stop)):
                following = self.lines[j].strip()
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

    def _is_chrome(self, stripped: str) -> bool:
        return any(p.match(stripped) for p in self.d.chrome)

    def _read_head(self, start: int, stop: int, *, open_ended: bool) -> int:
        """Read the head; return where the body starts.

        With no dateline (``open_ended``) the head ends at the first text after the
        title block has been closed by a blank line, an advisory, a byline or a caption.
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
                    title_done = True
                i += 1
                continue
            header = self.d.header.match(stripped)
            if header:
                self.header_name = self.header_name or header.group("name")
                self.chrome.append(i + 1)
                i += 1
                continue
            if self._is_chrome(stripped) or any(p.match(stripped) for p in self.d.head_chrome):
                self.chrome.append(i + 1)
                i += 1
                continue
            if stripped[0] in self.d.caption_bullets:
                i = self._read_caption(i, stop)
                title_done = bool(self.titles)
                block += 1
                continue
            if self.d.advisory.match(stripped):
                self.anchor = self.anchor or i + 1
                i = self._read_advisory(i, stop)
                title_done = True
                block += 1
                continue
            byline = self.d.byline.match(stripped)
            if byline:
                names = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", byline.group("names"))
                self.byline = [_words(name) for name in names if name.strip()]
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
            self.titles.append(self._title(i, stripped, block))
            i += 1
        return stop

    def _title(self, index: int, stripped: str, block: int) -> _Title:
        title = _Title(line=index + 1, text="", block=block)
        rest = stripped
        while match := _TAG.match(rest):
            tag = _words(match.group(1))
            label = self.d.read_label(tag)
            if label:
                title.labels.append(label)
            elif self.d.is_genre(tag):
                title.genres.append(tag)
            else:
                break
            rest = rest[match.end() :]
        title.text = _words(rest)
        return title

    def _read_caption(self, i: int, stop: int) -> int:
        parts = [self.lines[i].strip()[1:]]
        i += 1
        while i < stop:
            stripped = self.lines[i].strip()
            if not stripped or stripped[0] in self.d.caption_bullets or self._is_element(stripped):
                break
            parts.append(stripped)
            i += 1
        self.captions.append(split_credits(" ".join(parts)))
        return i

    def _is_element(self, stripped: str) -> bool:
        return bool(
            self.d.advisory.match(stripped)
            or self.d.byline.match(stripped)
            or self.d.dateline.match(stripped)
            or self._is_chrome(stripped)
            or self._starts_with_tag(stripped)
        )

    def _starts_with_tag(self, stripped: str) -> bool:
        match = _TAG.match(stripped)
        if not match:
            return False
        tag = _words(match.group(1))
        return bool(self.d.read_label(tag) or self.d.is_genre(tag))

    def _read_advisory(self, i: int, stop: int) -> int:
        parts = [self.lines[i].strip()]
        # An advisory wrapped over lines runs until its parenthesis closes.
        while i + 1 < stop and "".join(parts).count("(") > "".join(parts).count(")"):
            i += 1
            parts.append(self.lines[i].strip())
        if self.advisory.text:
            self.warnings.append(f"line {i + 1}: second advisory ignored")
        else:
            self.advisory = parse_advisory(" ".join(parts))
        return i + 1

    def _resolve_title(self) -> tuple[str, str, str, Kind, int, list[str]]:
        """Pick slug, headline and deck from the head's title lines.

        Partner pages repeat the slug line and headline in other blocks: the copy nearest
        the story is kept, with the tags of any copy. A slug-shaped line is the slug line;
        the next title line is the headline and the lines right under it (same block) the
        deck. Without a slug line the last block above the advisory/byline is the title.
        """
        kept: list[_Title] = []
        for n, title in enumerate(self.titles):
            later = next(
                (
                    t
                    for t in self.titles[n + 1 :]
                    if t.text == title.text and t.block != title.block
                ),
                None,
            )
            if later is None:
                kept.append(title)
            else:
                later.labels = later.labels or title.labels
                later.genres = later.genres or title.genres
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
            after = kept[slug_at + 1 :]
            if after:
                headline = after[0]
                deck = [t for t in after[1:] if t.block == headline.block]
        elif kept:
            block = [t for t in kept if t.block == kept[-1].block]
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
        kind, ordinal = labels[0] if labels else (Kind.ORIGINAL, 0)
        if len(set(labels)) > 1:
            shown = ", ".join(vocab.label(*label) for label in dict.fromkeys(labels))
            self.warnings.append(f"conflicting labels {shown}: kept {vocab.label(kind, ordinal)}")
        genres = next((t.genres for t in tagged if t.genres), [])
        return (
            slug.text if slug else "",
            headline.text if headline else "",
            " ".join(t.text for t in deck),
            kind,
            ordinal,
            genres,
        )

    # -- body ------------------------------------------------------------------------

    def _read_body(self, start: int, stop: int) -> tuple[list[str], str]:
        blocks: list[list[str]] = [[]]
        i = start
        while i < stop:
            raw = self.lines[i]
            stripped = raw.strip()
            if not stripped:
                blocks.append([])
            elif self.d.header.match(stripped) or self._is_chrome(stripped):
                self.chrome.append(i + 1)
            elif stripped[0] in self.d.caption_bullets:
                i = self._read_caption(i, stop)
                blocks.append([])
                continue
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
                (k for k in range(1, len(texts) + 1) if self._is_dateline(" ".join(texts[:k]))), 1
            )
            match = self.d.dateline.match(" ".join(texts[:head]))
            skip = head if match and not match.group("rest") else 0
        wrapped = [
            len(line) for line, text in zip(block[skip:], texts[skip:], strict=True) if " " in text
        ]
        width = max(wrapped or [len(line) for line in block])
        base = min(indents)
        at_base = sum(1 for n in indents if n == base)
        indented = len(indents) - at_base
        paragraphs = [[texts[0]]]
        for n in range(1, len(block)):
            prev, text = block[n - 1].rstrip(), texts[n]
            if n < head:
                new = False
            elif indented and at_base:
                # First-line indents (most lines at the margin) or hanging indents.
                new = indents[n] > base if at_base >= indented else indents[n] == base
            elif width > self.d.max_wrap_width:
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
        match = self.d.dateline.match(first)
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
        return dateline, match.group("rest").strip()
