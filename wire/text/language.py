"""Is this English? A rough, linear check for copy whose format does not say.

The newsroom runs an English wire: copy in another language may be imported for the desk
but must never go live on its own. English text is dense with a few short words ("the",
"of", "and", "to" …); German, French, Dutch or Scandinavian text has few of them.
"""

from __future__ import annotations

import re

_WORDS = """
the of and to in a is was for on that with said as by at from it be has have are were an
will this its after their his her they not but who which would been
"""
_ENGLISH = frozenset(_WORDS.split())
_WORD = re.compile(r"[^\W\d_]+")


def english_share(text: str, *, sample: int = 400) -> float:
    """The share of the first ``sample`` words that are common English function words."""
    words = [w.lower() for w in _WORD.findall(text[: sample * 12])][:sample]
    if not words:
        return 0.0
    return sum(1 for w in words if w in _ENGLISH) / len(words)


def looks_english(text: str) -> bool:
    """True for English prose (or too little text to tell); False for other languages."""
    words = _WORD.findall(text[:4000])
    if len(words) < 15:
        return True
    return english_share(text) >= 0.09
