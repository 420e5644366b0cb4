"""Embedded caption metadata (photos.metadata): IPTC IIM, XMP and EXIF."""

from __future__ import annotations

import io
import time
import tracemalloc
from datetime import date, datetime, timedelta, timezone

from photos.metadata import PhotoMetadata, read_metadata
from tests.photos import images

CAPTION = (
    "President Lee Jae-myung (L) shakes hands with Chinese President Xi Jinping in "
    "Beijing on Jan. 5, 2026. (Pool photo) (Yonhap)"
)


def meta_of(data: bytes) -> PhotoMetadata:
    return read_metadata(io.BytesIO(data))


def agency_jpeg(**extra: object) -> bytes:
    return images.make_jpeg(
        iptc={
            "caption": CAPTION,
            "byline": ["Kim Eun-jung", "Lee Ji-won"],
            "credit": "Yonhap",
            "source": "Pool photo",
            "copyright": "(C) Yonhap News Agency",
            "headline": "Lee, Xi meet in Beijing",
            "keywords": ["Lee", "Xi", "summit", "Summit"],
            "special_instructions": "Photo not for sale; no archive",
            "date_created": "20260105",
            "time_created": "134400+0900",
        },
        xmp=images.xmp_packet(
            description="An older XMP caption",
            creator=["Someone Else"],
            rights="XMP rights",
            instructions="XMP instructions",
            date_created="2025-12-31",
            subject=["xmp-only"],
        ),
        **extra,  # type: ignore[arg-type]
    )


def test_iptc_fills_every_caption_field() -> None:
    meta = meta_of(agency_jpeg())
    assert meta.description == CAPTION
    assert meta.photographer == "Kim Eun-jung, Lee Ji-won"
    assert (meta.credit, meta.source) == ("Yonhap", "Pool photo")
    assert meta.copyright == "(C) Yonhap News Agency"
    assert meta.headline == "Lee, Xi meet in Beijing"
    assert meta.keywords == ["Lee", "Xi", "summit"]  # repeatable, de-duplicated
    assert meta.special_instructions == "Photo not for sale; no archive"
    assert meta.restriction == "PHOTO NOT FOR SALE"
    assert meta.date_created == datetime(2026, 1, 5, 13, 44, tzinfo=timezone(timedelta(hours=9)))


def test_iptc_wins_over_xmp_and_the_disagreement_is_noted() -> None:
    meta = meta_of(agency_jpeg())
    assert meta.description == CAPTION
    assert meta.copyright == "(C) Yonhap News Agency"
    assert meta.keywords == ["Lee", "Xi", "summit"]
    assert any("disagree on description" in w for w in meta.warnings)


def test_xmp_fills_what_iptc_left_empty() -> None:
    data = images.make_jpeg(
        iptc={"caption": "IIM caption"},
        xmp=images.xmp_packet(
            description="XMP caption",
            creator=["Park Dong-joo"],
            credit="Yonhap",
            source="Pool photo",
            rights="(C) Yonhap",
            headline="XMP headline",
            instructions="PHOTO NOT FOR SALE",
            date_created="2026-01-05T13:44:00+09:00",
            subject=["summit", "diplomacy"],
        ),
    )
    meta = meta_of(data)
    assert meta.description == "IIM caption"
    assert meta.photographer == "Park Dong-joo"
    assert (meta.credit, meta.source, meta.copyright) == ("Yonhap", "Pool photo", "(C) Yonhap")
    assert meta.headline == "XMP headline"
    assert meta.keywords == ["summit", "diplomacy"]
    assert meta.restriction == "PHOTO NOT FOR SALE"
    assert meta.date_created == datetime(2026, 1, 5, 13, 44, tzinfo=timezone(timedelta(hours=9)))


def test_xmp_alone_prefers_the_x_default_language() -> None:
    meta = meta_of(images.make_jpeg(xmp=images.xmp_packet(description="English caption")))
    assert meta.description == "English caption"  # not the "ko" alternative listed first


def test_xmp_properties_written_as_attributes_are_read() -> None:
    packet = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" '
        'photoshop:Credit="Yonhap" photoshop:DateCreated="2026-01-05"/>'
        "</rdf:RDF></x:xmpmeta>"
    )
    meta = meta_of(images.make_jpeg(xmp=packet))
    assert meta.credit == "Yonhap"
    assert meta.date_created == date(2026, 1, 5)


def test_xmp_in_a_png_is_read() -> None:
    meta = meta_of(images.make_png(xmp=images.xmp_packet(headline="From a PNG")))
    assert meta.headline == "From a PNG"


def test_restriction_is_empty_without_the_phrase() -> None:
    meta = meta_of(images.make_jpeg(iptc={"special_instructions": "Embargoed until 0600"}))
    assert meta.special_instructions == "Embargoed until 0600"
    assert meta.restriction == ""


def test_restriction_is_recognised_in_an_agency_caption_tail() -> None:
    data = images.make_jpeg(iptc={"caption": "A rally. (PHOTO NOT FOR SALE) (Yonhap)"})
    assert meta_of(data).restriction == "PHOTO NOT FOR SALE"


def test_alt_text_suggestion_drops_only_the_credit_tail() -> None:
    meta = meta_of(agency_jpeg())
    assert meta.alt_text == (
        "President Lee Jae-myung (L) shakes hands with Chinese President Xi Jinping in "
        "Beijing on Jan. 5, 2026."
    )


def test_script_in_a_caption_is_returned_as_literal_text() -> None:
    caption = '<script>alert("x")</script> & <b>bold</b>'
    meta = meta_of(images.make_jpeg(iptc={"caption": caption, "headline": "<img src=x>"}))
    assert meta.description == caption  # escaping is the templates' job
    assert meta.headline == "<img src=x>"


def test_xmp_markup_in_a_caption_stays_text_too() -> None:
    meta = meta_of(images.make_jpeg(xmp=images.xmp_packet(description="<script>x</script>")))
    assert meta.description == "<script>x</script>"


def test_control_characters_are_stripped_and_line_breaks_kept() -> None:
    caption = "First\x00 line\r\nSecond\x07 line\u202e\x1b[31m\rThird"
    meta = meta_of(images.make_jpeg(iptc={"caption": caption, "credit": "Yon\x00hap\r\n"}))
    assert meta.description == "First line\nSecond line[31m\nThird"
    assert meta.credit == "Yonhap"


def test_utf8_iim_is_decoded_when_declared() -> None:
    meta = meta_of(images.make_jpeg(iptc={"byline": "김은정", "caption": "서울 – café"}))
    assert meta.photographer == "김은정"
    assert meta.description == "서울 – café"


def test_undeclared_utf8_iim_is_still_decoded_as_utf8() -> None:
    fields = {"caption": "Café in Seoul 서울".encode()}
    meta = meta_of(images.make_jpeg(iptc=fields, iptc_utf8=False))
    assert meta.description == "Café in Seoul 서울"


def test_legacy_8_bit_iim_falls_back_to_windows_1252() -> None:
    fields = {"caption": "Caf\xe9 \x93quoted\x94".encode("latin-1")}
    meta = meta_of(images.make_jpeg(iptc=fields, iptc_utf8=False))
    assert meta.description == "Café \u201cquoted\u201d"


def test_xmp_billion_laughs_is_ignored_not_expanded() -> None:
    data = images.make_jpeg(
        iptc={"caption": "Safe caption"}, xmp=images.BILLION_LAUGHS_XMP.encode()
    )
    tracemalloc.start()
    started = time.perf_counter()
    try:
        meta = meta_of(data)
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert time.perf_counter() - started < 1.0
    assert peak < 5 * 1024 * 1024
    assert meta.headline == "" and "lol" not in meta.headline
    assert meta.description == "Safe caption"  # the rest of the metadata still counts
    assert any("DTD or entities" in w for w in meta.warnings)


def test_malformed_xmp_is_ignored_with_a_warning() -> None:
    meta = meta_of(images.make_jpeg(xmp="<x:xmpmeta><unclosed>"))
    assert meta.description == ""
    assert any("not well-formed" in w for w in meta.warnings)


def test_malformed_iptc_is_ignored_with_a_warning() -> None:
    data = images.make_jpeg(iptc_raw=b"\x1c\x02\x78\x00\x05hello\xff\xff\xff\xff\xff")
    meta = meta_of(data)
    assert any("IPTC" in w for w in meta.warnings)


def test_invalid_iptc_date_is_ignored_with_a_warning() -> None:
    meta = meta_of(images.make_jpeg(iptc={"date_created": "20261399"}))
    assert meta.date_created is None
    assert any("date created" in w for w in meta.warnings)


def test_exif_date_taken_and_orientation() -> None:
    meta = meta_of(images.make_jpeg(orientation=6, date_taken="2026:01:05 13:44:07"))
    assert meta.orientation == 6
    assert meta.date_taken == datetime(2026, 1, 5, 13, 44, 7)  # naive: camera local time


def test_exif_date_taken_uses_the_offset_when_recorded() -> None:
    data = images.make_jpeg(date_taken="2026:01:05 13:44:07", offset_taken="+09:00")
    taken = meta_of(data).date_taken
    assert taken == datetime(2026, 1, 5, 13, 44, 7, tzinfo=timezone(timedelta(hours=9)))


def test_unset_exif_date_is_none() -> None:
    assert meta_of(images.make_jpeg(date_taken="0000:00:00 00:00:00")).date_taken is None


def test_photo_without_metadata_gives_empty_fields_and_no_warnings() -> None:
    meta = meta_of(images.make_jpeg())
    assert meta == PhotoMetadata()


def test_non_image_gives_a_warning_not_an_exception() -> None:
    meta = meta_of(images.HTML_PAGE)
    assert meta.description == "" and meta.warnings


def test_read_metadata_rewinds_the_file() -> None:
    f = io.BytesIO(agency_jpeg())
    f.seek(10)
    assert read_metadata(f).credit == "Yonhap"
    assert f.tell() == 0
