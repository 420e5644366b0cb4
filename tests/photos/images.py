"""Tiny images built in memory for the photo tests.

Metadata is spliced in as raw JPEG segments (IPTC IIM in a Photoshop APP13 block, XMP in
an APP1 block) the way cameras and photo desks' tools write it, so the readers are tested
against bytes rather than against Pillow's own writer.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Iterable, Mapping, Sequence
from xml.sax.saxutils import escape

from PIL import Image, ImageCms

RGB = tuple[int, int, int]

RED: RGB = (255, 0, 0)
BLUE: RGB = (0, 0, 255)
GREY: RGB = (128, 128, 128)

# IPTC IIM record 2 datasets by the names the tests use.
IIM_DATASETS: dict[str, tuple[int, int]] = {
    "keywords": (2, 25),
    "special_instructions": (2, 40),
    "date_created": (2, 55),
    "time_created": (2, 60),
    "byline": (2, 80),
    "headline": (2, 105),
    "credit": (2, 110),
    "source": (2, 115),
    "copyright": (2, 116),
    "caption": (2, 120),
}
IIM_UTF8 = b"\x1b%G"  # ISO 2022 escape for UTF-8, stored in dataset 1:90

IptcValue = str | bytes | Sequence[str | bytes]


def srgb_icc() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def picture(
    width: int,
    height: int,
    *,
    mode: str = "RGB",
    color: RGB = GREY,
    corner: RGB | None = None,
    noise: bool = False,
) -> Image.Image:
    """A flat picture, optionally with its top-left quarter painted ``corner``."""
    if noise:
        im = Image.merge(
            "RGB", [Image.effect_noise((width, height), 64).convert("L") for _ in range(3)]
        )
    else:
        im = Image.new("RGB", (width, height), color)
    if corner is not None:
        im.paste(corner, (0, 0, max(1, width // 4), max(1, height // 4)))
    return im if mode == "RGB" else im.convert(mode)


def encode(im: Image.Image, fmt: str, **params: object) -> bytes:
    buf = io.BytesIO()
    im.save(buf, fmt, **params)
    return buf.getvalue()


# --------------------------------------------------------------------------- JPEG


def make_jpeg(
    width: int = 64,
    height: int = 48,
    *,
    mode: str = "RGB",
    color: RGB = GREY,
    corner: RGB | None = None,
    noise: bool = False,
    orientation: int | None = None,
    gps: bool = False,
    date_taken: str | None = None,
    offset_taken: str | None = None,
    iptc: Mapping[str | tuple[int, int], IptcValue] | None = None,
    iptc_utf8: bool = True,
    iptc_raw: bytes | None = None,
    xmp: str | bytes | None = None,
    icc: bytes | None = None,
    comment: bytes | None = None,
    quality: int = 90,
) -> bytes:
    """A JPEG with the requested metadata.

    ``iptc`` maps dataset names from IIM_DATASETS (or (record, dataset) pairs) to a value
    or a list of values for repeatable datasets; ``iptc_raw`` splices an IIM block as is.
    """
    im = picture(width, height, mode=mode, color=color, corner=corner, noise=noise)
    params: dict[str, object] = {"quality": quality}
    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    if gps:
        gps_ifd = exif.get_ifd(0x8825)
        gps_ifd[1] = "N"
        gps_ifd[2] = (37.0, 33.0, 59.0)
        gps_ifd[3] = "E"
        gps_ifd[4] = (126.0, 58.0, 40.0)
    if date_taken is not None:
        exif.get_ifd(0x8769)[0x9003] = date_taken
    if offset_taken is not None:
        exif.get_ifd(0x8769)[0x9011] = offset_taken
    if len(exif) or exif.get_ifd(0x8825) or exif.get_ifd(0x8769):
        params["exif"] = exif.tobytes()
    if icc is not None:
        params["icc_profile"] = icc
    if comment is not None:
        params["comment"] = comment
    data = encode(im, "JPEG", **params)

    segments: list[bytes] = []
    if iptc is not None or iptc_raw is not None:
        iim = iptc_raw if iptc_raw is not None else build_iim(iptc or {}, utf8=iptc_utf8)
        segments.append(photoshop_app13(iim))
    if xmp is not None:
        segments.append(xmp_app1(xmp))
    return splice_segments(data, segments)


def build_iim(fields: Mapping[str | tuple[int, int], IptcValue], *, utf8: bool = True) -> bytes:
    """Serialise IPTC IIM datasets: 0x1C, record, dataset, 16-bit length, value."""
    out = bytearray()
    if utf8:
        out += _iim_dataset((1, 90), IIM_UTF8)
    out += _iim_dataset((2, 0), b"\x00\x04")  # record version, as real writers put first
    for key, value in fields.items():
        tag = IIM_DATASETS[key] if isinstance(key, str) else key
        values = [value] if isinstance(value, (str, bytes)) else list(value)
        for item in values:
            raw = item if isinstance(item, bytes) else item.encode("utf-8" if utf8 else "latin-1")
            out += _iim_dataset(tag, raw)
    return bytes(out)


def _iim_dataset(tag: tuple[int, int], value: bytes) -> bytes:
    return bytes([0x1C, tag[0], tag[1]]) + struct.pack(">H", len(value)) + value


def photoshop_app13(iim: bytes) -> bytes:
    """APP13 "Photoshop 3.0" segment holding one 8BIM 0x0404 (IPTC-NAA) resource."""
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00"  # empty Pascal name, padded
    resource += struct.pack(">I", len(iim)) + iim + (b"\x00" if len(iim) % 2 else b"")
    return _segment(0xED, b"Photoshop 3.0\x00" + resource)


def xmp_app1(packet: str | bytes) -> bytes:
    raw = packet.encode("utf-8") if isinstance(packet, str) else packet
    return _segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + raw)


def _segment(marker: int, payload: bytes) -> bytes:
    assert len(payload) + 2 <= 0xFFFF, "segment too long for one JPEG marker"
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def splice_segments(jpeg: bytes, segments: Iterable[bytes]) -> bytes:
    """Insert marker segments right after SOI (and Pillow's JFIF APP0, if present)."""
    assert jpeg[:2] == b"\xff\xd8"
    pos = 2
    if jpeg[2:4] == b"\xff\xe0":
        pos = 4 + struct.unpack(">H", jpeg[4:6])[0]
    return jpeg[:pos] + b"".join(segments) + jpeg[pos:]


def xmp_packet(
    *,
    description: str | None = None,
    creator: Sequence[str] = (),
    credit: str | None = None,
    source: str | None = None,
    rights: str | None = None,
    headline: str | None = None,
    instructions: str | None = None,
    date_created: str | None = None,
    subject: Sequence[str] = (),
    doctype: str = "",
) -> str:
    """An XMP packet in the shape Photoshop/Photo Mechanic write (elements, rdf lists)."""
    props: list[str] = []
    if description is not None:
        props.append(
            "<dc:description><rdf:Alt>"
            '<rdf:li xml:lang="ko">다른 설명</rdf:li>'
            f'<rdf:li xml:lang="x-default">{escape(description)}</rdf:li>'
            "</rdf:Alt></dc:description>"
        )
    if creator:
        items = "".join(f"<rdf:li>{escape(c)}</rdf:li>" for c in creator)
        props.append(f"<dc:creator><rdf:Seq>{items}</rdf:Seq></dc:creator>")
    if rights is not None:
        props.append(
            f'<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">{escape(rights)}</rdf:li>'
            "</rdf:Alt></dc:rights>"
        )
    if subject:
        items = "".join(f"<rdf:li>{escape(s)}</rdf:li>" for s in subject)
        props.append(f"<dc:subject><rdf:Bag>{items}</rdf:Bag></dc:subject>")
    for name, value in (
        ("Credit", credit),
        ("Source", source),
        ("Headline", headline),
        ("Instructions", instructions),
        ("DateCreated", date_created),
    ):
        if value is not None:
            props.append(f"<photoshop:{name}>{escape(value)}</photoshop:{name}>")
    return (
        f'{doctype}<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about=""'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">'
        f"{''.join(props)}"
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    )


BILLION_LAUGHS_XMP = (
    '<?xml version="1.0"?>\n'
    "<!DOCTYPE lolz [\n"
    ' <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + "]>\n"
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description rdf:about="" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">'
    "<photoshop:Headline>&lol9;</photoshop:Headline>"
    "</rdf:Description></rdf:RDF></x:xmpmeta>"
)


# --------------------------------------------------------------------------- other formats


def make_png(
    width: int = 64,
    height: int = 48,
    *,
    mode: str = "RGB",
    color: RGB = GREY,
    corner: RGB | None = None,
    xmp: str | None = None,
    icc: bytes | None = None,
) -> bytes:
    from PIL.PngImagePlugin import PngInfo

    im = picture(width, height, color=color, corner=corner)
    if mode == "RGBA":
        im = im.convert("RGBA")
        im.putalpha(0)  # fully transparent…
        im.paste((*RED, 255), (0, 0, max(1, width // 4), max(1, height // 4)))  # …but a corner
    elif mode != "RGB":
        im = im.convert(mode)
    params: dict[str, object] = {}
    if xmp is not None:
        info = PngInfo()
        info.add_itxt("XML:com.adobe.xmp", xmp)
        params["pnginfo"] = info
    if icc is not None:
        params["icc_profile"] = icc
    return encode(im, "PNG", **params)


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares ``width`` × ``height`` but carries no pixel data at all."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + _png_chunk(b"IEND", b"")


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(kind + body) & 0xFFFFFFFF
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)


def make_gif(frames: int = 3, width: int = 32, height: int = 24) -> bytes:
    # Distinct colours per frame: Pillow merges identical consecutive frames on save.
    ims = [
        Image.new("RGB", (width, height), ((i * 37) % 256, (i * 91) % 256, i % 256))
        for i in range(frames)
    ]
    if frames == 1:
        return encode(ims[0], "GIF")
    return encode(ims[0], "GIF", save_all=True, append_images=ims[1:], duration=100, loop=0)


def make_webp(frames: int = 1, width: int = 32, height: int = 24) -> bytes:
    ims = [
        Image.new("RGB", (width, height), ((i * 37) % 256, (i * 91) % 256, 40))
        for i in range(frames)
    ]
    if frames == 1:
        return encode(ims[0], "WEBP")
    return encode(ims[0], "WEBP", save_all=True, append_images=ims[1:], duration=100)


def make_tiff(width: int = 16, height: int = 16) -> bytes:
    return encode(picture(width, height), "TIFF")


def make_eps(width: int = 16, height: int = 16) -> bytes:
    return encode(picture(width, height), "EPS")


def make_psd(width: int = 4, height: int = 4) -> bytes:
    """A minimal valid Photoshop file: header, empty sections, raw RGB planes."""
    header = b"8BPS" + struct.pack(">H6xHIIHH", 1, 3, height, width, 8, 3)
    sections = struct.pack(">III", 0, 0, 0)  # colour mode data, image resources, layers
    planes = bytes([200]) * (width * height * 3)
    return header + sections + struct.pack(">H", 0) + planes  # compression 0 = raw


SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script><rect width='10' height='10'/></svg>"
)
HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
PDF_DOC = (
    b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"
)
