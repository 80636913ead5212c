"""Receivers: queue the archive's tasks, attach demo and generated images, announce new full text.

Services send signals; only this module and the tasks know the tasks, so no service imports them.
"""

import io

from django.db import transaction
from django.dispatch import receiver

from collection.models import Item
from collection.signals import demo_loaded, item_content_changed, items_generated

from . import placeholders
from .ingest import ingest_file
from .models import Derivative, MediaFile
from .queues import BULK_QUEUE
from .signals import derivative_finished, derivatives_requested
from .tasks import attach_generated_images as attach_generated_images_task
from .tasks import make_derivatives


@receiver(derivatives_requested, dispatch_uid="archive.queue_derivatives")
def queue_derivatives(
    sender, media_file_id: int, kinds: list[str] | None = None, queue: str | None = None, **kw
) -> None:
    """Queue the derivative task for a file (on `queue`, or the task's own route)."""
    args = (media_file_id,) if kinds is None else (media_file_id, kinds)
    make_derivatives.apply_async(args, **({"queue": queue} if queue else {}))


@receiver(derivative_finished, dispatch_uid="archive.text_extracted")
def text_extracted(sender, item_id: int, kind: str, status: str, **kwargs) -> None:
    # Full text reaches readers through collection.sources; tell them, in the same transaction,
    # that an item's text is ready (it arrives after the item was saved and indexed).
    if kind == Derivative.Kind.TEXT and status == Derivative.Status.DONE:
        item_content_changed.send(sender=MediaFile, item_id=item_id, what="text")


@receiver(demo_loaded, dispatch_uid="archive.attach_demo_placeholders")
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


@receiver(items_generated, dispatch_uid="archive.attach_generated_images")
def attach_generated_images(sender, item_ids: list[int], with_images: bool = False, seed=0, **kw):
    """Queue images for generated items on the bulk queue, after their insert commits."""
    if not with_images or not item_ids:
        return
    ids = list(item_ids)
    transaction.on_commit(
        lambda: attach_generated_images_task.apply_async((ids, seed), queue=BULK_QUEUE)
    )
