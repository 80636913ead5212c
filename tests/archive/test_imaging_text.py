"""archive.imaging text derivatives: PDF text and thumbnail, HTML, XML and plain-text decoding."""

from __future__ import annotations

import json

import pytest
from PIL import Image

from archive.imaging import (
    CorruptFileError,
    Family,
    UnsupportedFormatError,
    decode_text,
    extract_text,
    make_derivatives,
    make_pdf_thumbnail,
)
from tests.archive.imaging_fixtures import MAX_PIXELS, minimal_pdf


def test_pdf_text_extraction(tmp_path):
    src = tmp_path / "doc.pdf"
    src.write_bytes(minimal_pdf(["Hello Archive", "Minutes of the meeting"], pages=2))
    result = extract_text(src)
    assert result.mime == "application/pdf" and result.page_count == 2
    pages = result.text.split("\f")
    assert len(pages) == 2
    assert "Hello Archive 1" in pages[0] and "Minutes of the meeting" in pages[0]
    assert "Hello Archive 2" in pages[1]
    assert not result.truncated


def test_pdf_text_is_capped(tmp_path):
    src = tmp_path / "doc.pdf"
    src.write_bytes(minimal_pdf(["Hello Archive"], pages=3))
    result = extract_text(src, max_chars=10)
    assert result.truncated and len(result.text) == 10


def test_pdf_thumbnail(tmp_path):
    src = tmp_path / "doc.pdf"
    src.write_bytes(minimal_pdf(["Hello Archive"]))
    result = make_pdf_thumbnail(src, tmp_path / "out")
    assert result.page_count == 1 and (result.page_width_pt, result.page_height_pt) == (612, 792)
    with Image.open(tmp_path / "out" / "thumbnail.jpg") as thumb:
        assert thumb.format == "JPEG" and thumb.mode == "RGB"
        assert thumb.size == (309, 400)
        # US Letter at 400/792 px per pt: the black box (72..372 x 72..272 pt from the bottom
        # left) is dark, the top margin white.
        assert max(thumb.getpixel((100, 350))) < 40
        assert min(thumb.getpixel((150, 10))) > 230
    again = make_pdf_thumbnail(src, tmp_path / "again")
    assert again.thumbnail.sha256 == result.thumbnail.sha256


def test_corrupt_pdf(tmp_path):
    src = tmp_path / "bad.pdf"
    src.write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 50)
    with pytest.raises(CorruptFileError):
        make_pdf_thumbnail(src, tmp_path / "out")
    with pytest.raises(CorruptFileError):
        extract_text(src)


def test_make_derivatives_for_a_pdf(tmp_path):
    src = tmp_path / "doc.bin"
    src.write_bytes(minimal_pdf(["Hello Archive"]))
    result = make_derivatives(src, tmp_path / "out", max_pixels=MAX_PIXELS)
    assert result.sniffed.family is Family.PDF
    assert "Hello Archive" in result.text.text
    assert result.files == [tmp_path / "out" / "thumbnail.jpg"]
    json.dumps(result.as_dict())


def test_html_drops_script_and_style(tmp_path):
    src = tmp_path / "page.html"
    src.write_text(
        "<!DOCTYPE html><html><head><title>Harbour</title>"
        "<style>body { color: red }</style><script>var secret = 'no';</script></head>"
        "<body><h1>Fishing fleet</h1><p>Boats &amp; nets,<br>at dusk.</p>"
        "<!-- an editor's note --><noscript>enable js</noscript>"
        "<p>Caf\u00e9 <b>Nord</b></p></body></html>",
        encoding="utf-8",
    )
    result = extract_text(src)
    assert result.mime == "text/html" and result.encoding == "utf-8"
    text = result.text
    for gone in ("color: red", "secret", "editor's note", "enable js"):
        assert gone not in text
    for kept in ("Harbour", "Fishing fleet", "Boats & nets,", "at dusk.", "Caf\u00e9 Nord"):
        assert kept in text
    assert "Fishing fleet\nBoats" in text.replace("\n\n", "\n")  # blocks are separate lines


def test_html_meta_charset_is_honoured(tmp_path):
    src = tmp_path / "old.htm"
    src.write_bytes(
        b'<html><head><meta charset="windows-1252"></head><body><p>\x93quoted\x94 caf\xe9</p>'
        b"</body></html>"
    )
    result = extract_text(src)
    assert result.text == "\u201cquoted\u201d caf\u00e9"
    assert result.encoding == "cp1252"


def test_plain_text_latin1(tmp_path):
    src = tmp_path / "notes.txt"
    src.write_bytes("Gr\u00fc\u00dfe aus K\u00f6ln, caf\u00e9 cr\u00e8me\r\n".encode("latin-1"))
    result = extract_text(src)
    assert result.text == "Gr\u00fc\u00dfe aus K\u00f6ln, caf\u00e9 cr\u00e8me\n"
    assert result.encoding == "iso-8859-1"
    assert result.mime == "text/plain"


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        ("h\u00e9llo \u2603".encode(), "h\u00e9llo \u2603", "utf-8"),
        ("\ufeffh\u00e9llo".encode(), "h\u00e9llo", "utf-8-sig"),
        ("h\u00e9llo \u2603".encode("utf-16"), "h\u00e9llo \u2603", "utf-16"),
        (b"\x93smart\x94 \x80", "\u201csmart\u201d \u20ac", "windows-1252"),
        (b"caf\xe9", "caf\u00e9", "iso-8859-1"),
    ],
)
def test_decode_text(data, text, encoding):
    assert decode_text(data) == (text, encoding)


def test_xml_text(tmp_path):
    src = tmp_path / "tei.xml"
    src.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE TEI [<!ENTITY x "EXPANDED">]>'
        "<TEI><teiHeader><title>Letter</title></teiHeader>"
        "<text><p>Dear <hi>W</hi>ilhelm, &x;</p><!-- note --></text></TEI>",
        encoding="utf-8",
    )
    result = extract_text(src)
    assert "Letter" in result.text and "Dear Wilhelm," in result.text
    assert "EXPANDED" not in result.text  # entities are not expanded from untrusted input
    assert "note" not in result.text


def test_text_of_an_image_is_unsupported(tmp_path):
    src = tmp_path / "x.png"
    Image.new("RGB", (4, 4)).save(src)
    with pytest.raises(UnsupportedFormatError):
        extract_text(src)
