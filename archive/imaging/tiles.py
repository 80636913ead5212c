"""IIIF Image API 3.0 level-0 static tiles and info.json, cut from a halving pyramid."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from .decode import (
    apply_orientation,
    decode_8bit,
    frame_count,
    open_image,
    orientation_of,
    to_srgb,
)
from .errors import writing_errors
from .output import encode_jpeg
from .parallel import DEFAULT_THREADS, run_bands
from .resize import downscale, fit_long_edge, halve

TILE_SIZE = 512
TILE_QUALITY = 85
IIIF_CONTEXT = "http://iiif.io/api/image/3/context.json"
IIIF_PROTOCOL = "http://iiif.io/api/image"
# Below this many pixels on a side a "size" is useless to a viewer; stop advertising sizes there.
_MIN_SIZE_SIDE = 4


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def _round_half_up(value: float) -> int:
    # Python's round() rounds halves to even; viewers (OpenSeadragon: Math.round) round them up,
    # and they compute the "full/w,h" sizes they request that way.
    return int(value + 0.5)


@dataclass(frozen=True, slots=True)
class Tile:
    """One tile: ``region`` in full-resolution pixels, ``size`` as served, at ``scale_factor``."""

    scale_factor: int
    region: tuple[int, int, int, int]  # x, y, w, h
    size: tuple[int, int]  # w, h

    def path(self) -> str:
        x, y, w, h = self.region
        return f"{x},{y},{w},{h}/{self.size[0]},{self.size[1]}/0/default.jpg"


@dataclass(frozen=True, slots=True)
class TilePlan:
    """Everything a level-0 service advertises, computed from the dimensions alone."""

    width: int
    height: int
    tile_size: int
    scale_factors: tuple[int, ...]
    sizes: tuple[tuple[int, int], ...]  # ascending; each served as full/{w},{h}/0/default.jpg
    size_levels: tuple[int, ...]  # pyramid level k (scale 2^k) each size is derived from
    max_size: tuple[int, int]  # what full/max/0/default.jpg is
    max_width: int | None = None  # advertised only when full/max is smaller than the image
    tiles: tuple[Tile, ...] = field(default=(), repr=False)

    def tiles_at(self, scale_factor: int) -> Iterator[Tile]:
        return (t for t in self.tiles if t.scale_factor == scale_factor)

    def full_aliases(self) -> list[tuple[int, tuple[int, int]]]:
        """(scale factor, size) of tiles that cover the whole image.

        Their canonical URL uses region ``full`` (IIIF 3.0 section 4.7), which is what viewers
        request, so those tiles are also written as ``full/{w},{h}``.
        """
        out = []
        for t in self.tiles:
            if t.region == (0, 0, self.width, self.height) and t.scale_factor > 1:
                out.append((t.scale_factor, t.size))
        return out

    def paths(self) -> list[str]:
        """Every file the tile set contains, relative to its root (info.json included)."""
        found = {"info.json", "full/max/0/default.jpg"}
        found.update(t.path() for t in self.tiles)
        found.update(f"full/{w},{h}/0/default.jpg" for w, h in self.sizes)
        found.update(f"full/{w},{h}/0/default.jpg" for _, (w, h) in self.full_aliases())
        return sorted(found)


def plan_tiles(
    width: int, height: int, *, tile_size: int = TILE_SIZE, max_full_size: int | None = None
) -> TilePlan:
    """Scale factors, tiles and sizes for a ``width`` x ``height`` image.

    Scale factors are 1, 2, 4... up to the first at which the whole image fits in one tile, so a
    viewer can zoom from a single tile to full resolution. Each tile's region is ``tile_size *
    sf`` pixels of the full image (clipped at the edges) and its size ``ceil(region / sf)``, which
    is exactly what the halving pyramid level ``sf`` holds there.
    """
    if width < 1 or height < 1:
        raise ValueError(f"image has no pixels ({width}x{height})")
    scale_factors = []
    sf = 1
    while True:
        scale_factors.append(sf)
        if _ceil_div(width, sf) <= tile_size and _ceil_div(height, sf) <= tile_size:
            break
        sf *= 2

    tiles = []
    for sf in scale_factors:
        span = tile_size * sf
        for y in range(0, height, span):
            h = min(span, height - y)
            for x in range(0, width, span):
                w = min(span, width - x)
                tiles.append(Tile(sf, (x, y, w, h), (_ceil_div(w, sf), _ceil_div(h, sf))))

    sizes: list[tuple[int, int]] = []
    size_levels: list[int] = []
    level = 0
    while True:
        factor = 2**level
        w = max(1, _round_half_up(width / factor))
        h = max(1, _round_half_up(height / factor))
        if w < tile_size and h < tile_size:
            if min(w, h) < _MIN_SIZE_SIDE and sizes:
                break
            sizes.append((w, h))
            size_levels.append(level)
            if w == 1 and h == 1:
                break
            if min(w, h) < _MIN_SIZE_SIDE:
                break
        level += 1

    max_width = None
    max_size = (width, height)
    if max_full_size is not None and max(width, height) > max_full_size:
        max_width = max_full_size
        max_size = fit_long_edge((width, height), max_full_size)
    return TilePlan(
        width=width,
        height=height,
        tile_size=tile_size,
        scale_factors=tuple(scale_factors),
        sizes=tuple(reversed(sizes)),
        size_levels=tuple(reversed(size_levels)),
        max_size=max_size,
        max_width=max_width,
        tiles=tuple(tiles),
    )


def info_json(plan: TilePlan, service_id: str) -> dict[str, object]:
    """The info.json document (IIIF Image API 3.0, level 0) for ``plan``.

    ``service_id`` is the service's base URI; the web layer may rewrite it per request with
    :func:`with_service_id` (the validator requires it to equal the URL info.json was fetched
    from, minus ``/info.json``).
    """
    info: dict[str, object] = {
        "@context": IIIF_CONTEXT,
        "id": service_id,
        "type": "ImageService3",
        "protocol": IIIF_PROTOCOL,
        "profile": "level0",
        "width": plan.width,
        "height": plan.height,
    }
    if plan.max_width is not None:
        # maxHeight defaults to maxWidth, which is what full/max was fitted into.
        info["maxWidth"] = plan.max_width
    info["sizes"] = [{"width": w, "height": h} for w, h in plan.sizes]
    info["tiles"] = [
        {
            "width": plan.tile_size,
            "height": plan.tile_size,
            "scaleFactors": list(plan.scale_factors),
        }
    ]
    return info


def with_service_id(info: dict[str, object], service_id: str) -> dict[str, object]:
    """A copy of ``info`` whose ``id`` is ``service_id`` (e.g. the absolute served URL)."""
    return {**info, "id": service_id.rstrip("/")}


def dump_info(info: dict[str, object]) -> bytes:
    # Fixed key order and formatting: the same plan always serialises to the same bytes.
    return (json.dumps(info, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


@dataclass(frozen=True, slots=True)
class TileSet:
    """A finished tile tree at ``root`` (``root/info.json`` and the image paths below it)."""

    root: Path
    info: dict[str, object]
    plan: TilePlan
    file_count: int
    total_bytes: int
    page_count: int

    def as_dict(self) -> dict[str, object]:
        return {
            "root": str(self.root),
            "info": self.info,
            "file_count": self.file_count,
            "total_bytes": self.total_bytes,
            "page_count": self.page_count,
        }


class _TreeWriter:
    """Writes files below a private temp dir; they become visible all at once on commit."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.written: set[str] = set()
        self.count = 0
        self.bytes = 0
        with writing_errors(root):
            root.parent.mkdir(parents=True, exist_ok=True)
            self.tmp = Path(tempfile.mkdtemp(prefix=f".{root.name}.", dir=root.parent))

    def has(self, rel: str) -> bool:
        return rel in self.written

    def write(self, rel: str, data: bytes) -> None:
        if rel in self.written:
            # Edge tiles one pixel wide can have the same region and size at two scale
            # factors, hence the same URL; the first (sharper) rendering is kept.
            return
        self.written.add(rel)
        target = self.tmp / rel
        with writing_errors(target):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        self.count += 1
        self.bytes += len(data)

    def commit(self) -> None:
        """Swap the finished tree into place; a crash before this leaves the old tree intact."""
        with writing_errors(self.root):
            for dirpath, _, _ in os.walk(self.tmp):
                os.chmod(dirpath, 0o755)  # mkdtemp made it 0700; the web server must read it
            old = None
            if self.root.exists():
                old = Path(tempfile.mkdtemp(prefix=f".{self.root.name}.old.", dir=self.root.parent))
                os.replace(self.root, old / "tree")
            os.replace(self.tmp, self.root)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)


def _decode_full(
    path: str | os.PathLike[str], max_pixels: int, threads: int
) -> tuple[Image.Image, int, bytes | None]:
    with open_image(path, max_pixels=max_pixels) as im:
        pages = frame_count(im)
        icc = im.info.get("icc_profile") or None
        pixels = decode_8bit(im, path, reduce_by=1, threads=threads)
        orientation = orientation_of(im)  # after decoding: see read_exif
    # Colour conversion in place and orientation after dropping the 16-bit/alpha source, so at
    # most two full-size 8-bit buffers exist at once (the transpose's source and result).
    pixels = to_srgb(pixels, icc, in_place=True)
    pixels = apply_orientation(pixels, orientation)
    return pixels, pages, icc


def make_iiif_tiles(
    path: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    max_pixels: int,
    service_id: str,
    tile_size: int = TILE_SIZE,
    quality: int = TILE_QUALITY,
    max_full_size: int | None = None,
    threads: int = DEFAULT_THREADS,
) -> TileSet:
    """Write a complete IIIF level-0 tile tree to ``out_dir`` (replacing any previous one).

    Layout below ``out_dir``: ``info.json``; ``full/max/0/default.jpg`` (the whole image at full
    size, or fitted in ``max_full_size`` when given and then advertised as maxWidth);
    ``{x},{y},{w},{h}/{sw},{sh}/0/default.jpg`` for every tile at every scale factor; and
    ``full/{w},{h}/0/default.jpg`` for every advertised size and for each tile that covers the
    whole image. The full-resolution image is decoded once; each pyramid level is the previous
    one halved, so memory stays near one full-size 8-bit image plus a third.
    """
    root = Path(out_dir)
    pixels, pages, _ = _decode_full(path, max_pixels, threads)
    plan = plan_tiles(pixels.width, pixels.height, tile_size=tile_size, max_full_size=max_full_size)
    writer = _TreeWriter(root)
    try:
        writer.write(
            "full/max/0/default.jpg", encode_jpeg(downscale(pixels, plan.max_size), quality)
        )
        size_levels: dict[int, list[tuple[int, int]]] = {}
        for k, size in zip(plan.size_levels, plan.sizes, strict=True):
            size_levels.setdefault(k, []).append(size)
        aliases = dict(plan.full_aliases())
        last_level = max([*size_levels, plan.scale_factors[-1].bit_length() - 1])
        level = pixels
        del pixels
        for k in range(last_level + 1):
            sf = 2**k
            if sf in plan.scale_factors:
                tiles = list(plan.tiles_at(sf))

                def encode_tile(tile: Tile, level: Image.Image = level, sf: int = sf) -> bytes:
                    x, y = tile.region[0] // sf, tile.region[1] // sf
                    return encode_jpeg(
                        level.crop((x, y, x + tile.size[0], y + tile.size[1])), quality
                    )

                # JPEG encoding releases the GIL: tiles of a level are encoded on all cores and
                # written in plan order, so the tree is the same whatever the thread count.
                for tile, data in zip(tiles, run_bands(encode_tile, tiles, threads), strict=True):
                    writer.write(tile.path(), data)
                if sf in aliases:
                    w, h = aliases[sf]
                    writer.write(f"full/{w},{h}/0/default.jpg", encode_jpeg(level, quality))
            for w, h in size_levels.get(k, ()):
                if writer.has(f"full/{w},{h}/0/default.jpg"):
                    continue  # already written as the whole-image tile of this level; skip work
                # Sizes are round(W / 2^k) (how viewers compute them) while the pyramid level is
                # ceil(W / 2^k): at most one pixel to trim by resampling.
                img = level if level.size == (w, h) else downscale(level, (w, h))
                writer.write(f"full/{w},{h}/0/default.jpg", encode_jpeg(img, quality))
            if k < last_level:
                level = halve(level)
        info = info_json(plan, service_id)
        # info.json last: its presence in a finished tree means every image above exists.
        writer.write("info.json", dump_info(info))
        writer.commit()
    except BaseException:
        writer.abort()
        raise
    return TileSet(
        root=root,
        info=info,
        plan=plan,
        file_count=writer.count,
        total_bytes=writer.bytes,
        page_count=pages,
    )
