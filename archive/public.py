"""The archive's read API for the other apps (api, portal, search): files, images, text, URLs.

Nothing here checks whether an item may be shown: callers decide that (Item.is_public, rights)
before they hand out a URL or open an original.
"""

from pathlib import Path
from typing import BinaryIO

from django.conf import settings

from . import storage
from .models import Derivative, MediaFile

Kind, Status = Derivative.Kind, Derivative.Status


def derivative_url(relpath: str) -> str:
    """URL of a derivative (served from MEDIA_ROOT at MEDIA_URL)."""
    prefix = Path(settings.ARCHIVE_DERIVATIVES_ROOT).relative_to(settings.MEDIA_ROOT).as_posix()
    return f"{settings.MEDIA_URL}{prefix}/{relpath}"


def files_for_item(item) -> list[MediaFile]:
    """The current version of each file of an item, in order, with derivatives prefetched."""
    return list(
        MediaFile.objects.current()
        .filter(item=item)
        .prefetch_related("derivatives")
        .order_by("position", "pk")
    )


def _done(media_file: MediaFile, kind: str) -> Derivative | None:
    for derivative in media_file.derivatives.all():
        if derivative.kind == kind and derivative.status == Status.DONE:
            return derivative
    return None


def _url(media_file: MediaFile, kind: str) -> str | None:
    derivative = _done(media_file, kind)
    return derivative_url(derivative.path) if derivative else None


def iiif_tile_dir(media_file: MediaFile) -> Path | None:
    """Directory holding info.json and the level-0 tiles, once they are made."""
    derivative = _done(media_file, Kind.IIIF)
    return storage.derivatives_root() / derivative.path if derivative else None


def image_info(media_file: MediaFile) -> dict:
    """What a viewer or API needs about one file; URLs are None until that derivative is done."""
    iiif = _done(media_file, Kind.IIIF)
    access = _done(media_file, Kind.ACCESS)
    source = (iiif or access).metadata if (iiif or access) else {}
    return {
        "id": media_file.pk,
        "label": media_file.display_label,
        "filename": media_file.original_filename,
        "mime": media_file.mime_type,
        "family": media_file.family,
        "size": media_file.size,
        "sha256": media_file.sha256,
        "width": source.get("width") if iiif else source.get("source_width"),
        "height": source.get("height") if iiif else source.get("source_height"),
        "thumbnail_url": _url(media_file, Kind.THUMBNAIL) or _url(media_file, Kind.PDF_THUMBNAIL),
        "access_url": _url(media_file, Kind.ACCESS),
        "iiif_tile_dir": iiif_tile_dir(media_file),
        "technical_metadata": (_done(media_file, Kind.TECHMD) or Derivative()).metadata,
    }


def thumbnail_urls(item_ids: list[int]) -> dict[int, str]:
    """{item id: thumbnail URL of its first current file that has one}, in one query."""
    rows = (
        Derivative.objects.filter(
            media_file__item_id__in=item_ids,
            media_file__is_current=True,
            kind__in=[Kind.THUMBNAIL, Kind.PDF_THUMBNAIL],
            status=Status.DONE,
        )
        .order_by("media_file__position", "media_file_id", "kind")
        .values_list("media_file__item_id", "path")
    )
    urls: dict[int, str] = {}
    for item_id, path in rows:
        urls.setdefault(item_id, derivative_url(path))
    return urls


def thumbnail_url_for_item(item_id: int) -> str | None:
    return thumbnail_urls([item_id]).get(item_id)


def extracted_texts(item_ids: list[int]) -> dict[int, str]:
    """{item id: the text of its current files, in file order} for a batch, in one query."""
    rows = (
        Derivative.objects.filter(
            media_file__item_id__in=item_ids,
            media_file__is_current=True,
            kind=Kind.TEXT,
            status=Status.DONE,
        )
        .exclude(text="")
        .order_by("media_file__item_id", "media_file__position", "media_file_id")
        .values_list("media_file__item_id", "text")
    )
    parts: dict[int, list[str]] = {}
    for item_id, text in rows:
        parts.setdefault(item_id, []).append(text)
    return {item_id: "\n\n".join(texts) for item_id, texts in parts.items()}


def extracted_text(item_id: int) -> str:
    """The full text extracted from the item's current files, in file order, for search."""
    return extracted_texts([item_id]).get(item_id, "")


def get_file(media_file_id: int) -> MediaFile | None:
    """A media file by id, with its item and derivatives loaded (None when there is none)."""
    return (
        MediaFile.objects.select_related("item")
        .prefetch_related("derivatives")
        .filter(pk=media_file_id)
        .first()
    )


def open_original(media_file: MediaFile) -> BinaryIO:
    """Open the deposited original for reading (binary). The caller checks access first."""
    return open(storage.original_path(media_file.storage_path), "rb")
