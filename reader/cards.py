"""Share cards: a 1200 x 630 image for a story published without a photo, so og:image
and the JSON-LD image are never empty.

A card shows the label, the headline, the section and the date under the agency's mark.
It is drawn once, on the first request for a published version's card, and kept as a
file (NEWSROOM_SHARE_CARDS_ROOT, never under MEDIA_ROOT); later requests read the file.
Published versions never change, so a card never goes stale. The view checks that the
version is published (``Version.objects.published()``: not a draft, not scheduled, not
killed) before reading or drawing anything, so no card exists for unpublished copy.
"""

from __future__ import annotations

import os
import tempfile
import textwrap
from functools import cache
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from articles.models import Version
from reader import brand

WIDTH, HEIGHT = 1200, 630
BACKGROUND = "#0b2a4a"
LABEL = "#ffc44d"
MUTED = "#c9d6e6"
# Debian's DejaVu (fontconfig's default, so present wherever Chromium is) or Liberation;
# Pillow's own font when neither is installed.
FONT_DIRS = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/liberation"]
SERIF_BOLD = ["DejaVuSerif-Bold.ttf", "LiberationSerif-Bold.ttf"]
SANS = ["DejaVuSans.ttf", "LiberationSans-Regular.ttf"]
SANS_BOLD = ["DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf"]


@cache
def _font(names: tuple[str, ...], size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for folder in FONT_DIRS:
        for name in names:
            path = Path(folder) / name
            if path.exists():
                return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def font(kind: list[str], size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return _font(tuple(kind), size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, face, width: int) -> list[str]:
    """Greedy word wrap measured in pixels."""
    lines: list[str] = []
    for word in text.split():
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(trial, font=face) <= width:
            lines[-1] = trial
        elif draw.textlength(word, font=face) > width:  # one very long word
            lines += textwrap.wrap(word, 20) or [word]
        else:
            lines.append(word)
    return lines


def draw_card(version: Version) -> bytes:
    """The card as PNG bytes."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    margin = 72
    draw.rectangle([0, 0, 16, HEIGHT], fill=brand.ACCENT)
    brand.draw_mark(draw, margin, 56, 64)
    brand.draw_wordmark(draw, margin + 84, 68, 40, "#ffffff", BACKGROUND)

    top, bottom = 172, HEIGHT - 120
    if version.label:
        draw.text((margin, top), version.label, font=font(SANS_BOLD, 34), fill=LABEL)
        top += 58
    headline = " ".join(p for p in (version.genre_tag, version.headline) if p)
    width = WIDTH - 2 * margin
    for size in (64, 58, 52, 46, 40):  # the largest size that fits in four lines
        face = font(SERIF_BOLD, size)
        lines = _wrap(draw, headline, face, width)
        if len(lines) <= 4 and top + len(lines) * size * 1.22 <= bottom:
            break
    lines = lines[:4]
    if len(_wrap(draw, headline, face, width)) > 4:
        lines[-1] = lines[-1].rstrip(".,;:") + " …"
    y = top
    for line in lines:
        draw.text((margin, y), line, font=face, fill="#ffffff")
        y += int(size * 1.22)

    published = timezone.localtime(version.article.first_published_at or version.publish_at)
    meta = f"{version.article.section.name}  ·  {published:%B} {published.day}, {published:%Y}"
    draw.text((margin, HEIGHT - 88), meta, font=font(SANS, 30), fill=MUTED)
    draw.text(
        (WIDTH - margin, HEIGHT - 88),
        settings.NEWSROOM_NAME,
        font=font(SANS, 30),
        fill=MUTED,
        anchor="ra",
    )
    buffer = BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def card_file(version: Version) -> Path:
    """The published version's card on disk, drawn now if it is not there yet.

    Written beside its final name and renamed over it, so a concurrent request reads the
    whole file or draws its own; never call for a version that is not published.
    """
    root = Path(settings.NEWSROOM_SHARE_CARDS_ROOT)
    path = root / f"{version.article.code}-v{version.number}.png"
    if not path.exists():
        root.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=root, delete=False, suffix=".tmp") as handle:
            handle.write(draw_card(version))
        os.replace(handle.name, path)
    return path
