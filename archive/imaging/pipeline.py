"""One call per original: sniff it, then make every derivative its family needs."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .access import ACCESS_NAME, THUMBNAIL_NAME, AccessResult, make_access_and_thumbnail
from .errors import UnsupportedFormatError
from .parallel import DEFAULT_THREADS
from .pdf import PdfThumbnailResult, make_pdf_thumbnail
from .sniff import Family, Sniffed, sniff
from .techmd import technical_metadata
from .text import DEFAULT_MAX_CHARS, ExtractedText, extract_text
from .tiles import TileSet, make_iiif_tiles

IIIF_DIR = "iiif"


@dataclass(frozen=True, slots=True)
class DerivativeResult:
    """What ``make_derivatives`` produced; absent parts are None."""

    sniffed: Sniffed
    technical: dict[str, Any] | None = None
    access: AccessResult | None = None
    tiles: TileSet | None = None
    pdf: PdfThumbnailResult | None = None
    text: ExtractedText | None = None
    files: list[Path] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """JSON-serialisable summary (full text included under ``text.text``)."""
        return {
            "sniffed": self.sniffed.as_dict(),
            "technical": self.technical,
            "access": self.access.as_dict() if self.access else None,
            "tiles": self.tiles.as_dict() if self.tiles else None,
            "pdf": self.pdf.as_dict() if self.pdf else None,
            "text": self.text.as_dict() if self.text else None,
            "files": [str(p) for p in self.files],
        }


def make_derivatives(
    path: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    max_pixels: int,
    iiif_service_id: str | None = None,
    max_text_chars: int = DEFAULT_MAX_CHARS,
    threads: int = DEFAULT_THREADS,
) -> DerivativeResult:
    """Everything for one original, written below ``out_dir``.

    - image: technical metadata, ``access.jpg``, ``thumbnail.jpg`` and, when
      ``iiif_service_id`` is given, IIIF tiles under ``iiif/`` (info.json id = that value);
    - pdf: ``thumbnail.jpg`` of page 1 and the text layer;
    - html / text: the extracted text (returned, not written);
    - anything else: UnsupportedFormatError.

    Access copy and tiles decode the file separately on purpose: the access path decodes JPEGs
    at reduced scale and is the one users wait for, so callers may run tiles as a separate,
    lower-priority task with ``make_iiif_tiles``. Re-running with the same input and arguments
    rewrites byte-identical files.
    """
    out = Path(out_dir)
    found = sniff(path)
    if found.family is Family.IMAGE:
        technical = technical_metadata(path, max_pixels=max_pixels)
        access = make_access_and_thumbnail(path, out, max_pixels=max_pixels, threads=threads)
        files = [access.access.path, access.thumbnail.path]
        tiles = None
        if iiif_service_id is not None:
            tiles = make_iiif_tiles(
                path,
                out / IIIF_DIR,
                max_pixels=max_pixels,
                service_id=iiif_service_id,
                threads=threads,
            )
            files.append(tiles.root / "info.json")
        return DerivativeResult(found, technical, access=access, tiles=tiles, files=files)
    if found.family is Family.PDF:
        text = extract_text(path, mime=found.mime, max_chars=max_text_chars)
        thumb = make_pdf_thumbnail(path, out)
        return DerivativeResult(found, pdf=thumb, text=text, files=[thumb.thumbnail.path])
    if found.family in (Family.HTML, Family.TEXT):
        text = extract_text(path, mime=found.mime, max_chars=max_text_chars)
        return DerivativeResult(found, text=text)
    raise UnsupportedFormatError(
        f"no derivatives for {found.mime} (sniffed from the content)", path=path
    )


__all__ = ["ACCESS_NAME", "IIIF_DIR", "THUMBNAIL_NAME", "DerivativeResult", "make_derivatives"]
