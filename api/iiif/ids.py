"""Image ids: the first 32 hex digits of the file's SHA-256, resolved to a public media file.

Content-addressed ids never change meaning: a replaced file gets a new id (its new bytes), so a
tile once served under an id is the same tile forever and caches never go stale. Identical
bytes in several items share one id and one set of tiles (they are the same picture).
"""

import re

from archive.models import Derivative, MediaFile
from archive.public import IIIF_ID_LENGTH as ID_LENGTH
from archive.public import iiif_image_id
from collection import public

IMAGE_ID_RE = re.compile(rf"^[0-9a-f]{{{ID_LENGTH}}}$")


def image_id(media_file: MediaFile) -> str:
    """The public IIIF image id of a media file."""
    return iiif_image_id(media_file.sha256)


def public_image(image_id: str) -> MediaFile | None:
    """The current image file with this id, of a public item, whose tiles are made; else None."""
    if not IMAGE_ID_RE.match(image_id):
        return None
    return (
        MediaFile.objects.current()
        .filter(
            sha256__startswith=image_id,
            family=MediaFile.Family.IMAGE,
            item__in=public.items(),
            derivatives__kind=Derivative.Kind.IIIF,
            derivatives__status=Derivative.Status.DONE,
        )
        .prefetch_related("derivatives")
        .order_by("pk")
        .first()
    )
