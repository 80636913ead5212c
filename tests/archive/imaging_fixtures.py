"""Input generators for the imaging tests: every file is made here, none is checked in."""

from __future__ import annotations

import io
import math
import struct
from pathlib import Path

from PIL import Image

MAX_PIXELS = 50_000_000


def noisy_rgb(size: tuple[int, int], seed: int = 0) -> Image.Image:
    """Gradient plus noise: content JPEG cannot encode to nothing, like a photo."""
    w, h = size
    r = Image.linear_gradient("L").resize(size)
    g = Image.linear_gradient("L").rotate(90).resize(size)
    b = Image.effect_noise(size, 40 + seed)
    return Image.merge("RGB", (r, g, b))


def jpeg_bytes(im: Image.Image, **save_args: object) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=90, **save_args)
    return buf.getvalue()


def two_colour_landscape(size: tuple[int, int] = (200, 100)) -> Image.Image:
    """Left half red, right half blue: orientation mistakes show up as wrong corners."""
    im = Image.new("RGB", size, (255, 0, 0))
    im.paste((0, 0, 255), (size[0] // 2, 0, size[0], size[1]))
    return im


def grey16_gradient(width: int = 256, height: int = 16) -> Image.Image:
    """I;16 horizontal ramp over the whole 0..65535 range."""
    row = b"".join(struct.pack("<H", round(x * 65535 / (width - 1))) for x in range(width))
    return Image.frombytes("I;16", (width, height), row * height)


def write_rgb16_tiff(path: Path, width: int, height: int) -> None:
    """Uncompressed 16-bit RGB TIFF, little-endian, one strip; R ramps 0..65535 across.

    Written by hand because Pillow cannot save 16-bit RGB.
    """
    pixels = bytearray()
    for _y in range(height):
        for x in range(width):
            pixels += struct.pack("<HHH", round(x * 65535 / (width - 1)), 32768, 0)
    header_len = 8
    n_tags = 11
    ifd_len = 2 + n_tags * 12 + 4
    bps_offset = header_len + ifd_len
    data_offset = bps_offset + 6

    def tag(code: int, typ: int, count: int, value: int) -> bytes:
        if typ == 3 and count == 1:
            return struct.pack("<HHIHH", code, typ, count, value, 0)
        return struct.pack("<HHII", code, typ, count, value)

    entries = [
        tag(256, 3, 1, width),
        tag(257, 3, 1, height),
        tag(258, 3, 3, bps_offset),
        tag(259, 3, 1, 1),  # no compression
        tag(262, 3, 1, 2),  # RGB
        tag(273, 4, 1, data_offset),
        tag(277, 3, 1, 3),
        tag(278, 3, 1, height),
        tag(279, 4, 1, len(pixels)),
        tag(284, 3, 1, 1),  # chunky
        tag(296, 3, 1, 1),  # resolution unit: none
    ]
    ifd = struct.pack("<H", len(entries)) + b"".join(entries) + struct.pack("<I", 0)
    data = b"II*\x00" + struct.pack("<I", 8) + ifd + struct.pack("<HHH", 16, 16, 16)
    assert len(data) == data_offset
    path.write_bytes(data + bytes(pixels))


def _s15f16(v: float) -> bytes:
    return struct.pack(">i", round(v * 65536))


def adobe_rgb_like_icc() -> bytes:
    """A minimal ICC v2 matrix/TRC display profile with Adobe RGB (1998) primaries, gamma 2.2.

    ImageCms can only create sRGB/LAB/XYZ profiles; a wide-gamut RGB one is built by hand.
    """

    def xyz(x: float, y: float, z: float) -> bytes:
        return b"XYZ " + b"\0" * 4 + _s15f16(x) + _s15f16(y) + _s15f16(z)

    def curve(gamma: float) -> bytes:
        return b"curv" + b"\0" * 4 + struct.pack(">I", 1) + struct.pack(">H", round(gamma * 256))

    def desc(text: str) -> bytes:
        ascii_ = text.encode("ascii") + b"\0"
        body = b"desc" + b"\0" * 4 + struct.pack(">I", len(ascii_)) + ascii_
        body += struct.pack(">II", 0, 0)  # no Unicode description
        body += struct.pack(">HB", 0, 0) + b"\0" * 67  # no ScriptCode description
        return body

    def text(value: str) -> bytes:
        return b"text" + b"\0" * 4 + value.encode("ascii") + b"\0"

    tags = [
        (b"desc", desc("Test Wide RGB (Adobe RGB primaries)")),
        (b"cprt", text("No copyright, test data")),
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(0.6097, 0.3111, 0.0195)),
        (b"gXYZ", xyz(0.2053, 0.6257, 0.0609)),
        (b"bXYZ", xyz(0.1492, 0.0632, 0.7446)),
        (b"rTRC", curve(2.2)),
        (b"gTRC", curve(2.2)),
        (b"bTRC", curve(2.2)),
    ]
    table_len = 4 + 12 * len(tags)
    offset = 128 + table_len
    table = struct.pack(">I", len(tags))
    blobs = b""
    for sig, blob in tags:
        while (offset + len(blobs)) % 4:
            blobs += b"\0"
        table += sig + struct.pack(">II", offset + len(blobs), len(blob))
        blobs += blob
    size = 128 + len(table) + len(blobs)
    header = struct.pack(">I", size) + b"none" + bytes([2, 0x10, 0, 0])
    header += b"mntrRGB XYZ " + struct.pack(">6H", 2024, 1, 1, 0, 0, 0)
    header += b"acsp" + b"APPL" + struct.pack(">I", 0) + b"none" + b"\0" * 4
    header += b"\0" * 8 + struct.pack(">I", 0)  # attributes, rendering intent
    header += _s15f16(0.9642) + _s15f16(1.0) + _s15f16(0.8249)  # PCS illuminant D50
    header += b"none" + b"\0" * 44
    assert len(header) == 128, len(header)
    return header + table + blobs


def iptc_app13(fields: dict[tuple[int, int], bytes]) -> bytes:
    """A JPEG APP13 segment carrying IPTC-IIM datasets in a Photoshop 8BIM 0x0404 resource."""
    iim = b"".join(
        b"\x1c" + bytes([rec, ds]) + struct.pack(">H", len(v)) + v
        for (rec, ds), v in fields.items()
    )
    if len(iim) % 2:
        iim += b"\0"
    resource = b"8BIM" + b"\x04\x04" + b"\0\0" + struct.pack(">I", len(iim)) + iim
    payload = b"Photoshop 3.0\0" + resource
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def insert_after_soi(jpeg: bytes, segment: bytes) -> bytes:
    assert jpeg[:2] == b"\xff\xd8"
    return jpeg[:2] + segment + jpeg[2:]


def minimal_pdf(lines: list[str], *, pages: int = 1) -> bytes:
    """A hand-written PDF: Helvetica text and a black box on each page (no libraries needed)."""
    objects: list[bytes] = []
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(pages))
    font_num = 3 + 2 * pages
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    for i in range(pages):
        y = 700
        ops = ["0 0 0 rg 72 72 300 200 re f", "BT /F1 24 Tf 72 700 Td"]
        for n, line in enumerate(lines):
            esc = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({esc} {i + 1}) Tj" if n == 0 else f"0 -30 Td ({esc}) Tj")
            y -= 30
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {font_num} 0 R >> >> >>".encode()
        )
        objects.append(
            b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream"
        )
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for num, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{num} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def png_declaring_size(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` x ``height``: a decompression-bomb stand-in."""
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\0" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def iiif_validator_test_image() -> Image.Image:
    """1000x1000 grid of 100 px squares in the colours iiif-validator's id_squares test expects."""
    from iiif_validator.validator import ValidationInfo

    colours = ValidationInfo().colorInfo
    im = Image.new("RGB", (1000, 1000))
    for x in range(10):
        for y in range(10):
            im.paste(tuple(colours[x][y]), (x * 100, y * 100, x * 100 + 100, y * 100 + 100))
    return im


def ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def expected_level0_paths(info: dict) -> dict[str, tuple[int, int]]:
    """What a level-0 client may request, from info.json alone (IIIF Image API 3.0).

    Computed independently of archive.imaging: tiles at each scale factor (region x,y,w,h and
    size ceil(w/sf),ceil(h/sf); region "full" when the tile is the whole image), every listed
    size under full/, and full/max. Maps path -> expected pixel size.
    """
    width, height = info["width"], info["height"]
    out: dict[str, tuple[int, int]] = {}
    max_w = info.get("maxWidth")
    if max_w and max(width, height) > max_w:
        s = max_w / max(width, height)
        out["full/max/0/default.jpg"] = (
            (max_w, max(1, round(height * s)))
            if width >= height
            else (max(1, round(width * s)), max_w)
        )
    else:
        out["full/max/0/default.jpg"] = (width, height)
    for size in info.get("sizes", []):
        out[f"full/{size['width']},{size['height']}/0/default.jpg"] = (
            size["width"],
            size["height"],
        )
    for spec in info["tiles"]:
        tw = spec["width"]
        th = spec.get("height", tw)
        for sf in spec["scaleFactors"]:
            for y in range(0, height, th * sf):
                for x in range(0, width, tw * sf):
                    w = min(tw * sf, width - x)
                    h = min(th * sf, height - y)
                    size = (ceil_div(w, sf), ceil_div(h, sf))
                    out[f"{x},{y},{w},{h}/{size[0]},{size[1]}/0/default.jpg"] = size
                    if (x, y, w, h) == (0, 0, width, height) and sf > 1:
                        out[f"full/{size[0]},{size[1]}/0/default.jpg"] = size
    return out


def mean_rgb(im: Image.Image) -> tuple[float, float, float]:
    from PIL import ImageStat

    return tuple(ImageStat.Stat(im.convert("RGB")).mean)  # type: ignore[return-value]


def close(a: tuple[float, ...], b: tuple[float, ...], tol: float) -> bool:
    return all(math.isclose(x, y, abs_tol=tol) for x, y in zip(a, b, strict=True))
