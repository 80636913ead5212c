"""Receivers for the catalogue's signals: attach placeholder images to demo and generated items."""

import io

from django.db import transaction
from django.dispatch import receiver

from collection.models import Item
from collection.signals import demo_loaded, items_generated

from . import placeholders
from .ingest import ingest_file
from .models import MediaFile


@receiver(demo_loaded)
def attach_demo_placeholders(sender, photographs: list[dict], **kwargs) -> None:
    """Give each demo photograph without a file a placeholder image (reloading adds nothing)."""
    for photo in photographs:
        item = Item.objects.filter(identifier=photo["identifier"]).first()
        if item is None or MediaFile.objects.filter(item=item).exists():
            continue
        data = placeholders.placeholder_jpeg(
            photo["identifier"],
            photo.get("caption", ""),
            int(photo.get("width") or 1200),
            int(photo.get("height") or 800),
        )
        ingest_file(item, io.BytesIO(data), f"{photo['identifier']}-placeholder.jpg")


@receiver(items_generated)
def attach_generated_images(sender, item_ids: list[int], with_images: bool = False, seed=0, **kw):
    """Queue images for generated items on the bulk queue, after their insert commits."""
    if not with_images or not item_ids:
        return
    from .queues import BULK_QUEUE
    from .tasks import attach_generated_images as task

    ids = list(item_ids)
    transaction.on_commit(lambda: task.apply_async((ids, seed), queue=BULK_QUEUE))
