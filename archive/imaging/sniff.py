"""Content sniffing: the mime type and family of a file from its bytes, never its name."""

from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass
from enum import StrEnum

from PIL import Image

from .errors import is_transient_os_error, transient_from_os_error

# Enough for every signature below and for the HTML/text heuristics; PDF allows junk before
# "%PDF-" within the first 1024 bytes, which this covers.
HEAD_BYTES = 8192


class Family(StrEnum):
    IMAGE = "image"
    PDF = "pdf"
    TEXT = "text"
    HTML = "html"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Sniffed:
    """What a file is. ``pil_format`` is the Pillow plugin name for images, else None."""

    mime: str
    family: Family
    pil_format: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {"mime": self.mime, "family": str(self.family), "pil_format": self.pil_format}


# Pillow plugins we are willing to run on untrusted uploads. Anything else (EPS runs
# Ghostscript, exotic plugins are little-fuzzed) is refused even if Pillow could open it.
# (MPO, multi-picture JPEG from cameras, is opened through the JPEG plugin.)
_WANTED_PIL_FORMATS = ("JPEG", "PNG", "TIFF", "WEBP", "GIF", "BMP", "JPEG2000", "AVIF")
Image.init()
# Only plugins this Pillow build registered (AVIF and JPEG 2000 depend on optional libraries);
# Image.open(formats=...) raises KeyError for an unknown name.
SAFE_PIL_FORMATS: tuple[str, ...] = tuple(f for f in _WANTED_PIL_FORMATS if f in Image.OPEN)

PIL_MIME = {
    "JPEG": "image/jpeg",
    "MPO": "image/jpeg",
    "PNG": "image/png",
    "TIFF": "image/tiff",
    "WEBP": "image/webp",
    "GIF": "image/gif",
    "BMP": "image/bmp",
    "JPEG2000": "image/jp2",
    "AVIF": "image/avif",
}

# (offset, signature, mime, family, pil_format); first match wins.
_SIGNATURES: tuple[tuple[int, bytes, str, Family, str | None], ...] = (
    (0, b"\xff\xd8\xff", "image/jpeg", Family.IMAGE, "JPEG"),
    (0, b"\x89PNG\r\n\x1a\n", "image/png", Family.IMAGE, "PNG"),
    (0, b"II*\x00", "image/tiff", Family.IMAGE, "TIFF"),
    (0, b"MM\x00*", "image/tiff", Family.IMAGE, "TIFF"),
    (0, b"II+\x00", "image/tiff", Family.IMAGE, "TIFF"),  # BigTIFF
    (0, b"MM\x00+", "image/tiff", Family.IMAGE, "TIFF"),
    (0, b"GIF87a", "image/gif", Family.IMAGE, "GIF"),
    (0, b"GIF89a", "image/gif", Family.IMAGE, "GIF"),
    (0, b"\x00\x00\x00\x0cjP  \r\n\x87\n", "image/jp2", Family.IMAGE, "JPEG2000"),
    (0, b"\xff\x4f\xff\x51", "image/jp2", Family.IMAGE, "JPEG2000"),
    (0, b"BM", "image/bmp", Family.IMAGE, "BMP"),
    (0, b"PK\x03\x04", "application/zip", Family.UNKNOWN, None),
    (0, b"PK\x05\x06", "application/zip", Family.UNKNOWN, None),
    (0, b"\x1f\x8b", "application/gzip", Family.UNKNOWN, None),
    (0, b"7z\xbc\xaf\x27\x1c", "application/x-7z-compressed", Family.UNKNOWN, None),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage", Family.UNKNOWN, None),
    (0, b"OggS", "application/ogg", Family.UNKNOWN, None),
    (0, b"fLaC", "audio/flac", Family.UNKNOWN, None),
    (0, b"ID3", "audio/mpeg", Family.UNKNOWN, None),
    (0, b"\x7fELF", "application/x-executable", Family.UNKNOWN, None),
)

_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    rb"<(?:!doctype\s+html|html|head|body|title|meta|script|style|div|p|table|h[1-6])[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
_XML_START = re.compile(rb"^\s*<\?xml\s", re.IGNORECASE)
_XHTML_NS = b"http://www.w3.org/1999/xhtml"

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def bom_encoding(data: bytes) -> str | None:
    """The encoding named by a byte-order mark at the start of ``data``, if any."""
    # UTF-32 LE starts with the UTF-16 LE BOM, so the longer marks are tried first.
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def _read_head(path: str | os.PathLike[str]) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(HEAD_BYTES)
    except OSError as exc:
        if is_transient_os_error(exc):
            raise transient_from_os_error(exc, path) from exc
        raise


def _looks_like_text(head: bytes) -> bool:
    if not head:
        return True  # an empty file is (empty) text, not an unknown binary
    if bom_encoding(head):
        return True
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        # The head may cut a multi-byte character at its end; that is still UTF-8.
        if exc.start >= len(head) - 3 and exc.reason == "unexpected end of data":
            return True
    # Legacy 8-bit text: mostly printable, few control bytes other than whitespace.
    controls = sum(1 for b in head if b < 0x20 and b not in (0x09, 0x0A, 0x0C, 0x0D, 0x1B))
    return controls <= len(head) // 100


def sniff_bytes(head: bytes) -> Sniffed:
    """Classify from the first bytes of a file (at least HEAD_BYTES of them when available)."""
    for offset, sig, mime, family, pil_format in _SIGNATURES:
        if head.startswith(sig, offset):
            return Sniffed(mime, family, pil_format)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return Sniffed("image/webp", Family.IMAGE, "WEBP")
    if head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis"):
        return Sniffed("image/avif", Family.IMAGE, "AVIF")
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1"):
        return Sniffed("image/heic", Family.UNKNOWN, None)  # no decoder installed
    if b"%PDF-" in head[:1024]:
        return Sniffed("application/pdf", Family.PDF)
    if _looks_like_text(head):
        encoding = bom_encoding(head)
        probe = head.decode(encoding, "replace").encode("utf-8") if encoding else head
        probe = probe.lstrip(codecs.BOM_UTF8)
        if _HTML_START.match(probe):
            if _XML_START.match(probe) and _XHTML_NS in probe:
                return Sniffed("application/xhtml+xml", Family.HTML)
            return Sniffed("text/html", Family.HTML)
        if _XML_START.match(probe):
            return Sniffed("application/xml", Family.TEXT)
        return Sniffed("text/plain", Family.TEXT)
    return Sniffed("application/octet-stream", Family.UNKNOWN)


def sniff(path: str | os.PathLike[str]) -> Sniffed:
    """Mime type and family of the file at ``path``, from its content.

    Magic numbers decide first; a binary file none of them match is offered to Pillow (restricted
    to SAFE_PIL_FORMATS) so an image with an unusual header is still recognised. Never raises for
    bad content, only TransientError when the file cannot be read.
    """
    head = _read_head(path)
    found = sniff_bytes(head)
    if found.family is not Family.UNKNOWN or found.mime != "application/octet-stream":
        return found
    try:
        with Image.open(path, formats=SAFE_PIL_FORMATS) as im:
            fmt = im.format or ""
    except Exception:
        return found
    mime = PIL_MIME.get(fmt)
    if mime is None:
        return found
    return Sniffed(mime, Family.IMAGE, fmt)
