"""Which items harvesters see, and how: a full record, a deleted header, or nothing at all.

The rule (docs/oai-pmh.md):
- Full record: the item is public now (collection.public: published, and public or with
  its embargo over). Its datestamp is `modified`, or the local midnight the embargo lifted if
  that is later, so incremental harvesters pick up an embargo that ends without an edit.
- Deleted header (deletedRecord=persistent): the item was public at some moment and is not now
  (withdrawn, made private, re-embargoed), or it was deleted (a Tombstone) after being public.
  "Was public" is proven by the current state (withdrawn while public) or by the revision
  history: a revision that recorded it published and public, or published under an embargo that
  ran out before the next revision. Datestamp: `modified` (the change that hid it) or the
  tombstone's deletion time.
- Nothing: drafts, private and embargoed items that were never public, and tombstones of such
  items: their identifiers are never shown, not even as deleted.
"""

import datetime as dt

from django.db.models import DateField, Exists, OuterRef, Q, QuerySet
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast

from collection import public
from collection.models import Item, Revision, Tombstone

from .datestamps import local_midnight

PUBLISHED, WITHDRAWN = Item.Status.PUBLISHED, Item.Status.WITHDRAWN
PUBLIC, PRIVATE = Item.Visibility.PUBLIC, Item.Visibility.PRIVATE
EMBARGOED = Item.Visibility.EMBARGOED


def live_items() -> QuerySet:
    """Items public now; a lifted embargo may move their datestamp (see item_datestamp)."""
    return public.items()


def lifted_items() -> QuerySet:
    """Public items that were under an embargo: the few whose datestamp may be its end."""
    return public.items().filter(visibility=EMBARGOED)


def hidden_items() -> QuerySet:
    """Items that were public once and are not now: shown as deleted headers."""
    was_public = Q(status=WITHDRAWN, visibility=PUBLIC) | Exists(
        public_revisions(target_id=OuterRef("pk"))
    )
    once = Item.objects.filter(published_at__isnull=False)
    return public.hidden_items(once).filter(was_public)


# The row form of the public rule, for rows already read (collection.public owns it).
is_public = public.item_row_is_public


def hidden_ids(candidates: list[int]) -> set[int]:
    """Return which of these not-public, once-published items have a public moment on record."""
    if not candidates:
        return set()
    rows = (
        public_revisions(target_id__among=candidates).order_by().values_list("target_id", flat=True)
    )
    return set(rows.distinct())  # no ordering: Revision's own would add its columns to DISTINCT


def tombstones() -> QuerySet:
    """Tombstones of deleted items that had been public (and whose identifier is not reused)."""
    reused = Item.objects.filter(identifier=OuterRef("identifier"))
    was_public = Exists(public_revisions(target_label=OuterRef("identifier")))
    return Tombstone.objects.filter(was_public).exclude(Exists(reused))


def public_revisions(**match) -> QuerySet:
    """Item revisions that record a moment the item was public."""
    later = Revision.objects.filter(
        target_type=Revision.Target.ITEM,
        target_id=OuterRef("target_id"),
        id__gt=OuterRef("id"),
        created__date__gte=OuterRef("embargo_end"),
    )
    embargo_end = Cast(KeyTextTransform("embargo_until", "snapshot"), DateField())
    return (
        Revision.objects.filter(
            target_type=Revision.Target.ITEM, snapshot__status=PUBLISHED.value, **match
        )
        .annotate(embargo_end=embargo_end)
        .filter(
            Q(snapshot__visibility=PUBLIC.value)
            | Q(snapshot__visibility=EMBARGOED.value, embargo_end__isnull=False) & Exists(later)
        )
    )


def item_datestamp(modified: dt.datetime, visibility: str, embargo_until: dt.date | None):
    """Return a public item's datestamp: its last change, or when its embargo lifted if later."""
    if visibility == EMBARGOED and embargo_until is not None:
        return max(modified, local_midnight(embargo_until))
    return modified
