"""PDF first-page rendering (pypdfium2) for thumbnails."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from .errors import (
    CorruptFileError,
    DecompressionBombError,
    EncryptedDocumentError,
    decoding_errors,
)
from .output import Derivative, write_jpeg
from .resize import downscale

PDF_THUMBNAIL_LONG_EDGE = 400
PDF_JPEG_QUALITY = 85

# PDFium is not thread-safe; serialise calls within a process (Celery prefork runs one task
# per process anyway, so this only matters under a threaded worker).
_pdfium_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class PdfThumbnailResult:
    thumbnail: Derivative
    page_count: int
    page_width_pt: float
    page_height_pt: float

    def as_dict(self) -> dict[str, object]:
        return {
            "thumbnail": self.thumbnail.as_dict(),
            "page_count": self.page_count,
            "page_width_pt": self.page_width_pt,
            "page_height_pt": self.page_height_pt,
        }


def make_pdf_thumbnail(
    path: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    long_edge: int = PDF_THUMBNAIL_LONG_EDGE,
    quality: int = PDF_JPEG_QUALITY,
    name: str = "thumbnail.jpg",
) -> PdfThumbnailResult:
    """Render page 1 onto white and write ``out_dir/thumbnail.jpg`` (sRGB JPEG).

    Rendered at twice the target size and reduced, which antialiases thin text better than
    rendering at the target size directly.
    """
    import pypdfium2 as pdfium

    with _pdfium_lock, decoding_errors(path, "PDF"):
        try:
            pdf = pdfium.PdfDocument(os.fspath(path))
        except pdfium.PdfiumError as exc:
            text = str(exc)
            if "password" in text.lower():
                raise EncryptedDocumentError(f"PDF needs a password ({text})", path=path) from exc
            raise CorruptFileError(f"corrupt PDF: {text}", path=path) from exc
        try:
            pages = len(pdf)
            if pages == 0:
                raise CorruptFileError("PDF has no pages", path=path)
            page = pdf[0]
            width_pt, height_pt = page.get_size()
            if width_pt <= 0 or height_pt <= 0:
                raise CorruptFileError(f"page 1 has no area ({width_pt}x{height_pt} pt)", path=path)
            scale = 2 * long_edge / max(width_pt, height_pt)
            render_px = width_pt * scale * height_pt * scale
            if render_px > 50_000_000:
                # Only reachable with absurd page sizes; the scale is derived from long_edge.
                raise DecompressionBombError("page renders too large", path=path)
            bitmap = page.render(scale=scale, fill_color=(255, 255, 255, 255), rotation=0)
            image = bitmap.to_pil().convert("RGB")
            page.close()
        finally:
            pdf.close()
    # From the page's own size, not the bitmap's (which PDFium rounds up to whole pixels).
    page_scale = long_edge / max(width_pt, height_pt)
    target = (max(1, round(width_pt * page_scale)), max(1, round(height_pt * page_scale)))
    thumb = write_jpeg(downscale(image, target), Path(out_dir) / name, quality)
    return PdfThumbnailResult(thumb, pages, float(width_pt), float(height_pt))
