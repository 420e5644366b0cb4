"""The agency's mark and wordmark, drawn from one set of shapes.

The shapes are plain polygons on a 40-unit cap height, so the same drawing gives the
SVG logo and favicon (``scripts/make-brand-images`` writes them to static/img/) and the
mark printed on generated share cards (reader.cards), with Pillow only: no font is
needed for the name itself.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

ACCENT = "#0a4d8c"
INK = "#16181d"
WHITE = "#ffffff"

Point = tuple[float, float]
Polygon = list[Point]


def _rect(x: float, y: float, w: float, h: float) -> Polygon:
    return [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]


def _arc(cx: float, cy: float, r: float, start: float, end: float, steps: int = 12) -> Polygon:
    """Points along a circle from ``start`` to ``end`` degrees (0 = east, clockwise)."""
    return [
        (
            cx + r * math.cos(math.radians(start + (end - start) * i / steps)),
            cy + r * math.sin(math.radians(start + (end - start) * i / steps)),
        )
        for i in range(steps + 1)
    ]


def _b(x: float) -> list[Polygon]:
    """A geometric B: a stem with two bowls, the lower one wider (counters drawn after)."""
    upper = [(x, 0), (x + 16, 0), *_arc(x + 16, 9.5, 9.5, -90, 90)[1:-1], (x + 16, 19)]
    lower = [(x, 17), (x + 18, 17), *_arc(x + 18, 28.5, 11.5, -90, 90)[1:-1], (x + 18, 40)]
    return [
        _rect(x, 0, 9, 40),
        upper + [(x, 19)],
        lower + [(x, 40)],
    ]


def _b_counters(x: float) -> list[Polygon]:
    return [
        [
            (x + 9, 7),
            (x + 16, 7),
            *_arc(x + 16, 9.5, 2.5, -90, 90)[1:-1],
            (x + 16, 12),
            (x + 9, 12),
        ],
        [
            (x + 9, 24),
            (x + 18, 24),
            *_arc(x + 18, 28.5, 4.5, -90, 90)[1:-1],
            (x + 18, 33),
            (x + 9, 33),
        ],
    ]


def wordmark(x0: float = 0) -> tuple[list[Polygon], list[Polygon], float]:
    """HANBIT as (filled shapes, counters cut out of them, width)."""
    shapes: list[Polygon] = []
    x = x0
    # H
    shapes += [_rect(x, 0, 9, 40), _rect(x + 21, 0, 9, 40), _rect(x, 16, 30, 8)]
    x += 36
    # A
    shapes.append(
        [(x, 40), (x + 12, 0), (x + 21, 0), (x + 33, 40), (x + 24, 40), (x + 16.5, 13), (x + 9, 40)]
    )
    shapes.append(_rect(x + 8, 26, 17, 7))
    x += 39
    # N
    shapes.append(
        [
            (x, 40),
            (x, 0),
            (x + 9, 0),
            (x + 21, 23),
            (x + 21, 0),
            (x + 30, 0),
            (x + 30, 40),
            (x + 21, 40),
            (x + 9, 17),
            (x + 9, 40),
        ]
    )
    x += 36
    # B
    shapes += _b(x)
    counters = _b_counters(x)
    x += 36
    # I
    shapes.append(_rect(x, 0, 9, 40))
    x += 15
    # T
    shapes += [_rect(x, 0, 30, 8), _rect(x + 10.5, 0, 9, 40)]
    x += 30
    return shapes, counters, x - x0


def mark() -> tuple[list[Polygon], list[Polygon]]:
    """The emblem on a 40 x 40 square: a sun rising over a horizon (Hanbit: "great
    light"). Returns (white shapes, ray segments) to draw over the accent square."""
    sun = [(11, 27), *_arc(20, 27, 9, 180, 360, 16)[1:], (29, 27)]
    horizon = _rect(7, 29.5, 26, 3)
    rays = []
    for angle in (-160, -125, -90, -55, -20):
        a = math.radians(angle)
        rays.append(
            (
                (20 + 12.5 * math.cos(a), 27 + 12.5 * math.sin(a)),
                (20 + 17 * math.cos(a), 27 + 17 * math.sin(a)),
            )
        )
    return [sun, horizon], rays


def _svg_points(polygon: Iterable[Point], scale: float = 1, dx: float = 0, dy: float = 0) -> str:
    first, *rest = [(dx + x * scale, dy + y * scale) for x, y in polygon]
    return f"M{first[0]:.2f} {first[1]:.2f}" + "".join(f"L{x:.2f} {y:.2f}" for x, y in rest) + "Z"


def mark_svg_body(dx: float = 0, dy: float = 0, size: float = 40) -> str:
    s = size / 40
    shapes, rays = mark()
    body = (
        f'<rect x="{dx}" y="{dy}" width="{size}" height="{size}" rx="{6 * s:.2f}" fill="{ACCENT}"/>'
    )
    body += f'<path fill="{WHITE}" d="{"".join(_svg_points(p, s, dx, dy) for p in shapes)}"/>'
    lines = "".join(
        f"M{dx + a[0] * s:.2f} {dy + a[1] * s:.2f}L{dx + b[0] * s:.2f} {dy + b[1] * s:.2f}"
        for a, b in rays
    )
    body += (
        f'<path stroke="{WHITE}" stroke-width="{3 * s:.2f}" stroke-linecap="round" d="{lines}"/>'
    )
    return body


def logo_svg(name: str) -> str:
    """The mark and the HANBIT wordmark, 40 units high, ink on transparent."""
    shapes, counters, width = wordmark(52)
    # Nonzero fill: overlapping strokes stay solid; counters wound the other way cut out.
    d = "".join(_svg_points(p) for p in shapes + [c[::-1] for c in counters])
    total = 52 + width
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {total:.0f} 40" '
        f'width="{total:.0f}" height="40" role="img" aria-label="{name}">'
        f"<title>{name}</title>{mark_svg_body()}"
        f'<path fill="{INK}" d="{d}"/></svg>\n'
    )


def favicon_svg(name: str) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40" width="40" height="40" '
        f'role="img" aria-label="{name}"><title>{name}</title>{mark_svg_body()}</svg>\n'
    )


def draw_mark(draw, x: float, y: float, size: float) -> None:
    """The emblem onto a Pillow ImageDraw at (x, y), ``size`` pixels square."""
    s = size / 40
    draw.rounded_rectangle([x, y, x + size, y + size], radius=6 * s, fill=ACCENT)
    shapes, rays = mark()
    for polygon in shapes:
        draw.polygon([(x + px * s, y + py * s) for px, py in polygon], fill=WHITE)
    for a, b in rays:
        width = max(1, round(3 * s))
        draw.line(
            [(x + a[0] * s, y + a[1] * s), (x + b[0] * s, y + b[1] * s)], fill=WHITE, width=width
        )
        for px, py in (a, b):  # round caps
            r = width / 2
            draw.ellipse(
                [x + px * s - r, y + py * s - r, x + px * s + r, y + py * s + r], fill=WHITE
            )


def draw_wordmark(draw, x: float, y: float, height: float, fill: str, hole: str) -> float:
    """HANBIT onto a Pillow ImageDraw, ``height`` pixels tall; returns its width.
    ``hole`` is the background colour the letters' counters are cut with."""
    s = height / 40
    shapes, counters, width = wordmark()
    for polygon in shapes:
        draw.polygon([(x + px * s, y + py * s) for px, py in polygon], fill=fill)
    for polygon in counters:
        draw.polygon([(x + px * s, y + py * s) for px, py in polygon], fill=hole)
    return width * s
