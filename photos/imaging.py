"""Upload checks and web renditions for photos.

Plain Python over Pillow: no Django imports, so it is tested without settings and the
model/form layer only calls these functions.

Two entry points:

* ``inspect_upload`` decides whether an uploaded file is a photo we accept, from its bytes
  (never its name), refusing cheaply before any pixel is decoded where it can.
* ``make_renditions`` re-encodes an accepted photo into the web sizes. Every output is a
  fresh encode with only the ICC profile carried over, so EXIF/GPS/XMP/IPTC, comments and
  anything appended to the file never reach a reader.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import secrets
import struct
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import cache
from typing import IO

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

__all__ = [
    "ALLOWED_FORMATS",
    "DECODE_ERRORS",
    "ImageInfo",
    "ImageRejected",
    "Limits",
    "Rendition",
    "inspect_upload",
    "make_renditions",
    "safe_stored_name",
]

# Pillow plugin names we let Image.open try. Anything else (TIFF, PSD, EPS, PDF, ICO, …)
# is never even parsed by a Pillow plugin, which keeps the attack surface small.
ALLOWED_FORMATS: tuple[str, ...] = ("JPEG", "PNG", "WEBP", "GIF")

# Canonical extension first; the others are accepted spellings.
EXTENSIONS: dict[str, tuple[str, ...]] = {
    "JPEG": ("jpg", "jpeg"),
    "PNG": ("png",),
    "WEBP": ("webp",),
    "GIF": ("gif",),
}
CONTENT_TYPES: dict[str, str] = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "WEBP": "image/webp",
    "GIF": "image/gif",
}

RENDITION_WIDTHS: tuple[int, ...] = (320, 640, 960, 1280, 1920)
THUMB_SIZE = 160
JPEG_QUALITY = 82
WEBP_QUALITY = 80
WEBP_METHOD = 4
# Pillow's two-step resize (cheap integer reduce, then Lanczos) with a gap this large is
# visually indistinguishable from a plain Lanczos resize, at a fraction of the cost.
REDUCING_GAP = 3.0

_ORIENTATION_TAG = 0x0112
_SWAPS_AXES = frozenset({5, 6, 7, 8})  # orientations that turn the picture 90 degrees

# Errors Pillow's decoders raise on damaged input (besides its own bomb checks).
DECODE_ERRORS: tuple[type[BaseException], ...] = (
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    struct.error,
    IndexError,
    TypeError,
    KeyError,
    MemoryError,
)
_BOMB_ERRORS: tuple[type[BaseException], ...] = (
    Image.DecompressionBombError,
    Image.DecompressionBombWarning,
)


@dataclass(frozen=True)
class Limits:
    """Upper bounds for an upload. The defaults suit press photos from pro cameras."""

    max_bytes: int = 25 * 1024 * 1024
    max_pixels: int = 60_000_000
    max_frames: int = 100
    # Frames × pixels: bounds the decoding work an animation can demand.
    max_total_pixels: int = 200_000_000


class ImageRejected(Exception):
    """The upload is not a photo we accept.

    ``code`` is stable and machine-readable (use it as a form error code):
    ``empty``, ``too_large``, ``format``, ``extension``, ``too_many_pixels``,
    ``too_many_frames``, ``corrupt``. ``message`` is a sentence for the uploader.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(code, message)  # both in args, so it pickles (task queues)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"ImageRejected(code={self.code!r}, message={self.message!r})"


@dataclass(frozen=True)
class ImageInfo:
    format: str  # "JPEG", "PNG", "WEBP" or "GIF"
    width: int  # as displayed, i.e. after EXIF orientation
    height: int
    orientation: int  # EXIF orientation 1–8 (1 when absent or invalid)
    frames: int
    sha256: str  # hex digest of the uploaded bytes
    size_bytes: int
    extension: str  # canonical: "jpg", "png", "webp", "gif"

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.format]


@dataclass(frozen=True)
class Rendition:
    name: str  # "thumb" or "w<width>", e.g. "w640"; one name per size, two formats
    width: int
    height: int
    format: str  # "WEBP" or "JPEG"
    content: bytes

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.format][0]

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.format]


# --------------------------------------------------------------------------- inspection


def inspect_upload(fileobj: IO[bytes], *, filename: str, limits: Limits | None = None) -> ImageInfo:
    """Check an uploaded file and describe it, or raise ImageRejected.

    Order matters for cost: byte size (from seek/tell, nothing read), real format and
    pixel count (header only; Pillow opens lazily), frame count, and only then a full
    decode to catch truncated or corrupt data. Leaves ``fileobj`` rewound to the start.
    """
    limits = limits or Limits()
    try:
        data = _read_bounded(fileobj, limits.max_bytes)
    finally:
        _rewind(fileobj)
    digest = hashlib.sha256(data).hexdigest()

    with pillow_guard():
        try:
            with Image.open(io.BytesIO(data), formats=ALLOWED_FORMATS) as im:
                fmt = _canonical_format(im.format)
                _check_extension(filename, fmt)
                width, height = im.size
                _check_pixels(width, height, limits)
                frames, canvas_pixels = _count_frames(im, fmt, data, limits)
                _check_frames(frames, max(canvas_pixels, width * height), limits)
                # verify() checks what it can without decoding (PNG chunk CRCs); it
                # leaves the image unusable, hence the second open for the full decode.
                im.verify()
            # Orientation is read after decoding: a PNG's eXIf chunk may follow its pixels.
            orientation = _decode_fully(data, fmt)
        except ImageRejected:
            raise
        except UnidentifiedImageError:
            raise ImageRejected("format", _format_message(data)) from None
        except _BOMB_ERRORS:
            # Pillow's own guard (Image.MAX_IMAGE_PIXELS) tripped before ours could: the
            # image is bigger than any limit we would configure.
            raise ImageRejected(
                "too_many_pixels",
                "The image has far too many pixels to be processed safely.",
            ) from None
        except DECODE_ERRORS:
            raise ImageRejected(
                "corrupt",
                "The image is damaged or incomplete (perhaps the upload was cut off). "
                "Export it again and re-upload.",
            ) from None

    if orientation in _SWAPS_AXES:
        width, height = height, width
    return ImageInfo(
        format=fmt,
        width=width,
        height=height,
        orientation=orientation,
        frames=frames,
        sha256=digest,
        size_bytes=len(data),
        extension=EXTENSIONS[fmt][0],
    )


def _read_bounded(fileobj: IO[bytes], max_bytes: int) -> bytes:
    """Read the whole file, refusing by size before reading when the size is knowable."""
    size: int | None = None
    try:
        fileobj.seek(0, os.SEEK_END)
        size = fileobj.tell()
        fileobj.seek(0)
    except (AttributeError, OSError, ValueError):
        size = None  # not seekable: fall back to a bounded read below
    if size is not None:
        if size == 0:
            raise ImageRejected("empty", "The file is empty.")
        if size > max_bytes:
            raise ImageRejected("too_large", _too_large_message(size, max_bytes))
    # Read one byte past the limit so a file that grew (or lied) is still caught.
    data = fileobj.read(max_bytes + 1)
    if not data:
        raise ImageRejected("empty", "The file is empty.")
    if len(data) > max_bytes:
        raise ImageRejected("too_large", _too_large_message(len(data), max_bytes))
    return data


def _rewind(fileobj: IO[bytes]) -> None:
    with suppress(AttributeError, OSError, ValueError):
        fileobj.seek(0)


def _too_large_message(size: int, max_bytes: int) -> str:
    mib = 1024 * 1024
    actual = f"{size / mib:.1f} MB" if size >= mib else f"{size:,} bytes"
    limit = f"{max_bytes / mib:g} MB" if max_bytes >= mib else f"{max_bytes:,} bytes"
    return f"The file is {actual}; the limit is {limit}."


@contextmanager
def pillow_guard() -> Iterator[None]:
    """Turn Pillow's decompression-bomb *warning* into an exception for this block.

    Pillow warns above Image.MAX_IMAGE_PIXELS (~89 Mpx) and raises above twice that. We
    leave that global alone: Limits.max_pixels is checked explicitly from the header and
    is lower by default, so this filter is only a backstop. catch_warnings is process
    wide, so a concurrent thread may briefly see the filter; that is harmless because
    correctness never depends on it.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        yield


def _canonical_format(pillow_format: str | None) -> str:
    # Multi-picture JPEGs from some cameras open as "MPO"; they are JPEGs to a browser.
    if pillow_format == "MPO":
        return "JPEG"
    if pillow_format not in ALLOWED_FORMATS:  # defensive: formats= already limits this
        raise ImageRejected("format", "Only JPEG, PNG, WebP and GIF images are accepted.")
    return pillow_format


def _extension_of(filename: str) -> str:
    base = re.split(r"[\\/]", filename)[-1].strip()
    _, dot, ext = base.rpartition(".")
    return ext.lower() if dot else ""


def _check_extension(filename: str, fmt: str) -> None:
    # A mismatch is refused rather than silently renamed: it usually means a
    # mislabelled export, and browsers or tools that trust names could be misled.
    if _extension_of(filename) not in EXTENSIONS[fmt]:
        expected = " or ".join(f".{e}" for e in EXTENSIONS[fmt])
        raise ImageRejected(
            "extension",
            f"The file is a {fmt} image but its name does not end in {expected}. "
            "Rename it and upload again.",
        )


def _check_pixels(width: int, height: int, limits: Limits) -> None:
    if width <= 0 or height <= 0:
        raise ImageRejected("corrupt", "The image has no pixels.")
    pixels = width * height
    if pixels > limits.max_pixels:
        raise ImageRejected(
            "too_many_pixels",
            f"The image is {width} × {height} pixels ({pixels / 1e6:.0f} megapixels); "
            f"the limit is {limits.max_pixels / 1e6:g} megapixels.",
        )


def _count_frames(im: Image.Image, fmt: str, data: bytes, limits: Limits) -> tuple[int, int]:
    """Return (frames, canvas pixels) without decoding, stopping past the limit."""
    if fmt == "JPEG":
        # Browsers show only the first picture of a multi-picture (MPO) JPEG, and so
        # do we; the extra pictures are never decoded.
        return 1, im.size[0] * im.size[1]
    if fmt == "GIF":
        # Pillow's n_frames walks every frame in Python; a 25 MB GIF of tiny frames
        # would take seconds. Our walk stops one frame past the limit.
        frames, cw, ch = _scan_gif(data, stop_after=limits.max_frames + 1)
        return max(frames, 1), cw * ch
    # WebP (libwebp demux) and APNG (acTL chunk) read the count from a header.
    return int(getattr(im, "n_frames", 1) or 1), im.size[0] * im.size[1]


def _check_frames(frames: int, pixels_per_frame: int, limits: Limits) -> None:
    if frames > limits.max_frames:
        raise ImageRejected(
            "too_many_frames",
            f"The animation has more than {limits.max_frames} frames.",
        )
    if frames * pixels_per_frame > limits.max_total_pixels:
        raise ImageRejected(
            "too_many_frames",
            f"The animation is too heavy: {frames} frames of "
            f"{pixels_per_frame / 1e6:.1f} megapixels exceed "
            f"{limits.max_total_pixels / 1e6:g} megapixels in total.",
        )


def _scan_gif(data: bytes, *, stop_after: int) -> tuple[int, int, int]:
    """Count image descriptors in a GIF, like Pillow would, without decoding.

    Returns (frames, canvas width, canvas height); the canvas grows to the largest frame
    extent, as Pillow's does.
    """
    n = len(data)
    if n < 13:
        raise SyntaxError("truncated GIF header")
    cw, ch = struct.unpack_from("<HH", data, 6)
    flags = data[10]
    pos = 13
    if flags & 0x80:
        pos += 3 << ((flags & 7) + 1)  # global colour table
    frames = 0
    while pos < n and frames < stop_after:
        block = data[pos]
        pos += 1
        if block == 0x3B:  # trailer
            break
        if block == 0x21:  # extension: label, then data sub-blocks
            pos = _skip_sub_blocks(data, pos + 1)
        elif block == 0x2C:  # image descriptor
            if pos + 9 > n:
                break
            x, y, fw, fh, fflags = struct.unpack_from("<HHHHB", data, pos)
            pos += 9
            cw, ch = max(cw, x + fw), max(ch, y + fh)
            if fflags & 0x80:
                pos += 3 << ((fflags & 7) + 1)  # local colour table
            pos = _skip_sub_blocks(data, pos + 1)  # after the LZW minimum code size
            frames += 1
        # Any other byte is skipped one at a time, which is what Pillow's reader does.
    return frames, cw, ch


def _skip_sub_blocks(data: bytes, pos: int) -> int:
    n = len(data)
    while pos < n:
        size = data[pos]
        pos += 1
        if size == 0:
            break
        pos += size
    return pos


def _orientation(im: Image.Image) -> int:
    try:
        value = im.getexif().get(_ORIENTATION_TAG, 1)
    except DECODE_ERRORS:  # malformed EXIF must not sink an otherwise good photo
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _decode_fully(data: bytes, fmt: str) -> int:
    """Decode every byte of pixel data (first frame) so truncation shows up now, and
    return the EXIF orientation.

    JPEGs decode at 1/8 scale: the entropy-coded data is still read to the end (which
    is what detects truncation) but the IDCT work is a fraction of a full decode.
    Relies on ImageFile.LOAD_TRUNCATED_IMAGES staying False (Pillow's default).
    """
    with Image.open(io.BytesIO(data), formats=ALLOWED_FORMATS) as im:
        if fmt == "JPEG":
            w, h = im.size
            im.draft(None, (max(1, w // 8), max(1, h // 8)))
        im.load()
        return _orientation(im)


_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"8BPS", "a Photoshop (PSD) file"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"%!PS", "a PostScript/EPS file"),
    (b"\xc5\xd0\xd3\xc6", "a PostScript/EPS file"),
    (b"BM", "a BMP image"),
    (b"\x00\x00\x01\x00", "an icon file"),
    (b"PK\x03\x04", "a ZIP archive"),
)


def _format_message(data: bytes) -> str:
    """Name what the file really is, when we can tell, to help the uploader."""
    head = data[:512]
    kind = next((label for sig, label in _SIGNATURES if head.startswith(sig)), None)
    if kind is None and head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftyphevc"):
        kind = "a HEIC image (export it as JPEG)"
    if kind is None:
        text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if b"<svg" in text:
            kind = "an SVG drawing"
        elif text.startswith((b"<!doctype html", b"<html")) or b"<html" in text:
            kind = "an HTML page"
        elif text.startswith(b"<?xml"):
            kind = "an XML document"
    what = f"This file is {kind}, not a photo." if kind else "This file is not a photo."
    return f"{what} Only JPEG, PNG, WebP and GIF images are accepted."


# --------------------------------------------------------------------------- naming


_SHA256_RE = re.compile(r"[0-9a-f]{64}")
_CANONICAL_EXTENSIONS = frozenset(exts[0] for exts in EXTENSIONS.values())


def safe_stored_name(sha256: str, extension: str) -> str:
    """Return a storage path like ``"ab/cd/<32 hex chars>.jpg"``.

    Nothing from the uploader's filename is used, so no path, control character or
    length trick survives. The two directory levels shard by content hash (re-uploads
    of one picture sit together); the 128-bit random token makes the name unguessable,
    which keeps originals of unpublished photos private even under a public MEDIA_URL.
    Hex (not base64) so case-insensitive file systems cannot collide two tokens.
    """
    digest = sha256.lower()
    if not _SHA256_RE.fullmatch(digest):
        raise ValueError("sha256 must be a 64-character hex digest")
    if extension not in _CANONICAL_EXTENSIONS:
        raise ValueError(f"extension must be one of {sorted(_CANONICAL_EXTENSIONS)}")
    return f"{digest[:2]}/{digest[2:4]}/{secrets.token_hex(16)}.{extension}"


# --------------------------------------------------------------------------- renditions


def make_renditions(
    fileobj: IO[bytes],
    *,
    widths: Sequence[int] = RENDITION_WIDTHS,
    thumb: int = THUMB_SIZE,
) -> list[Rendition]:
    """Re-encode an accepted photo as WebP + JPEG at each width, plus a thumbnail.

    Call after ``inspect_upload`` accepted the file. Widths wider than the photo are
    skipped (never upscale); a photo narrower than every width gets one rendition at its
    own width. The thumbnail keeps the aspect ratio inside a ``thumb`` × ``thumb`` box
    rather than cropping: an automatic crop can cut off the subject, and a square grid
    can crop in CSS (object-fit: cover). Only the first frame of an animation is used.

    Returns the thumbnail pair first, then each width ascending, WebP before JPEG.
    """
    if not widths or any(w <= 0 for w in widths) or thumb <= 0:
        raise ValueError("widths and thumb must be positive")
    try:
        _rewind(fileobj)  # callers may have just read it for metadata
        data = fileobj.read()
    finally:
        _rewind(fileobj)

    with pillow_guard():
        try:
            base, icc, targets, (disp_w, disp_h) = _prepare(data, sorted(set(widths), reverse=True))
        except ImageRejected:
            raise
        except _BOMB_ERRORS:
            raise ImageRejected(
                "too_many_pixels", "The image has far too many pixels to be processed."
            ) from None
        except UnidentifiedImageError:
            raise ImageRejected("format", _format_message(data)) from None
        except DECODE_ERRORS:
            raise ImageRejected("corrupt", "The image is damaged or incomplete.") from None

    by_width: list[tuple[str, Image.Image]] = []
    current = base
    for width in targets:  # largest first: each size is made from the previous one
        # Heights from the original proportions, not the draft-rounded decode size.
        height = max(1, round(disp_h * width / disp_w))
        if (width, height) != current.size:
            current = current.resize(
                (width, height), Image.Resampling.LANCZOS, reducing_gap=REDUCING_GAP
            )
        by_width.append((f"w{width}", current))

    smallest = by_width[-1][1]
    scale = min(thumb / smallest.width, thumb / smallest.height, 1.0)
    thumb_size = (max(1, round(smallest.width * scale)), max(1, round(smallest.height * scale)))
    thumb_im = (
        smallest
        if thumb_size == smallest.size
        else smallest.resize(thumb_size, Image.Resampling.LANCZOS, reducing_gap=REDUCING_GAP)
    )

    renditions: list[Rendition] = []
    for name, im in [("thumb", thumb_im), *reversed(by_width)]:
        renditions.append(_encode(name, im, "WEBP", icc))
        renditions.append(_encode(name, im, "JPEG", icc))
    return renditions


def _prepare(
    data: bytes, widths_desc: list[int]
) -> tuple[Image.Image, bytes | None, list[int], tuple[int, int]]:
    """Open once, decode at the cheapest scale that still covers the largest rendition,
    orient upright, and normalise colour.

    Returns (image, icc profile, target widths largest first, displayed size).
    """
    im = Image.open(io.BytesIO(data), formats=ALLOWED_FORMATS)
    raw_w, raw_h = im.size
    orientation = _orientation(im)
    disp_w, disp_h = (raw_h, raw_w) if orientation in _SWAPS_AXES else (raw_w, raw_h)

    targets = [w for w in widths_desc if w <= disp_w] or [disp_w]
    if im.format in ("JPEG", "MPO") and targets[0] < disp_w:
        # Let libjpeg scale down by 1/2, 1/4 or 1/8 while decoding (DCT scaling): far
        # cheaper than a full decode + resize. draft() keeps the result >= the request.
        need_w = targets[0]
        need_h = max(1, -(-disp_h * need_w // disp_w))  # ceil
        im.draft("RGB", (need_h, need_w) if orientation in _SWAPS_AXES else (need_w, need_h))
    icc = im.info.get("icc_profile") or None
    im.load()  # first frame only for animations: we never seek
    if orientation != 1:
        with suppress(*DECODE_ERRORS):  # malformed EXIF: keep the pixels as stored
            ImageOps.exif_transpose(im, in_place=True)
    im, icc = _web_colour(im, icc)  # needs im.info["transparency"], so clear after
    # Nothing from the source's metadata may leak into an encoder: Pillow's JPEG
    # writer, for one, re-emits im.info["comment"]. Derived images copy this empty dict.
    im.info = {}
    return im, icc, targets, (disp_w, disp_h)


@cache
def _srgb_profile() -> ImageCms.ImageCmsProfile:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _has_alpha(im: Image.Image) -> bool:
    return im.mode in ("RGBA", "LA", "PA", "La", "RGBa") or "transparency" in im.info


def _web_colour(im: Image.Image, icc: bytes | None) -> tuple[Image.Image, bytes | None]:
    """Convert to RGB or RGBA, keeping colour right.

    An RGB ICC profile is kept and re-embedded as is. A profile for another colour
    space (CMYK, grey) cannot ride along on RGB pixels, so those pixels are converted
    through it to sRGB; without a usable profile we convert plainly and drop it.
    """
    alpha = _has_alpha(im)
    if im.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        # Pillow clips 16-bit grey to 8 bits instead of scaling it: scale explicitly.
        im = im.convert("I").point(lambda v: v * (1 / 257)).convert("L")

    profile: ImageCms.ImageCmsProfile | None = None
    if icc:
        try:
            profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        except (OSError, TypeError, ValueError):
            icc, profile = None, None  # unreadable profile: better none than a bad one

    space = profile.profile.xcolor_space.strip() if profile else ""
    if profile is not None and space != "RGB":
        source_mode = {"CMYK": "CMYK", "GRAY": "L"}.get(space)
        # Only when the pixels really are in the profile's space (grey may carry alpha).
        if source_mode and im.mode.rstrip("A") == source_mode:
            try:
                pixels = im.convert(source_mode) if im.mode != source_mode else im
                converted = ImageCms.profileToProfile(
                    pixels, profile, _srgb_profile(), outputMode="RGB"
                )
                if converted is not None:
                    if alpha and im.mode == "LA":
                        converted.putalpha(im.getchannel("A"))
                    return converted, _srgb_profile().tobytes()
            except (ImageCms.PyCMSError, OSError, ValueError):
                pass
        icc = None

    target = "RGBA" if alpha else "RGB"
    if im.mode != target:
        im = im.convert(target)
    return im, icc


def _encode(name: str, im: Image.Image, fmt: str, icc: bytes | None) -> Rendition:
    buf = io.BytesIO()
    if fmt == "WEBP":
        im.save(buf, "WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD, icc_profile=icc)
    else:
        if im.mode == "RGBA":
            # JPEG has no alpha: flatten onto white, the page background.
            flat = Image.new("RGB", im.size, (255, 255, 255))
            flat.paste(im, mask=im.getchannel("A"))
            im = flat
        # Progressive costs little here and renders better on slow connections.
        im.save(buf, "JPEG", quality=JPEG_QUALITY, progressive=True, icc_profile=icc)
    return Rendition(
        name=name, width=im.width, height=im.height, format=fmt, content=buf.getvalue()
    )
