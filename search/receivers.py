"""Receivers: catalogue changes write outbox rows in their own transaction; written rows queue a drain."""

from django.dispatch import receiver

from collection import signals

from .models import IndexOutbox
from .outbox import enqueue_items, items_showing_authority, items_showing_collection, nudge
from .signals import outbox_written
from .tasks import drain_outbox


@receiver(signals.item_changed, dispatch_uid="search.item_changed")
def item_changed(
    sender, item_id: int, identifier: str, version: int, action: str, **kwargs
) -> None:
    IndexOutbox.objects.create(
        item_id=item_id, identifier=identifier, version=version, action=action
    )
    nudge()


@receiver(signals.authority_changed, dispatch_uid="search.authority_changed")
def authority_changed(sender, authority_id: int, action: str, **kwargs) -> None:
    # Documents show authority names (all variants), so every item citing it is reindexed.
    enqueue_items(items_showing_authority(authority_id), action="authority")


@receiver(signals.collection_changed, dispatch_uid="search.collection_changed")
def collection_changed(sender, collection_id: int, action: str, **kwargs) -> None:
    enqueue_items(items_showing_collection(collection_id), action="collection")


@receiver(signals.items_generated, dispatch_uid="search.items_generated")
def items_generated(sender, item_ids, **kwargs) -> None:
    # No nudge: an eager drain here would index the whole batch inside the generator's command.
    # The beat's drain (or `search_reindex`) takes the rows in bulk batches later.
    enqueue_items(item_ids, action="generated", nudge_drain=False)


@receiver(signals.item_content_changed, dispatch_uid="search.item_content_changed")
def item_content_changed(sender, item_id: int, what: str = "", **kwargs) -> None:
    # Content from other apps (full text) is part of the document, and it arrives after the item
    # was saved and indexed.
    enqueue_items([item_id], action=what or "content")


@receiver(outbox_written, dispatch_uid="search.outbox_written")
def queue_drain(sender, **kwargs) -> None:
    drain_outbox.delay()
