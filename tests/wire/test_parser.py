"""The wire parser on real agency copy (read from ../shared, never copied) and on our own
samples, one per tolerance the importer must have, plus the inputs it must refuse."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from articles.vocab import Kind
from wire.text.dialect import YONHAP
from wire.text.parser import decode_wire, parse_wire, read_wire, split_credits
from wire.text.story import WireError, WireStory

REPO_ROOT = Path(__file__).resolve().parents[2]
REAL_COPY = REPO_ROOT.parent / "shared" / "fixtures" / "wire"
SAMPLES = Path(__file__).parent / "samples"

needs_real_copy = pytest.mark.skipif(
    not REAL_COPY.is_dir(), reason="real agency copy lives in ../shared/fixtures/wire"
)


def sample(name: str) -> WireStory:
    return read_wire(SAMPLES / name)


def real(name: str) -> WireStory:
    return read_wire(REAL_COPY / name)


# -- real agency copy ---------------------------------------------------------------


@needs_real_copy
def test_seed_roundup_reads_as_the_reference_story() -> None:
    story = real("00_roundup-lee-china-summit-seed.txt")

    assert story.label == "(ROUNDUP)"
    assert story.kind is Kind.ROUNDUP
    assert story.slug == "Lee-China-summit"
    assert story.headline == (
        "Lee, China's Xi share view on importance of resuming talks with N. Korea"
    )
    assert story.advisory.tags == [("UPDATES", "throughout"), ("CHANGES", "headline")]
    assert story.byline == ["Kim Eun-jung"]
    assert story.dateline is not None
    assert (story.dateline.places, story.dateline.month, story.dateline.day) == (
        ["BEIJING"],
        "Jan.",
        5,
    )
    assert story.dateline.agency == "Yonhap"
    assert story.paragraphs[0].startswith(
        "South Korean President Lee Jae Myung and Chinese President Xi Jinping on Monday"
    )
    assert "Qing Dynasty stone lion statues" in story.paragraphs[-1]
    assert len(story.captions) == 3
    assert ["Pool photo", "Yonhap"] in [caption.credits for caption in story.captions]
    assert all(caption.credits[-1] == "Yonhap" for caption in story.captions)
    assert story.end is True
    for paragraph in story.paragraphs:
        assert not re.search(r"facebook|kakao|\bprint\b", paragraph, re.IGNORECASE)


@needs_real_copy
def test_seed_partner_header_gives_the_writer_name_not_a_paragraph() -> None:
    story = real("00_roundup-lee-china-summit-seed.txt")
    assert story.header_name
    assert story.copyright.startswith("(C) Yonhap")
    assert not any(story.header_name in paragraph for paragraph in story.paragraphs)


@needs_real_copy
@pytest.mark.parametrize(
    "path",
    sorted(REAL_COPY.glob("*.txt")) if REAL_COPY.is_dir() else [],
    ids=lambda path: path.name,
)
def test_every_real_agency_file_parses(path: Path) -> None:
    story = read_wire(path)
    assert story.headline or story.slug
    assert story.paragraphs or story.captions
    assert story.to_dict()["error"] is None


@needs_real_copy
def test_real_update_with_attn_and_no_label_keeps_no_label() -> None:
    story = real("05_flu-cases-attn-updates-headline-complete-oana.txt")
    assert (story.kind, story.label) == (Kind.ORIGINAL, "")  # only the copy's own label counts
    assert story.advisory.tags == [("UPDATES", "headline, lead with latest cases")]
    assert story.signoff.endswith("@yna.co.kr")
    assert story.end is True
    assert any("no label invented" in warning for warning in story.warnings)
    assert "X" not in story.paragraphs  # the stray X after (END) is page junk


@needs_real_copy
def test_real_slug_shown_as_title_is_the_slug() -> None:
    story = real("13_slug-nk-missile-launch-globalpost.txt")
    assert story.slug == "N Korea-missile launch"
    assert story.headline == ""
    assert story.copyright.startswith("<All rights reserved")


@needs_real_copy
def test_real_photo_item_is_a_caption_with_position_markers_and_credits() -> None:
    story = real("16_photo-item-pool-photo-caption-korean-vibe.txt")
    assert story.paragraphs == []
    [caption] = story.captions
    assert caption.text.startswith("(From L to R)")
    assert caption.credits == ["Pool photo", "Yonhap"]
    assert story.end is True


@needs_real_copy
def test_real_news_focus_keeps_its_genre_and_is_cut_off() -> None:
    story = real("04_news-focus-nk-missile-oana.txt")
    assert story.genres == ["News Focus"]
    assert story.end is False
    assert len(story.paragraphs) > 5  # hard-wrapped lines joined back into paragraphs


# -- our samples: one per tolerance -------------------------------------------------


def test_partner_chrome_is_skipped_and_repeated_title_lines_collapse() -> None:
    story = sample("roundup_partner_page.txt")
    assert (story.label, story.slug) == ("(ROUNDUP)", "Library-hours")
    assert story.headline == "Seoul libraries to stay open until midnight during exam season"
    assert story.header_name == "박서연"
    assert story.byline == ["Park Seo-yeon", "Choi Min-ho"]
    assert [c.credits for c in story.captions] == [
        ["Yonhap"],
        ["Pool photo", "Yonhap"],
        ["PHOTO NOT FOR SALE", "Yonhap"],
    ]
    assert "(2nd from R)" in story.captions[1].text
    assert len(story.paragraphs) == 7
    assert story.copyright == "(C) Yonhap News Agency. All Rights Reserved"
    assert not any("•" in p or "facebook" in p for p in story.paragraphs)


def test_missing_byline_is_fine_and_the_desk_email_is_the_signoff() -> None:
    story = sample("no_byline_section_time.txt")
    assert story.byline == []
    assert story.signoff == "localdesk@example.com"
    assert story.headline == "Busan to add night buses on three routes"
    assert len(story.paragraphs) == 3  # one paragraph per line, no blank lines
    assert not any("All Headlines" in p for p in story.paragraphs)


def test_cut_off_story_without_end_is_kept_with_a_warning() -> None:
    story = sample("cut_off_no_end.txt")
    assert story.end is False
    assert story.paragraphs[-1].endswith("urged to")
    assert any("no (END)" in warning for warning in story.warnings)


def test_em_dash_after_the_dateline_is_accepted() -> None:
    story = sample("em_dash_dateline.txt")
    assert story.dateline is not None and story.dateline.place == "DAEGU"
    assert story.paragraphs[0].startswith("Two red panda cubs")
    assert any("instead of '--'" in warning for warning in story.warnings)


def test_single_hyphen_after_the_dateline_is_accepted_and_sep_becomes_sept() -> None:
    story = sample("single_hyphen_dateline.txt")
    assert story.dateline is not None
    assert (story.dateline.month, story.dateline.day) == ("Sept.", 14)
    assert story.paragraphs[0].startswith("A 12-kilometer cycling path")


def test_multi_place_dateline_keeps_every_place_and_the_place_as_written() -> None:
    story = sample("multi_place_2nd_ld.txt")
    assert story.dateline is not None
    assert story.dateline.places == ["SEOUL", "POHANG"]
    assert story.dateline.place == "SEOUL/POHANG, South Korea"
    assert (story.kind, story.lead_ordinal, story.label) == (Kind.LEAD, 2, "(2nd LD)")
    assert story.slug == "Steel-plant-festival"


def test_aboard_air_force_one_dateline_with_a_spelled_out_month() -> None:
    story = sample("aboard_air_force_one.txt")
    assert story.dateline is not None
    assert story.dateline.places == ["ABOARD AIR FORCE ONE"]
    assert story.dateline.month == "Jan."


def test_slug_line_shown_as_title_gives_a_slug_and_no_headline() -> None:
    story = sample("slug_as_title_no_headline.txt")
    assert (story.slug, story.headline) == ("Jeju-ferry delay", "")
    assert story.copyright == "<All rights reserved by Yonhap News Agency>"
    assert len(story.paragraphs) == 2


def test_photo_only_item_is_a_title_a_caption_and_end() -> None:
    story = sample("photo_only_item.txt")
    assert story.headline == "Spring flower festival opens in Jinhae"
    assert story.paragraphs == []
    [caption] = story.captions
    assert caption.text.startswith("(From L to R) A festival volunteer")
    assert caption.text.endswith("on March 27, 2026.")
    assert caption.credits == ["Pool photo", "Yonhap"]
    assert story.end is True
    assert not any("ignored text" in warning for warning in story.warnings)


def test_id_block_chrome_is_skipped_and_hard_wrapped_lines_are_joined() -> None:
    story = sample("partner_id_block_feature_hard_wrap.txt")
    assert story.genres == ["Yonhap Feature"]
    assert story.byline == ["Han Seung-woo"]
    assert len(story.paragraphs) == 5
    assert story.paragraphs[1] == (
        "The bakery, run by a couple in their 30s, sells bread made with rice flour from "
        "nearby farms, and most of its loaves are gone by noon."
    )


def test_indented_hard_wrapped_paragraphs_are_rejoined_without_indentation() -> None:
    story = sample("indented_hard_wrap.txt")
    assert story.dateline is not None and story.dateline.place == "SUWON"
    assert len(story.paragraphs) == 3
    assert story.paragraphs[2] == "The city said the change would cost about 90 million won a year."
    assert all(not p.startswith(" ") and "  " not in p for p in story.paragraphs)
    assert story.signoff == "hospitaldesk@example.com"


def test_stray_x_after_end_is_ignored_and_attn_without_label_invents_no_label() -> None:
    story = sample("stray_x_after_end_attn_no_label.txt")
    assert story.end is True
    assert not any(p == "X" for p in story.paragraphs)
    assert (story.kind, story.lead_ordinal, story.label) == (Kind.ORIGINAL, 0, "")
    assert story.advisory.tags == [("UPDATES", "headline, lead with new closing time")]
    assert story.signoff == "sdh@example.com"
    assert len(story.paragraphs) == 2


@pytest.mark.parametrize(
    ("name", "genres", "headline"),
    [
        (
            "genre_news_focus_lead.txt",
            ["News Focus"],
            "Convenience stores turn to self-checkout as night shifts go unfilled",
        ),
        (
            "genre_interview.txt",
            ["Yonhap Interview"],
            "Apple grower says warmer autumns are changing harvest calendar",
        ),
        (
            "partner_id_block_feature_hard_wrap.txt",
            ["Yonhap Feature"],
            "Small-town bakeries draw weekend crowds with rice bread",
        ),
        ("genre_editorial.txt", ["EDITORIAL from Hanbit Daily on Jan. 6"], "Keep the parks lit"),
    ],
)
def test_genre_tags_are_read_off_the_headline(name: str, genres: list[str], headline: str) -> None:
    story = sample(name)
    assert story.genres == genres
    assert story.headline == headline


@pytest.mark.parametrize(
    ("name", "kind", "ordinal", "label"),
    [
        ("label_urgent.txt", Kind.URGENT, 0, "(URGENT)"),
        ("label_lead.txt", Kind.LEAD, 1, "(LEAD)"),
        ("multi_place_2nd_ld.txt", Kind.LEAD, 2, "(2nd LD)"),
        ("label_3rd_ld.txt", Kind.LEAD, 3, "(3rd LD)"),
        ("roundup_partner_page.txt", Kind.ROUNDUP, 0, "(ROUNDUP)"),
        ("label_corrected.txt", Kind.CORRECTION, 0, "(CORRECTED)"),
        ("genre_news_focus_lead.txt", Kind.LEAD, 1, "(LEAD)"),
        ("no_byline_section_time.txt", Kind.ORIGINAL, 0, ""),
    ],
)
def test_every_label_gives_its_kind_and_lead_ordinal(
    name: str, kind: Kind, ordinal: int, label: str
) -> None:
    story = sample(name)
    assert (story.kind, story.lead_ordinal, story.label) == (kind, ordinal, label)
    assert not story.headline.startswith("(")


def test_caption_above_the_slug_line_is_read_with_an_agency_credit() -> None:
    story = sample("label_3rd_ld.txt")
    assert [c.credits for c in story.captions] == [["KCNA-Yonhap"]]
    assert story.slug == "Rice-planting"


def test_advisory_wrapped_over_two_lines_is_one_advisory() -> None:
    story = sample("advisory_wrapped_two_lines.txt")
    assert story.advisory.tags == [
        ("RECASTS", "lead"),
        ("ADDS", "comments from residents in paras 4-6"),
        ("DELETES", "7th para"),
    ]
    assert story.advisory.text.startswith("(ATTN: RECASTS lead;")
    assert story.advisory.text.endswith("DELETES 7th para)")


def test_advisory_with_a_comma_before_a_verb_has_separate_tags() -> None:
    story = sample("advisory_comma_verbs.txt")
    assert story.advisory.tags == [
        ("UPDATES", "with fares"),
        ("ADDS", "photo"),
        ("REWRITES", "throughout"),
    ]


def test_a_saved_html_page_with_a_story_is_read() -> None:
    story = sample("html_page_with_story.txt")
    assert story.headline == "Night market opens in Incheon port district"
    assert story.byline == ["Moon Ha-eun"]
    assert story.paragraphs[0].startswith("A night market with 60 food stalls opened in Incheon's")
    assert story.end is True
    assert "tracking" not in " ".join(story.paragraphs)


@pytest.mark.parametrize(
    ("caption", "text", "credits"),
    [
        (
            "A crowd gathers on Jan. 5, 2026. (Yonhap)",
            "A crowd gathers on Jan. 5, 2026.",
            ["Yonhap"],
        ),
        (
            "Two ministers (L) talk on Jan. 5, 2026. (Pool photo) (Yonhap)",
            "Two ministers (L) talk on Jan. 5, 2026.",
            ["Pool photo", "Yonhap"],
        ),
        ("Farm work begins. (KCNA-Yonhap)", "Farm work begins.", ["KCNA-Yonhap"]),
        (
            "A new ferry. (PHOTO NOT FOR SALE) (Yonhap)",
            "A new ferry.",
            ["PHOTO NOT FOR SALE", "Yonhap"],
        ),
        ("Guests pose for a photo (From L to R)", "Guests pose for a photo (From L to R)", []),
        ("A volunteer (2nd from R) smiles.", "A volunteer (2nd from R) smiles.", []),
    ],
)
def test_caption_credits_are_the_trailing_parentheses(
    caption: str, text: str, credits: list[str]
) -> None:
    parsed = split_credits(caption)
    assert (parsed.text, parsed.credits) == (text, credits)


# -- what is not a story ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "line", "reason"),
    [
        ("error_empty.txt", 1, "empty input"),
        ("error_binary.txt", 3, "binary data"),
        ("error_unrelated_page.txt", 1, "HTML page with no wire story"),
        ("error_chrome_only.txt", 1, "no headline, slug or story text"),
    ],
)
def test_input_that_is_no_story_raises_wire_error(name: str, line: int, reason: str) -> None:
    path = SAMPLES / name
    with pytest.raises(WireError) as caught:
        read_wire(path)
    error = caught.value
    assert (error.filename, error.line) == (str(path), line)
    assert reason in error.reason
    assert str(error) == f"{path}:{line}: {error.reason}"
    assert {k: v for k, v in error.to_dict().items() if k != "format"} == {
        "file": str(path),
        "line": line,
        "error": error.reason,
    }


def test_wire_error_names_the_file_and_line() -> None:
    with pytest.raises(WireError, match=r"^story\.txt:2: binary data"):
        parse_wire("Headline\nbody \x00 here", filename="story.txt")


@pytest.mark.parametrize("bad", ["text with a \x07 bell", "text with \ufffd", "text \ud800 x"])
def test_control_characters_and_undecodable_text_are_refused(bad: str) -> None:
    with pytest.raises(WireError):
        parse_wire(bad)


def test_decode_wire_reads_utf8_with_bom_and_utf16() -> None:
    assert decode_wire("\ufeffSEOUL".encode()) == "SEOUL"
    assert decode_wire("SEOUL (Yonhap)".encode("utf-16")) == "SEOUL (Yonhap)"


def test_decode_wire_refuses_bytes_that_are_not_utf8() -> None:
    with pytest.raises(WireError, match=r"^x\.txt:2: not UTF-8 text"):
        decode_wire(b"Headline\n\xb1\xe8 Korean in EUC-KR", filename="x.txt")


# -- the dict an import summary prints and the fingerprint ---------------------------


def test_to_dict_has_every_summary_key_with_json_ready_values() -> None:
    data = sample("multi_place_2nd_ld.txt").to_dict()
    assert {
        "file", "slug", "label", "genres", "headline", "deck", "advisory", "byline",
        "dateline", "paragraphs", "captions", "signoff", "end", "copyright", "warnings", "error",
    } <= set(data)  # fmt: skip
    assert data["label"] == "(2nd LD)"
    assert data["advisory"] == {
        "text": "(ATTN: ADDS visitor numbers in 3rd para; CHANGES headline)",
        "tags": [["ADDS", "visitor numbers in 3rd para"], ["CHANGES", "headline"]],
    }
    assert data["dateline"] == {
        "places": ["SEOUL", "POHANG"],
        "place": "SEOUL/POHANG, South Korea",
        "month": "Nov.",
        "day": 1,
        "agency": "Yonhap",
    }
    assert data["error"] is None


def test_fingerprint_is_the_same_for_the_same_copy_on_another_page() -> None:
    on_page = sample("roundup_partner_page.txt")
    plain = parse_wire(
        (SAMPLES / "roundup_partner_page.txt").read_text(encoding="utf-8").split("(END)")[0]
    )
    assert len(on_page.fingerprint) == 64
    assert plain.fingerprint == on_page.fingerprint  # no (END), no footer: same copy


def test_fingerprint_changes_when_the_copy_changes() -> None:
    story = sample("roundup_partner_page.txt")
    edited = dataclasses.replace(story, paragraphs=[*story.paragraphs[:-1], "A new last line."])
    relabelled = dataclasses.replace(story, kind=Kind.CORRECTION)
    assert len({story.fingerprint, edited.fingerprint, relabelled.fingerprint}) == 3


# -- another agency's dialect -------------------------------------------------------


def test_another_agency_is_a_new_dialect_not_a_new_parser() -> None:
    xinhua = dataclasses.replace(
        YONHAP,
        name="xinhua",
        end=re.compile(r"^Endit$"),
        dateline=re.compile(
            r"^(?P<place>[A-Z][A-Z ]+), (?P<month>[A-Z][a-z]+\.?) (?P<day>\d{1,2})"
            r" \((?P<agency>Xinhua)\)(?P<dash> --)? (?P<rest>.*)$"
        ),
    )
    text = (
        "Tea harvest begins in hill villages\n\n"
        "HANGZHOU, April 2 (Xinhua) -- Tea farmers in hill villages began the spring harvest.\n\n"
        "Endit\n"
    )
    story = parse_wire(text, dialect=xinhua)
    assert story.end is True
    assert story.dateline is not None and story.dateline.agency == "Xinhua"
    assert story.paragraphs == ["Tea farmers in hill villages began the spring harvest."]


def test_a_dateline_wrapped_over_two_lines_is_still_the_dateline() -> None:
    story = parse_wire(
        "Ferry service resumes after fog lifts\n\n"
        "SEOUL/INCHEON/MOKPO, South Korea, Feb.\n"
        "3 (Yonhap) -- Ferry services resumed on Tuesday.\n\n"
        "(END)\n"
    )
    assert story.dateline is not None
    assert story.dateline.places == ["SEOUL", "INCHEON", "MOKPO"]
    assert (story.dateline.month, story.dateline.day) == ("Feb.", 3)
    assert story.paragraphs == ["Ferry services resumed on Tuesday."]


def test_end_typed_on_the_last_paragraph_line_still_ends_the_story() -> None:
    story = parse_wire(
        "Night buses added\n\nBUSAN, Jan. 20 (Yonhap) -- Night buses will run from March. (END)\n"
    )
    assert story.end is True
    assert story.paragraphs == ["Night buses will run from March."]


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Kim Eun-jung", ["Kim Eun-jung"]),
        ("By Park Seo-yeon and Choi Min-ho", ["Park Seo-yeon", "Choi Min-ho"]),
        ("By Oh Se-na, Han Bo-ram and Lee Da-in", ["Oh Se-na", "Han Bo-ram", "Lee Da-in"]),
        ("By Oh Se-na, Han Bo-ram, and Lee Da-in", ["Oh Se-na", "Han Bo-ram", "Lee Da-in"]),
    ],
)
def test_bylines_name_one_or_more_writers(line: str, names: list[str]) -> None:
    story = parse_wire(f"Night buses added\n{line}\nBUSAN, Jan. 20 (Yonhap) -- Buses run.\n(END)\n")
    assert story.byline == names


def test_a_sentence_starting_with_by_in_the_body_is_not_a_byline() -> None:
    story = parse_wire(
        "Night buses added\n\nBUSAN, Jan. 20 (Yonhap) -- Buses run.\n\nBy Friday, more will run.\n"
    )
    assert story.byline == []
    assert story.paragraphs[-1] == "By Friday, more will run."


# -- every shared fixture, field by field --------------------------------------------

REAL_EXPECTED = [
    (
        "00_roundup-lee-china-summit-seed.txt",
        "Lee-China-summit",
        "Lee, China's Xi share view on importance of resuming talks with N. Korea",
        "(ROUNDUP)",
        [],
        ["Kim Eun-jung"],
        "BEIJING, Jan. 5 (Yonhap) --",
        27,
        "South Korean President Lee Jae Myung",
        [
            ("President Lee Jae Myung (L)", ["Yonhap"]),
            ("President Lee Jae Myung and", ["Pool photo", "Yonhap"]),
            ("President Lee Jae Myung (R)", ["Yonhap"]),
        ],
        True,
    ),
    (
        "04_news-focus-nk-missile-oana.txt",
        "",
        "N. Korea flexes muscles to pressure S. Korea, U.S.: experts",
        "",
        ["News Focus"],
        ["Sam Kim"],
        "SEOUL, Feb. 3 (Yonhap) --",
        9,
        "In gearing up to test-fire its",
        [],
        False,
    ),
    (
        "05_flu-cases-attn-updates-headline-complete-oana.txt",
        "",
        "S. Korea confirms 10 additional flu cases",
        "",
        [],
        ["Koh Byung-joon"],
        "SEOUL, June 18 (Yonhap) --",
        9,
        "Ten additional cases of Influenza A,",
        [],
        True,
    ),
    (
        "13_slug-nk-missile-launch-globalpost.txt",
        "N Korea-missile launch",
        "",
        "",
        [],
        [],
        "SEOUL, May 19 (Yonhap) --",
        6,
        "North Korea on Sunday fired a",
        [],
        False,
    ),
    (
        "16_photo-item-pool-photo-caption-korean-vibe.txt",
        "",
        "News photo exhibition in Seoul",
        "",
        [],
        [],
        "",
        0,
        "",
        [("(From L to R) Culture", ["Pool photo", "Yonhap"])],
        True,
    ),
    (
        "19_exports-sejong-dateline-byline-yna.txt",
        "",
        "Korea's exports down for 10th month on trade rows, chips",
        "",
        [],
        ["Kang Yoon-seung"],
        "SEJONG, Oct. 1 (Yonhap) --",
        4,
        "South Korea's exports sank 11.7 percent",
        [],
        False,
    ),
    (
        "20_dokdo-chopper-v0-first-version-complete-yna.txt",
        "",
        "7 missing in chopper crash near Dokdo",
        "",
        [],
        [],
        "DAEGU, Nov. 1 (Yonhap) --",
        3,
        "Seven South Koreans were still unaccounted",
        [],
        True,
    ),
]


@needs_real_copy
@pytest.mark.parametrize(
    ("name", "slug", "headline", "label", "genres", "byline", "dateline", "count", "first",
     "captions", "end"),
    REAL_EXPECTED,
    ids=[row[0] for row in REAL_EXPECTED],
)  # fmt: skip
def test_every_real_fixture_reads_field_by_field(
    name, slug, headline, label, genres, byline, dateline, count, first, captions, end
) -> None:
    story = real(name)
    assert (story.slug, story.headline, story.label, story.genres) == (
        slug,
        headline,
        label,
        genres,
    )
    assert story.byline == byline
    assert (story.dateline.text if story.dateline else "") == dateline
    assert len(story.paragraphs) == count
    assert (" ".join(story.paragraphs[0].split()[:6]) if story.paragraphs else "") == first
    assert [(" ".join(c.text.split()[:5]), c.credits) for c in story.captions] == captions
    assert story.end is end
    assert story.source == "Yonhap"  # every one is Yonhap's copy, whoever's page it was on


# -- partner pages, read like an editor would ------------------------------------------


def test_skip_links_site_name_share_lines_and_a_stray_dot_are_not_the_headline() -> None:
    story = sample("partner_chrome_share_skip_site.txt")
    assert story.headline == "Gangneung to reopen beach trail after storm repairs"
    assert story.byline == ["Yoo Ha-neul"]
    assert story.dateline is not None and story.dateline.text == "GANGNEUNG, April 12 (Yonhap) --"
    assert len(story.paragraphs) == 3
    text = " ".join(story.paragraphs)
    for chrome in ("Share", "Short link", "Skip", "Font size", "Listen", "Hanbit Daily Times"):
        assert chrome not in text


def test_a_mobile_page_footer_is_not_body_text() -> None:
    story = sample("partner_mobile_footer_cut_off.txt")
    assert story.paragraphs == [
        "Korail will run six extra night trains on the Gyeongbu line during the Chuseok "
        "holidays, the operator said Tuesday.",
        "Tickets for the extra trains go on sale Thursday on the operator's website and app.",
        "The operator said it expects about 40,000 more passengers than last year.",
    ]
    assert story.end is False  # cut off: it stays marked incomplete
    assert story.copyright == "Copyright (C) Hanbit Mobile. All rights reserved."


def test_captions_in_table_cells_and_inline_in_the_body_keep_their_credits() -> None:
    story = sample("partner_captions_in_cells_and_inline.txt")
    assert [(c.text, c.credits) for c in story.captions] == [
        (
            "Shoppers browse vegetable stalls at the old market site in Daejeon on May 2, 2026.",
            ["Yonhap"],
        ),
        (
            "A worker marks stall spaces at the riverside park in Daejeon on May 1, 2026.",
            ["Daejeon City Government", "Yonhap"],
        ),
        (
            "A farmer (R) hands a bag of strawberries to a customer at the market in Daejeon "
            "on May 2, 2026.",
            ["Yonhap"],
        ),
    ]
    assert story.paragraphs == [
        "The city's weekend farmers market will move to a riverside park next month, the city "
        "government said Saturday.",
        "The new site has room for 120 stalls, twice as many as the current one.",
        "Vendors said they welcomed the move.",
        "The market will open at the new site on June 6.",
    ]


def test_an_editorial_with_no_blank_lines_and_no_dateline_has_its_headline() -> None:
    story = sample("editorial_no_blank_lines_no_dateline.txt")
    assert story.genres == ["EDITORIAL from Hanbit Daily on May 4"]
    assert story.headline == "Keep the libraries open late"
    assert story.dateline is None
    assert len(story.paragraphs) == 3
    assert story.paragraphs[0].startswith("The city's plan to close public libraries")


def test_an_advisory_without_a_label_gets_no_invented_label() -> None:
    story = sample("advisory_no_label_stays_unlabelled.txt")
    assert (story.kind, story.label) == (Kind.ORIGINAL, "")
    assert story.advisory.tags == [("UPDATES", "with ministry comment in para 3")]


def test_a_photo_item_is_a_photo_item() -> None:
    story = sample("photo_only_item.txt")
    assert story.photo_item is True
    assert sample("label_lead.txt").photo_item is False


def test_korean_chrome_bracket_labels_and_a_byline_with_its_email() -> None:
    story = sample("partner_korean_chrome_bracket_label.txt")
    assert (story.label, story.headline) == (
        "(LEAD)",
        "Subway line 9 extension opens ahead of schedule",
    )
    assert story.byline == ["Baek Ji-hoon"]
    assert story.dateline is not None and story.dateline.text == "SEOUL, Jan. 12 (Yonhap) --"
    assert story.paragraphs == [
        "A four-station extension of subway line 9 opened Monday, two months ahead of "
        "schedule, the city said.",
        "The extension links the line to a new housing district in eastern Seoul.",
    ]
    assert story.copyright == "ⓒ Yonhap News Agency. Prohibited from redistribution."
    assert story.source == "Yonhap"


@pytest.mark.parametrize("line", ["By Yonhap", "By Hanbit Staff", "By AP"])
def test_an_agency_or_a_desk_is_not_a_writer(line: str) -> None:
    story = parse_wire(f"Night buses added\n{line}\nBUSAN, Jan. 20 (Yonhap) -- Buses run.\n(END)\n")
    assert story.byline == []


def test_lone_page_buttons_at_the_foot_and_bullet_markers_are_not_text() -> None:
    story = parse_wire(
        "Night buses added on three routes\n\n▲ Top\n\n"
        "BUSAN, Jan. 20 (Yonhap) -- Night buses will run on three more routes from March.\n\n"
        "The city will review the service in June.\n\nTop\n\nMore\n\nHome\n"
    )
    assert story.captions == []
    assert story.paragraphs == [
        "Night buses will run on three more routes from March.",
        "The city will review the service in June.",
    ]


def test_an_end_mark_in_square_brackets_ends_the_story() -> None:
    story = parse_wire("Night buses added\n\nBUSAN, Jan. 20 (Yonhap) -- Buses run.\n\n[END]\n")
    assert story.end is True and story.paragraphs == ["Buses run."]
