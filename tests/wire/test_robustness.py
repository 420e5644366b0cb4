"""Any input, every reader: a story or a WireError, never a crash or a hang.

Speed is measured by ``make bench`` (bench/wire.py reports the slowest inputs), never by
timed assertions here; the fuzz tests only carry a generous hypothesis deadline, and the
pathological inputs are checked for what they give (a story or a clear refusal).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.wire_inputs import pathological
from wire.formats import read_story
from wire.formats.agency_text import read_agency_text
from wire.formats.anpa import read_anpa
from wire.formats.iptc7901 import read_iptc7901
from wire.formats.newsml12 import read_newsml12
from wire.formats.newsml_g2 import read_newsml_g2
from wire.formats.nitf import read_nitf
from wire.text.parser import parse_wire
from wire.text.story import WireError, WireStory

SAMPLES = Path(__file__).parent / "samples"
SEEDS = sorted(p for p in SAMPLES.iterdir() if p.is_file())

BYTE_READERS: dict[str, Callable[..., WireStory]] = {
    "sniffed": read_story,
    "anpa": read_anpa,
    "iptc7901": read_iptc7901,
    "newsml_g2": read_newsml_g2,
    "newsml12": read_newsml12,
    "nitf": read_nitf,
}
TEXT_READERS: dict[str, Callable[..., WireStory]] = {
    "parse_wire": parse_wire,
    "agency_text": read_agency_text,
}
FUZZ = settings(
    max_examples=150,
    deadline=dt.timedelta(seconds=5),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def story_or_refusal(read: Callable[..., WireStory], data: bytes | str) -> WireStory | None:
    try:
        story = read(data, filename="fuzz")
    except WireError as refused:
        assert refused.reason
        return None
    assert isinstance(story, WireStory)
    story.to_dict()  # everything in it is JSON-ready
    return story


@pytest.mark.parametrize("name", sorted(BYTE_READERS))
@FUZZ
@given(data=st.binary(max_size=3000))
def test_any_bytes_give_every_reader_a_story_or_a_refusal(name: str, data: bytes) -> None:
    story_or_refusal(BYTE_READERS[name], data)


@pytest.mark.parametrize("name", sorted(TEXT_READERS))
@FUZZ
@given(text=st.text(max_size=3000))
def test_any_text_gives_every_reader_a_story_or_a_refusal(name: str, text: str) -> None:
    story_or_refusal(TEXT_READERS[name], text)


@FUZZ
@given(seed=st.sampled_from(SEEDS), cuts=st.lists(st.integers(0, 10**6), max_size=6),
       junk=st.binary(max_size=40), where=st.integers(0, 10**6))  # fmt: skip
def test_damaged_copy_in_every_format_is_read_or_refused(
    seed: Path, cuts: list[int], junk: bytes, where: int
) -> None:
    """Real shapes, damaged: truncated, spliced with junk, lines dropped."""
    data = seed.read_bytes()
    for cut in cuts:
        if data:
            at = cut % len(data)
            data = data[:at] + data[at + (cut % 7) :]
    at = where % (len(data) + 1)
    data = data[:at] + junk + data[at:]
    story_or_refusal(read_story, data)


# -- the inputs that used to take minutes ------------------------------------------------

PATHOLOGICAL = pathological()


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_a_megabyte_of_pathological_input_is_read_or_refused(name: str) -> None:
    text = PATHOLOGICAL[name]
    story_or_refusal(read_story, text.encode("utf-8"))
    story_or_refusal(parse_wire, text)


def test_x_lines_are_refused_as_too_long_for_a_story() -> None:
    with pytest.raises(WireError, match="too long for one wire story"):
        parse_wire(PATHOLOGICAL["x-lines"])


def test_credits_repeated_after_a_caption_stay_credits() -> None:
    story = parse_wire(PATHOLOGICAL["credits-after-caption"])
    [caption] = story.captions
    assert caption.text.startswith("A caption on Jan. 5, 2026. (Yonhap)")
    assert caption.credits == ["Yonhap"] * 12  # at most 12; the rest stays in the text


def test_an_unclosed_advisory_takes_a_few_lines_not_the_story() -> None:
    story = parse_wire(PATHOLOGICAL["unclosed-attn"][:5000])
    assert story.headline == "Headline for a story"
    assert any("never closes its parenthesis" in w for w in story.warnings)


def test_random_real_looking_lines_never_break_the_parser() -> None:
    rng = random.Random(14)
    pieces = [
        "(ATTN: UPDATES", "▲", "(Yonhap)", "SEOUL, Jan. 5 (Yonhap) --", "By Kim", "(END)",
        "| cell |", "Share", "(LEAD)", "", "   ", "text.", "<p>", "Related articles", "©",
    ]  # fmt: skip
    for _ in range(200):
        text = "\n".join(" ".join(rng.choices(pieces, k=rng.randint(1, 4))) for _ in range(30))
        story_or_refusal(parse_wire, text)
