"""The archive's read API for the other apps (api, portal, search): files, images, text, URLs.

Nothing here checks whether an item may be shown: callers decide that (Item.is_public, rights)
before they hand out a URL or open an original.
"""

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.http import Http404, HttpResponse

from . import storage
from .models import Derivative, MediaFile

Kind, Status = Derivative.Kind, Derivative.Status


# A file's public IIIF image id: the start of its original's SHA-256. Content-addressed, so a
# tile once served under an id is the same tile forever (a replaced file gets a new id).
IIIF_ID_LENGTH = 32


def iiif_image_id(sha256: str) -> str:
    """The public IIIF image id of the file whose original has this SHA-256."""
    return sha256[:IIIF_ID_LENGTH]


def derivative_url(relpath: str) -> str:
    """URL of a derivative (served from MEDIA_ROOT at MEDIA_URL)."""
    prefix = Path(settings.ARCHIVE_DERIVATIVES_ROOT).relative_to(settings.MEDIA_ROOT).as_posix()
    return f"{settings.MEDIA_URL}{prefix}/{relpath}"


def files_for_item(item) -> list[MediaFile]:
    """The current version of each file of an item, in order, with derivatives prefetched."""
    return list(
        MediaFile.objects.current()
        .filter(item_id=item.pk)  # a model item or the catalogue's read model
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


def iiif_tile_dir(media_file: MediaFile) -> str | None:
    """The derivative folder (a storage name) holding info.json and the level-0 tiles, once
    they are recorded as made."""
    derivative = _done(media_file, Kind.IIIF)
    return derivative.path if derivative else None


def read_iiif_info(tile_dir: str) -> dict | None:
    """The stored info.json of a tile folder; None when it is not in the store or unreadable."""
    try:
        return json.loads(storage.read_derivative(f"{tile_dir}/info.json").decode("utf-8"))
    except (OSError, ValueError, storage.StorageUnavailable):
        return None


def serve_derivative_file(relpath: str, content_type: str = "", accel: bool = True) -> HttpResponse:
    """Hand out one derivative file; only after the caller's access check. Raises Http404 when
    it is not in the store; answers 503 when the store cannot be reached."""
    try:
        return storage.derivatives().serve(relpath, content_type, accel=accel)
    except FileNotFoundError as exc:
        raise Http404("No such file.") from exc
    except storage.StorageUnavailable as exc:
        return HttpResponse(
            f"The file store is unavailable; try again later. ({exc.message})",
            status=503,
            content_type="text/plain; charset=utf-8",
            headers={"Retry-After": "30"},
        )


def _size(iiif_metadata: dict | None, access_metadata: dict | None) -> tuple:
    """Width and height of the original, as the IIIF tiles or else the access copy recorded it."""
    if iiif_metadata is not None:
        return iiif_metadata.get("width"), iiif_metadata.get("height")
    source = access_metadata or {}
    return source.get("source_width"), source.get("source_height")


def image_info(media_file: MediaFile) -> dict:
    """What a viewer or API needs about one file; URLs are None until that derivative is done."""
    iiif = _done(media_file, Kind.IIIF)
    access = _done(media_file, Kind.ACCESS)
    width, height = _size(
        (iiif.metadata or {}) if iiif else None, access.metadata if access else None
    )
    return {
        "id": media_file.pk,
        "label": media_file.display_label,
        "filename": media_file.original_filename,
        "mime": media_file.mime_type,
        "family": media_file.family,
        "size": media_file.size,
        "sha256": media_file.sha256,
        "width": width,
        "height": height,
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
    """Open the deposited original for reading (binary, streamed from the store, on either
    backend). The caller checks access first."""
    return storage.open_original(media_file.storage_path)


# The derivatives a public file description reads: dimensions from IIIF or the access copy, URLs.
SHOWN_KINDS = (Kind.IIIF, Kind.ACCESS, Kind.THUMBNAIL, Kind.PDF_THUMBNAIL)
FILE_COLUMNS = ("id", "item_id", "label", "original_filename", "mime_type", "family")
FILE_COLUMNS += ("size", "sha256", "version")


def public_files(
    item_ids: Iterable[int], absolute: Callable[[str], str] = str
) -> dict[int, list[dict]]:
    """{item id: its current files described for the public}, in two queries for any number.

    image_info's description without what the public must not see (the tile directory on disk,
    the technical metadata: it can hold camera serials and software paths). Read as plain rows,
    because model instances with prefetched derivatives cost more than the rest of an API page.
    """
    ids = list(item_ids)
    files = MediaFile.objects.current().filter(item_id__in=ids).values_list(*FILE_COLUMNS)
    derivatives: dict[int, dict[str, tuple]] = {}
    rows = Derivative.objects.filter(
        media_file__item_id__in=ids,
        media_file__is_current=True,
        kind__in=SHOWN_KINDS,
        status=Status.DONE,
    ).values_list("media_file_id", "kind", "path", "metadata")
    for file_id, kind, path, metadata in rows:
        derivatives.setdefault(file_id, {})[kind] = (path, metadata or {})
    out: dict[int, list[dict]] = {}
    for row in files:  # MediaFile.Meta orders them by item and position
        out.setdefault(row[1], []).append(_public_file(row, derivatives.get(row[0], {}), absolute))
    return out


def _public_file(row: tuple, done: dict[str, tuple], absolute: Callable[[str], str]) -> dict:
    _, _, label, filename, mime, family, size, sha256, version = row
    iiif, access = done.get(Kind.IIIF), done.get(Kind.ACCESS)
    width, height = _size(iiif[1] if iiif else None, access[1] if access else None)
    thumbnail = done.get(Kind.THUMBNAIL) or done.get(Kind.PDF_THUMBNAIL)
    return {
        "label": label or filename,
        "filename": filename,
        "mime": mime,
        "family": family,
        "size": size,
        "sha256": sha256,
        "width": width,
        "height": height,
        "version": version,
        "thumbnail_url": absolute(derivative_url(thumbnail[0])) if thumbnail else None,
        "access_url": absolute(derivative_url(access[0])) if access else None,
    }
