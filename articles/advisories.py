"""Advisory (ATTN) tags suggested from what a re-send changed.

Pure Python over plain snapshots (no database), so the rules are tested on their own and
any caller (the admin, a command, the wire importer) gets the same suggestion. Paragraph
numbers in the tags are those of the NEW version, as agencies write them; removed
paragraphs can only be named by their old number, so those say "old para".
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Tag = tuple[str, str]

# Paired paragraphs at least this similar (by words) count as one paragraph edited;
# below it, the old one was removed and a new one written.
SAME_PARAGRAPH = 0.5
# A lead keeping less than this much of its wording was recast, not touched up.
RECAST_BELOW = 0.75
# More than this share of the new version's paragraphs changed: "UPDATES throughout".
THROUGHOUT_ABOVE = 0.5


@dataclass(frozen=True)
class Snapshot:
    """What the advisory rules look at in one version."""

    headline: str
    paragraphs: tuple[str, ...] = ()
    photo_ids: tuple[int, ...] = ()
    writer_ids: tuple[int, ...] = ()


def normalise(text: str) -> str:
    """Re-wrapping or doubled spaces are not an edit."""
    return " ".join(text.split())


def similarity(old: str, new: str) -> float:
    return difflib.SequenceMatcher(None, old.split(), new.split(), autojunk=False).ratio()


def align(old: Sequence[str], new: Sequence[str]) -> list[tuple[int | None, int | None]]:
    """Pair paragraphs of two versions in reading order.

    (i, j) is old paragraph i shown against new paragraph j (same or edited); (None, j) is
    an added paragraph, (i, None) a removed one. Within a changed block, a new paragraph
    is paired with the next old one that still shares most of its words, so an inserted
    paragraph does not make every later one look edited.
    """
    a = [normalise(p) for p in old]
    b = [normalise(p) for p in new]
    pairs: list[tuple[int | None, int | None]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pairs.extend(zip(range(i1, i2), range(j1, j2), strict=True))
            continue
        next_old = i1
        for j in range(j1, j2):
            scores = [(similarity(a[k], b[j]), k) for k in range(next_old, i2)]
            best, k = max(scores, key=lambda s: (s[0], -s[1]), default=(0.0, -1))
            if best >= SAME_PARAGRAPH:
                pairs.extend((r, None) for r in range(next_old, k))
                pairs.append((k, j))
                next_old = k + 1
            else:
                pairs.append((None, j))
        pairs.extend((r, None) for r in range(next_old, i2))
    return pairs


def para_refs(numbers: Iterable[int]) -> str:
    """[2, 4] -> 'paras 2, 4'; [5, 6, 7] -> 'paras 5-7'; [3] -> 'para 3'."""
    ordered = sorted(set(numbers))
    runs: list[list[int]] = []
    for n in ordered:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    text = ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else f"{r[0]}" for r in runs)
    return f"{'para' if len(ordered) == 1 else 'paras'} {text}"


def _photos(count: int) -> str:
    return "photo" if count == 1 else "photos"


def text_tags(old: Sequence[str], new: Sequence[str]) -> list[Tag]:
    """Tags for the body: RECASTS lead, UPDATES/ADDS/DELETES paragraphs, or throughout."""
    recast = False
    edited: list[int] = []
    added: list[int] = []
    removed: list[int] = []
    for i, j in align(old, new):
        if j is None:
            removed.append(i + 1)
        elif i is None:
            if j == 0:
                recast = True  # a new first paragraph is a new lead
            else:
                added.append(j + 1)
        elif normalise(old[i]) != normalise(new[j]):
            if j == 0 and similarity(normalise(old[i]), normalise(new[j])) < RECAST_BELOW:
                recast = True
            else:
                edited.append(j + 1)

    if recast and 1 in removed:
        removed.remove(1)  # the old lead was not dropped: the new one replaces it
    changed = len(edited) + len(added) + (1 if recast else 0)
    if new and changed > THROUGHOUT_ABOVE * len(new) and len(new) > 1:
        return [("UPDATES", "throughout")]
    tags: list[Tag] = []
    if recast:
        tags.append(("RECASTS", "lead"))
    if edited:
        tags.append(("UPDATES", para_refs(edited)))
    if added:
        tags.append(("ADDS", f"more info in {para_refs(added)}"))
    if removed:
        tags.append(("DELETES", f"old {para_refs(removed)}"))
    return tags


def photo_tags(old: Sequence[int], new: Sequence[int]) -> list[Tag]:
    added = [p for p in new if p not in old]
    removed = [p for p in old if p not in new]
    replaced = min(len(added), len(removed))
    tags: list[Tag] = []
    if replaced:
        tags.append(("REPLACES", _photos(replaced)))
    if len(added) > replaced:
        tags.append(("ADDS", _photos(len(added) - replaced)))
    if len(removed) > replaced:
        tags.append(("DELETES", _photos(len(removed) - replaced)))
    return tags


def byline_tags(old: Sequence[int], new: Sequence[int]) -> list[Tag]:
    if list(old) == list(new):
        return []
    added = set(new) - set(old)
    removed = set(old) - set(new)
    if added and not removed:
        return [("ADDS", "byline")]
    if removed and not new:
        return [("DELETES", "byline")]
    return [("CHANGES", "byline")]


# In a correction, these changes to the words are what it corrects.
CORRECTED_VERBS = frozenset({"UPDATES", "RECASTS", "CHANGES", "REWRITES"})


def as_corrections(tags: list[Tag]) -> list[Tag]:
    """A correction's advisory: the words it changed become one CORRECTS tag, first
    ('CORRECTS headline, para 3'); added or removed paragraphs and photos keep theirs."""
    corrected = [obj for verb, obj in tags if verb in CORRECTED_VERBS]
    rest = [(verb, obj) for verb, obj in tags if verb not in CORRECTED_VERBS]
    return ([("CORRECTS", ", ".join(corrected))] if corrected else []) + rest


def suggest(old: Snapshot, new: Snapshot, *, correction: bool = False) -> list[Tag]:
    """The advisory a re-send from ``old`` to ``new`` would carry, as (verb, object) tags;
    ``correction``: the re-send is a (CORRECTED) version, so its changes are CORRECTS."""
    tags = text_tags(old.paragraphs, new.paragraphs)
    if normalise(old.headline) != normalise(new.headline):
        tags.append(("CHANGES", "headline"))
    tags += photo_tags(old.photo_ids, new.photo_ids)
    tags += byline_tags(old.writer_ids, new.writer_ids)
    return as_corrections(tags) if correction else tags
