"""ninjs output validated against IPTC's own ninjs 2.4 JSON schema."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from wire.ninjs import NinjsItem, NinjsPhoto, NinjsRendition, to_ninjs

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "data" / "ninjs" / "ninjs-schema-2.4.json"
KST = dt.timezone(dt.timedelta(hours=9))


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def assert_valid(validator: Draft202012Validator, data: dict[str, Any]) -> None:
    errors = sorted(validator.iter_errors(data), key=lambda error: list(error.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
    json.dumps(data)  # JSON-ready: no datetimes or other objects left in


def photo(n: int, *, source: str = "", restriction: str = "") -> NinjsPhoto:
    return NinjsPhoto(
        uri=f"https://news.example.com/photos/PYH2026020900{n}",
        caption=f"Students study at a public library in Seoul on Feb. 9, 2026. (Yonhap) #{n}",
        photographer="Kim Do-hoon",
        credit="Yonhap",
        source=source,
        restriction=restriction,
        copyright="(C) Yonhap News Agency",
        alt="Students at long desks in a library reading room",
        renditions=[
            NinjsRendition("thumbnail", f"https://news.example.com/media/{n}-t.jpg", 160, 107),
            NinjsRendition(
                "w1280-webp", f"https://news.example.com/media/{n}.webp", 1280, 853, "image/webp"
            ),
        ],
    )


def item(**changes: Any) -> NinjsItem:
    values: dict[str, Any] = {
        "uri": "https://news.example.com/article/AEN20260209000300",
        "version": 2,
        "versioncreated": dt.datetime(2026, 2, 9, 14, 5, tzinfo=KST),
        "firstcreated": dt.datetime(2026, 2, 9, 9, 30, tzinfo=KST),
        "headline": 'Libraries stay open until midnight, "a first" for the city',
        "paragraphs": [
            "Twenty public libraries will stay open until midnight.",
            "Seats can be booked <online> & by phone.",
        ],
        "label": "(2nd LD)",
        "genre_tags": ["News Focus"],
        "byline": ["Park Seo-yeon", "Choi Min-ho"],
        "slugline": "Library-hours",
        "dateline": "SEOUL, Feb. 9 (Yonhap) --",
        "located": "SEOUL",
        "advisory": "(ATTN: UPDATES throughout; CHANGES headline)",
        "section": "National",
        "keywords": ["libraries", "exams"],
    }
    values.update(changes)
    return NinjsItem(**values)


def test_a_text_item_validates_against_the_ninjs_schema(validator: Draft202012Validator) -> None:
    data = to_ninjs(item())
    assert_valid(validator, data)
    assert data["type"] == "text"
    assert data["version"] == "2"
    assert data["pubstatus"] == "usable"
    assert data["language"] == "en"
    assert data["versioncreated"] == "2026-02-09T14:05:00+09:00"
    assert data["firstcreated"] == "2026-02-09T09:30:00+09:00"
    assert data["headlines"][0] == {
        "role": "main",
        "contenttype": "text/plain",
        "value": '(2nd LD) (News Focus) Libraries stay open until midnight, "a first" for the city',
    }
    assert data["by"] == "Park Seo-yeon and Choi Min-ho"
    assert (data["slugline"], data["located"]) == ("Library-hours", "SEOUL")
    assert data["ednote"] == "(ATTN: UPDATES throughout; CHANGES headline)"
    assert {"name": "National", "rel": "section"} in data["subjects"]
    assert {"name": "exams", "rel": "keyword"} in data["subjects"]


def test_bodies_carry_the_dateline_in_plain_text_and_escaped_html() -> None:
    plain, html = to_ninjs(item())["bodies"]
    assert plain == {
        "role": "main",
        "contenttype": "text/plain",
        "value": "SEOUL, Feb. 9 (Yonhap) -- Twenty public libraries will stay open until midnight."
        "\n\nSeats can be booked <online> & by phone.",
    }
    assert html["contenttype"] == "text/html"
    assert html["value"] == (
        "<p>SEOUL, Feb. 9 (Yonhap) -- Twenty public libraries will stay open until midnight.</p>"
        "<p>Seats can be booked &lt;online&gt; &amp; by phone.</p>"
    )


def test_the_deck_is_a_subheadline(validator: Draft202012Validator) -> None:
    data = to_ninjs(item(deck="Seats can be booked through a mobile app"))
    assert_valid(validator, data)
    assert data["headlines"][1]["role"] == "subheadline"


def test_an_item_with_two_photos_validates_with_both_associations(
    validator: Draft202012Validator,
) -> None:
    data = to_ninjs(
        item(photos=[photo(1, source="Pool photo"), photo(2, restriction="PHOTO NOT FOR SALE")])
    )
    assert_valid(validator, data)
    first, second = data["associations"]
    assert (first["name"], second["name"]) == ("photo1", "photo2")
    assert first["type"] == "picture"
    assert first["by"] == "Kim Do-hoon"
    assert first["descriptions"][0]["role"] == "caption"
    assert first["infosources"] == [
        {"name": "Yonhap", "role": "credit"},
        {"name": "Pool photo", "role": "source"},
    ]
    assert second["usageterms"] == "PHOTO NOT FOR SALE"
    assert first["renditions"][1] == {
        "name": "w1280-webp",
        "href": "https://news.example.com/media/1.webp",
        "width": 1280,
        "height": 853,
        "contenttype": "image/webp",
    }


def test_a_killed_item_is_canceled_without_body_or_photos(
    validator: Draft202012Validator,
) -> None:
    data = to_ninjs(item(killed=True, kill_note="Withdrawn: wrong date.", photos=[photo(1)]))
    assert_valid(validator, data)
    assert data["pubstatus"] == "canceled"
    assert data["ednote"] == "Withdrawn: wrong date."
    assert "bodies" not in data and "associations" not in data


def test_an_embargoed_correction_validates_with_its_note_and_embargo(
    validator: Draft202012Validator,
) -> None:
    data = to_ninjs(
        item(
            embargoed=dt.datetime(2026, 2, 10, 6, 0, tzinfo=KST),
            correction_note="This version corrects the opening hours in para 2.",
        )
    )
    assert_valid(validator, data)
    assert data["embargoed"] == "2026-02-10T06:00:00+09:00"
    assert data["descriptions"] == [
        {
            "role": "correction",
            "contenttype": "text/plain",
            "value": "This version corrects the opening hours in para 2.",
        }
    ]
    assert data["ednote"] == "(ATTN: UPDATES throughout; CHANGES headline)"


def test_a_first_version_without_extras_validates(validator: Draft202012Validator) -> None:
    data = to_ninjs(
        item(
            label="",
            genre_tags=[],
            byline=[],
            dateline="",
            located="",
            advisory="",
            section="",
            keywords=[],
            slugline="",
        )
    )
    assert_valid(validator, data)
    assert "ednote" not in data and "by" not in data and "subjects" not in data


def test_the_schema_rejects_what_ninjs_does_not_define(validator: Draft202012Validator) -> None:
    data = to_ninjs(item())
    data["creditline"] = "Yonhap"  # a ninjs 1.x idea; 2.x has no such property
    assert list(validator.iter_errors(data))


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="offset"):
        to_ninjs(item(versioncreated=dt.datetime(2026, 2, 9, 14, 5)))
