"""import_wire and export_wire: agency copy into the newsroom and back out to subscribers."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from jsonschema import Draft202012Validator

from articles.models import Article, RevisionTag, Section, Version
from articles.vocab import Kind
from photos.models import Photo
from wire.text.parser import parse_wire
from wire.text.story import Advisory, Dateline, WireCaption, WireStory
from wire.text.writer import write_wire

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT.parent / "shared" / "fixtures" / "wire"
SEED = FIXTURES / "00_roundup-lee-china-summit-seed.txt"
SCHEMA = ROOT / "tests" / "data" / "ninjs" / "ninjs-schema-2.4.json"
needs_fixtures = pytest.mark.skipif(not FIXTURES.is_dir(), reason="../shared/fixtures absent")


@pytest.fixture
def national(db) -> Section:
    return Section.objects.get_or_create(slug="national", defaults={"name": "National"})[0]


BODY = [
    "The city's harbor ferry will add a late sailing on weekends through December, "
    "the operator said Friday.",
    "The extra boat leaves the main pier at 10:30 p.m.",
]


def story(**changes) -> WireStory:
    """Copy written by us, in agency style."""
    base = WireStory(
        slug="Harbor-ferry",
        headline="Harbor ferry adds a late sailing for holiday travelers",
        byline=["Oh Da-eun"],
        dateline=Dateline(place="BUSAN", month="Nov.", day=27, agency="Hanbit"),
        paragraphs=[
            "The city's harbor ferry will add a late sailing on weekends through December, "
            "the operator said Friday.",
            "The extra boat leaves the main pier at 10:30 p.m.",
        ],
        captions=[
            WireCaption("A ferry leaves the main pier in Busan on Nov. 27, 2026.", ["Hanbit"])
        ],
        signoff="daeun@hanbit.example",
        end=True,
    )
    return WireStory(**(base.__dict__ | changes))


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("import_wire", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@needs_fixtures
def test_the_seed_story_imports_exactly(national):
    run(str(SEED))
    version = Version.objects.get()
    assert version.label == "(ROUNDUP)"
    assert version.article.slug == "Lee-China-summit"
    assert version.headline.startswith("Lee, China's Xi share view on importance")
    assert "(ROUNDUP)" not in version.headline
    assert version.advisory_tags() == [("UPDATES", "throughout"), ("CHANGES", "headline")]
    assert [b.writer.name for b in version.bylines.all()] == ["Kim Eun-jung"]
    assert version.bylines.get().writer.name_ko == "김은정"  # from the partner header
    assert version.dateline_place == "BEIJING"
    assert (version.dateline_date.month, version.dateline_date.day) == (1, 5)
    paragraphs = version.paragraphs
    assert paragraphs[0].startswith(
        "South Korean President Lee Jae Myung and Chinese President Xi Jinping on Monday"
    )
    assert "Qing Dynasty" in paragraphs[-1] and "stone lion" in paragraphs[-1]
    assert not any(w in version.body for w in ("facebook", "kakao", "pinterest", "twitter"))
    captions = list(version.captions.select_related("photo"))
    assert len(captions) == 3
    assert [c.photo.credit_line for c in captions] == [
        "(Yonhap)",
        "(Pool photo) (Yonhap)",
        "(Yonhap)",
    ]
    assert all(not c.photo.has_image for c in captions)  # awaiting image
    assert version.status == "draft"


@needs_fixtures
def test_seed_json_output_has_the_documented_keys(national):
    data = json.loads(run("--json", str(SEED)))
    assert len(data) == 1
    item = data[0]
    for key in (
        "file",
        "slug",
        "label",
        "genres",
        "headline",
        "deck",
        "advisory",
        "byline",
        "dateline",
        "paragraphs",
        "captions",
        "signoff",
        "end",
        "copyright",
        "warnings",
        "error",
    ):
        assert key in item, key
    assert item["label"] == "(ROUNDUP)"
    assert item["advisory"]["tags"] == [["UPDATES", "throughout"], ["CHANGES", "headline"]]
    assert item["dateline"] | {"places": ["BEIJING"], "month": "Jan.", "day": 5} == item["dateline"]
    assert item["end"] is True and item["error"] is None
    assert Article.objects.count() == 0  # --json writes nothing


@needs_fixtures
def test_every_real_fixture_imports_without_error(national):
    output = run(str(FIXTURES), "--publish")
    assert "0 failed" in output
    assert Version.objects.count() == len(list(FIXTURES.glob("*.txt")))


def test_an_original_then_a_lead_thread_into_one_article(national, tmp_path):
    first = write(tmp_path, "a.txt", write_wire(story()))
    lead = story(
        kind=Kind.LEAD,
        lead_ordinal=1,
        headline="Harbor ferry adds two late sailings for holiday travelers",
        advisory=Advisory.from_tags([("UPDATES", "throughout"), ("CHANGES", "headline")]),
    )
    second = write(tmp_path, "b.txt", write_wire(lead))
    run(str(first), "--publish")
    run(str(second), "--publish")
    article = Article.objects.get()
    assert [(v.number, v.label) for v in article.versions.order_by("number")] == [
        (0, ""),
        (1, "(LEAD)"),
    ]
    assert article.current_version().headline.startswith("Harbor ferry adds two")
    assert RevisionTag.objects.filter(version__number=1).count() == 2


def test_a_second_lead_joins_as_version_two(national, tmp_path):
    paths = [
        write(tmp_path, f"{i}.txt", write_wire(s))
        for i, s in enumerate(
            [
                story(),
                story(
                    kind=Kind.LEAD,
                    lead_ordinal=1,
                    paragraphs=[*BODY, "A third sailing is planned."],
                ),
                story(kind=Kind.LEAD, lead_ordinal=2, paragraphs=[*BODY, "Fares stay the same."]),
            ]
        )
    ]
    run(*map(str, paths), "--publish")
    assert [v.label for v in Version.objects.order_by("number")] == ["", "(LEAD)", "(2nd LD)"]


def test_importing_the_same_copy_twice_creates_nothing_new(national, tmp_path):
    path = write(tmp_path, "a.txt", write_wire(story()))
    run(str(path))
    counts = (Article.objects.count(), Version.objects.count(), Photo.objects.count())
    output = run(str(path))
    assert (Article.objects.count(), Version.objects.count(), Photo.objects.count()) == counts
    assert "already imported" in output


def test_a_bad_file_among_good_ones_writes_nothing_and_fails_the_run(national, tmp_path):
    good = write(tmp_path, "1-good.txt", write_wire(story()))
    bad = write(tmp_path, "2-bad.txt", "<html><body><p>Weather widget</p></body></html>")
    other = write(
        tmp_path,
        "3-good.txt",
        write_wire(
            story(
                slug="Night-market",
                headline="Night market opens along the river for the winter season",
            )
        ),
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_wire", str(good), str(bad), str(other), stdout=io.StringIO(), stderr=err
        )
    assert f"{bad}:" in err.getvalue()
    assert Article.objects.count() == 2
    assert set(Article.objects.values_list("slug", flat=True)) == {"Harbor-ferry", "Night-market"}


def test_dry_run_reports_and_writes_nothing(national, tmp_path):
    path = write(tmp_path, "a.txt", write_wire(story()))
    output = run(str(path), "--dry-run")
    assert "would import" in output
    assert Article.objects.count() == Photo.objects.count() == 0


def test_publish_at_a_given_time_and_fold_into_a_roundup(national, tmp_path):
    run(str(write(tmp_path, "a.txt", write_wire(story()))), "--publish")
    folded = Article.objects.get()
    roundup = story(
        slug="Holiday-travel",
        kind=Kind.ROUNDUP,
        headline="Ferries, trains and buses add services as holiday travel peaks",
    )
    run(
        str(write(tmp_path, "r.txt", write_wire(roundup))),
        "--publish",
        "--at",
        "2026-11-28T09:00:00+09:00",
        "--folds",
        folded.code,
    )
    version = Version.objects.get(article__slug="Holiday-travel")
    assert version.publish_at.isoformat() == "2026-11-28T00:00:00+00:00"
    folded.refresh_from_db()
    assert folded.folded_into == version.article


def test_stdin_is_read_with_a_dash(national, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(write_wire(story()).encode())))
    assert "Harbor ferry" in run("-")


def test_export_text_parses_back_to_the_same_story(national, tmp_path):
    run(str(write(tmp_path, "a.txt", write_wire(story()))), "--publish")
    code = Article.objects.get().code
    out = io.StringIO()
    call_command("export_wire", code, stdout=out)
    back = parse_wire(out.getvalue(), filename="export")
    assert back.slug == "Harbor-ferry"
    assert back.headline == story().headline
    assert back.paragraphs == story().paragraphs
    assert back.byline == ["Oh Da-eun"]
    assert back.dateline.place == "BUSAN"
    assert [c.text for c in back.captions] == [story().captions[0].text]
    assert back.end


def test_export_ninjs_validates_and_a_killed_story_is_canceled(national, tmp_path):
    schema = json.loads(SCHEMA.read_text())
    validator = Draft202012Validator(schema)
    run(str(write(tmp_path, "a.txt", write_wire(story()))), "--publish")
    article = Article.objects.get()
    out = io.StringIO()
    call_command("export_wire", article.code, "--format", "ninjs", stdout=out)
    data = json.loads(out.getvalue())
    validator.validate(data)
    assert data["pubstatus"] == "usable"
    assert data["versioncreated"].endswith("+09:00")
    article.kill(by=None, note="Withdrawn: the operator cancelled the plan.")
    out = io.StringIO()
    call_command("export_wire", article.code, "--format", "ninjs", stdout=out)
    killed = json.loads(out.getvalue())
    validator.validate(killed)
    assert killed["pubstatus"] == "canceled"
    assert "bodies" not in killed


def test_the_text_export_of_a_killed_story_is_a_kill_notice(national, tmp_path):
    run(str(write(tmp_path, "a.txt", write_wire(story()))), "--publish")
    article = Article.objects.get()
    article.kill(by=None, note="Withdrawn: the operator cancelled the plan.")
    out = io.StringIO()
    call_command("export_wire", article.code, stdout=out)
    notice = out.getvalue()
    assert notice.startswith("(KILLED) Harbor-ferry\n")
    assert "Please kill the story" in notice
    assert "Withdrawn: the operator cancelled the plan." in notice
    assert story().paragraphs[0] not in notice  # none of the old text
    assert "(END)" in notice


def test_export_refuses_drafts(national, tmp_path):
    run(str(write(tmp_path, "a.txt", write_wire(story()))))
    with pytest.raises(CommandError, match="no published version"):
        call_command("export_wire", Article.objects.get().code, stdout=io.StringIO())
