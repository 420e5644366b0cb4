"""Write a WireStory as canonical agency text (DESIGN.md section 5).

Captions come first as ``▲`` lines, as on the agency's pages; then the slug line, the
headline (deck on the line under it), the advisory, the byline, the dateline with the lead
paragraph, the other paragraphs, the sign-off e-mail, ``(END)`` and any footer. The
parser reads every story this writes back to an equal WireStory.
"""

from __future__ import annotations

import textwrap

from articles import vocab
from wire.text.story import KILL_TAG, WireStory

CAPTION_BULLET = "▲"
# Holds the dateline's words together while wrapping (textwrap only breaks at ASCII
# whitespace); a private-use character never found in copy.
_GLUE = "\ue000"


def _wrap(text: str, width: int) -> list[str]:
    if width <= 0:
        return [text]
    # Never break inside a word or at its hyphens: the parser joins lines with a space.
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]


def write_wire(story: WireStory, *, width: int = 72) -> str:
    """The story as wire text; ``width`` 0 leaves each paragraph on one line."""
    lines: list[str] = []
    for caption in story.captions:
        lines += [f"{CAPTION_BULLET} {caption.line}", ""]

    label = story.label
    genre_tags = [f"({genre})" for genre in story.genres]
    if story.slug:
        # Genre tags go with the headline; with no headline they stay on the slug line.
        tags = [label] if story.headline else [label, *genre_tags]
        lines.append(" ".join(part for part in (*tags, story.slug) if part))
    if story.headline:
        lines.append(" ".join(part for part in (label, *genre_tags, story.headline) if part))
        if story.deck:
            lines.append(story.deck)
    advisory = story.advisory.text or vocab.advisory(story.advisory.tags)
    if advisory:
        lines.append(advisory)
    if story.byline:
        lines.append(f"By {vocab.join_names(story.byline)}")
    lines.append("")

    paragraphs = list(story.paragraphs)
    if story.dateline:
        # The dateline is never split over lines: its second half would read as a
        # dateline of its own ("…/AIR FORCE" + "ONE, Jan. 1 (Yonhap) --").
        unit = story.dateline.text.replace(" ", _GLUE)
        paragraphs[:1] = [" ".join(part for part in (unit, *paragraphs[:1]) if part)]
    for paragraph in paragraphs:
        lines += [line.replace(_GLUE, " ") for line in _wrap(paragraph, width)] + [""]
    if story.signoff:
        lines.append(story.signoff)
    if story.end:
        lines.append("(END)")
    if story.copyright:
        lines += ["", story.copyright]
    return "\n".join(lines).strip("\n") + "\n"


def write_kill_notice(story: WireStory, *, note: str, width: int = 72) -> str:
    """A kill notice for ``story``: what a killed story's wire export becomes.

    It names the withdrawn story (slug line, headline as sent) and gives the reason, and
    carries none of the old text: subscribers must take the story down, not run it again.
    """
    sent = " ".join(
        part for part in (story.label, *(f"({g})" for g in story.genres), story.headline) if part
    )
    lines = [f"{KILL_TAG} {story.slug}".strip(), f"{KILL_TAG} {story.headline}".strip(), ""]
    notice = f'EDITORS: Please kill the story "{sent}". It has been withdrawn and must not be used.'
    for paragraph in (notice, note.strip()):
        if paragraph:
            lines += [*_wrap(paragraph, width), ""]
    lines.append("(END)")
    if story.copyright:
        lines += ["", story.copyright]
    return "\n".join(lines) + "\n"
