"""Full-text extraction from PDF (pypdf), plain text (encoding detected) and HTML/XML (lxml)."""

from __future__ import annotations

import codecs
import logging
import os
import re
from dataclasses import dataclass

import lxml.html
from lxml import etree

from .errors import (
    CorruptFileError,
    EncryptedDocumentError,
    UnsupportedFormatError,
    decoding_errors,
    is_transient_os_error,
    transient_from_os_error,
)
from .sniff import Family, bom_encoding, sniff

# Enough for any real document's text (a 1000-page book is ~3 M characters) while bounding
# memory against a multi-gigabyte "text" file. The caller may pass its own.
DEFAULT_MAX_CHARS = 20_000_000

# Text formats are read whole, so cap the bytes read: 4 bytes per character covers UTF-8 worst
# case (and UTF-16/32 for max_chars).
_BYTES_PER_CHAR = 4

# Tags whose content is not document text.
_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "math", "iframe", "object")
_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "caption",
        "title",
    ]
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")

# Bytes 0x80-0x9F are C1 controls in ISO-8859-1 but printable (curly quotes, dashes, euro) in
# Windows-1252; these five are undefined in Windows-1252.
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ExtractedText:
    """Text of a document. ``encoding`` is what the bytes were decoded as (None for PDF)."""

    text: str
    mime: str
    encoding: str | None = None
    page_count: int | None = None
    truncated: bool = False

    def as_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "mime": self.mime,
            "encoding": self.encoding,
            "page_count": self.page_count,
            "truncated": self.truncated,
        }


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode bytes of unknown encoding: BOM, then declared, then UTF-8, then 8-bit Western.

    Returns (text, encoding name). Never fails: the last resort, ISO-8859-1, maps every byte.
    """
    bom = bom_encoding(data)
    if bom:
        return data.decode(bom, "replace"), bom
    if declared:
        try:
            name = codecs.lookup(declared).name
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; fall through to detection
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    high = {b for b in data if 0x80 <= b <= 0x9F}
    if high and not high & _CP1252_UNDEFINED:
        return data.decode("cp1252"), "windows-1252"
    return data.decode("latin-1"), "iso-8859-1"


def _read_capped(path: str | os.PathLike[str], max_chars: int) -> tuple[bytes, bool]:
    limit = max_chars * _BYTES_PER_CHAR
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        if is_transient_os_error(exc):
            raise transient_from_os_error(exc, path) from exc
        raise
    return data[:limit], len(data) > limit


def _cap(text: str, max_chars: int, truncated: bool) -> tuple[str, bool]:
    if len(text) > max_chars:
        return text[:max_chars], True
    return text, truncated


def _tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def extract_plain_text(
    path: str | os.PathLike[str], *, max_chars: int = DEFAULT_MAX_CHARS
) -> ExtractedText:
    data, truncated = _read_capped(path, max_chars)
    text, encoding = decode_text(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, truncated = _cap(text, max_chars, truncated)
    return ExtractedText(text, "text/plain", encoding, truncated=truncated)


def _html_visible_text(root: lxml.html.HtmlElement) -> str:
    for el in list(root.iter(*_DROP_TAGS)):
        if el.getparent() is not None:
            el.drop_tree()  # keeps the tail text, which belongs to the parent
    for el in root.iter():
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in _BLOCK_TAGS:
            # Block boundaries become line breaks; otherwise "<p>a</p><p>b</p>" reads "ab".
            el.tail = "\n" + (el.tail or "")
            if tag != "br":
                el.text = "\n" + (el.text or "")
    # text_content() is the XPath string value: comments and processing instructions excluded.
    return root.text_content()


def extract_html_text(
    path: str | os.PathLike[str], *, max_chars: int = DEFAULT_MAX_CHARS
) -> ExtractedText:
    """Visible text of an HTML page: script, style and other non-content elements dropped."""
    data, truncated = _read_capped(path, max_chars)
    head = data[:4096]
    declared = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    text, encoding = decode_text(data, declared.group(1).decode("ascii") if declared else None)
    # lxml rejects str input carrying an XML encoding declaration; the text is decoded already.
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text, count=1)
    with decoding_errors(path, "HTML document"):
        if not text.strip():
            return ExtractedText("", "text/html", encoding, truncated=truncated)
        root = lxml.html.document_fromstring(text)
        body = _tidy(_html_visible_text(root))
    body, truncated = _cap(body, max_chars, truncated)
    return ExtractedText(body, "text/html", encoding, truncated=truncated)


def extract_xml_text(
    path: str | os.PathLike[str], *, max_chars: int = DEFAULT_MAX_CHARS
) -> ExtractedText:
    """Character data of an XML document (TEI, EAD...), markup and comments removed."""
    data, truncated = _read_capped(path, max_chars)
    # No entity expansion, no network, no huge trees: the file is untrusted.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    with decoding_errors(path, "XML document"):
        try:
            root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError as exc:
            raise CorruptFileError(f"malformed XML: {exc}", path=path) from exc
        # "".join, not " ".join: inline markup may split a word (<hi>W</hi>ord).
        body = _tidy("".join(root.itertext()))
    body, truncated = _cap(body, max_chars, truncated)
    return ExtractedText(body, "application/xml", "utf-8", truncated=truncated)


def extract_pdf_text(
    path: str | os.PathLike[str], *, max_chars: int = DEFAULT_MAX_CHARS
) -> ExtractedText:
    """Text layer of every page (pages separated by form feeds); no OCR."""
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    parts: list[str] = []
    total = 0
    truncated = False
    with decoding_errors(path, "PDF"):
        try:
            reader = PdfReader(path)
            if reader.is_encrypted:
                # Many PDFs are "encrypted" with an empty user password only to set permissions.
                try:
                    ok = reader.decrypt("")
                except Exception as exc:
                    raise EncryptedDocumentError(
                        f"encrypted PDF cannot be opened: {exc}", path=path
                    ) from exc
                if not ok:
                    raise EncryptedDocumentError("PDF needs a password", path=path)
            pages = len(reader.pages)
            for page in reader.pages:
                try:
                    page_text = page.extract_text() or ""
                except (PdfReadError, KeyError, ValueError, TypeError) as exc:
                    # One broken page (bad font, odd operator) should not lose the whole text.
                    log.warning("%s: text of a page could not be extracted: %s", path, exc)
                    page_text = ""
                parts.append(page_text)
                total += len(page_text) + 1
                if total > max_chars:
                    truncated = True
                    break
        except FileNotDecryptedError as exc:
            raise EncryptedDocumentError(f"encrypted PDF: {exc}", path=path) from exc
        except PdfReadError as exc:
            raise CorruptFileError(f"corrupt PDF: {exc}", path=path) from exc
    text = "\f".join(p.strip() for p in parts)
    text, truncated = _cap(text, max_chars, truncated)
    return ExtractedText(text, "application/pdf", None, page_count=pages, truncated=truncated)


def extract_text(
    path: str | os.PathLike[str],
    *,
    mime: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> ExtractedText:
    """Extract text from a PDF, HTML/XHTML, XML or plain-text file (format sniffed if not given).

    Raises UnsupportedFormatError for anything else (images have no text layer here).
    """
    if mime is None:
        found = sniff(path)
        mime, family = found.mime, found.family
    else:
        family = {
            "application/pdf": Family.PDF,
            "text/html": Family.HTML,
            "application/xhtml+xml": Family.HTML,
        }.get(mime, Family.TEXT if mime.startswith("text/") or mime.endswith("xml") else None)
    if family is Family.PDF:
        return extract_pdf_text(path, max_chars=max_chars)
    if family is Family.HTML:
        return extract_html_text(path, max_chars=max_chars)
    if family is Family.TEXT and mime in ("application/xml", "text/xml"):
        try:
            return extract_xml_text(path, max_chars=max_chars)
        except CorruptFileError:
            return extract_plain_text(path, max_chars=max_chars)  # sloppy XML is still text
    if family is Family.TEXT:
        return extract_plain_text(path, max_chars=max_chars)
    raise UnsupportedFormatError(f"no text extraction for {mime}", path=path)
