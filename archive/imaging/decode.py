"""Safe opening and normalisation of raster images: pixel limit, 8-bit, orientation, sRGB."""

from __future__ import annotations

import io
import mmap
import os
import re
import sys
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageCms, ImageFile

from .errors import (
    CorruptFileError,
    DecompressionBombError,
    TruncatedFileError,
    UnsupportedFormatError,
    decoding_errors,
)
from .parallel import BAND_ROWS, DEFAULT_THREADS, map_bands, reduce_rows
from .sniff import HEAD_BYTES, SAFE_PIL_FORMATS, Family, sniff_bytes

# Truncated files must fail loudly (and be reported as truncated), never be padded with grey.
ImageFile.LOAD_TRUNCATED_IMAGES = False

# Rows converted at a time when a 16-bit image is brought to 8 bits, so the conversion needs only
# a strip of scratch memory instead of a second full-size copy.
_STRIP_ROWS = 256

_pillow_limit_lock = threading.Lock()


@contextmanager
def _pillow_pixel_limit(max_pixels: int) -> Iterator[None]:
    """Make Pillow's own bomb guard agree with ours while a file is opened.

    Pillow refuses images above 2x its module-wide MAX_IMAGE_PIXELS on open and warns above 1x.
    Our explicit check (exactly ``max_pixels``) is the authority, so Pillow's limit is raised to
    match it. Every caller passes the same setting, so concurrent threads write the same value.
    """
    with _pillow_limit_lock:
        Image.MAX_IMAGE_PIXELS = max(max_pixels, 1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        yield


def _bomb(pixels: int, max_pixels: int, path: object, size: tuple[int, int] | None = None):
    dims = f" ({size[0]}x{size[1]})" if size else ""
    return DecompressionBombError(
        f"image declares {pixels:,} pixels{dims}, over the limit of {max_pixels:,}; refusing "
        "to decode it (raise the pixel-limit setting to allow it)",
        path=path,  # type: ignore[arg-type]
        pixels=pixels,
        limit=max_pixels,
    )


def check_pixel_limit(
    size: tuple[int, int], max_pixels: int, path: str | os.PathLike[str] | None = None
) -> None:
    pixels = size[0] * size[1]
    if pixels > max_pixels:
        raise _bomb(pixels, max_pixels, path, size)


@contextmanager
def open_image(path: str | os.PathLike[str], *, max_pixels: int) -> Iterator[Image.Image]:
    """Open (but do not decode) an image with a safe plugin, first frame selected.

    Raises UnsupportedFormatError when no safe plugin recognises it, DecompressionBombError when
    the declared size exceeds ``max_pixels``. Decode inside the ``with`` block (wrapped in
    ``decoding_errors`` so truncation surfaces as TruncatedFileError). We own the file handle,
    so leaving the block closes the file but not the image: decoded pixels stay usable.
    """
    with decoding_errors(path):
        fh = open(path, "rb")  # noqa: SIM115 - closed in the finally below
    try:
        with decoding_errors(path), _pillow_pixel_limit(max_pixels):
            try:
                im = Image.open(fh, formats=SAFE_PIL_FORMATS)
            except Image.DecompressionBombError as exc:
                # Pillow's own guard (at twice its limit) fired before ours could; same verdict.
                found = re.search(r"\((\d+) pixels\)", str(exc))
                raise _bomb(int(found.group(1)) if found else -1, max_pixels, path) from exc
            except Image.UnidentifiedImageError as exc:
                fh.seek(0)
                claimed = sniff_bytes(fh.read(HEAD_BYTES))
                if claimed.family is Family.IMAGE:
                    raise CorruptFileError(
                        f"content starts like {claimed.mime} but cannot be decoded "
                        "(damaged header or not really an image)",
                        path=path,
                    ) from exc
                raise UnsupportedFormatError(
                    "not an image format we can decode (supported: "
                    + ", ".join(SAFE_PIL_FORMATS)
                    + ")",
                    path=path,
                ) from exc
            check_pixel_limit(im.size, max_pixels, path)
        yield im
    finally:
        fh.close()


def frame_count(im: Image.Image) -> int:
    """Pages of a multi-page TIFF, frames of an animation; 1 for everything else."""
    n = getattr(im, "n_frames", 1)
    if n > 1 and hasattr(im, "seek"):
        # Counting may have moved the file pointer to the last frame; derivatives use the first.
        im.seek(0)
    return int(n)


def read_exif(im: Image.Image) -> Image.Exif:
    """The EXIF of an opened image without ever decoding pixels; empty when absent or broken.

    Pillow's PNG getexif() decodes the whole image to look for an eXIf chunk after the pixel
    data; a decode error there would be swallowed here and leave a half-loaded image that
    later counts as good. So for a PNG whose EXIF was not seen before the pixel data, the
    EXIF is read only once the image has been decoded (call this again after decoding).
    """
    if im.format == "PNG" and "exif" not in im.info:
        return Image.Exif()
    try:
        return im.getexif()
    except Exception:
        # A broken EXIF block must not stop derivatives; the pixels are still fine.
        return Image.Exif()


def orientation_of(im: Image.Image) -> int:
    """EXIF/TIFF orientation (1..8), 1 when absent or nonsense."""
    value = read_exif(im).get(0x0112, 1)
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


_ORIENTATION_OPS: dict[int, tuple[Image.Transpose, ...]] = {
    2: (Image.Transpose.FLIP_LEFT_RIGHT,),
    3: (Image.Transpose.ROTATE_180,),
    4: (Image.Transpose.FLIP_TOP_BOTTOM,),
    5: (Image.Transpose.TRANSPOSE,),
    6: (Image.Transpose.ROTATE_270,),
    7: (Image.Transpose.TRANSVERSE,),
    8: (Image.Transpose.ROTATE_90,),
}


def apply_orientation(im: Image.Image, orientation: int) -> Image.Image:
    """Turn pixels upright; done on the reduced image because transposing is a full copy."""
    for op in _ORIENTATION_OPS.get(orientation, ()):
        im = im.transpose(op)
    return im


def oriented_size(size: tuple[int, int], orientation: int) -> tuple[int, int]:
    return (size[1], size[0]) if orientation in (5, 6, 7, 8) else size


def _scale_strips(im: Image.Image, scale: float, offset: float) -> Image.Image:
    """32-bit or 16-bit grey to 8-bit L as floor(v * scale + offset), a strip at a time."""
    width, height = im.size
    out = Image.new("L", im.size)
    for top in range(0, height, _STRIP_ROWS):
        strip = im.crop((0, top, width, min(top + _STRIP_ROWS, height)))
        if strip.mode != "I":
            strip = strip.convert("I")
        # point() with a linear lambda runs as one C pass (and truncates, so with scale 1/256
        # this is exactly v >> 8, matching how Pillow itself reads 16-bit RGB).
        strip = strip.point(lambda v: v * scale + offset).convert("L")
        out.paste(strip, (0, top))
    return out


def to_8bit(im: Image.Image) -> Image.Image:
    """Bring any decoded mode to L, LA, RGB, RGBA or CMYK, keeping the full tonal range.

    16-bit grey (I;16*) maps 0..65535 onto 0..255 as v >> 8: a plain convert("L") would clip
    everything above 255 to white. Pillow already reads 16-bit RGB(A) TIFF/PNG as 8-bit RGB(A)
    by taking the high byte of each sample, so every 16-bit input gets the same mapping.
    """
    mode = im.mode
    if mode in ("L", "LA", "RGB", "RGBA", "CMYK"):
        return im
    if mode.startswith("I;16"):
        return _scale_strips(im, 1 / 256, 0.0)
    if mode in ("I", "F"):
        lo, hi = im.getextrema()
        if mode == "I" and lo >= 0 and hi <= 65535:
            return _scale_strips(im, 1 / 256, 0.0)
        if mode == "F" and lo >= 0 and hi <= 1.0:
            return im.point(lambda v: v * 255 + 0.5).convert("L")
        # Unknown scientific range: stretch min..max so nothing clips.
        span = (hi - lo) or 1
        if mode == "F":
            return im.point(lambda v: (v - lo) * 255 / span + 0.5).convert("L")
        return _scale_strips(im, 255 / span, -lo * 255 / span + 0.5)
    if mode == "1":
        return im.convert("L")
    if mode in ("P", "PA"):
        has_alpha = mode == "PA" or "transparency" in im.info
        return im.convert("RGBA" if has_alpha else "RGB")
    if mode in ("La", "RGBa", "RGBX", "YCbCr", "LAB", "HSV"):
        return im.convert("RGBA" if mode.endswith(("a", "A")) else "RGB")
    raise UnsupportedFormatError(f"unsupported pixel mode {mode!r}")


def flatten_alpha(
    im: Image.Image, background: tuple[int, int, int] = (255, 255, 255)
) -> Image.Image:
    """Composite LA/RGBA over a background: JPEG has no alpha, and black behind it looks broken."""
    if im.mode == "LA":
        base = Image.new("L", im.size, background[0])
        base.paste(im.getchannel("L"), mask=im.getchannel("A"))
        return base
    if im.mode == "RGBA":
        base = Image.new("RGB", im.size, background)
        base.paste(im, mask=im.getchannel("A"))
        return base
    return im


@lru_cache(maxsize=32)
def _transform_to_srgb(icc: bytes, in_mode: str) -> ImageCms.ImageCmsTransform:
    # Built transforms are cached per profile: building one costs more than applying it to a
    # thumbnail, and a batch usually shares a handful of camera/scanner profiles.
    src = ImageCms.ImageCmsProfile(io.BytesIO(icc))
    dst = ImageCms.createProfile("sRGB")
    return ImageCms.buildTransform(
        src, dst, in_mode, "RGB", renderingIntent=ImageCms.Intent.PERCEPTUAL
    )


@lru_cache(maxsize=32)
def _profile_is_srgb(icc: bytes) -> bool:
    try:
        desc = ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(icc)))
    except Exception:
        return False
    return "srgb" in desc.lower().replace(" ", "").replace("-", "")


def to_srgb(im: Image.Image, icc: bytes | None, *, in_place: bool = False) -> Image.Image:
    """Colour-manage an 8-bit image into sRGB (RGB) or sRGB-grey (L).

    With an embedded profile the pixels are converted with LittleCMS; without one, RGB and L are
    taken as sRGB already and CMYK gets Pillow's naive conversion (no better guess exists).
    ``in_place`` lets an RGB->RGB conversion overwrite ``im`` (no second full-size buffer).
    """
    if im.mode not in ("L", "RGB", "CMYK"):
        im = im.convert("RGB")
    if icc and not _profile_is_srgb(icc):
        try:
            transform = _transform_to_srgb(icc, im.mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            # A damaged or mismatched profile (e.g. an RGB profile on a CMYK image) is common in
            # the wild; the pixels are still usable, so fall back to the uncalibrated path.
            transform = None
        if transform is not None:
            was_grey = im.mode == "L"
            if in_place and im.mode == "RGB":
                ImageCms.applyTransform(im, transform, inPlace=True)
                return im
            im = ImageCms.applyTransform(im, transform)
            if was_grey:
                im = im.convert("L")
            return im
    if im.mode == "CMYK":
        return im.convert("RGB")
    return im


# Bits per pixel of the uncompressed layouts the band decoder reads itself (see decode_8bit).
_RAW_BITS = {
    "L": 8,
    "L;I": 8,
    "LA": 16,
    "RGB": 24,
    "RGBA": 32,
    "RGBX": 32,
    "RGBa": 32,
    "CMYK": 32,
    "CMYK;I": 32,
    "I;16": 16,
    "I;16B": 16,
    "I;16L": 16,
    "I;16N": 16,
    "RGB;16L": 48,
    "RGB;16B": 48,
    "RGB;16N": 48,
    "RGBA;16L": 64,
    "RGBA;16B": 64,
    "RGBA;16N": 64,
    "RGBX;16L": 64,
    "RGBX;16B": 64,
    "RGBX;16N": 64,
    "CMYK;16L": 64,
    "CMYK;16B": 64,
    "CMYK;16N": 64,
}


@dataclass(frozen=True, slots=True)
class _RawLayout:
    offset: int
    row_bytes: int
    rawmode: str


def _raw_layout(im: Image.Image) -> _RawLayout | None:
    """The pixel data as one contiguous uncompressed block of full-width rows, or None.

    True of most uncompressed master TIFFs (strips written back to back). Reading such data
    ourselves, band by band from a memory map, avoids a full-size 16-bit buffer and lets bands
    decode on several cores; anything less regular goes through Pillow's own load().
    """
    tiles = getattr(im, "tile", None)
    if not tiles:
        return None
    width, height = im.size
    first = tiles[0]
    args = first.args if isinstance(first.args, tuple) else (first.args,)
    rawmode = args[0] if args else None
    bits = _RAW_BITS.get(rawmode) if isinstance(rawmode, str) else None
    if bits is None:
        return None
    row_bytes = width * bits // 8
    expected_top, expected_offset = 0, first.offset
    for tile in tiles:
        targs = tile.args if isinstance(tile.args, tuple) else (tile.args,)
        stride = targs[1] if len(targs) > 1 else 0
        ystep = targs[2] if len(targs) > 2 else 1
        x0, y0, x1, y1 = tile.extents
        if (
            tile.codec_name != "raw"
            or targs[0] != rawmode
            or stride not in (0, row_bytes)
            or ystep != 1
            or (x0, x1) != (0, width)
            or y0 != expected_top
            or tile.offset != expected_offset
        ):
            return None
        expected_top = y1
        expected_offset = tile.offset + (y1 - y0) * row_bytes
    if expected_top != height:
        return None
    return _RawLayout(first.offset, row_bytes, rawmode)


# 16-bit grey decodes straight to 8 bits: Pillow's "L;16" unpackers keep each sample's high byte
# (v >> 8, the same mapping to_8bit applies), a quarter of the work of going through mode I.
_GREY16_TO_L = {
    "I;16": "L;16",
    "I;16L": "L;16",
    "I;16B": "L;16B",
    "I;16N": "L;16" if sys.byteorder == "little" else "L;16B",
}


def _normalise_band(band: Image.Image, reduce_by: int) -> Image.Image:
    band = flatten_alpha(to_8bit(band))
    return band.reduce(reduce_by) if reduce_by > 1 else band


def decode_8bit(
    im: Image.Image,
    path: str | os.PathLike[str],
    *,
    reduce_by: int = 1,
    threads: int = DEFAULT_THREADS,
) -> Image.Image:
    """Decode the selected frame of an opened image to 8 bits, alpha flattened, box-reduced.

    The result is L, RGB or CMYK of size ceil(W / reduce_by) x ceil(H / reduce_by). Call inside
    ``open_image``. Uncompressed contiguous data is decoded in row bands straight from a memory
    map, each band brought to 8 bits and reduced before the next is touched, so memory stays
    near the reduced size; everything else is loaded by Pillow and then reduced.
    """
    layout = _raw_layout(im)
    width, height = im.size
    with decoding_errors(path):
        if layout is None:
            im.load()
            pixels = flatten_alpha(to_8bit(im))
            return reduce_rows(pixels, reduce_by, threads)
        with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
            end = layout.offset + height * layout.row_bytes
            if end > len(mm):
                raise TruncatedFileError(
                    f"truncated image: pixel data needs {end:,} bytes, file has {len(mm):,}",
                    path=path,
                )
            view = memoryview(mm)
            try:
                step = reduce_by * max(1, BAND_ROWS // reduce_by)
                tops = list(range(0, height, step))

                mode, rawmode = im.mode, layout.rawmode
                if rawmode in _GREY16_TO_L:
                    mode, rawmode = "L", _GREY16_TO_L[rawmode]

                def band(top: int) -> Image.Image:
                    rows = min(step, height - top)
                    start = layout.offset + top * layout.row_bytes
                    stop = start + rows * layout.row_bytes
                    raw = Image.frombytes(mode, (width, rows), view[start:stop], "raw", rawmode)
                    # The pages are copied now; unmap them so resident memory stays at a band
                    # or two instead of growing to the whole file (they stay in page cache).
                    first = start - start % mmap.PAGESIZE
                    mm.madvise(mmap.MADV_DONTNEED, first, stop - first)
                    return _normalise_band(raw, reduce_by)

                out = None
                # Each band is pasted as it arrives, so at most a few bands exist besides the
                # (possibly reduced) output image.
                for top, part in zip(tops, map_bands(band, tops, threads), strict=True):
                    if out is None:
                        size = (-(-width // reduce_by), -(-height // reduce_by))
                        out = Image.new(part.mode, size)
                    out.paste(part, (0, top // reduce_by))
            finally:
                view.release()
        assert out is not None
        return out
