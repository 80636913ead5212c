"""Receivers on the catalogue's signals: each change writes outbox rows in its own transaction."""

from django.db import transaction
from django.dispatch import receiver

from archive.signals import derivative_finished
from collection import signals

from .labels import clear_labels
from .models import IndexOutbox
from .outbox import enqueue_items, items_showing_authority, items_showing_collection, nudge


@receiver(signals.item_changed, dispatch_uid="search.item_changed")
def item_changed(
    sender, item_id: int, identifier: str, version: int, action: str, **kwargs
) -> None:
    IndexOutbox.objects.create(
        item_id=item_id, identifier=identifier, version=version, action=action
    )
    nudge()


def forget_labels() -> None:
    # Now, for this transaction's own reads, and after commit, since a concurrent search may
    # have cached the old label in between.
    clear_labels()
    transaction.on_commit(clear_labels)


@receiver(signals.authority_changed, dispatch_uid="search.authority_changed")
def authority_changed(sender, authority_id: int, action: str, **kwargs) -> None:
    forget_labels()  # facet labels show preferred names
    # Documents show authority names (all variants), so every item citing it is reindexed.
    enqueue_items(items_showing_authority(authority_id), action="authority")


@receiver(signals.collection_changed, dispatch_uid="search.collection_changed")
def collection_changed(sender, collection_id: int, action: str, **kwargs) -> None:
    forget_labels()
    enqueue_items(items_showing_collection(collection_id), action="collection")


@receiver(signals.items_generated, dispatch_uid="search.items_generated")
def items_generated(sender, item_ids, **kwargs) -> None:
    # No nudge: an eager drain here would index the whole batch inside the generator's command.
    # The beat's drain (or `search_reindex`) takes the rows in bulk batches later.
    enqueue_items(item_ids, action="generated", nudge_drain=False)


@receiver(derivative_finished, dispatch_uid="search.derivative_finished")
def text_extracted(sender, item_id: int, kind: str, status: str, **kwargs) -> None:
    # Full text is part of the document, and it arrives after the item was saved and indexed.
    if kind == "text" and status == "done":
        enqueue_items([item_id], action="text")
