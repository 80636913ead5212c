"""Pure-Python imaging and text-derivative core of the archive app (no Django).

Entry points (all take paths; ``max_pixels`` comes from the caller's settings):

- ``sniff(path) -> Sniffed(mime, family, pil_format)``
- ``technical_metadata(path, max_pixels=) -> dict`` (JSON-serialisable)
- ``make_access_and_thumbnail(path, out_dir, max_pixels=) -> AccessResult``
- ``make_iiif_tiles(path, out_dir, max_pixels=, service_id=) -> TileSet``
- ``make_pdf_thumbnail(path, out_dir) -> PdfThumbnailResult``
- ``extract_text(path, mime=None) -> ExtractedText``
- ``make_derivatives(path, out_dir, max_pixels=, iiif_service_id=None) -> DerivativeResult``

Errors: ``PermanentError`` (never retry) and ``TransientError`` (retry later), both
``ImagingError``; see ``errors``.
"""

from .access import AccessResult, make_access_and_thumbnail
from .errors import (
    CorruptFileError,
    DecompressionBombError,
    EncryptedDocumentError,
    ImagingError,
    PermanentError,
    TransientError,
    TruncatedFileError,
    UnsupportedFormatError,
)
from .output import Derivative
from .pdf import PdfThumbnailResult, make_pdf_thumbnail
from .pipeline import DerivativeResult, make_derivatives
from .sniff import Family, Sniffed, sniff
from .techmd import technical_metadata
from .text import ExtractedText, decode_text, extract_text
from .tiles import TilePlan, TileSet, info_json, make_iiif_tiles, plan_tiles, with_service_id

__all__ = [
    "AccessResult",
    "CorruptFileError",
    "DecompressionBombError",
    "Derivative",
    "DerivativeResult",
    "EncryptedDocumentError",
    "ExtractedText",
    "Family",
    "ImagingError",
    "PdfThumbnailResult",
    "PermanentError",
    "Sniffed",
    "TilePlan",
    "TileSet",
    "TransientError",
    "TruncatedFileError",
    "UnsupportedFormatError",
    "decode_text",
    "extract_text",
    "info_json",
    "make_access_and_thumbnail",
    "make_derivatives",
    "make_iiif_tiles",
    "make_pdf_thumbnail",
    "plan_tiles",
    "sniff",
    "technical_metadata",
    "with_service_id",
]
