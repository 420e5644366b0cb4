"""Inputs that make a careless parser slow: 1 MB each, shared by the benchmark (which times
them, bench/wire.py) and the tests (which check each is read or refused)."""

from __future__ import annotations

MEGABYTE = 1_000_000


def pathological(size: int = MEGABYTE) -> dict[str, str]:
    """Name -> text of about ``size`` characters."""
    return {
        "x-lines": "x\n" * (size // 2),
        "unclosed-attn": "Headline for a story\n" + "(ATTN: (\n" * (size // 9),
        "unclosed-attn-one-line": "Headline\n(ATTN: (" + "(" * size,
        "credits-after-caption": "Title here\n\n▲ A caption on Jan. 5, 2026."
        + " (Yonhap)" * (size // 9),
        "a-tags": "<a" * (size // 2),
        "open-parens": "(" * size,
        "capital-words": "SEOUL " * (size // 6) + ", Jan. 5",
        "bullets": "▲ " * (size // 2),
        "tags-before-headline": "(LEAD) " * (size // 7) + "Headline",
        "long-line-prose": ("A sentence about the harbor ferry. " * (size // 35 + 1))[:size],
        "nested-xml": '<?xml version="1.0"?><nitf>' + "<p>" * (size // 3),
        "control-frames": "\x16\x16\x01" + "\x02x\r\n" * (size // 4),
        # Every line as costly as a line can be.
        "dateline-lines": "SEOUL, Jan. 5 (Yonhap) -- x y\n" * (size // 30),
        "caption-lines": "▲ A caption on Jan. 5. (Yonhap)\n" * (size // 32),
        "group-lines": "(x) (y) (z) (L) (Yonhap) (END) a\n" * (size // 34),
        "chrome-lines": "Share this article | Print | Email us\n" * (size // 38),
        "table-rows": "| ▲ Cell caption. (Yonhap) | b |\n" * (size // 33),
        # Just under the line limit, in lines of ~100 characters (a real page's shape).
        "wide-lines-under-limit": (
            "SEOUL, Jan. 5 (Yonhap) -- The harbor ferry adds a late sailing, officials said. x\n"
            * 9_900
        ),
    }
