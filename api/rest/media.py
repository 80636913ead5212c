"""Media files of items as the API shows them: derivative URLs, never the originals' storage paths."""

from collections.abc import Callable

from django.db.models import Prefetch

from archive.models import MediaFile
from archive.public import image_info

# Prefetch of an item's current files with their derivatives, into `item.current_files`.
FILES_PREFETCH = Prefetch(
    "files",
    queryset=MediaFile.objects.current().prefetch_related("derivatives"),
    to_attr="current_files",
)
# What of archive.public.image_info the public may see: not the tile directory on disk, not
# the technical metadata (it can hold camera serials and software paths).
PUBLIC_KEYS = ("label", "filename", "mime", "family", "size", "sha256", "width", "height")
URL_KEYS = ("thumbnail_url", "access_url")


def file_data(media_file: MediaFile, absolute: Callable[[str], str] = str) -> dict:
    """Describe one current file; URLs (made absolute by `absolute`) only once derivatives exist."""
    info = image_info(media_file)  # reads the prefetched derivatives: no query
    data = {key: info.get(key) for key in PUBLIC_KEYS}
    data["version"] = media_file.version
    for key in URL_KEYS:
        data[key] = absolute(info[key]) if info.get(key) else None
    return data
