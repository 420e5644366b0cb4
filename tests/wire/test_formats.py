"""Other agencies' formats, sniffed from content and read into the same WireStory.

The public samples in ../shared/fixtures/agencies/ are read in place (never copied) and
each is checked field by field; our own invented samples in samples/agency_* cover the
marks the public ones lack (a kill, a correction, an embargo, real Latin-1 bytes).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from articles.vocab import Kind
from wire.formats import read_file, read_story, sniff
from wire.text.story import CANCELED, WITHHELD, WireError

ROOT = Path(__file__).resolve().parents[2]
AGENCIES = ROOT.parent / "shared" / "fixtures" / "agencies"
SAMPLES = Path(__file__).parent / "samples"
needs_agencies = pytest.mark.skipif(
    not AGENCIES.is_dir(), reason="public agency samples live in ../shared/fixtures/agencies"
)


@dataclass(frozen=True)
class Expect:
    path: str
    format: str
    headline: str
    label: str
    status: str
    source: str
    byline: list[str]
    dateline: str
    paragraphs: int
    first_words: str
    captions: list[tuple[str, list[str]]] = field(default_factory=list)
    end: bool = True


EXPECTED = [
    Expect(
        "anpa/ap-anpa-1st-ld-writethru.tst",
        format="ANPA 1312",
        headline="Deng has 30 points, short-handed Heat beat Hawks 115-111",
        label="(LEAD)",
        status="usable",
        source="AP",
        byline=["Charles Odum"],
        dateline="ATLANTA, Feb. 20 (AP) --",
        paragraphs=18,
        first_words="Luol Deng scored 30 points and",
        captions=[],
        end=True,
    ),
    Expect(
        "anpa/ap-anpa-agate-table-latin1-byte.tst",
        format="ANPA 1312",
        headline="Wild Card Glance",
        label="",
        status="usable",
        source="AP",
        byline=[],
        dateline="",
        paragraphs=94,
        first_words="AMERICAN LEAGUE",
        captions=[],
        end=True,
    ),
    Expect(
        "anpa/ap-anpa-newsalert.tst",
        format="ANPA 1312",
        headline=(
            "Hawaii files court challenge to Trump administration's definition of close U.S. "
            "relationship needed to avoid travel ban"
        ),
        label="(URGENT)",
        status="usable",
        source="AP",
        byline=[],
        dateline="HONOLULU, June 29 (AP) --",
        paragraphs=1,
        first_words="Hawaii files court challenge to Trump",
        captions=[],
        end=True,
    ),
    Expect(
        "anpa/ap-anpa-story-lf.tst",
        format="ANPA 1312",
        headline="For Argentine chemo patients, mirrors can hurt",
        label="",
        status="usable",
        source="AP",
        byline=["Paul Byrne", "Almudena Calatrava"],
        dateline="BUENOS AIRES, Argentina, Nov. 13 (AP) --",
        paragraphs=14,
        first_words="For cancer patients dealing with the",
        captions=[],
        end=True,
    ),
    Expect(
        "anpa/dpa-iptc7901-1st-lead-latin1.txt",
        format="IPTC 7901",
        headline="German football saddened by illness to striker legend Mueller",
        label="(LEAD)",
        status="usable",
        source="dpa",
        byline=["Manuel Schwarz"],
        dateline="MUNICH, Oct. 7 (dpa) --",
        paragraphs=21,
        first_words="German football generations past and present",
        captions=[],
        end=True,
    ),
    Expect(
        "anpa/dpa-iptc7901-eil-flash-bel.iptc",
        format="IPTC 7901",
        headline="Grünen-Spitze tritt nach Wahlniederlagen ab",
        label="(URGENT)",
        status="usable",
        source="dpa",
        byline=[],
        dateline="BERLIN, Sept. 25 (dpa) --",
        paragraphs=1,
        first_words="Die Grünen-Spitze zieht nach den Misserfolgen",
        captions=[],
        end=True,
    ),
    Expect(
        "newsml-1.2/afp-newsml12-declared-latin1-actually-utf8.xml",
        format="NewsML 1.2",
        headline="Décès de Naomi Musenga: l'opératrice du Samu définitivement condamnée",
        label="",
        status="usable",
        source="AFP",
        byline=[],
        dateline="STRASBOURG, July 10 (AFP) --",
        paragraphs=2,
        first_words="L'opératrice du Samu condamnée pour non-assistance",
        captions=[],
        end=True,
    ),
    Expect(
        "newsml-1.2/afp-newsml12-text-with-associations.xml",
        format="NewsML 1.2",
        headline="Israel strikes key Hamas targets as UN Security Council to meet",
        label="(LEAD)",
        status="usable",
        source="AFP",
        byline=["Adel Zaanoun", "Guillaume Lavallee"],
        dateline="GAZA CITY, Palestinian Territories, May 16 (AFP) --",
        paragraphs=41,
        first_words="Israel's army said Sunday it had",
        captions=[],
        end=True,
    ),
    Expect(
        "newsml-1.2/ana-mpa-newsml12-greek.xml",
        format="NewsML 1.2",
        headline="Wage employment balance positive in Jan-March",
        label="",
        status="usable",
        source="ANA-MPA",
        byline=[],
        dateline="ATHENS, April 4 (ANA-MPA) --",
        paragraphs=3,
        first_words="Wage employment in the private sector",
        captions=[],
        end=True,
    ),
    Expect(
        "newsml-1.2/anp-newsml12-nitf33-revision2.xml",
        format="NewsML 1.2",
        headline="FNV staat alleen met acties bij PostNL",
        label="(LEAD)",
        status="usable",
        source="ANP",
        byline=[],
        dateline="SAN MATEO, Dec. 10 (ANP) --",
        paragraphs=4,
        first_words="FNV kondigt werkonderbrekingen aan bij PostNL,",
        captions=[],
        end=True,
    ),
    Expect(
        "newsml-1.2/ats-newsml12-iso8859-15.xml",
        format="NewsML 1.2",
        headline="Un taureau entre dans un magasin à Landquart (GR)",
        label="",
        status="usable",
        source="ATS",
        byline=[],
        dateline="LANDQUART GR, June 3 (ATS) --",
        paragraphs=3,
        first_words="Un taureau âgé d'un an est",
        captions=[],
        end=True,
    ),
    Expect(
        "newsml-1.2/belga-newsml12-iso8859-15-uppercase-codes.xml",
        format="NewsML 1.2",
        headline="Mediawatch dinsdag 29/01/2019 - VTM Nieuws - 13 uur",
        label="",
        status="usable",
        source="Belga",
        byline=[],
        dateline="",
        paragraphs=2,
        first_words="Steven Van Geel gaf zich op",
        captions=[],
        end=True,
    ),
    Expect(
        "newsml-g2/dpa-picture-correction-signal.xml",
        format="NewsML-G2",
        headline="Caroline Kennedy",
        label="(CORRECTED)",
        status="usable",
        source="dpa",
        byline=["Steve Helber"],
        dateline="",
        paragraphs=0,
        first_words="",
        captions=[("Caroline Kennedy, Tochter des ehemaligen", ["Steve Helber/AP/dpa"])],
        end=True,
    ),
    Expect(
        "newsml-g2/iptc-picture-item.xml",
        format="NewsML-G2",
        headline="Variety Of Recessionary Forces Leave Las Vegas Economy Scarred",
        label="",
        status="usable",
        source="Getty Images",
        byline=["Spencer Platt"],
        dateline="",
        paragraphs=0,
        first_words="",
        captions=[
            ("A general view of part", ["Photo by Spencer Platt/Getty Images", "Getty Images"])
        ],
        end=True,
    ),
    Expect(
        "newsml-g2/iptc-text-item-nitf-inline.xml",
        format="NewsML-G2",
        headline='Fed to halt QE to avert "bubble"',
        label="",
        status="usable",
        source="Acme News and Media LLC",
        byline=["Meredith Jameson"],
        dateline="NEW YORK, NY, Oct. 21 (Acme News and Media LLC) --",
        paragraphs=2,
        first_words="Et, sent luptat luptat, commy Nim",
        captions=[],
        end=True,
    ),
    Expect(
        "newsml-g2/iptc-text-item-update-signal.xml",
        format="NewsML-G2",
        headline='Fed to halt QE to avert "bubble"',
        label="(LEAD)",
        status="usable",
        source="Reuters",
        byline=["Meredith Jameson"],
        dateline="BERLIN, Oct. 18 (Reuters) --",
        paragraphs=0,
        first_words="",
        captions=[],
        end=True,
    ),
    Expect(
        "newsml-g2/reuters-text-corrected-edstat-c.xml",
        format="NewsML-G2",
        headline="S. Illinois battles flooding as Mississippi River builds downstream",
        label="(CORRECTED)",
        status="usable",
        source="Reuters",
        byline=["David Bailey", "Erwin Seba", "Tim Ghianni"],
        dateline="Jan. 3 (Reuters) --",
        paragraphs=15,
        first_words="Residents of flooded areas in far",
        captions=[],
        end=True,
    ),
    Expect(
        "newsml-g2/tt-newsmessage-text-and-picture.xml",
        format="NewsML-G2",
        headline='Jan Guillou skriver på ny "Hamilton"-bok',
        label="",
        status="usable",
        source="TT",
        byline=[],
        dateline="",
        paragraphs=5,
        first_words="Jan Guillou arbetar just nu med",
        captions=[("Journalisten och författaren Jan Guillou", ["Naina Helén Jåma/TT"])],
        end=True,
    ),
    Expect(
        "nitf/ap-nitf34-text.xml",
        format="NITF",
        headline="Can trading pollution like stocks help fight climate change?",
        label="",
        status="usable",
        source="AP",
        byline=["Bernard Condon"],
        dateline="NEW YORK, Dec. 10 (AP) --",
        paragraphs=27,
        first_words="The gas produced by hog manure",
        captions=[],
        end=True,
    ),
    Expect(
        "nitf/iptc-sample-tide-update-canceled.xml",
        format="NITF",
        headline="Weather and Tide Updates for Norfolk",
        label="",
        status="canceled",
        source="International Press Telecommunications Council",
        byline=["Alan Karben"],
        dateline="NEWPORT NEWS, VA, Feb. 25 (International Press Telecommunications Council) --",
        paragraphs=11,
        first_words="The weather was superb today in",
        captions=[("The tides are high.", ["Karben"])],
        end=True,
    ),
    Expect(
        "nitf/ntb-nitf36-utf8.xml",
        format="NITF",
        headline="Pandemien herjer på den legeløse indiske landsbygda",
        label="",
        status="usable",
        source="NTB",
        byline=[],
        dateline="UNNAO, May 16 (NTB) --",
        paragraphs=21,
        first_words="Koronapandemien herjer også i landsbyer rundt",
        captions=[("Kremasjonsbål for koronaofre brenner i", ["Amit Sharma / AP / NTB"])],
        end=True,
    ),
    Expect(
        "nitf/pa-nitf31-embargoed.xml",
        format="NITF",
        headline="UK BREAK-UP 'NOT INCONCEIVABLE', FIRST MINISTER WARNS AHEAD OF BREXIT TALKS",
        label="",
        status="usable",
        source="PA",
        byline=["Benjamin Wright"],
        dateline="",
        paragraphs=1,
        first_words="The UK risks breaking up unless",
        captions=[],
        end=True,
    ),
    Expect(
        "nitf/pa-nitf31-latin1.xml",
        format="NITF",
        headline="HARD BREXIT TO COST UK UP TO £66BN A YEAR, SAYS TREASURY",
        label="",
        status="usable",
        source="PA",
        byline=["Sam Lister"],
        dateline="",
        paragraphs=18,
        first_words="Treasury coffers will take a £66",
        captions=[],
        end=True,
    ),
    Expect(
        "nitf/ritzau-nitf32-declared-latin1-actually-utf8.xml",
        format="NITF",
        headline="En 41-årig mand, der onsdag blev anholdt og sat i forbindel",
        label="(URGENT)",
        status="usable",
        source="Ritzau",
        byline=[],
        dateline="KØBENHAVN, May 12 (Ritzau) --",
        paragraphs=3,
        first_words="En 41-årig mand, der onsdag blev",
        captions=[],
        end=True,
    ),
]


@needs_agencies
@pytest.mark.parametrize("expect", EXPECTED, ids=lambda e: e.path)
def test_every_public_agency_sample_reads_field_by_field(expect: Expect) -> None:
    story = read_file(AGENCIES / expect.path)
    assert story.format == expect.format
    assert story.headline == expect.headline
    assert story.label == expect.label
    assert story.status == expect.status
    assert story.source == expect.source
    assert story.byline == expect.byline
    assert (story.dateline.text if story.dateline else "") == expect.dateline
    assert len(story.paragraphs) == expect.paragraphs
    first = " ".join(story.paragraphs[0].split()[:6]) if story.paragraphs else ""
    assert first == expect.first_words
    assert [(" ".join(c.text.split()[:5]), c.credits) for c in story.captions] == expect.captions
    assert story.end is expect.end


@needs_agencies
def test_every_public_agency_sample_has_an_expectation() -> None:
    listed = {e.path for e in EXPECTED}
    found = {
        f"{p.parent.name}/{p.name}"
        for folder in ("anpa", "newsml-1.2", "newsml-g2", "nitf")
        for p in (AGENCIES / folder).iterdir()
    }
    assert listed == found


# -- version marks mapped to our kinds ------------------------------------------------


@needs_agencies
def test_ap_writethru_keyword_is_a_lead_and_eds_notes_go_to_the_desk() -> None:
    story = read_file(AGENCIES / "anpa" / "ap-anpa-1st-ld-writethru.tst")
    assert (story.kind, story.lead_ordinal) == (Kind.LEAD, 1)
    assert story.slug == "Heat-Hawks"
    assert "Eds: Heat 115, Hawks 111. Updates. With AP Photos." in story.notes
    assert not any(p.startswith("Eds:") for p in story.paragraphs)


def test_our_ap_take_reads_its_2nd_ld_byline_and_dateline_date() -> None:
    story = read_file(SAMPLES / "agency_ap_anpa_2nd_ld.tst")
    assert (story.format, story.kind, story.lead_ordinal, story.label) == (
        "ANPA 1312",
        Kind.LEAD,
        2,
        "(2nd LD)",
    )
    assert story.headline == "Ferry runs aground off island, all 80 aboard rescued"
    assert story.byline == ["Min-Ji Park", "Oliver Grant"]
    assert story.dateline is not None
    assert story.dateline.text == "MOKPO, South Korea, April 12 (AP) --"
    assert story.paragraphs == [
        "A passenger ferry ran aground off a small island on Sunday and all 80 people aboard "
        "were rescued, the coast guard said.",
        "The ferry was on its regular route when it hit rocks in fog, officials said.",
        "Nobody was seriously hurt, a coast guard spokesman said.",
    ]
    assert story.notes == ["Eds: UPDATES with all passengers rescued. With AP Photos."]
    assert story.end is True


def test_our_dpa_correction_in_iptc_7901_reads_as_corrected() -> None:
    story = read_file(SAMPLES / "agency_dpa_iptc7901_correction.txt")
    assert (story.format, story.label, story.source) == ("IPTC 7901", "(CORRECTED)", "dpa")
    assert story.headline == "Harbour festival moves to Saturday"
    assert story.byline == ["Anna Berger"]
    assert story.dateline is not None and story.dateline.text == "KIEL, June 12 (dpa) --"
    assert story.paragraphs[0] == (
        "The harbour festival will open on Saturday, not Friday as previously reported, "
        "the organisers said."
    )
    assert len(story.paragraphs) == 2  # the notebook and the initials are for the desk
    assert "## Note to editors / - corrects day in lead" in story.notes


@needs_agencies
def test_dpa_flash_rings_the_bell_and_reads_as_urgent() -> None:
    story = read_file(AGENCIES / "anpa" / "dpa-iptc7901-eil-flash-bel.iptc")
    assert story.kind is Kind.URGENT
    assert "\x07" not in story.headline


@needs_agencies
def test_reuters_corrected_item_reads_its_correction_trailer_and_bare_dateline() -> None:
    story = read_file(AGENCIES / "newsml-g2" / "reuters-text-corrected-edstat-c.xml")
    assert story.kind is Kind.CORRECTION
    assert story.slug == "USA-WEATHER"
    assert story.advisory.tags[0][0] == "CORRECTS"
    assert story.advisory.tags[0][1].startswith("last paragraph to reflect")
    assert story.dateline is not None
    assert (story.dateline.place, story.dateline.agency) == ("", "Reuters")
    assert story.copyright.startswith("(c) Copyright Thomson Reuters 2016")
    assert story.paragraphs[-1].endswith("as flood waters threatened to inundate it.")
    assert any(n.startswith("(Reporting by David Bailey") for n in story.notes)


@needs_agencies
def test_update_signal_reads_as_a_lead_with_its_embargo() -> None:
    story = read_file(AGENCIES / "newsml-g2" / "iptc-text-item-update-signal.xml")
    assert (story.kind, story.lead_ordinal) == (Kind.LEAD, 1)
    assert story.embargo == dt.datetime(2018, 10, 23, 12, 0, tzinfo=dt.UTC)
    assert story.paragraphs == []  # the sample's body is a placeholder comment


def test_killed_reuters_item_reads_as_a_kill_with_its_note() -> None:
    story = read_file(SAMPLES / "agency_reuters_g2_kill.xml")
    assert story.status == CANCELED and story.killed
    assert story.headline == "Busan opens new harbour bridge"
    assert story.byline == ["Jane Doe"]  # from the "(Reporting by …)" trailer
    assert story.notes[0].startswith("KILL: this story is withdrawn.")


@needs_agencies
def test_canceled_nitf_reads_as_a_kill() -> None:
    story = read_file(AGENCIES / "nitf" / "iptc-sample-tide-update-canceled.xml")
    assert story.status == CANCELED
    assert story.deck == "A sample, fictitious NITF article"


def test_embargoed_nitf_keeps_its_release_time_caption_and_credit() -> None:
    story = read_file(SAMPLES / "agency_pa_nitf_embargoed_caption.xml")
    assert story.embargo == dt.datetime(
        2026, 4, 13, 0, 1, tzinfo=dt.timezone(dt.timedelta(hours=1))
    )
    assert (story.headline, story.deck) == (
        "Museum to open night galleries",
        "Late opening on Fridays from May",
    )
    assert story.byline == ["Tom Hale"]
    assert story.dateline is not None and story.dateline.text == "LONDON, April 12 (PA) --"
    assert [(c.text, c.credits) for c in story.captions] == [
        ("Visitors in the main gallery on April 10, 2026.", ["Press Association"])
    ]
    assert story.paragraphs[-1] == "The late openings will be free."  # "ends" closes the copy
    assert story.copyright == "Copyright 2026 Press Association"


def test_an_external_entity_is_never_loaded() -> None:
    story = read_file(SAMPLES / "agency_pa_nitf_embargoed_caption.xml")
    assert "root:" not in " ".join(story.paragraphs)
    assert story.paragraphs[0].startswith("A London museum will keep its galleries open")


def test_newsml_12_in_real_latin1_bytes_honours_the_declared_encoding() -> None:
    story = read_file(SAMPLES / "agency_afp_newsml12_latin1_revision2.xml")
    assert story.headline == "Un ferry s'échoue près d'une île, tous les passagers secourus"
    assert (story.label, story.source, story.language) == ("(LEAD)", "AFP", "fr")
    assert story.advisory.tags == [("UPDATES", "with rescue of all passengers")]
    assert story.byline == ["Claire Dupont"]
    assert story.slug == "Corée-ferry-météo"


@needs_agencies
def test_latin1_declared_but_utf8_bytes_read_as_utf8() -> None:
    story = read_file(AGENCIES / "newsml-1.2" / "afp-newsml12-declared-latin1-actually-utf8.xml")
    assert "Décès" in story.headline and "Ã" not in story.headline
    assert any("UTF-8" in warning for warning in story.warnings)


@needs_agencies
def test_iso_8859_15_bytes_and_a_dtd_that_is_not_loaded() -> None:
    story = read_file(AGENCIES / "newsml-1.2" / "ats-newsml12-iso8859-15.xml")
    assert story.headline == "Un taureau entre dans un magasin à Landquart (GR)"


def test_reuters_text_reads_its_update_mark_advisory_and_trailer() -> None:
    story = read_file(SAMPLES / "agency_reuters_text_update.txt")
    assert story.format == "wire text (reuters)"
    assert (story.headline, story.label) == ("Seoul shares rise as chip makers rally", "(LEAD)")
    assert story.advisory.tags == [("ADDS", "analyst comment, closing prices")]
    assert story.byline == ["Min Seo-yun", "Daniel Ortega"]
    assert story.dateline is not None and story.dateline.text == "SEOUL, April 2 (Reuters) --"
    assert story.paragraphs == [
        "South Korean shares rose on Thursday as chip makers gained, analysts said.",
        '"Chip demand is recovering," said an analyst at a Seoul brokerage.',
    ]
    assert story.end is True


def test_xinhua_text_ends_with_endit() -> None:
    story = read_file(SAMPLES / "agency_xinhua_text.txt")
    assert (story.format, story.source, story.end) == ("wire text (xinhua)", "Xinhua", True)
    assert story.headline == "Tea harvest begins in hill villages"
    assert story.paragraphs[-1] == "About 3,000 farmers work on the terraces."


# -- sniffing and refusals ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "format"),
    [
        (b"\x16\x16\x01a0101\x1f-----\nr a\x13\x11 BC-X--Y\n\x02text\x03", "ANPA 1312"),
        (b"\x01abc 1 pl 10  dpa 01\r\nKey/\r\n\x02Text\r\n\x03", "IPTC 7901"),
        (
            b'<?xml version="1.0"?><newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"/>',
            "NewsML-G2",
        ),
        (b"<!-- a comment --><NewsML Version='1.2'></NewsML>", "NewsML 1.2"),
        (b'<?xml version="1.0"?>\n<!DOCTYPE nitf SYSTEM "nitf.dtd">\n<nitf/>', "NITF"),
        (b"<!DOCTYPE html><html><body>x</body></html>", "HTML page"),
        (b"Night buses added\n\nBUSAN, Jan. 20 (Yonhap) -- Buses.", "wire text"),
        (b"%PDF-1.7\n...", "PDF document"),
        (b"\xff\xd8\xff\xe0JFIF", "JPEG image"),
        (b"PK\x03\x04rest", "ZIP archive (a Word, OpenDocument or zipped file)"),
        (b'{"uri": "x", "headlines": []}', "ninjs JSON"),
        (b'<?xml version="1.0"?><rss version="2.0"/>', "RSS/Atom feed"),
        (b"<catalog><book/></catalog>", "XML (catalog)"),
    ],
)
def test_the_format_is_sniffed_from_the_content(data: bytes, format: str) -> None:
    assert sniff(data) == format


@pytest.mark.parametrize(
    ("data", "named"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "PDF document"),
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b'{"uri": "urn:x", "headlines": [{"value": "x"}]}', "ninjs JSON"),
        (b"<catalog><book/></catalog>", "XML (catalog)"),
    ],
)
def test_a_format_we_cannot_read_is_refused_naming_the_format_guessed(
    data: bytes, named: str
) -> None:
    with pytest.raises(WireError) as caught:
        read_story(data, filename="feed/item.txt")
    assert caught.value.format == named
    assert str(caught.value) == f"feed/item.txt:1: not a format we read: looks like {named}"


def test_xml_that_is_not_well_formed_names_format_and_line() -> None:
    with pytest.raises(WireError) as caught:
        read_story(b"<nitf>\n<head>\n<title>x</nitf>", filename="a.xml")
    assert caught.value.format == "NITF"
    assert caught.value.line == 3
    assert "not well-formed" in caught.value.reason


def test_an_entity_bomb_is_not_expanded() -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE nitf [<!ENTITY a "aaaaaaaaaa">'
        + "".join(
            f'<!ENTITY {n} "{("&" + p + ";") * 10}">'
            for p, n in zip("abcdefgh", "bcdefghi", strict=True)
        )
        + "]><nitf><body><body.head><hedline><hl1>Bomb &i; here</hl1></hedline></body.head>"
        "<body.content><p>Text.</p></body.content></body></nitf>"
    )
    try:
        story = read_story(bomb.encode(), filename="bomb.xml")
    except WireError as refused:
        assert refused.format == "NITF"
    else:
        assert len(story.headline) < 100


def test_kind_of_every_format_is_one_of_ours() -> None:
    for path in sorted(SAMPLES.glob("agency_*")):
        story = read_file(path)
        assert story.kind in set(Kind)
        assert story.status in ("usable", CANCELED, WITHHELD)
