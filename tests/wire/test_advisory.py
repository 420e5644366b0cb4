"""The (ATTN: …) advisory grammar: revision verbs, objects and paragraph locations."""

from __future__ import annotations

import pytest

from articles.vocab import REVISION_VERBS
from wire.text.advisory import Location, locate, parse_advisory


@pytest.mark.parametrize("verb", REVISION_VERBS)
def test_each_revision_verb_is_read_with_its_object(verb: str) -> None:
    advisory = parse_advisory(f"(ATTN: {verb} figures in 4th para)")
    assert advisory.tags == [(verb, "figures in 4th para")]
    assert advisory.warnings == []


def test_parts_are_split_on_semicolons_in_order() -> None:
    advisory = parse_advisory("(ATTN: UPDATES throughout; CHANGES headline)")
    assert advisory.tags == [("UPDATES", "throughout"), ("CHANGES", "headline")]


def test_the_verbatim_line_is_kept() -> None:
    line = "(ATTN: RECASTS lead; ADDS comments from residents in paras 4-6)"
    assert parse_advisory(line).text == line


def test_a_comma_before_a_verb_starts_a_new_part() -> None:
    advisory = parse_advisory("(ATTN: UPDATES headline, ADDS photo)")
    assert advisory.tags == [("UPDATES", "headline"), ("ADDS", "photo")]


def test_a_comma_before_plain_words_stays_in_the_object() -> None:
    advisory = parse_advisory("(ATTN: UPDATES headline, lead with latest cases)")
    assert advisory.tags == [("UPDATES", "headline, lead with latest cases")]


def test_updates_with_keeps_the_with_phrase_as_object() -> None:
    advisory = parse_advisory("(ATTN: UPDATES with more details; REPLACES photo)")
    assert advisory.tags == [("UPDATES", "with more details"), ("REPLACES", "photo")]


def test_a_verb_alone_has_an_empty_object() -> None:
    assert parse_advisory("(ATTN: REWRITES)").tags == [("REWRITES", "")]


def test_singular_and_lower_case_verbs_are_read_as_the_verb_they_mean() -> None:
    advisory = parse_advisory("(ATTN: ADD photo; corrects typo in 2nd para)")
    assert advisory.tags == [("ADDS", "photo"), ("CORRECTS", "typo in 2nd para")]


def test_a_part_without_a_verb_is_kept_whole_with_a_warning() -> None:
    advisory = parse_advisory("(ATTN: UPDATES throughout; please note new figures)")
    assert advisory.tags == [("UPDATES", "throughout"), ("", "please note new figures")]
    assert any("without a revision verb" in warning for warning in advisory.warnings)


def test_a_line_that_is_not_an_attn_line_is_read_with_a_warning() -> None:
    advisory = parse_advisory("ATTN: UPDATES throughout")
    assert advisory.text == "ATTN: UPDATES throughout"
    assert advisory.tags == [("UPDATES", "throughout")]
    assert advisory.warnings


def test_an_empty_advisory_warns() -> None:
    advisory = parse_advisory("(ATTN: )")
    assert advisory.tags == []
    assert advisory.warnings


def test_an_object_with_parentheses_keeps_them() -> None:
    advisory = parse_advisory("(ATTN: ADDS photo (Yonhap) of the venue)")
    assert advisory.tags == [("ADDS", "photo (Yonhap) of the venue")]


@pytest.mark.parametrize(
    ("obj", "expected"),
    [
        ("comments in paras 13-14", Location(paragraphs=(13, 14))),
        ("figures in para 5", Location(paragraphs=(5,))),
        ("5th para", Location(paragraphs=(5,))),
        ("5th-7th paras", Location(paragraphs=(5, 6, 7))),
        ("2nd and 3rd paras", Location(paragraphs=(2, 3))),
        ("quotes in paras 3, 5 and 7", Location(paragraphs=(3, 5, 7))),
        ("background in paras 8 to 10", Location(paragraphs=(8, 9, 10))),
        ("throughout", Location(throughout=True)),
        ("headline", Location(headline=True)),
        ("headline, lead with latest cases", Location(paragraphs=(1,), headline=True)),
        ("last para", Location(last=True)),
        ("photo", Location()),
    ],
)
def test_locations_in_objects_name_the_paragraphs(obj: str, expected: Location) -> None:
    assert locate(obj) == expected
