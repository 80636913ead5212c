"""Media files of items as the API shows them: derivative URLs, never the originals' storage paths."""

from collections.abc import Callable, Iterable

from archive.models import Derivative, MediaFile
from archive.public import derivative_url

Kind = Derivative.Kind
# The derivatives a file's description reads: dimensions from IIIF or the access copy, URLs.
SHOWN_KINDS = (Kind.IIIF, Kind.ACCESS, Kind.THUMBNAIL, Kind.PDF_THUMBNAIL)
FILE_COLUMNS = ("id", "item_id", "label", "original_filename", "mime_type", "family")
FILE_COLUMNS += ("size", "sha256", "version")


def files_by_item(
    item_ids: Iterable[int], absolute: Callable[[str], str] = str
) -> dict[int, list[dict]]:
    """{item id: its current files described}, in two queries whatever the page size.

    The same description as archive.public.image_info restricted to what the public may see (not
    the tile directory on disk, not the technical metadata: it can hold camera serials and
    software paths), written out here because image_info needs model instances with prefetched
    derivatives, which cost more than the rest of a page.
    """
    files = MediaFile.objects.current().filter(item_id__in=item_ids).values_list(*FILE_COLUMNS)
    derivatives: dict[int, dict[str, tuple]] = {}
    rows = Derivative.objects.filter(
        media_file__item_id__in=item_ids,
        media_file__is_current=True,
        kind__in=SHOWN_KINDS,
        status=Derivative.Status.DONE,
    ).values_list("media_file_id", "kind", "path", "metadata")
    for file_id, kind, path, metadata in rows:
        derivatives.setdefault(file_id, {})[kind] = (path, metadata or {})
    out: dict[int, list[dict]] = {}
    for row in files:  # MediaFile.Meta orders them by item and position
        out.setdefault(row[1], []).append(file_from_row(row, derivatives.get(row[0], {}), absolute))
    return out


def file_from_row(row: tuple, done: dict[str, tuple], absolute: Callable[[str], str]) -> dict:
    """One file; URLs (made absolute by `absolute`) only once derivatives exist."""
    _, _, label, filename, mime, family, size, sha256, version = row
    iiif, access = done.get(Kind.IIIF), done.get(Kind.ACCESS)
    source = (iiif or access or (None, {}))[1]
    thumbnail = done.get(Kind.THUMBNAIL) or done.get(Kind.PDF_THUMBNAIL)
    return {
        "label": label or filename,
        "filename": filename,
        "mime": mime,
        "family": family,
        "size": size,
        "sha256": sha256,
        "width": source.get("width") if iiif else source.get("source_width"),
        "height": source.get("height") if iiif else source.get("source_height"),
        "version": version,
        "thumbnail_url": absolute(derivative_url(thumbnail[0])) if thumbnail else None,
        "access_url": absolute(derivative_url(access[0])) if access else None,
    }
