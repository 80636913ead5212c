"""Receivers: catalogue changes write outbox rows in their own transaction; written rows queue a drain."""

from django.db.models.signals import post_delete, pre_save
from django.dispatch import receiver

from collection import signals
from collection.models import Authority, Contributor

from .models import IndexOutbox
from .outbox import (
    authorities_linked,
    authorities_of_item_change,
    authorities_of_items_change,
    enqueue_authorities,
    enqueue_items,
    items_showing_authority,
    items_showing_collection,
    nudge,
)
from .signals import outbox_written
from .tasks import drain_outbox


@receiver(signals.item_changed, dispatch_uid="search.item_changed")
def item_changed(
    sender, item_id: int, identifier: str, version: int, action: str, **kwargs
) -> None:
    IndexOutbox.objects.create(
        item_id=item_id, identifier=identifier, version=version, action=action
    )
    # The authorities it links (now or before) may have gained or lost a public item.
    enqueue_authorities(authorities_of_item_change(item_id), action="count", nudge_drain=False)
    nudge()


@receiver(signals.items_changed, dispatch_uid="search.items_changed")
def items_changed(sender, changes: list[dict], **kwargs) -> None:
    # item_changed for many items at once: their outbox rows and linked authorities in bulk; an
    # item that was changed (not created) may also have unlinked authorities, as item_changed.
    rows = [
        IndexOutbox(
            item_id=c["item_id"],
            identifier=c["identifier"],
            version=c["version"],
            action=c["action"],
        )
        for c in changes
    ]
    IndexOutbox.objects.bulk_create(rows, batch_size=1000)
    created = [c["item_id"] for c in changes if c["action"] == "created"]
    changed = [c["item_id"] for c in changes if c["action"] != "created"]
    authorities = authorities_linked(created) | authorities_of_items_change(changed)
    enqueue_authorities(authorities, action="count", nudge_drain=False)
    if rows:
        nudge()


@receiver(signals.authority_changed, dispatch_uid="search.authority_changed")
def authority_changed(sender, authority_id: int, action: str, **kwargs) -> None:
    enqueue_authorities([authority_id], action=action)
    # Documents show authority names (all variants), so every item citing it is reindexed.
    enqueue_items(items_showing_authority(authority_id), action="authority")


@receiver(post_delete, sender=Authority, dispatch_uid="search.authority_deleted")
def authority_deleted(sender, instance: Authority, **kwargs) -> None:
    # The catalogue sends no authority_changed for a deletion (its history keeps no revision).
    enqueue_authorities([instance.pk], action="deleted")


@receiver(pre_save, sender=Contributor, dispatch_uid="search.contributor_linking")
def contributor_linking(sender, instance: Contributor, raw: bool = False, **kwargs) -> None:
    # A citation gained, changed or lost its authority. Item revisions do not record
    # contributors' authorities (the item may get no new version at all), so both ends of the
    # link are recounted from here.
    if raw:
        return
    old = None
    if instance.pk is not None:
        old = Contributor.objects.filter(pk=instance.pk).values_list("authority_id", flat=True)
        old = old.first()
    if old != instance.authority_id:
        enqueue_authorities({old, instance.authority_id} - {None}, action="count")


@receiver(post_delete, sender=Contributor, dispatch_uid="search.contributor_deleted")
def contributor_deleted(sender, instance: Contributor, **kwargs) -> None:
    if instance.authority_id is not None:
        enqueue_authorities([instance.authority_id], action="count")


@receiver(signals.collection_changed, dispatch_uid="search.collection_changed")
def collection_changed(sender, collection_id: int, action: str, **kwargs) -> None:
    enqueue_items(items_showing_collection(collection_id), action="collection")


@receiver(signals.items_generated, dispatch_uid="search.items_generated")
def items_generated(sender, item_ids, **kwargs) -> None:
    # No nudge: an eager drain here would index the whole batch inside the generator's command.
    # The beat's drain (or `search_reindex`) takes the rows in bulk batches later.
    enqueue_items(item_ids, action="generated", nudge_drain=False, counts=True)


@receiver(signals.item_content_changed, dispatch_uid="search.item_content_changed")
def item_content_changed(sender, item_id: int, what: str = "", **kwargs) -> None:
    # Content from other apps (full text) is part of the document, and it arrives after the item
    # was saved and indexed.
    enqueue_items([item_id], action=what or "content")


@receiver(outbox_written, dispatch_uid="search.outbox_written")
def queue_drain(sender, **kwargs) -> None:
    drain_outbox.delay()
