"""Adapters from the imaging core to derivative records: one step per decode, several kinds each.

A step takes the original and the file's derivative directory and returns one `Output` per kind
it made. Steps raise archive.imaging's PermanentError or TransientError; the service decides what
each means for the records.
"""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from .imaging.errors import UnsupportedFormatError
from .models import Derivative, MediaFile

Kind = Derivative.Kind


@dataclass
class Output:
    """What one kind produced: a file or directory (relative), its checksum, metadata, text."""

    path: str = ""
    checksum: str = ""
    metadata: dict = field(default_factory=dict)
    text: str = ""


@dataclass
class Context:
    media_file: MediaFile
    source: Path  # the original
    root: Path  # ARCHIVE_DERIVATIVES_ROOT
    directory: str  # this file's derivative directory, relative to root

    @property
    def out_dir(self) -> Path:
        return self.root / self.directory

    def rel(self, path: Path | str) -> str:
        return Path(path).resolve().relative_to(self.root.resolve()).as_posix()


class Step:
    """One unit of derivative work; subclasses set `kinds` and implement `run`."""

    kinds: tuple[str, ...] = ()  # the derivative kinds this step makes together

    def run(self, ctx: Context) -> dict[str, Output]:
        raise NotImplementedError("Step.run")


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def max_pixels() -> int:
    return settings.ARCHIVE_MAX_IMAGE_PIXELS


class AccessAndThumbnail(Step):
    kinds = (Kind.ACCESS, Kind.THUMBNAIL)

    def run(self, ctx: Context) -> dict[str, Output]:
        from .imaging.access import make_access_and_thumbnail

        result = make_access_and_thumbnail(ctx.source, ctx.out_dir, max_pixels=max_pixels())
        facts = {"source_width": result.width, "source_height": result.height}
        return {
            Kind.ACCESS: _file_output(ctx, result.access, facts),
            Kind.THUMBNAIL: _file_output(ctx, result.thumbnail, facts),
        }


class IIIFTiles(Step):
    kinds = (Kind.IIIF,)
    directory = "iiif"  # below the file's derivative directory

    def run(self, ctx: Context) -> dict[str, Output]:
        from .imaging.tiles import make_iiif_tiles

        tiles = make_iiif_tiles(
            ctx.source,
            ctx.out_dir / self.directory,
            max_pixels=max_pixels(),
            service_id=iiif_service_id(ctx.media_file),
        )
        info = tiles.root / "info.json"
        metadata = {
            "width": tiles.plan.width,
            "height": tiles.plan.height,
            "file_count": tiles.file_count,
            "bytes": tiles.total_bytes,
        }
        return {Kind.IIIF: Output(ctx.rel(tiles.root), sha256_of(info), metadata)}


class TechnicalMetadata(Step):
    kinds = (Kind.TECHMD,)

    def run(self, ctx: Context) -> dict[str, Output]:
        from .imaging.techmd import technical_metadata

        data = technical_metadata(ctx.source, max_pixels=max_pixels())
        return {Kind.TECHMD: _json_output(ctx, "techmd.json", data)}


class Text(Step):
    kinds = (Kind.TEXT,)

    def run(self, ctx: Context) -> dict[str, Output]:
        from .imaging.output import atomic_write_bytes
        from .imaging.text import extract_text

        found = extract_text(ctx.source, mime=ctx.media_file.mime_type)
        payload = found.text.encode("utf-8")
        target = ctx.out_dir / "text.txt"
        atomic_write_bytes(target, payload)
        metadata = {
            "encoding": found.encoding,
            "page_count": found.page_count,
            "truncated": found.truncated,
            "characters": len(found.text),
        }
        checksum = hashlib.sha256(payload).hexdigest()
        return {Kind.TEXT: Output(ctx.rel(target), checksum, metadata, found.text)}


class PdfThumbnail(Step):
    kinds = (Kind.PDF_THUMBNAIL,)

    def run(self, ctx: Context) -> dict[str, Output]:
        from .imaging.pdf import make_pdf_thumbnail

        made = make_pdf_thumbnail(ctx.source, ctx.out_dir, name="pdf_thumbnail.jpg")
        facts = {"page_count": made.page_count}
        return {Kind.PDF_THUMBNAIL: _file_output(ctx, made.thumbnail, facts)}


class Unsupported(Step):
    """For content we make nothing of: one failed record says so, instead of silence."""

    kinds = (Kind.THUMBNAIL,)

    def run(self, ctx: Context) -> dict[str, Output]:
        raise UnsupportedFormatError(
            f"no derivatives are made for {ctx.media_file.mime_type} files; "
            "the original is kept as deposited"
        )


def _file_output(ctx: Context, made, facts: dict) -> Output:
    metadata = {"width": made.width, "height": made.height, "mime": made.mime, "bytes": made.bytes}
    return Output(ctx.rel(made.path), made.sha256, {**metadata, **facts})


def _json_output(ctx: Context, name: str, data: dict) -> Output:
    from .imaging.output import atomic_write_bytes

    # default=str: EXIF can hold rationals and bytes; the stored copy is what JSON can carry.
    text = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False, default=str)
    payload = (text + "\n").encode()
    target = ctx.out_dir / name
    atomic_write_bytes(target, payload)
    return Output(ctx.rel(target), hashlib.sha256(payload).hexdigest(), json.loads(text))


def iiif_service_id(media_file: MediaFile) -> str:
    """The id written into info.json; the web layer rewrites it to the URL it serves."""
    return f"{settings.SITE_URL}/iiif/{media_file.pk}"


# Order matters: what people wait for (the access copy) first, the slow tiles last.
STEPS_BY_FAMILY: dict[str, tuple[Step, ...]] = {
    MediaFile.Family.IMAGE: (AccessAndThumbnail(), TechnicalMetadata(), IIIFTiles()),
    MediaFile.Family.PDF: (Text(), PdfThumbnail()),
    MediaFile.Family.TEXT: (Text(),),
    MediaFile.Family.HTML: (Text(),),
    MediaFile.Family.UNKNOWN: (Unsupported(),),
}


def steps_for(family: str) -> tuple[Step, ...]:
    return STEPS_BY_FAMILY.get(family, ())


def kinds_for(family: str) -> list[str]:
    return [kind for step in steps_for(family) for kind in step.kinds]
