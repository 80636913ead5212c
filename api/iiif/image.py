"""IIIF Image API 3.0 level 0: info.json with the id it is served under, and the static tiles.

Only files the tile maker wrote are served; every path segment must match a strict pattern
before it reaches the storage, so no request can name anything outside the tile tree. On S3 a
tile is a redirect to a presigned URL (archive.storage.s3), on the filesystem the file itself.
"""

import re

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from archive import public
from archive.imaging.tiles import with_service_id

from .http import IMAGE_CONTEXT, json_ld, not_found, with_cors
from .ids import public_image
from .links import Links

# What a level-0 tile tree contains (archive.imaging.tiles): full or x,y,w,h regions, max or
# w,h sizes, no rotation, default quality, JPEG.
SEGMENTS = {
    "region": re.compile(r"full|\d{1,7},\d{1,7},\d{1,7},\d{1,7}"),
    "size": re.compile(r"max|\d{1,7},\d{1,7}"),
    "rotation": re.compile(r"0"),
    "quality": re.compile(r"default"),
    "format": re.compile(r"jpg"),
}
NO_IMAGE = "No such image."
# Tiles of an id never change (ids are content hashes) but the item may stop being public.
CACHE_CONTROL = "public, max-age=3600"


def _tile_dir(image_id: str) -> str | None:
    """The tile folder (a storage name) of a public image whose tiles are recorded as made."""
    media_file = public_image(image_id)
    return public.iiif_tile_dir(media_file) if media_file else None


@require_safe
def base(request: HttpRequest, image_id: str) -> HttpResponse:
    """The image's base URI: 303 to its info.json (Image API 3.0 section 2.2)."""
    tile_dir = _tile_dir(image_id)
    if tile_dir is None or public.read_iiif_info(tile_dir) is None:
        return not_found(NO_IMAGE)
    response = HttpResponse(status=303)
    response["Location"] = Links(request).image_service(image_id) + "/info.json"
    return with_cors(response)


@require_safe
def info(request: HttpRequest, image_id: str) -> HttpResponse:
    """The stored info.json, its id rewritten to the service URL this request used."""
    tile_dir = _tile_dir(image_id)
    stored = public.read_iiif_info(tile_dir) if tile_dir else None
    if stored is None:
        return not_found(NO_IMAGE)
    response = json_ld(
        with_service_id(stored, Links(request).image_service(image_id)), IMAGE_CONTEXT
    )
    response["Cache-Control"] = CACHE_CONTROL
    return response


@require_safe
def tile(
    request: HttpRequest, image_id: str, region: str, size: str, rotation: str, filename: str
) -> HttpResponse:
    """One pre-made image file: a tile, a size or full/max."""
    quality, _, fmt = filename.partition(".")
    parts = {
        "region": region,
        "size": size,
        "rotation": rotation,
        "quality": quality,
        "format": fmt,
    }
    if not all(SEGMENTS[name].fullmatch(value) for name, value in parts.items()):
        return not_found("This level-0 service has no such image request.")
    tile_dir = _tile_dir(image_id)
    if tile_dir is None:
        return not_found(NO_IMAGE)
    # The patterns exclude "..", "/" and "\": the name stays inside the tile folder.
    name = f"{tile_dir}/{region}/{size}/{rotation}/{filename}"
    try:
        # No X-Accel-Redirect: the CORS and cache headers below must reach the viewer.
        response = public.serve_derivative_file(name, "image/jpeg", accel=False)
    except Http404:
        return not_found("No such tile: level 0 serves only the advertised sizes and tiles.")
    if response.status_code == 200:
        response["Cache-Control"] = CACHE_CONTROL
    return with_cors(response)


def unknown(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Anything else under /iiif/: a short 404 a viewer on another origin can read."""
    return not_found("No such IIIF resource.")
