"""Advisories suggested from the diff: one test per rule, plus mixed cases.

Pure: plain snapshots in, (verb, object) tags out; no database.
"""

from articles.advisories import Snapshot, align, para_refs, suggest

PARAS = (
    "SEOUL -- The city opened its largest library branch on Monday, officials said.",
    "The branch holds 20,000 books and a children's reading room on the ground floor.",
    "Construction took two years and cost 12 billion won, according to the city.",
    "The mayor said more branches will open in the outer districts next year.",
    "Residents lined up before dawn to be among the first visitors.",
    "The library opens from 9 a.m. to 9 p.m. every day except public holidays.",
)


def snap(paragraphs=PARAS, headline="City opens a library", photos=(), writers=()):
    return Snapshot(
        headline=headline,
        paragraphs=tuple(paragraphs),
        photo_ids=tuple(photos),
        writer_ids=tuple(writers),
    )


def test_no_change_suggests_nothing():
    assert suggest(snap(), snap()) == []


def test_rewrapped_whitespace_is_not_a_change():
    rewrapped = [p.replace(" ", "  ") for p in PARAS]
    assert suggest(snap(), snap(rewrapped)) == []


def test_changed_headline_suggests_changes_headline():
    assert suggest(snap(), snap(headline="City opens its largest library")) == [
        ("CHANGES", "headline")
    ]


def test_rewritten_lead_suggests_recasts_lead():
    new = list(PARAS)
    new[0] = "SEOUL -- Thousands of residents queued overnight as a vast new library opened."
    assert suggest(snap(), snap(new)) == [("RECASTS", "lead")]


def test_lightly_edited_lead_is_an_update_of_para_1_not_a_recast():
    new = list(PARAS)
    new[0] = PARAS[0].replace("Monday", "Tuesday")
    assert suggest(snap(), snap(new)) == [("UPDATES", "para 1")]


def test_added_paragraphs_suggest_adds_in_new_paragraph_numbers():
    new = [*PARAS[:4], "Experts praised the design.", "One called it a model.", *PARAS[4:]]
    assert suggest(snap(), snap(new)) == [("ADDS", "more info in paras 5-6")]


def test_edited_paragraphs_suggest_updates_with_their_numbers():
    new = list(PARAS)
    new[1] = PARAS[1].replace("20,000", "25,000")
    new[3] = PARAS[3].replace("next year", "in 2027")
    assert suggest(snap(), snap(new)) == [("UPDATES", "paras 2, 4")]


def test_most_paragraphs_changed_suggests_updates_throughout():
    new = [p.replace("the", "a").replace("The", "A") + " More." for p in PARAS]
    assert suggest(snap(), snap(new)) == [("UPDATES", "throughout")]


def test_numbers_after_an_insertion_are_those_of_the_new_version():
    # A paragraph inserted at 2 pushes the old para 4 to 5; its edit is named 5.
    new = [PARAS[0], "A new second paragraph.", *PARAS[1:]]
    new[4] = PARAS[3].replace("next year", "in 2027")
    assert suggest(snap(), snap(new)) == [
        ("UPDATES", "para 5"),
        ("ADDS", "more info in para 2"),
    ]


def test_removed_paragraphs_suggest_deletes_with_their_old_numbers():
    new = [p for n, p in enumerate(PARAS) if n not in (2, 3)]
    assert suggest(snap(), snap(new)) == [("DELETES", "old paras 3-4")]


def test_added_photo_suggests_adds_photo():
    assert suggest(snap(photos=[1]), snap(photos=[1, 2])) == [("ADDS", "photo")]
    assert suggest(snap(), snap(photos=[1, 2])) == [("ADDS", "photos")]


def test_replaced_photo_suggests_replaces_photo():
    assert suggest(snap(photos=[1]), snap(photos=[2])) == [("REPLACES", "photo")]


def test_removed_photo_suggests_deletes_photo():
    assert suggest(snap(photos=[1, 2]), snap(photos=[1])) == [("DELETES", "photo")]


def test_added_writer_suggests_adds_byline():
    assert suggest(snap(), snap(writers=[7])) == [("ADDS", "byline")]
    assert suggest(snap(writers=[7]), snap(writers=[7, 8])) == [("ADDS", "byline")]


def test_swapped_writer_suggests_changes_byline():
    assert suggest(snap(writers=[7]), snap(writers=[8])) == [("CHANGES", "byline")]


def test_mixed_resend_lists_every_change_in_a_fixed_order():
    new = list(PARAS)
    new[0] = "SEOUL -- A new library drew thousands on its first day, officials said Tuesday."
    new[2] = PARAS[2].replace("12 billion", "13 billion")
    new = [*new[:5], "Critics said the money should have gone to schools.", *new[5:]]
    tags = suggest(
        snap(photos=[1], writers=[]),
        snap(new, headline="Library draws thousands", photos=[1, 2], writers=[7]),
    )
    assert tags == [
        ("RECASTS", "lead"),
        ("UPDATES", "para 3"),
        ("ADDS", "more info in para 6"),
        ("CHANGES", "headline"),
        ("ADDS", "photo"),
        ("ADDS", "byline"),
    ]


def test_throughout_keeps_headline_photo_and_byline_tags():
    new = [p + " Updated." for p in PARAS]
    tags = suggest(snap(), snap(new, headline="New", photos=[3], writers=[1]))
    assert tags == [
        ("UPDATES", "throughout"),
        ("CHANGES", "headline"),
        ("ADDS", "photo"),
        ("ADDS", "byline"),
    ]


def test_a_one_paragraph_urgent_growing_into_a_story_is_updated_throughout():
    urgent = snap([PARAS[0]])
    assert suggest(urgent, snap()) == [("UPDATES", "throughout")]


def test_alignment_pairs_edited_paragraphs_and_leaves_new_ones_alone():
    old = ["one two three four", "five six seven eight"]
    new = ["one two three four", "something else entirely", "five six seven nine"]
    assert align(old, new) == [(0, 0), (None, 1), (1, 2)]


def test_paragraph_references_use_ranges_and_singulars():
    assert para_refs([3]) == "para 3"
    assert para_refs([2, 4]) == "paras 2, 4"
    assert para_refs([5, 6, 7]) == "paras 5-7"
    assert para_refs([2, 5, 6, 7, 9]) == "paras 2, 5-7, 9"
