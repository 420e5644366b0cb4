"""Importing copy: whose it is, what may go live, what does not fit, kills and embargoes,
photo items, a fresh database; and for every fixture, import -> export -> import gives
the same fields and ninjs that validates against IPTC's schema."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from jsonschema import Draft202012Validator

from articles.models import Article, Genre, Section, Version
from photos.models import Photo
from wire.formats import read_file, read_story
from wire.importer import ImportRefused, import_story
from wire.syndication import ninjs, wire_text
from wire.text.story import Dateline, WireStory

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "fixtures"
WIRE = SHARED / "wire"
AGENCIES = SHARED / "agencies"
SAMPLES = Path(__file__).parent / "samples"
SCHEMA = ROOT / "tests" / "data" / "ninjs" / "ninjs-schema-2.4.json"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/fixtures absent")

FIXTURES = (
    sorted(WIRE.glob("*.txt"))
    + sorted(
        p
        for folder in ("anpa", "newsml-1.2", "newsml-g2", "nitf")
        for p in (AGENCIES / folder).iterdir()
    )
    if SHARED.is_dir()
    else []
)
OUR_SAMPLES = sorted(
    p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".xml", ".tst") and "error_" not in p.name
)


@pytest.fixture
def national(db) -> Section:
    return Section.objects.get_or_create(slug="national", defaults={"name": "National"})[0]


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def imported(path: Path, section: Section, **options: Any) -> Version:
    return import_story(read_file(path), section=section, **options).version


def fields(version: Version) -> dict[str, Any]:
    """What a version says, as readers and subscribers see it."""
    v = Version.objects.for_page().get(pk=version.pk)
    return {
        "slug": v.article.slug,
        "headline": v.headline,
        "deck": v.deck,
        "label": v.label,
        "genre": v.genre,
        "genre_tag": v.genre_tag,
        "dateline": v.dateline,
        "paragraphs": v.paragraphs,
        "signoff": v.signoff,
        "byline": [b.writer.name for b in v.bylines.all()],
        "captions": [(c.text, c.photo.credit_line, bool(c.alt)) for c in v.captions.all()],
        "advisory": v.advisory_tags(),
        "source": v.article.source,
        "copyright": v.article.copyright,
        "complete": v.complete,
    }


# -- every fixture: round trip and ninjs -------------------------------------------------


@needs_shared
@pytest.mark.parametrize("path", FIXTURES + OUR_SAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_fixture_survives_import_export_import_and_its_ninjs_validates(
    path: Path, national: Section, validator: Draft202012Validator
) -> None:
    first = imported(path, national)
    before = fields(first)
    validator.validate(ninjs(Version.objects.for_page().get(pk=first.pk)))
    text = wire_text(Version.objects.for_page().get(pk=first.pk))
    if first.article.is_killed:
        # A killed story leaves as a kill notice naming it, none of its text, and is
        # read back as the kill of that story.
        notice = read_story(text.encode(), filename="export.txt")
        assert notice.killed
        assert (notice.slug, notice.headline) == (before["slug"], before["headline"])
        assert not any(p in text for p in before["paragraphs"] if len(p) > 20)
        return
    first.article.delete()  # drafts only: the export is read into an empty newsroom

    again = import_story(read_story(text.encode(), filename="export.txt"), section=national)
    assert fields(again.version) == before


# -- keep the source ---------------------------------------------------------------------


@needs_shared
def test_yonhap_copy_keeps_its_credit_copyright_and_byline(national, validator) -> None:
    version = imported(WIRE / "00_roundup-lee-china-summit-seed.txt", national)
    article = version.article
    assert (article.source, article.source_copyright) == (
        "Yonhap",
        "(C) Yonhap News Agency. All Rights Reserved",
    )
    assert version.dateline == "BEIJING, Jan. 5 (Yonhap) --"
    data = ninjs(Version.objects.for_page().get(pk=version.pk))
    validator.validate(data)
    assert data["copyrightholder"] == "Yonhap"
    assert data["copyrightnotice"] == "(C) Yonhap News Agency. All Rights Reserved"
    assert data["infosources"] == [
        {"name": "Yonhap", "role": "http://cv.iptc.org/newscodes/infosourcerole/origprov"}
    ]
    assert "Hanbit" not in wire_text(version)


def test_a_yonhap_interview_keeps_its_genre_tag(national) -> None:
    version = imported(SAMPLES / "genre_interview.txt", national)
    assert version.genre_tag == "(Yonhap Interview)"
    assert version.display_headline.startswith("(Yonhap Interview) ")


def test_our_own_copy_says_our_name_and_keeps_no_source(national) -> None:
    story = WireStory(
        headline="Harbor ferry adds a late sailing for holiday travelers",
        dateline=Dateline(place="BUSAN", month="Nov.", day=27, agency="Hanbit"),
        paragraphs=["The harbor ferry will add a late sailing on weekends, the operator said."],
        end=True,
    )
    version = import_story(story, section=national).version
    assert (version.article.source, version.article.source_copyright) == ("", "")
    assert version.article.copyright == "(C) Hanbit News Agency. All Rights Reserved"
    assert ninjs(Version.objects.for_page().get(pk=version.pk))["copyrightholder"] == (
        "Hanbit News Agency"
    )


@needs_shared
def test_ap_copy_keeps_ap_as_its_source_with_a_copyright_naming_it(national) -> None:
    version = imported(AGENCIES / "anpa" / "ap-anpa-story-lf.tst", national)
    assert (version.article.source, version.article.copyright) == ("AP", "(C) AP")
    assert version.dateline.endswith("(AP) --")
    assert [b.writer.name for b in version.bylines.all()] == ["Paul Byrne", "Almudena Calatrava"]


# -- what goes live ----------------------------------------------------------------------


@needs_shared
def test_publish_leaves_copy_without_a_headline_as_a_draft(national) -> None:
    outcome = import_story(read_file(WIRE / "13_slug-nk-missile-launch-globalpost.txt"),
                           section=national, publish=True)  # fmt: skip
    assert outcome.version.status == "draft"
    assert any("no headline" in w for w in outcome.warnings)


@needs_shared
def test_publish_never_publishes_copy_in_another_language(national) -> None:
    outcome = import_story(read_file(AGENCIES / "nitf" / "ntb-nitf36-utf8.xml"),
                           section=national, publish=True)  # fmt: skip
    assert outcome.version.status == "draft"
    assert any("'nb-NO', not English" in w for w in outcome.warnings)


@needs_shared
def test_a_headline_only_item_is_not_published(national) -> None:
    outcome = import_story(read_file(AGENCIES / "newsml-g2" / "iptc-text-item-update-signal.xml"),
                           section=national, publish=True)  # fmt: skip
    assert outcome.version.status == "draft"
    assert any("no story text" in w for w in outcome.warnings)


def test_embargoed_copy_is_scheduled_for_its_release_time(national) -> None:
    at = dt.datetime(2026, 4, 12, 9, 0, tzinfo=dt.UTC)
    outcome = import_story(read_file(SAMPLES / "agency_pa_nitf_embargoed_caption.xml"),
                           section=national, publish=True, at=at)  # fmt: skip
    assert outcome.version.status == "published"
    assert outcome.version.publish_at == dt.datetime(2026, 4, 12, 23, 1, tzinfo=dt.UTC)
    assert outcome.version.article.source == "PA"


def test_published_captions_carry_alt_text(national) -> None:
    version = imported(SAMPLES / "roundup_partner_page.txt", national, publish=True)
    assert version.status == "published"
    assert all(c.alt_text == c.text[:300] for c in version.captions.all())
    assert all(c.photo.alt_text for c in version.captions.all())


# -- photo items -------------------------------------------------------------------------


@needs_shared
def test_a_photo_item_imports_as_a_photo_item_awaiting_its_image(national, validator) -> None:
    outcome = import_story(read_file(WIRE / "16_photo-item-pool-photo-caption-korean-vibe.txt"),
                           section=national, publish=True)  # fmt: skip
    version = outcome.version
    assert (version.genre, version.status, version.body) == (Genre.PHOTO, "draft", "")
    [caption] = version.captions.select_related("photo")
    assert caption.text.startswith("(From L to R) Culture Minister Yu In-chon")
    assert not caption.photo.has_image
    assert caption.photo in Photo.objects.awaiting_image()
    assert caption.photo.credit_line == "(Pool photo) (Yonhap)"
    assert any("photo item waiting for its image" in w for w in outcome.warnings)
    text = wire_text(Version.objects.for_page().get(pk=version.pk))
    assert f"▲ {caption.text} (Pool photo) (Yonhap)" in text
    data = ninjs(Version.objects.for_page().get(pk=version.pk))
    validator.validate(data)
    assert data["bodies"][0]["value"] == f"{caption.text} (Pool photo) (Yonhap)"


# -- cut-off copy --------------------------------------------------------------------------


@needs_shared
def test_cut_off_copy_stays_marked_incomplete_and_exports_without_end(national) -> None:
    version = imported(WIRE / "04_news-focus-nk-missile-oana.txt", national)
    assert not version.complete
    text = wire_text(Version.objects.for_page().get(pk=version.pk))
    assert "(END)" not in text
    complete = imported(WIRE / "20_dokdo-chopper-v0-first-version-complete-yna.txt", national)
    assert "(END)" in wire_text(Version.objects.for_page().get(pk=complete.pk))


# -- kills -------------------------------------------------------------------------------


def test_killed_reuters_story_imports_as_a_kill_notice(national) -> None:
    outcome = import_story(read_file(SAMPLES / "agency_reuters_g2_kill.xml"),
                           section=national, publish=True)  # fmt: skip
    article = outcome.version.article
    assert outcome.killed is True
    assert article.is_killed
    assert article.kill_note.startswith("KILL: this story is withdrawn.")
    assert outcome.version.status == "draft"  # never published
    assert Article.objects.live().count() == 0


def test_a_kill_withdraws_the_story_it_names(national) -> None:
    story = read_file(SAMPLES / "agency_reuters_g2_kill.xml")
    usable = import_story(
        WireStory(**(story.__dict__ | {"status": "usable", "file": "first.xml"})),
        section=national,
        publish=True,
    ).version
    assert usable.status == "published"
    outcome = import_story(story, section=national)
    usable.article.refresh_from_db()
    assert usable.article.is_killed
    assert outcome.version.article == usable.article
    assert Version.objects.filter(article=usable.article).count() == 1


# -- limits --------------------------------------------------------------------------------


def test_a_deck_over_the_limit_is_refused_naming_file_field_and_limit(national) -> None:
    story = WireStory(
        headline="Harbor ferry adds a late sailing for holiday travelers",
        deck="A very long deck " * 35,  # 594 characters: over Version.deck's 500
        paragraphs=["The harbor ferry will add a late sailing on weekends, the operator said."],
        file="feeds/long-deck.txt",
    )
    with pytest.raises(ImportRefused) as refused:
        import_story(story, section=national)
    assert str(refused.value).startswith("feeds/long-deck.txt: deck is 595 characters")
    assert "over the limit of 500" in str(refused.value)
    assert Article.objects.count() == Version.objects.count() == Photo.objects.count() == 0


def test_import_wire_reports_a_refused_file_and_writes_nothing(national, tmp_path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(
        "Harbor ferry adds a late sailing\n" + "A deck that runs on " * 30 + "\n\n"
        "BUSAN, Nov. 27 (Yonhap) -- The ferry adds a sailing.\n\n(END)\n",
        encoding="utf-8",
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_wire", str(path), stdout=io.StringIO(), stderr=err)
    assert f"{path}: deck is" in err.getvalue()
    assert Article.objects.count() == 0


# -- a fresh database --------------------------------------------------------------------


@pytest.mark.django_db
def test_import_works_right_after_migrate_with_no_sections(tmp_path) -> None:
    assert not Section.objects.exists()
    path = SAMPLES / "label_lead.txt"
    out = io.StringIO()
    call_command("import_wire", str(path), "--dry-run", stdout=out, stderr=io.StringIO())
    assert "would import" in out.getvalue()
    assert not Section.objects.exists()  # a dry run needs no section and makes none
    call_command("import_wire", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert Version.objects.get().article.section.slug == "national"


@pytest.mark.django_db
def test_a_missing_section_is_named_in_the_error() -> None:
    with pytest.raises(CommandError, match="no section with slug 'sports'"):
        call_command("import_wire", str(SAMPLES / "label_lead.txt"), "--section", "sports",
                     stdout=io.StringIO(), stderr=io.StringIO())  # fmt: skip


@needs_shared
def test_every_agency_sample_imports_from_a_folder(national) -> None:
    out = io.StringIO()
    folders = [str(AGENCIES / f) for f in ("anpa", "newsml-1.2", "newsml-g2", "nitf")]
    call_command("import_wire", *folders, "--publish", stdout=out, stderr=io.StringIO())
    assert out.getvalue().strip().endswith("24 imported, 0 already imported, 0 failed.")
    live = Version.objects.filter(status="published")
    assert set(live.values_list("article__source", flat=True)) >= {"AP", "AFP", "Reuters"}
    assert not live.filter(headline="").exists()
    # Nothing in another language went live: German, French, Dutch, Nordic copy waits.
    assert sorted(live.values_list("article__source", flat=True)) == [
        "AFP", "ANA-MPA", "AP", "AP", "AP", "AP", "AP", "PA", "PA", "Reuters", "dpa",
    ]  # fmt: skip


@needs_shared
def test_the_ninjs_examples_are_refused_as_output_not_read(national) -> None:
    err = io.StringIO()
    with pytest.raises(CommandError, match="5 file"):
        call_command("import_wire", str(AGENCIES / "ninjs-examples"),
                     stdout=io.StringIO(), stderr=err)  # fmt: skip
    assert err.getvalue().count("not a format we read: looks like ninjs JSON") == 5
