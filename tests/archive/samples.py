"""Files for the archive tests, generated in code: good images and the bad ones the issue names."""

import io
import struct
import zipfile
import zlib

from PIL import Image


def image_bytes(fmt: str = "JPEG", size=(900, 600), mode: str = "RGB", **save) -> bytes:
    """A small image with structure (gradients), so resizing and encoding do real work."""
    im = Image.linear_gradient("L").resize(size)
    if mode == "RGB":
        im = Image.merge("RGB", (im, im.transpose(Image.Transpose.FLIP_LEFT_RIGHT), im.rotate(90)))
    elif mode != "L":
        im = im.convert(mode)
    out = io.BytesIO()
    im.save(out, fmt, **save)
    return out.getvalue()


def truncated_jpeg() -> bytes:
    data = image_bytes("JPEG", (1200, 800))
    return data[: len(data) // 2]


def corrupt_jpeg() -> bytes:
    """A JPEG whose Huffman table is overwritten: it opens, but its data cannot be decoded."""
    data = bytearray(image_bytes("JPEG", (600, 400)))
    table = data.index(b"\xff\xc4")
    data[table + 5 : table + 25] = b"\xff" * 20
    return bytes(data)


def corrupt_png() -> bytes:
    """A PNG whose signature and header are right but whose image data is garbage."""
    data = bytearray(image_bytes("PNG", (300, 200)))
    idat = data.index(b"IDAT")
    data[idat + 4 : idat + 200] = bytes(range(196))
    return bytes(data)


def bomb_png(width: int = 6000, height: int = 6000) -> bytes:
    """A tiny PNG that declares a huge canvas: the header alone trips the pixel limit."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    body = zlib.compress(row * height, 9)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    )


def zip_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("readme.txt", "not an image")
    return out.getvalue()


def tiff_16bit(size=(640, 480)) -> bytes:
    im = Image.linear_gradient("L").resize(size).convert("I").point(lambda v: v * 257)
    out = io.BytesIO()
    im.convert("I;16").save(out, "TIFF")
    return out.getvalue()


def tiff_multipage(pages: int = 3, size=(500, 400)) -> bytes:
    frames = [Image.new("RGB", size, (40 * i, 90, 200 - 40 * i)) for i in range(pages)]
    out = io.BytesIO()
    frames[0].save(out, "TIFF", save_all=True, append_images=frames[1:])
    return out.getvalue()


def text_pdf(text: str = "Vlasov archive sample") -> bytes:
    """A one-page PDF with a real text layer, written by hand (no PDF library needed)."""
    stream = f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
