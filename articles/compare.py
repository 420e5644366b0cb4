"""Two versions side by side: paragraph-aligned, changed words marked with <del>/<ins>.

Pure Python over plain data (no database). Every piece of text is escaped here before
any markup is added, so the result is safe to show as is, whatever the copy contains.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.advisories import align, normalise

_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Side:
    """One version's text as the comparison sees it."""

    number: int
    label: str = ""
    headline: str = ""
    deck: str = ""
    writers: tuple[str, ...] = ()
    dateline: str = ""
    paragraphs: tuple[str, ...] = ()
    # (photo id, caption text, thumbnail URL or "")
    captions: tuple[tuple[int, str, str], ...] = ()
    signoff: str = ""
    correction_note: str = ""
    advisory: str = ""


@dataclass(frozen=True)
class Row:
    """One line of the comparison; ``change`` is same, edited, added or removed."""

    name: str
    old: SafeString
    new: SafeString
    change: str
    old_extra: str = ""
    new_extra: str = ""


def mark_words(old: str, new: str) -> tuple[SafeString, SafeString]:
    """Escaped old and new text with removed words in <del> and added words in <ins>."""
    a = _TOKENS.findall(old)
    b = _TOKENS.findall(new)
    left: list[str] = []
    right: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        removed = escape("".join(a[i1:i2]))
        inserted = escape("".join(b[j1:j2]))
        if op == "equal":
            left.append(removed)
            right.append(inserted)
            continue
        if removed:
            left.append(f"<del>{removed}</del>")
        if inserted:
            right.append(f"<ins>{inserted}</ins>")
    return mark_safe("".join(left)), mark_safe("".join(right))  # noqa: S308 - escaped above


def _row(name: str, old: str, new: str) -> Row:
    if normalise(old) == normalise(new):
        return Row(name, escape(old), escape(new), "same")
    if not old:
        return Row(name, mark_safe(""), mark_safe(f"<ins>{escape(new)}</ins>"), "added")
    if not new:
        return Row(name, mark_safe(f"<del>{escape(old)}</del>"), mark_safe(""), "removed")
    left, right = mark_words(old, new)
    return Row(name, left, right, "edited")


def header_rows(old: Side, new: Side) -> list[Row]:
    return [
        _row("label", old.label, new.label),
        _row("headline", old.headline, new.headline),
        _row("deck", old.deck, new.deck),
        _row("byline", ", ".join(old.writers), ", ".join(new.writers)),
        _row("dateline", old.dateline, new.dateline),
        _row("advisory", old.advisory, new.advisory),
        _row("correction note", old.correction_note, new.correction_note),
        _row("sign-off", old.signoff, new.signoff),
    ]


def paragraph_rows(old: Side, new: Side) -> list[Row]:
    rows = []
    for i, j in align(old.paragraphs, new.paragraphs):
        before = old.paragraphs[i] if i is not None else ""
        after = new.paragraphs[j] if j is not None else ""
        name = f"{'' if i is None else i + 1} → {'' if j is None else j + 1}"
        rows.append(_row(name, before, after))
    return rows


def caption_rows(old: Side, new: Side) -> list[Row]:
    """Captions matched by photo: kept, re-worded, added or removed."""
    before = {photo: (text, thumb) for photo, text, thumb in old.captions}
    after = {photo: (text, thumb) for photo, text, thumb in new.captions}
    order = [p for p, _, _ in new.captions] + [p for p, _, _ in old.captions if p not in after]
    rows = []
    for photo in order:
        old_text, old_thumb = before.get(photo, ("", ""))
        new_text, new_thumb = after.get(photo, ("", ""))
        row = _row(f"photo {photo}", old_text, new_text)
        if photo not in before:
            row = Row(row.name, row.old, row.new, "added")
        elif photo not in after:
            row = Row(row.name, row.old, row.new, "removed")
        rows.append(
            Row(
                row.name,
                row.old,
                row.new,
                row.change,
                old_thumb if photo in before else "",
                new_thumb if photo in after else "",
            )
        )
    return rows


@dataclass(frozen=True)
class Comparison:
    old: Side
    new: Side
    header: list[Row]
    paragraphs: list[Row]
    captions: list[Row]

    @property
    def changed(self) -> bool:
        return any(r.change != "same" for r in self.header + self.paragraphs + self.captions)


def compare(old: Side, new: Side) -> Comparison:
    return Comparison(
        old=old,
        new=new,
        header=header_rows(old, new),
        paragraphs=paragraph_rows(old, new),
        captions=caption_rows(old, new),
    )
