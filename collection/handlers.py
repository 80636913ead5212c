"""Receivers that turn model saves and deletes into history touches."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from . import history
from .models import (
    Authority,
    AuthorityIdentifier,
    AuthorityName,
    BibliographicRecord,
    Collection,
    Contributor,
    Item,
    MetadataValue,
)


def _touch_item_part(item_id: int | None) -> None:
    if item_id is not None and not history.is_being_deleted(item_id):
        history.touch_item(item_id)


@receiver(post_save, sender=Item)
def item_saved(sender, instance: Item, raw: bool = False, **kwargs) -> None:
    if not raw:
        history.touch_item(instance.pk)


@receiver(pre_delete, sender=Item)
def item_deleting(sender, instance: Item, **kwargs) -> None:
    history.record_item_deletion(instance)


@receiver(post_delete, sender=Item)
def item_deleted(sender, instance: Item, **kwargs) -> None:
    history.finish_item_deletion(instance.pk)


@receiver(m2m_changed, sender=Item.collections.through)
def item_collections_changed(
    sender, instance, action: str, reverse: bool, pk_set, **kwargs
) -> None:
    if not action.startswith("post_"):
        return
    if not reverse:
        _touch_item_part(instance.pk)
    else:
        for item_id in pk_set or []:
            _touch_item_part(item_id)


@receiver([post_save, post_delete], sender=MetadataValue)
@receiver([post_save, post_delete], sender=BibliographicRecord)
def item_part_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw:
        _touch_item_part(instance.item_id)


def _item_of(contributor: Contributor) -> int | None:
    return (
        BibliographicRecord.objects.filter(pk=contributor.record_id)
        .values_list("item_id", flat=True)
        .first()
    )


@receiver([pre_save, pre_delete], sender=Contributor)
def contributor_changing(sender, instance: Contributor, raw: bool = False, **kwargs) -> None:
    """The contributors before the write: what a link is compared with (history._record)."""
    item_id = None if raw else _item_of(instance)
    if item_id is not None and not history.is_being_deleted(item_id):
        history.remember_contributors(item_id)


@receiver([post_save, post_delete], sender=Contributor)
def contributor_changed(sender, instance: Contributor, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    _touch_item_part(_item_of(instance))


@receiver(post_save, sender=Authority)
def authority_saved(sender, instance: Authority, raw: bool = False, **kwargs) -> None:
    if not raw:
        history.touch_authority(instance.pk)


@receiver([post_save, post_delete], sender=AuthorityName)
@receiver([post_save, post_delete], sender=AuthorityIdentifier)
def authority_part_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw and Authority.objects.filter(pk=instance.authority_id).exists():
        history.touch_authority(instance.authority_id)


@receiver(post_save, sender=Collection)
def collection_saved(sender, instance: Collection, raw: bool = False, **kwargs) -> None:
    if not raw:
        history.touch_collection(instance.pk)
