"""Small images for synthetic items, made from the generator's seed so reruns match."""

import io

from collection.models import Item

from . import placeholders
from .ingest import ingest_file
from .models import MediaFile
from .queues import BULK_QUEUE

SIZE = (480, 320)


def attach_images(item_ids: list[int], seed: int = 0) -> int:
    """Attach one image to each listed item that has no file yet; skip the rest."""
    have = set(MediaFile.objects.filter(item_id__in=item_ids).values_list("item_id", flat=True))
    count = 0
    for item in Item.objects.filter(pk__in=item_ids).exclude(pk__in=have).iterator():
        data = placeholders.placeholder_jpeg(f"{seed}:{item.identifier}", item.title, *SIZE)
        ingest_file(item, io.BytesIO(data), f"{item.identifier}.jpg", queue=BULK_QUEUE)
        count += 1
    return count
