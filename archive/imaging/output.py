"""Atomic, deterministic writing of derivative files, and the record returned for each one."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from .errors import writing_errors

JPEG_MIME = "image/jpeg"
OPTIMIZE_MAX_PIXELS = 4_000_000


@dataclass(frozen=True, slots=True)
class Derivative:
    """One file written: where, what size, and its checksum (so the caller need not reread it)."""

    path: Path
    width: int
    height: int
    mime: str
    bytes: int
    sha256: str

    def as_dict(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "width": self.width,
            "height": self.height,
            "mime": self.mime,
            "bytes": self.bytes,
            "sha256": self.sha256,
        }


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write via a temp file in the same directory and os.replace it into place.

    Readers see either the old file or the complete new one, never a partial write, and a crash
    leaves at worst a stray ``.tmp`` file, not a corrupt derivative.
    """
    target = Path(path)
    with writing_errors(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            # mkstemp creates 0600; derivatives are served by another process, so use 0644.
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise


def encode_jpeg(im: Image.Image, quality: int) -> bytes:
    """Baseline JPEG bytes with no metadata: the same pixels always give the same bytes."""
    if im.mode not in ("L", "RGB"):
        im = im.convert("RGB")
    buf = io.BytesIO()
    # optimize: optimal Huffman tables, ~5-10% smaller. libjpeg needs every DCT coefficient of
    # the image in memory for that second pass (3 bytes/pixel), so huge images (a full-size
    # IIIF "full/max") skip it to keep memory bounded.
    # No exif/icc/dpi passed: derivatives are sRGB by contract and must not leak the original's
    # metadata (or vary with it).
    optimize = im.width * im.height <= OPTIMIZE_MAX_PIXELS
    im.save(buf, "JPEG", quality=quality, optimize=optimize, subsampling="4:2:0")
    return buf.getvalue()


def write_jpeg(im: Image.Image, path: str | os.PathLike[str], quality: int) -> Derivative:
    data = encode_jpeg(im, quality)
    atomic_write_bytes(path, data)
    return Derivative(
        path=Path(path),
        width=im.size[0],
        height=im.size[1],
        mime=JPEG_MIME,
        bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
