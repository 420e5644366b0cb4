"""Upload checks and renditions (photos.imaging), on tiny images built in memory."""

from __future__ import annotations

import io
import re
import time
import tracemalloc

import pytest
from PIL import Image

from photos.imaging import (
    ImageInfo,
    ImageRejected,
    Limits,
    Rendition,
    inspect_upload,
    make_renditions,
    safe_stored_name,
)
from tests.photos import images


def inspect(data: bytes, filename: str, limits: Limits | None = None) -> ImageInfo:
    return inspect_upload(io.BytesIO(data), filename=filename, limits=limits or Limits())


def refusal(data: bytes, filename: str, limits: Limits | None = None) -> ImageRejected:
    with pytest.raises(ImageRejected) as caught:
        inspect(data, filename, limits)
    assert caught.value.message and str(caught.value) == caught.value.message
    return caught.value


def renditions_of(data: bytes, **kwargs: object) -> list[Rendition]:
    return make_renditions(io.BytesIO(data), **kwargs)  # type: ignore[arg-type]


def reopen(rendition: Rendition) -> Image.Image:
    im = Image.open(io.BytesIO(rendition.content))
    im.load()
    return im


class CountingReader(io.BytesIO):
    """Records how many bytes were read, to prove a refusal happened before reading."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        self.bytes_read += len(chunk)
        return chunk


# --------------------------------------------------------------------------- accepted


def test_jpeg_is_described_with_canonical_extension_and_hash() -> None:
    data = images.make_jpeg(64, 48)
    info = inspect(data, "Seoul Protest.JPEG")
    assert (info.format, info.width, info.height, info.frames) == ("JPEG", 64, 48, 1)
    assert info.extension == "jpg" and info.content_type == "image/jpeg"
    assert info.size_bytes == len(data) and info.orientation == 1
    import hashlib

    assert info.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("data", "filename", "fmt", "ext"),
    [
        (images.make_png(), "a.png", "PNG", "png"),
        (images.make_webp(), "a.webp", "WEBP", "webp"),
        (images.make_gif(1), "a.gif", "GIF", "gif"),
        (images.make_jpeg(), "a.jpg", "JPEG", "jpg"),
    ],
)
def test_each_allowed_format_is_accepted(data: bytes, filename: str, fmt: str, ext: str) -> None:
    info = inspect(data, filename)
    assert (info.format, info.extension) == (fmt, ext)


def test_inspect_rewinds_the_file() -> None:
    f = io.BytesIO(images.make_jpeg())
    inspect_upload(f, filename="a.jpg", limits=Limits())
    assert f.tell() == 0


def test_orientation_6_reports_upright_dimensions() -> None:
    info = inspect(images.make_jpeg(40, 20, orientation=6), "a.jpg")
    assert (info.width, info.height, info.orientation) == (20, 40, 6)


# --------------------------------------------------------------------------- refused formats


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        pytest.param(images.SVG_WITH_SCRIPT, "logo.svg", id="svg"),
        pytest.param(images.SVG_WITH_SCRIPT, "logo.jpg", id="svg-renamed-jpg"),
        pytest.param(images.HTML_PAGE, "photo.jpg", id="html-renamed-jpg"),
        pytest.param(images.PDF_DOC, "scan.pdf", id="pdf"),
        pytest.param(images.make_tiff(), "scan.tif", id="tiff"),
        pytest.param(images.make_tiff(), "scan.jpg", id="tiff-renamed-jpg"),
        pytest.param(images.make_psd(), "layout.psd", id="psd"),
        pytest.param(images.make_eps(), "art.eps", id="eps"),
        pytest.param(images.encode(images.picture(8, 8), "BMP"), "a.bmp", id="bmp"),
        pytest.param(b"just some text", "notes.jpg", id="text"),
    ],
)
def test_non_photo_formats_are_refused_by_content(data: bytes, filename: str) -> None:
    assert refusal(data, filename).code == "format"


@pytest.mark.parametrize(
    ("data", "pillow_name"),
    [(images.make_tiff(), "TIFF"), (images.make_psd(), "PSD"), (images.make_eps(), "EPS")],
)
def test_refused_samples_are_real_files_pillow_could_otherwise_open(
    data: bytes, pillow_name: str
) -> None:
    # Guards the refusal tests above: they must refuse a genuine file, not noise.
    with Image.open(io.BytesIO(data)) as im:
        assert im.format == pillow_name


def test_refusal_survives_pickling_for_task_queues() -> None:
    import pickle

    err = pickle.loads(pickle.dumps(ImageRejected("format", "Not a photo.")))  # noqa: S301
    assert (err.code, err.message, str(err)) == ("format", "Not a photo.", "Not a photo.")


def test_refusal_names_what_the_file_really_is() -> None:
    assert "PDF" in refusal(images.PDF_DOC, "a.jpg").message
    assert "SVG" in refusal(images.SVG_WITH_SCRIPT, "a.jpg").message
    assert "HTML" in refusal(images.HTML_PAGE, "a.jpg").message


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (images.make_png(), "photo.jpg"),
        (images.make_jpeg(), "photo.png"),
        (images.make_jpeg(), "photo.jpg.php"),
        (images.make_jpeg(), "photo"),
        (images.make_gif(1), "anim.webp"),
    ],
)
def test_extension_must_match_the_real_format(data: bytes, filename: str) -> None:
    assert refusal(data, filename).code == "extension"


def test_empty_file_is_refused() -> None:
    assert refusal(b"", "a.jpg").code == "empty"


def test_too_large_file_is_refused_before_it_is_read() -> None:
    reader = CountingReader(images.make_jpeg(64, 64, noise=True))
    with pytest.raises(ImageRejected) as caught:
        inspect_upload(reader, filename="a.jpg", limits=Limits(max_bytes=1000))
    assert caught.value.code == "too_large"
    assert reader.bytes_read == 0
    assert reader.tell() == 0


def test_file_at_exactly_the_byte_limit_is_accepted() -> None:
    data = images.make_jpeg()
    assert inspect(data, "a.jpg", Limits(max_bytes=len(data))).size_bytes == len(data)


# --------------------------------------------------------------------------- pixel bombs


def test_header_only_15000_square_png_is_refused_fast_without_allocating() -> None:
    data = images.png_header_only(15000, 15000)  # 225 Mpx ≈ 675 MB if ever decoded
    tracemalloc.start()
    started = time.perf_counter()
    try:
        err = refusal(data, "bomb.png")
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert err.code == "too_many_pixels"
    assert time.perf_counter() - started < 1.0
    assert peak < 5 * 1024 * 1024


@pytest.mark.parametrize(
    "side",
    [
        8000,  # 64 Mpx: over our 60 Mpx limit, under Pillow's warning threshold
        10000,  # 100 Mpx: Pillow would warn (DecompressionBombWarning)
        20000,  # 400 Mpx: Pillow raises DecompressionBombError at open
    ],
)
def test_pixel_limit_is_checked_from_the_header(side: int) -> None:
    assert refusal(images.png_header_only(side, side), "big.png").code == "too_many_pixels"


def test_pixel_limit_comes_from_limits() -> None:
    data = images.make_png(100, 100)
    assert refusal(data, "a.png", Limits(max_pixels=9_999)).code == "too_many_pixels"
    assert inspect(data, "a.png", Limits(max_pixels=10_000)).width == 100


def test_pillow_bomb_guard_is_not_left_changed() -> None:
    before = Image.MAX_IMAGE_PIXELS
    refusal(images.png_header_only(20000, 20000), "big.png")
    assert before == Image.MAX_IMAGE_PIXELS


# --------------------------------------------------------------------------- damaged files


@pytest.mark.parametrize(
    ("fmt", "ext"), [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp"), ("GIF", "gif")]
)
@pytest.mark.parametrize("kept", [0.6, 0.99])
def test_truncated_image_is_refused_as_corrupt(fmt: str, ext: str, kept: float) -> None:
    data = images.encode(images.picture(96, 96, noise=True), fmt)
    assert refusal(data[: int(len(data) * kept)], f"cut.{ext}").code == "corrupt"


def test_truncated_jpeg_from_the_helper_is_refused_as_corrupt() -> None:
    data = images.make_jpeg(96, 96, noise=True, iptc={"caption": "x"})
    assert refusal(data[: len(data) * 2 // 3], "cut.jpg").code == "corrupt"


def test_png_with_a_bad_crc_is_refused_as_corrupt() -> None:
    data = bytearray(images.make_png(32, 32))
    idat = data.index(b"IDAT")
    data[idat + 6] ^= 0xFF  # flip a byte inside the compressed pixel data
    assert refusal(bytes(data), "bad.png").code == "corrupt"


# --------------------------------------------------------------------------- animations


def test_animated_gif_within_bounds_is_accepted() -> None:
    info = inspect(images.make_gif(5), "anim.gif", Limits(max_frames=5))
    assert (info.format, info.frames) == ("GIF", 5)


def test_animated_gif_over_the_frame_limit_is_refused() -> None:
    assert refusal(images.make_gif(6), "anim.gif", Limits(max_frames=5)).code == "too_many_frames"


def test_animated_gif_over_the_total_pixel_limit_is_refused() -> None:
    data = images.make_gif(4, 32, 24)  # 4 × 768 px = 3072
    assert inspect(data, "a.gif", Limits(max_total_pixels=3072)).frames == 4
    err = refusal(data, "a.gif", Limits(max_total_pixels=3071))
    assert err.code == "too_many_frames"


def test_animated_webp_is_bounded_too() -> None:
    data = images.make_webp(4)
    assert inspect(data, "a.webp").frames == 4
    assert refusal(data, "a.webp", Limits(max_frames=3)).code == "too_many_frames"


# --------------------------------------------------------------------------- renditions


def test_renditions_cover_each_width_in_both_formats_plus_thumbnail() -> None:
    rends = renditions_of(images.make_jpeg(2000, 1000))
    names = [(r.name, r.format) for r in rends]
    expected_names = ["thumb", "w320", "w640", "w960", "w1280", "w1920"]
    assert names == [(n, f) for n in expected_names for f in ("WEBP", "JPEG")]
    for r in rends:
        im = reopen(r)
        assert im.format == r.format and im.size == (r.width, r.height)
        if r.name != "thumb":
            assert r.width == int(r.name[1:]) and r.height == round(r.width / 2)
    thumb = next(r for r in rends if r.name == "thumb")
    assert (thumb.width, thumb.height) == (160, 80)


def test_renditions_never_upscale() -> None:
    rends = renditions_of(images.make_jpeg(700, 350))
    assert sorted({r.name for r in rends}) == ["thumb", "w320", "w640"]
    assert max(r.width for r in rends) == 640


def test_photo_narrower_than_every_width_gets_one_rendition_at_its_own_width() -> None:
    rends = renditions_of(images.make_jpeg(200, 100))
    assert {(r.name, r.width, r.height) for r in rends} == {
        ("w200", 200, 100),
        ("thumb", 160, 80),
    }


def test_tiny_photo_thumbnail_is_not_upscaled() -> None:
    rends = renditions_of(images.make_png(50, 30))
    assert {(r.name, r.width, r.height) for r in rends} == {("w50", 50, 30), ("thumb", 50, 30)}


def test_portrait_thumbnail_fits_the_box() -> None:
    thumb = next(r for r in renditions_of(images.make_jpeg(400, 800)) if r.name == "thumb")
    assert (thumb.width, thumb.height) == (80, 160)


def test_exif_orientation_6_gives_upright_renditions() -> None:
    # Stored 40×20 landscape, red top-left; orientation 6 means "rotate 90° clockwise
    # to display", so readers must get a 20×40 portrait with red at the top-right.
    data = images.make_jpeg(40, 20, color=images.BLUE, corner=images.RED, orientation=6)
    for r in renditions_of(data, widths=(20,)):
        im = reopen(r).convert("RGB")
        assert im.size == (20, 40), r
        top_right, top_left = im.getpixel((18, 1)), im.getpixel((1, 1))
        assert top_right[0] > 200 and top_right[2] < 60, (r, top_right)
        assert top_left[2] > 200 and top_left[0] < 60, (r, top_left)


def test_large_jpeg_with_orientation_uses_draft_and_still_comes_out_upright(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PIL import JpegImagePlugin

    scales: list[tuple[int, int]] = []
    original_draft = JpegImagePlugin.JpegImageFile.draft

    def spy(self: JpegImagePlugin.JpegImageFile, mode: str | None, size: tuple[int, int] | None):
        before = self.size
        result = original_draft(self, mode, size)
        scales.append((before[0] // self.size[0], before[1] // self.size[1]))
        return result

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "draft", spy)
    data = images.make_jpeg(2400, 1200, color=images.BLUE, corner=images.RED, orientation=6)
    rends = renditions_of(data, widths=(320,))
    assert scales == [(2, 2)]  # decoded at half size: 1200×600 still covers 320×640
    w320 = reopen(next(r for r in rends if r.name == "w320" and r.format == "JPEG"))
    assert w320.size == (320, 640)
    assert w320.getpixel((315, 5))[0] > 200  # red corner now top-right
    assert w320.getpixel((5, 5))[2] > 200


def test_gps_and_exif_never_reach_a_rendition() -> None:
    data = images.make_jpeg(800, 600, gps=True, orientation=1, date_taken="2026:01:05 13:44:00")
    assert b"Exif" in data  # the source really carries EXIF…
    for r in renditions_of(data):
        assert b"Exif" not in r.content, r.name
        exif = reopen(r).getexif()
        assert 0x8825 not in exif and not exif.get_ifd(0x8825), r.name
        assert not len(exif), r.name


def test_iptc_xmp_and_comments_never_reach_a_rendition() -> None:
    data = images.make_jpeg(
        700,
        400,
        iptc={"caption": "secret caption", "byline": "Kim"},
        xmp=images.xmp_packet(description="secret xmp"),
        comment=b"<script>alert(1)</script>",
    )
    for r in renditions_of(data):
        for marker in (b"secret", b"Photoshop 3.0", b"8BIM", b"ns.adobe.com/xap", b"<script"):
            assert marker not in r.content, (r.name, r.format, marker)


def test_png_with_html_appended_is_accepted_but_renditions_drop_it() -> None:
    data = images.make_png(400, 300) + b"<html><body><script>alert(1)</script></body></html>"
    assert inspect(data, "polyglot.png").format == "PNG"
    for r in renditions_of(data):
        assert b"<html" not in r.content.lower() and b"<script" not in r.content.lower()


def test_icc_profile_is_preserved() -> None:
    icc = images.srgb_icc()
    for data in (images.make_jpeg(700, 400, icc=icc), images.make_png(700, 400, icc=icc)):
        for r in renditions_of(data):
            assert reopen(r).info.get("icc_profile") == icc, (r.name, r.format)


def test_without_a_profile_none_is_invented() -> None:
    for r in renditions_of(images.make_jpeg(400, 300)):
        assert not reopen(r).info.get("icc_profile")


def test_transparent_png_keeps_alpha_in_webp_and_is_flattened_on_white_in_jpeg() -> None:
    for r in renditions_of(images.make_png(400, 200, mode="RGBA")):
        im = reopen(r)
        if r.format == "WEBP":
            assert im.mode == "RGBA"
            assert im.getpixel((r.width - 5, r.height - 5))[3] == 0  # transparent stays so
            assert im.getpixel((2, 2))[3] == 255
        else:
            assert im.mode == "RGB"
            assert min(im.getpixel((r.width - 5, r.height - 5))) > 245  # white, not black
            red = im.getpixel((2, 2))
            assert red[0] > 200 and red[1] < 60


@pytest.mark.parametrize("fmt", ["PNG", "GIF"])
def test_palette_transparency_becomes_alpha(fmt: str) -> None:
    im = Image.new("P", (400, 200), 0)
    im.putpalette([255, 255, 255, 255, 0, 0] + [0] * 762)
    im.paste(1, (0, 0, 100, 50))  # red corner on a transparent field
    data = images.encode(im, fmt, transparency=0)
    for r in renditions_of(data):
        px = reopen(r).convert("RGBA")
        if r.format == "WEBP":
            assert px.getpixel((r.width - 3, r.height - 3))[3] == 0
        else:
            assert min(px.getpixel((r.width - 3, r.height - 3))[:3]) > 245
        assert px.getpixel((2, 2))[0] > 200 and px.getpixel((2, 2))[1] < 60


@pytest.mark.parametrize("mode", ["L", "LA", "P", "1", "I;16"])
def test_other_png_modes_become_web_modes(mode: str) -> None:
    data = images.make_png(64, 32, mode=mode, color=(100, 100, 100))
    for r in renditions_of(data):
        im = reopen(r)
        assert im.mode in ("RGB", "RGBA"), (mode, r.format, im.mode)


def test_16_bit_grey_is_scaled_not_clipped_to_white() -> None:
    im16 = Image.new("I;16", (64, 32), 128 * 257)  # mid grey in 16 bits
    data = images.encode(im16, "PNG")
    for r in renditions_of(data):
        value = reopen(r).convert("L").getpixel((5, 5))
        assert 110 < value < 150, (r.format, value)


def test_cmyk_jpeg_becomes_rgb() -> None:
    data = images.make_jpeg(400, 200, mode="CMYK", color=(255, 0, 0))
    for r in renditions_of(data):
        im = reopen(r)
        assert im.mode == "RGB"
        red = im.convert("RGB").getpixel((r.width // 2, r.height // 2))
        assert red[0] > 200 and red[1] < 80 and red[2] < 80, red


def test_animated_gif_renditions_use_the_first_frame() -> None:
    data = images.make_gif(3, 400, 200)
    first = Image.open(io.BytesIO(data)).convert("RGB").getpixel((10, 10))
    for r in renditions_of(data):
        im = reopen(r)
        assert getattr(im, "n_frames", 1) == 1
        px = im.convert("RGB").getpixel((10, 10))
        assert all(abs(a - b) < 12 for a, b in zip(px, first, strict=True)), (px, first)


def test_rendition_helpers_give_extension_and_content_type() -> None:
    rends = renditions_of(images.make_jpeg(400, 300))
    assert {(r.format, r.extension, r.content_type) for r in rends} == {
        ("WEBP", "webp", "image/webp"),
        ("JPEG", "jpg", "image/jpeg"),
    }


def test_make_renditions_refuses_what_inspect_would_refuse() -> None:
    with pytest.raises(ImageRejected) as caught:
        renditions_of(images.SVG_WITH_SCRIPT)
    assert caught.value.code == "format"


# --------------------------------------------------------------------------- stored names

STORED = re.compile(r"[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{32}\.(jpg|png|webp|gif)")


@pytest.mark.parametrize(
    "filename",
    [
        "../../etc/passwd.jpg",
        "..\\..\\windows\\win.ini.jpg",
        "/absolute/path.jpg",
        "evil\x00name\r\n\x1b[31m.jpg",
        "a" * 300 + ".jpg",
        "<script>alert(1)</script>.jpg",
        "photo.jpg",
    ],
)
def test_stored_name_ignores_the_uploaded_name(filename: str) -> None:
    data = images.make_jpeg()
    info = inspect(data, "photo.jpg")
    name = safe_stored_name(info.sha256, info.extension)
    assert STORED.fullmatch(name), name
    assert name.startswith(f"{info.sha256[:2]}/{info.sha256[2:4]}/")
    stem = filename.rsplit(".", 1)[0]
    assert stem not in name and ".." not in name and "\\" not in name


def test_stored_names_are_unguessable_even_for_the_same_bytes() -> None:
    digest = "ab" * 32
    names = {safe_stored_name(digest, "jpg") for _ in range(50)}
    assert len(names) == 50


@pytest.mark.parametrize(
    ("digest", "ext"),
    [("../" * 20, "jpg"), ("ab" * 32, "php"), ("ab" * 32, "jpg/../x"), ("zz" * 32, "jpg")],
)
def test_stored_name_refuses_bad_arguments(digest: str, ext: str) -> None:
    with pytest.raises(ValueError):
        safe_stored_name(digest, ext)
