"""The wire writer: canonical layout, and parse_wire(write_wire(story)) == story."""

from __future__ import annotations

import string
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from articles.vocab import AP_MONTHS, REVISION_VERBS, Kind
from wire.text.parser import parse_wire, read_wire
from wire.text.story import Advisory, Dateline, WireCaption, WireStory
from wire.text.writer import write_wire

SAMPLES = Path(__file__).parent / "samples"
STORY_SAMPLES = sorted(
    p for p in SAMPLES.glob("*.txt") if not p.name.startswith(("error_", "agency_"))
)


def test_writer_lays_out_an_update_in_the_canonical_order() -> None:
    story = WireStory(
        slug="Library-hours",
        kind=Kind.LEAD,
        lead_ordinal=2,
        genres=["News Focus"],
        headline="Libraries stay open late for exam season",
        advisory=Advisory.from_tags([("UPDATES", "throughout"), ("CHANGES", "headline")]),
        byline=["Park Seo-yeon", "Choi Min-ho", "Lee Da-in"],
        dateline=Dateline(place="SEOUL", month="Feb.", day=9),
        paragraphs=["Twenty libraries will stay open late.", "The city will add staff."],
        captions=[WireCaption("Students study late on Feb. 9, 2026.", ["Pool photo", "Yonhap"])],
        signoff="desk@example.com",
        end=True,
        copyright="(C) Yonhap News Agency. All Rights Reserved",
    )
    assert write_wire(story) == textwrap.dedent(
        """\
        ▲ Students study late on Feb. 9, 2026. (Pool photo) (Yonhap)

        (2nd LD) Library-hours
        (2nd LD) (News Focus) Libraries stay open late for exam season
        (ATTN: UPDATES throughout; CHANGES headline)
        By Park Seo-yeon, Choi Min-ho and Lee Da-in

        SEOUL, Feb. 9 (Yonhap) -- Twenty libraries will stay open late.

        The city will add staff.

        desk@example.com
        (END)

        (C) Yonhap News Agency. All Rights Reserved
        """
    )


def test_writer_wraps_paragraphs_at_the_width_without_breaking_words() -> None:
    paragraph = "The state-run agency said the long-distance buses would run all night " * 3
    story = WireStory(headline="Buses run all night on four routes", paragraphs=[paragraph.strip()])
    body = write_wire(story, width=40).split("\n\n", 1)[1]
    assert all(len(line) <= 40 for line in body.splitlines())
    assert "state-run" in body and "long-distance" in body


@pytest.mark.parametrize("path", STORY_SAMPLES, ids=lambda path: path.name)
def test_every_sample_survives_a_write_and_read_back(path: Path) -> None:
    story = read_wire(path)
    assert parse_wire(write_wire(story)) == story


# -- property: whatever the writer can write, the parser reads back -------------------

# Everyday vocabulary in agency style; the property is about layout, not meaning.
_LOWER_WORDS = (
    "the a of to in and on for with said city officials new year market plans would "
    "will more than about after before its their ministry's state-run long-range "
    "percent won people students night bus ferry museum library rain festival data "
    "vice-ministerial U.S. p.m. a.m. Inc. No. 3.5 1,200 $40 10% 2026 --"
)
_LOWER = st.sampled_from(_LOWER_WORDS.split())


def _letters(least: int, most: int, *, upper: bool = False) -> st.SearchStrategy[str]:
    alphabet = string.ascii_uppercase if upper else string.ascii_lowercase
    return st.text(st.sampled_from(alphabet), min_size=least, max_size=most)


_NAME_WORDS = (
    "Seoul Busan Incheon Jeju Kim Lee Park Monday Tuesday March Korea Yellow Sea "
    "Jan. Sept. Han River National Assembly KDI"
)
_NAMES = st.sampled_from(_NAME_WORDS.split())


@st.composite
def _word(draw: st.DrawFn) -> str:
    word = draw(st.one_of(_LOWER, _NAMES, _letters(1, 12)))
    style = draw(st.sampled_from(["plain", "plain", "plain", "comma", "quote", "paren", "poss"]))
    return {
        "plain": word,
        "comma": word + ",",
        "quote": f'"{word}"',
        "paren": f"({word})",
        "poss": word + "'s",
    }[style]


@st.composite
def _sentence(draw: st.DrawFn, *, min_words: int = 3, end: str = ".?!") -> str:
    # A sentence never starts with "By": "By Kim Lee." alone would read as a byline,
    # which the format cannot tell apart.
    first = draw(st.sampled_from(["The", "A", "Officials", "Seoul", "About", "In", "It", "Kim"]))
    words = draw(st.lists(_word(), min_size=min_words, max_size=18))
    mark = draw(st.sampled_from(list(end)))
    closing = draw(st.sampled_from(["", "", '"']))
    return " ".join([first, *words]) + mark + closing


_paragraph = st.lists(_sentence(), min_size=1, max_size=3).map(" ".join)

# Four words or more: a line of one to three words with a hyphen reads as a keyword slug.
_title = st.lists(
    st.one_of(_LOWER, _NAMES, _letters(2, 10), _letters(2, 10).map(lambda w: w + ":")),
    min_size=3,
    max_size=12,
).map(lambda words: " ".join(["Officials", *words]))
_slug = st.lists(
    st.one_of(
        _letters(2, 10).map(str.capitalize),
        _letters(2, 10),
        st.builds(str.__add__, _letters(1, 3, upper=True), st.sampled_from(["", "7", "20"])),
    ),
    min_size=2,
    max_size=4,
).map("-".join)

_person = st.builds(
    lambda family, given, second: f"{family} {given}{second}",
    st.sampled_from(["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Yoon", "Han", "Oh", "Seo"]),
    st.sampled_from(["Eun", "Seo", "Min", "Ji", "Ha", "Bo", "Da", "Jae", "Soo", "Tae"]),
    st.sampled_from(["-jung", "-yeon", "-ho", "ram", "-woo", "-in", "-eun", ""]),
)
_caps_place = st.lists(_letters(2, 10, upper=True), min_size=1, max_size=3).map(" ".join)
_place = st.builds(
    lambda places, country: "/".join(places) + (f", {country}" if country else ""),
    st.lists(st.one_of(_caps_place, st.just("ABOARD AIR FORCE ONE")), min_size=1, max_size=3),
    st.one_of(st.just(""), st.sampled_from(["South Korea", "United States", "Japan", "Calif."])),
)
_dateline = st.builds(
    Dateline,
    place=_place,
    month=st.sampled_from(AP_MONTHS),
    day=st.integers(1, 31),
    agency=st.sampled_from(["Yonhap", "AFP", "Kyodo"]),
)
_credit = st.one_of(
    st.sampled_from(["Yonhap", "Pool photo", "PHOTO NOT FOR SALE", "KCNA-Yonhap", "AFP-Yonhap"]),
    _letters(3, 10).map(lambda name: f"Photo courtesy of {name.capitalize()}"),
)
_caption = st.builds(
    WireCaption,
    # A caption sentence ends with a full stop: "(…)" right before the credits would
    # otherwise read as one more credit.
    text=_sentence(end="."),
    credits=st.lists(_credit, max_size=3),
)
_object = st.one_of(
    st.sampled_from(
        ["", "throughout", "headline", "lead", "5th para", "photo", "with more details"]
    ),
    st.builds(
        lambda words, a, b: f"{' '.join(words)} in paras {a}-{a + b}",
        st.lists(st.one_of(_letters(2, 10), _LOWER), min_size=1, max_size=4),
        st.integers(1, 30),
        st.integers(1, 3),
    ),
)
_advisory = st.lists(st.tuples(st.sampled_from(REVISION_VERBS), _object), min_size=1, max_size=4)
_genre = st.sampled_from(
    [
        "News Focus",
        "Yonhap Interview",
        "Yonhap Feature",
        "News Summary",
        "EDITORIAL from Hanbit Daily on Jan. 6",
    ]
)


@st.composite
def stories(draw: st.DrawFn) -> WireStory:
    kind = draw(st.sampled_from(list(Kind)))
    slug, headline = draw(
        st.one_of(
            st.tuples(_slug, _title),
            st.tuples(st.just(""), _title),
            st.tuples(_slug, st.just("")),
        )
    )
    deck = draw(st.one_of(st.just(""), _title)) if headline else ""
    # An advisory comes only with a re-send: the parser reads an unlabelled one as (LEAD).
    tags = draw(_advisory) if kind is not Kind.ORIGINAL and draw(st.booleans()) else []
    return WireStory(
        slug=slug,
        kind=kind,
        lead_ordinal=draw(st.integers(1, 20)) if kind is Kind.LEAD else 0,
        genres=draw(st.lists(_genre, max_size=2, unique=True)),
        headline=headline,
        deck=deck,
        advisory=Advisory.from_tags(tags) if tags else Advisory(),
        byline=draw(st.lists(_person, max_size=3, unique=True)),
        dateline=draw(st.one_of(st.none(), _dateline)),
        # Copy is never a bare slug: without a headline there is text (a lone "A-A" at the
        # foot of a page with no (END) reads as the site's name, as "KCNA" would).
        paragraphs=draw(st.lists(_paragraph, min_size=0 if headline else 1, max_size=5)),
        captions=draw(st.lists(_caption, max_size=3)),
        signoff=draw(
            st.one_of(st.just(""), _letters(2, 8).map(lambda name: name + "@example.com"))
        ),
        end=draw(st.booleans()),
        copyright=draw(
            st.sampled_from(
                [
                    "",
                    "(C) Yonhap News Agency. All Rights Reserved",
                    "<All rights reserved by Yonhap News Agency>",
                ]
            )
        ),
    )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(story=stories(), width=st.sampled_from([0, 40, 60, 72, 100]))
# Found by a CI run: a sign-off of "keyword@…" was read as a page's "Keywords" footer.
@example(
    story=WireStory(
        slug="Aa-Aa",
        headline="Officials the the the",
        paragraphs=["The the the the."],
        signoff="keyword@example.com",
    ),
    width=0,
)
# Found by a long run: a wrapped line of bracketed words inside a paragraph was dropped
# as a line of bare credits.
@example(
    story=WireStory(
        slug="Aa-Aa",
        headline="Officials the the the",
        paragraphs=[
            'The the the the the, market Seoul "Seoul" Seoul Seoul Incheon (aaaaaaaaaaa)'
            " (aaaaaaaaaaaa) (the) Seoul."
        ],
    ),
    width=40,
)
def test_any_story_the_writer_writes_reads_back_the_same(story: WireStory, width: int) -> None:
    text = write_wire(story, width=width)
    assert parse_wire(text) == story, text


@settings(max_examples=50, deadline=None)
@given(story=stories())
# Found by a long run: a paragraph wrapped onto "(c)." was read as a copyright line.
@example(
    story=WireStory(
        headline="Officials the the the",
        paragraphs=['The the the the the the. The the the the the "Seoul" "Seoul" Incheon (c).'],
    )
)
def test_writing_is_stable_after_one_round(story: WireStory) -> None:
    text = write_wire(story)
    assert write_wire(parse_wire(text)) == text
