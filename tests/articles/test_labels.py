"""Labels are derived from a version's kind and its place in the chain, never typed."""

import pytest

from articles import vocab
from articles.models import VersionKind
from tests.conftest import follow_up, published


@pytest.mark.parametrize(
    ("kind", "lead_ordinal", "expected"),
    [
        ("original", 0, ""),
        ("urgent", 0, "(URGENT)"),
        ("lead", 1, "(LEAD)"),
        ("lead", 2, "(2nd LD)"),
        ("lead", 3, "(3rd LD)"),
        ("lead", 4, "(4th LD)"),
        ("lead", 11, "(11th LD)"),
        ("lead", 12, "(12th LD)"),
        ("lead", 21, "(21st LD)"),
        ("lead", 22, "(22nd LD)"),
        ("roundup", 0, "(ROUNDUP)"),
        ("correction", 0, "(CORRECTED)"),
    ],
)
def test_label_for_every_kind_and_ordinal(kind, lead_ordinal, expected):
    assert vocab.label(kind, lead_ordinal) == expected


def test_genre_tag_follows_the_label_in_the_headline(db, section):
    version = published(section, genre="news_focus", headline="Ports brace for a busy winter")
    lead = follow_up(version, kind=VersionKind.LEAD)
    assert version.display_headline == "(News Focus) Ports brace for a busy winter"
    assert lead.display_headline == "(LEAD) (News Focus) Ports brace for a busy winter"


def test_editorial_tag_names_its_paper():
    assert vocab.genre_tag("editorial", "Daily Example on Jan. 6") == (
        "(EDITORIAL from Daily Example on Jan. 6)"
    )


def test_advisory_renders_tags_joined_inside_attn():
    assert vocab.advisory([("UPDATES", "throughout"), ("CHANGES", "headline")]) == (
        "(ATTN: UPDATES throughout; CHANGES headline)"
    )
    assert vocab.advisory([]) == ""


def test_lead_numbering_counts_leads_across_a_long_chain(db, section):
    chain = [published(section)]
    for kind in ["lead"] * 5 + ["roundup", "correction", "lead"]:
        extra = {"correction_note": "Corrects the year."} if kind == "correction" else {}
        chain.append(follow_up(chain[-1], kind=kind, **extra))
    assert [v.label for v in chain] == [
        "",
        "(LEAD)",
        "(2nd LD)",
        "(3rd LD)",
        "(4th LD)",
        "(5th LD)",
        "(ROUNDUP)",
        "(CORRECTED)",
        "(6th LD)",
    ]
    assert [v.number for v in chain] == list(range(9))


def test_slug_line_is_label_and_keyword_slug(db, section):
    version = published(section, slug="Library-branch")
    roundup = follow_up(version, kind=VersionKind.ROUNDUP)
    assert version.slug_line == "Library-branch"
    assert roundup.slug_line == "(ROUNDUP) Library-branch"


def test_dateline_in_ap_style(db, section, settings):
    import datetime as dt

    settings.NEWSROOM_AGENCY = "Hanbit"
    version = published(section, dateline_place="SEOUL", dateline_date=dt.date(2026, 9, 3))
    assert version.dateline == "SEOUL, Sept. 3 (Hanbit) --"
    assert [vocab.ap_month(m) for m in (1, 3, 7, 8, 9, 12)] == [
        "Jan.",
        "March",
        "July",
        "Aug.",
        "Sept.",
        "Dec.",
    ]
