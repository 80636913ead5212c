"""Technical metadata of an image as a JSON-serialisable dict, read without decoding pixels."""

from __future__ import annotations

import io
import os
import re
from fractions import Fraction
from typing import Any

from PIL import ExifTags, Image, ImageCms, IptcImagePlugin, TiffImagePlugin

from .decode import frame_count, open_image, orientation_of, oriented_size, read_exif
from .errors import decoding_errors
from .sniff import PIL_MIME

# Readable tags worth keeping (IFD0 and the Exif sub-IFD). Everything else (maker notes, strip
# offsets, thumbnails) is noise for a catalogue and can be megabytes.
_IFD0_TAGS = (
    "Make",
    "Model",
    "Software",
    "DateTime",
    "Artist",
    "Copyright",
    "ImageDescription",
    "Orientation",
    "XResolution",
    "YResolution",
    "ResolutionUnit",
    "HostComputer",
)
_EXIF_TAGS = (
    "DateTimeOriginal",
    "DateTimeDigitized",
    "OffsetTimeOriginal",
    "SubsecTimeOriginal",
    "ExposureTime",
    "FNumber",
    "ISOSpeedRatings",
    "PhotographicSensitivity",
    "ExposureProgram",
    "ExposureBiasValue",
    "MeteringMode",
    "Flash",
    "FocalLength",
    "FocalLengthIn35mmFilm",
    "LensMake",
    "LensModel",
    "BodySerialNumber",
    "ColorSpace",
    "WhiteBalance",
    "UserComment",
    "ImageUniqueID",
    "PixelXDimension",
    "PixelYDimension",
)
_TAG_IDS = {name: tag for tag, name in ExifTags.TAGS.items()}

# IPTC-IIM record 2 datasets used by photo/archive tools (Photoshop "File Info").
_IPTC_NAMES = {
    (2, 5): "ObjectName",
    (2, 10): "Urgency",
    (2, 15): "Category",
    (2, 20): "SupplementalCategories",
    (2, 25): "Keywords",
    (2, 40): "SpecialInstructions",
    (2, 55): "DateCreated",
    (2, 60): "TimeCreated",
    (2, 80): "By-line",
    (2, 85): "By-lineTitle",
    (2, 90): "City",
    (2, 92): "Sub-location",
    (2, 95): "Province-State",
    (2, 100): "Country-PrimaryLocationCode",
    (2, 101): "Country-PrimaryLocationName",
    (2, 103): "OriginalTransmissionReference",
    (2, 105): "Headline",
    (2, 110): "Credit",
    (2, 115): "Source",
    (2, 116): "CopyrightNotice",
    (2, 118): "Contact",
    (2, 120): "Caption-Abstract",
    (2, 122): "Writer-Editor",
}
_IPTC_REPEATABLE = {"Keywords", "SupplementalCategories", "By-line", "Contact"}

# XMP packets can embed whole thumbnails; cap what goes into a database row.
MAX_XMP_CHARS = 256 * 1024
_MAX_STRING = 2000

_MODE_BITS = {"1": 1, "I;16": 16, "I;16B": 16, "I;16L": 16, "I;16N": 16, "I": 32, "F": 32}
_EXIF_DATE = re.compile(r"^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})")


def _jsonable(value: Any) -> Any:
    """EXIF values come as IFDRational, bytes, nested tuples: make them plain JSON types."""
    if isinstance(value, TiffImagePlugin.IFDRational):
        if value.denominator == 0:
            return None
        return float(value) if value.denominator != 1 else int(value.numerator)
    if isinstance(value, Fraction):
        return float(value)
    if isinstance(value, bytes):
        text = value.rstrip(b"\x00")
        # EXIF UserComment starts with an 8-byte charset marker.
        for marker, codec in ((b"ASCII\x00\x00\x00", "ascii"), (b"UNICODE\x00", "utf-16")):
            if text.startswith(marker):
                return text[8:].decode(codec, "replace").strip("\x00 ")[:_MAX_STRING] or None
        try:
            decoded = text.decode("utf-8")
        except UnicodeDecodeError:
            return None  # opaque binary: not "readable"
        return decoded[:_MAX_STRING] if decoded.isprintable() else None
    if isinstance(value, str):
        return value.strip("\x00 ")[:_MAX_STRING]
    if isinstance(value, tuple | list):
        items = [_jsonable(v) for v in value]
        return items[0] if len(items) == 1 else items
    if isinstance(value, int | float | bool) or value is None:
        return value
    return str(value)[:_MAX_STRING]


def _exif(im: Image.Image) -> dict[str, Any]:
    exif = read_exif(im)  # never decodes pixels, never raises
    out: dict[str, Any] = {}
    for name in _IFD0_TAGS:
        tag = _TAG_IDS.get(name)
        if tag in exif:
            value = _jsonable(exif[tag])
            if value not in (None, "", []):
                out[name] = value
    try:
        sub = exif.get_ifd(ExifTags.IFD.Exif)
    except Exception:
        sub = {}
    for name in _EXIF_TAGS:
        tag = _TAG_IDS.get(name)
        if tag in sub:
            value = _jsonable(sub[tag])
            if value not in (None, "", []):
                out[name] = value
    gps = _gps(exif)
    if gps:
        out["GPS"] = gps
    return out


def _gps(exif: Image.Exif) -> dict[str, float] | None:
    try:
        gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    except Exception:
        return None
    try:
        out = {}
        for axis, ref_tag, val_tag, negative in (("latitude", 1, 2, "S"), ("longitude", 3, 4, "W")):
            if val_tag in gps:
                d, m, s = (float(x) for x in gps[val_tag])
                value = d + m / 60 + s / 3600
                if str(gps.get(ref_tag, "")).upper().startswith(negative):
                    value = -value
                out[axis] = round(value, 7)
        if 6 in gps:
            out["altitude"] = round(float(gps[6]), 2)
        return out or None
    except (TypeError, ValueError, ZeroDivisionError):
        return None


def _iptc(im: Image.Image) -> dict[str, Any]:
    try:
        raw = IptcImagePlugin.getiptcinfo(im)
    except Exception:
        return {}
    if not raw:
        return {}
    out: dict[str, Any] = {}
    for key, value in raw.items():
        name = _IPTC_NAMES.get(key)
        if name is None:
            continue
        values = value if isinstance(value, list) else [value]
        texts = []
        for v in values:
            if isinstance(v, bytes):
                try:
                    texts.append(v.decode("utf-8"))
                except UnicodeDecodeError:
                    texts.append(v.decode("latin-1"))  # IIM without CodedCharacterSet
            else:
                texts.append(str(v))
        out[name] = texts if name in _IPTC_REPEATABLE else "; ".join(texts)
    return out


def _xmp(im: Image.Image) -> str | None:
    raw = im.info.get("xmp")
    if raw is None and hasattr(im, "tag_v2"):
        raw = im.tag_v2.get(700)  # TIFF XMLPacket
    if raw is None:
        raw = im.info.get("XML:com.adobe.xmp")  # PNG iTXt
    if isinstance(raw, tuple | list):
        raw = bytes(raw)
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", "replace")
    if not isinstance(raw, str):
        return None
    raw = raw.strip("\x00 \n")
    return raw[:MAX_XMP_CHARS] or None


def _icc(icc: bytes | None) -> dict[str, Any] | None:
    if not icc:
        return None
    info: dict[str, Any] = {"bytes": len(icc)}
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        info["description"] = ImageCms.getProfileDescription(profile).strip() or None
        info["color_space"] = profile.profile.xcolor_space.strip()
        info["version"] = profile.profile.version
    except Exception:
        info["description"] = None
        info["error"] = "unreadable ICC profile"
    return info


def _bit_depth(im: Image.Image) -> int | None:
    """Bits per sample of the file, not of Pillow's in-memory mode (16-bit RGB reads as 8)."""
    if im.format == "TIFF" and hasattr(im, "tag_v2"):
        bits = im.tag_v2.get(258)
        if bits:
            values = bits if isinstance(bits, tuple) else (bits,)
            return int(max(values))
    if im.format == "PNG":
        fp = getattr(im, "fp", None)
        if fp is not None:
            pos = fp.tell()
            try:
                fp.seek(24)  # IHDR bit depth byte: 8 signature + 8 chunk header + 8 w/h
                depth = fp.read(1)
            finally:
                fp.seek(pos)
            if depth:
                return depth[0]
    bits = im.info.get("bits")
    if isinstance(bits, int):
        return bits
    return _MODE_BITS.get(im.mode, 8)


def capture_date(exif: dict[str, Any]) -> str | None:
    """DateTimeOriginal (with OffsetTimeOriginal if present) as ISO 8601, or None."""
    value = exif.get("DateTimeOriginal") or exif.get("DateTimeDigitized")
    if not isinstance(value, str):
        return None
    match = _EXIF_DATE.match(value.strip())
    if not match or match.group(1) == "0000":
        return None  # cameras write "0000:00:00 00:00:00" when the clock was never set
    y, mo, d, h, mi, s = match.groups()
    iso = f"{y}-{mo}-{d}T{h}:{mi}:{s}"
    offset = exif.get("OffsetTimeOriginal")
    if isinstance(offset, str) and re.fullmatch(r"[+-]\d{2}:\d{2}", offset.strip()):
        iso += offset.strip()
    return iso


def technical_metadata(path: str | os.PathLike[str], *, max_pixels: int) -> dict[str, Any]:
    """Format, dimensions, mode, bit depth, ICC, EXIF, IPTC, XMP, capture date, page count.

    Only headers are read (no pixel decoding), so this is cheap even for huge files; the pixel
    limit still applies so a bomb is reported here too. ``width``/``height`` are as stored;
    ``display_width``/``display_height`` have EXIF orientation applied.
    """
    with open_image(path, max_pixels=max_pixels) as im, decoding_errors(path):
        pages = frame_count(im)
        orientation = orientation_of(im)
        exif = _exif(im)
        display = oriented_size(im.size, orientation)
        dpi = im.info.get("dpi")
        md: dict[str, Any] = {
            "format": im.format,
            "mime": PIL_MIME.get(im.format or "", None),
            "width": im.width,
            "height": im.height,
            "display_width": display[0],
            "display_height": display[1],
            "orientation": orientation,
            "mode": im.mode,
            "bands": len(im.getbands()),
            "bit_depth": _bit_depth(im),
            "has_alpha": im.mode in ("LA", "RGBA", "PA") or "transparency" in im.info,
            "page_count": pages,
            "dpi": [round(float(v), 3) for v in dpi] if dpi else None,
            "icc_profile": _icc(im.info.get("icc_profile")),
            "exif": exif,
            "iptc": _iptc(im),
            "xmp": _xmp(im),
            "capture_date": capture_date(exif),
        }
        if im.format == "TIFF" and hasattr(im, "tag_v2"):
            compression = im.info.get("compression")
            md["compression"] = compression if isinstance(compression, str) else None
    return md
