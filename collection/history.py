"""Group catalogue writes into one revision per changed object, written in the same transaction.

Model signals only say "this object was touched"; at the end of a unit of work (a request, an
import, a command) each touched object is snapshotted once, compared with its last revision, and
only a real difference becomes a revision, a new version and an `*_changed` signal. Outside any
unit of work a touch is flushed at once, so nothing escapes the history.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import transaction
from django.utils import timezone

from . import signals
from .models import Item, MetadataValue, Revision, Tombstone
from .public import CollectionTree
from .snapshots import (
    authority_snapshot,
    collection_snapshot,
    contributor_list,
    contributors_with_links,
    diff,
    has_unlinked_shape,
    item_snapshot,
)

UserSource = Callable[[], Any] | Any


class ChangeSet:
    """The objects touched in one unit of work, and who did it."""

    def __init__(self, user: UserSource = None, comment: str = "") -> None:
        self._user = user
        self.comment = comment
        self.items: dict[int, None] = {}  # dicts keep the order objects were touched in
        self.authorities: dict[int, None] = {}
        self.collections: dict[int, None] = {}
        self.deleting: set[int] = set()
        # item id -> its contributors before this unit of work first wrote one (see _record)
        self.contributors_before: dict[int, list[list[str]]] = {}

    @property
    def user(self):
        user = self._user() if callable(self._user) else self._user
        return user if getattr(user, "is_authenticated", False) else None

    def flush(self) -> None:
        for item_id in list(self.items):
            if item_id not in self.deleting:
                _record(Revision.Target.ITEM, item_id, self, item_snapshot)
        for auth_id in list(self.authorities):
            _record(Revision.Target.AUTHORITY, auth_id, self, authority_snapshot)
        for col_id in list(self.collections):
            _record(Revision.Target.COLLECTION, col_id, self, collection_snapshot)
        self.items.clear()
        self.authorities.clear()
        self.collections.clear()
        self.contributors_before.clear()


_current: ContextVar[ChangeSet | None] = ContextVar("collection_changeset", default=None)


@contextmanager
def changes(user: UserSource = None, comment: str = "") -> Iterator[ChangeSet]:
    """Run the block atomically and write one revision per object it changed, before commit."""
    outer = _current.get()
    if outer is not None:
        yield outer
        return
    changeset = ChangeSet(user, comment)
    token = _current.set(changeset)
    try:
        with transaction.atomic():
            yield changeset
            changeset.flush()
    finally:
        _current.reset(token)


def flush_now(comment: str = "") -> None:
    """Write the current unit of work's revisions now (e.g. to answer with the new version)."""
    changeset = _current.get()
    if changeset is not None:
        changeset.comment = changeset.comment or comment
        changeset.flush()


def _touch(kind: str, obj_id: int) -> None:
    changeset = _current.get()
    if changeset is None:
        changeset = ChangeSet()
        getattr(changeset, kind)[obj_id] = None
        outside = _contributors_outside.get() or {}
        if kind == "items" and obj_id in outside:
            changeset.contributors_before[obj_id] = outside[obj_id]
            _contributors_outside.set({k: v for k, v in outside.items() if k != obj_id})
        with transaction.atomic():
            changeset.flush()
        return
    if not (kind == "items" and obj_id in changeset.deleting):
        getattr(changeset, kind)[obj_id] = None


def touch_item(item_id: int) -> None:
    """Note that an item or one of its parts changed (call after bulk writes that skip signals)."""
    _touch("items", item_id)


# remember_contributors() outside any unit of work; each change sets a new dict
_contributors_outside: ContextVar[dict[int, list] | None] = ContextVar(
    "collection_contributors_before", default=None
)


def remember_contributors(item_id: int) -> None:
    """Keep an item's contributors as they read before one of them is saved or deleted.

    The receivers call it before the write. Only needed when the item's last revision predates
    contributors' authority links: it tells a changed link from an unchanged one (see _record).
    One query, once per item and unit of work.
    """
    changeset = _current.get()
    if changeset is None:  # each write outside a unit of work is its own unit: the latest counts
        outside = _contributors_outside.get() or {}
        _contributors_outside.set({**outside, item_id: contributor_list(item_id)})
    elif item_id not in changeset.contributors_before:
        changeset.contributors_before[item_id] = contributor_list(item_id)


def touch_authority(authority_id: int) -> None:
    _touch("authorities", authority_id)


def touch_collection(collection_id: int) -> None:
    _touch("collections", collection_id)


_deleting_outside: ContextVar[frozenset] = ContextVar("collection_deleting", default=frozenset())


def is_being_deleted(item_id: int) -> bool:
    changeset = _current.get()
    in_changeset = changeset is not None and item_id in changeset.deleting
    return in_changeset or item_id in _deleting_outside.get()


def record_item_deletion(item: Item) -> None:
    """Keep the deleted item's last state as a revision and leave a tombstone for harvesters."""
    snapshot = item_snapshot(item.pk) or {}
    changeset = _current.get()
    if changeset is not None:
        changeset.deleting.add(item.pk)
        changeset.items.pop(item.pk, None)
    else:
        _deleting_outside.set(_deleting_outside.get() | {item.pk})
    last = _last_revision(Revision.Target.ITEM, item.pk)
    Revision.objects.create(
        target_type=Revision.Target.ITEM,
        target_id=item.pk,
        target_label=item.identifier,
        version=item.version + 1,
        action=Revision.Action.DELETED,
        user=changeset.user if changeset else None,
        comment=changeset.comment if changeset else "",
        snapshot=snapshot,
        changes=diff(last.snapshot if last else {}, {}),
    )
    tree = CollectionTree.load()
    set_specs = [tree.nodes[c.pk].set_spec for c in item.collections.all() if c.pk in tree.nodes]
    Tombstone.objects.update_or_create(
        identifier=item.identifier,
        defaults={"title": item.title, "set_specs": set_specs, "deleted": timezone.now()},
    )
    signals.item_changed.send(
        sender=Item,
        item_id=item.pk,
        identifier=item.identifier,
        version=item.version + 1,
        action="deleted",
    )


def finish_item_deletion(item_id: int) -> None:
    _deleting_outside.set(_deleting_outside.get() - {item_id})


def _last_revision(target_type: str, target_id: int) -> Revision | None:
    return (
        Revision.objects.filter(target_type=target_type, target_id=target_id)
        .order_by("-id")
        .first()
    )


def _record(target_type: str, obj_id: int, changeset: ChangeSet, snapshot_of) -> None:
    snapshot = snapshot_of(obj_id)
    if snapshot is None:
        return  # deleted in the same unit of work
    last = _last_revision(target_type, obj_id)
    old = last.snapshot if last else {}
    if target_type == Revision.Target.ITEM and has_unlinked_shape(old.get("bibliographic")):
        old = _with_contributor_links(old, snapshot, changeset.contributors_before.get(obj_id))
    changes = diff(old, snapshot)
    if last is not None and not changes:
        return
    action = Revision.Action.CHANGED if last else Revision.Action.CREATED
    version, label = _bump(target_type, obj_id, snapshot)
    Revision.objects.create(
        target_type=target_type,
        target_id=obj_id,
        target_label=label,
        version=version,
        action=action,
        user=changeset.user,
        comment=changeset.comment,
        snapshot=snapshot,
        changes=changes,
    )
    if action == Revision.Action.CHANGED and target_type != Revision.Target.ITEM:
        _move_dependent_items(target_type, obj_id)
    _announce(target_type, obj_id, snapshot, version, action)


def _with_contributor_links(old: dict, now: dict, before: list | None) -> dict:
    """The last revision as it reads in today's shape, to be compared with `now`.

    Revisions written before contributors' links were kept in snapshots hold [role, family,
    given]. Comparing them as they are would give every such item a revision at its next save,
    even an unchanged one. Instead each old contributor takes the link it had just before this
    unit of work (`before`: the contributors as they read before the first contributor write),
    or, when no contributor was written, the link it has now, which then cannot have changed.
    So an unchanged record writes nothing, and a changed link is a difference like any other.
    """
    bib = old["bibliographic"]
    reference = (
        before if before is not None else (now.get("bibliographic") or {}).get("contributors", [])
    )
    people = contributors_with_links(bib["contributors"], reference)
    return {**old, "bibliographic": {**bib, "contributors": people}}


def _move_dependent_items(target_type: str, obj_id: int) -> None:
    """Move `modified` of the items that show an authority's names or a collection's set.

    Their records read differently now, so incremental harvesters must fetch them again. The
    change itself is the authority's or collection's revision; the items get none of their own.
    """
    if target_type == Revision.Target.AUTHORITY:
        ids = MetadataValue.objects.filter(authority_id=obj_id).values("item_id")
    else:
        below = CollectionTree.load().descendants(obj_id)
        ids = Item.collections.through.objects.filter(collection_id__in=below).values("item_id")
    Item.objects.filter(pk__in=ids).update(modified=timezone.now())


def _bump(target_type: str, obj_id: int, snapshot: dict) -> tuple[int, str]:
    """Advance an item's version and modified time; return the version and a label."""
    if target_type != Revision.Target.ITEM:
        return 0, snapshot.get("slug", str(obj_id))
    titles = snapshot["values"].get("title") or [[""]]
    version = (Item.objects.filter(pk=obj_id).values_list("version", flat=True).first() or 0) + 1
    Item.objects.filter(pk=obj_id).update(
        version=version, modified=timezone.now(), title=titles[0][0][:500]
    )
    return version, snapshot["identifier"]


def _announce(target_type: str, obj_id: int, snapshot: dict, version: int, action: str) -> None:
    if target_type == Revision.Target.ITEM:
        signals.item_changed.send(
            sender=Item,
            item_id=obj_id,
            identifier=snapshot["identifier"],
            version=version,
            action=action,
        )
    elif target_type == Revision.Target.AUTHORITY:
        signals.authority_changed.send(sender=None, authority_id=obj_id, action=action)
    else:
        signals.collection_changed.send(sender=None, collection_id=obj_id, action=action)
