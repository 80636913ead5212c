"""Write planned rows to the catalogue in batches, touching only what differs, and prove the result.

Each batch of rows costs a fixed number of statements, not several per row: the items are
locked and compared with their plans, then inserted or updated, their changed values and
collection links deleted and inserted in bulk, read back and compared with what the preview
promised. Bulk statements send no model signals, so this module also does what
collection.history does at the end of a unit of work, in bulk: one revision per changed item
(diffed against its last revision), the item's new version, modified time and title, and one
`items_changed` signal per batch for the catalogue's listeners (the search outbox).
"""

import datetime as dt
from collections.abc import Callable, Iterable
from itertools import islice
from typing import Any

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from .. import history, signals
from ..models import Authority, Collection, Item, MetadataValue, Revision, Tombstone
from ..snapshots import diff, item_snapshots
from .diffing import UNCHANGED, RowPlan
from .problems import Problem

ITEM_FIELDS = ("dcmi_type", "kind", "status", "visibility", "embargo_until")
# Rows per batch: bounded statements (and bound parameters) per batch, few round trips per row.
BATCH = 500
ItemCollection = Item.collections.through
# An existing item's fields that the history (or Item.save) sets, not the row.
KEPT_FIELDS = ("published_at", "version", "title")


class Mismatch(Exception):
    """The saved item differs from its plan: something changed it meanwhile."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def apply_all(plans: list[RowPlan], progress: Callable[[list], Iterable]) -> list[str]:
    """Save every plan in one transaction; return the items' identifiers in the plans' order.

    Run inside history.changes() (its user and comment sign the revisions); raise Mismatch, and
    save nothing, when an item is not as the plan found it.
    """
    identifiers: list[str] = []
    with history.changes(comment="CSV import") as changeset, transaction.atomic():
        rows = iter(progress(plans))
        while batch := list(islice(rows, BATCH)):
            identifiers += _apply_batch(batch, changeset)
    return identifiers


def _apply_batch(plans: list[RowPlan], changeset: history.ChangeSet) -> list[str]:
    todo = [p for p in plans if p.state != UNCHANGED]
    changed = [p for p in todo if p.item_id is not None]
    created = [p for p in todo if p.item_id is None]
    current = _lock(changed)
    _check_identifiers_free(created)
    now = timezone.now()
    new_items = _insert_items(created, now)
    items = {p.item_id: _item(p, p.item_id) for p in changed} | {
        item.pk: item for item in new_items
    }
    plan_of = {p.item_id: p for p in changed} | {
        item.pk: p for p, item in zip(created, new_items, strict=True)
    }
    _write_values(plan_of)
    _write_collections(plan_of)
    expected = {pk: dict(p.new, identifier=items[pk].identifier) for pk, p in plan_of.items()}
    announced = _record(expected, items, current, changeset, now)
    _verify(expected, plan_of)
    if announced:
        signals.items_changed.send(sender=Item, changes=announced)
    by_row = {p.row: items[pk].identifier for pk, p in plan_of.items()}
    return [by_row.get(p.row, p.identifier) for p in plans]


def _lock(changed: list[RowPlan]) -> dict[int, dict[str, Any]]:
    """Lock the items to change (in id order) and check they are as planned; return each one's
    fields as they are now."""
    if not changed:
        return {}
    ids = sorted(p.item_id for p in changed)
    locked = Item.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    current = {row["pk"]: row for row in locked.values("pk", *ITEM_FIELDS, *KEPT_FIELDS)}
    found = item_snapshots(current)
    for plan in changed:
        if found.get(plan.item_id) != plan.old:
            raise _changed_meanwhile(plan)
    return current


def _check_identifiers_free(created: list[RowPlan]) -> None:
    """An identifier the plan found free may have been issued, or retired, since."""
    wanted = {p.identifier: p for p in created if p.identifier}
    if not wanted:
        return
    taken = set(Item.objects.filter(identifier__in=wanted).values_list("identifier", flat=True))
    taken |= set(
        Tombstone.objects.filter(identifier__in=wanted).values_list("identifier", flat=True)
    )
    for identifier, plan in wanted.items():
        if identifier in taken:
            raise Mismatch(
                Problem(
                    plan.row,
                    "identifier",
                    f"{identifier} was created or deleted while importing; nothing was saved",
                )
            )


def _changed_meanwhile(plan: RowPlan) -> Mismatch:
    # The preview promised this snapshot; anything else (a concurrent edit) must not commit.
    return Mismatch(Problem(plan.row, "", "the item changed while importing; nothing was saved"))


def _fields(plan: RowPlan) -> dict[str, Any]:
    fields = {f: plan.new[f] for f in ITEM_FIELDS}
    if fields["embargo_until"]:
        fields["embargo_until"] = dt.date.fromisoformat(fields["embargo_until"])
    return fields


def _item(plan: RowPlan, pk: int | None) -> Item:
    item = Item(pk=pk, **_fields(plan))
    if plan.identifier:
        item.identifier = plan.identifier
    return item


def _insert_items(created: list[RowPlan], now: dt.datetime) -> list[Item]:
    """Insert the new items as history would leave them: version 1, modified now, titled."""
    items = []
    for plan in created:
        item = _item(plan, None)
        item.version, item.modified, item.created = 1, now, now
        item.title = _title(plan.new)
        # As Item.save() does: a published item records when it first was.
        item.published_at = now if item.status == Item.Status.PUBLISHED else None
        items.append(item)
    return Item.objects.bulk_create(items)


def _title(snapshot: dict) -> str:
    # As history does: Item.title is the first dc:title value.
    return (snapshot["values"].get("title") or [[""]])[0][0][:500]


def _write_values(plan_of: dict[int, RowPlan]) -> None:
    """Replace each item's values of the terms whose values differ from its plan's old ones."""
    doomed: dict[frozenset[str], list[int]] = {}
    fresh: list[tuple[int, str, int, list[str]]] = []
    slugs = set()
    for pk, plan in plan_of.items():
        old = (plan.old or {}).get("values", {})
        terms = {
            t for t in set(old) | set(plan.new["values"]) if old.get(t) != plan.new["values"].get(t)
        }
        if plan.old is not None and terms:
            doomed.setdefault(frozenset(terms), []).append(pk)
        for term in sorted(terms):
            for position, value in enumerate(plan.new["values"].get(term, [])):
                fresh.append((pk, term, position, value))
                slugs.add(value[2])
    for terms, ids in doomed.items():
        _raw_delete(MetadataValue.objects.filter(item_id__in=ids, term__in=terms))
    authorities = Authority.objects.in_bulk(slugs - {""}, field_name="slug")
    MetadataValue.objects.bulk_create(
        [_value(pk, term, position, value, authorities) for pk, term, position, value in fresh]
    )


def _value(pk: int, term: str, position: int, value: list[str], authorities: dict) -> MetadataValue:
    text, uri, slug, language = value
    row = MetadataValue(
        item_id=pk,
        term=term,
        position=position,
        value=text,
        uri=uri,
        authority=authorities.get(slug),
        language=language,
    )
    row.prepare()  # bulk inserts skip save(): the language tag, a date's text and bounds
    return row


def _write_collections(plan_of: dict[int, RowPlan]) -> None:
    moved = {
        pk: plan.new["collections"]
        for pk, plan in plan_of.items()
        if (plan.old or {}).get("collections") != plan.new["collections"]
    }
    if not moved:
        return
    _raw_delete(ItemCollection.objects.filter(item_id__in=moved))
    slugs = {slug for wanted in moved.values() for slug in wanted}
    ids = dict(Collection.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    ItemCollection.objects.bulk_create(
        [
            ItemCollection(item_id=pk, collection_id=ids[s])
            for pk, wanted in moved.items()
            for s in wanted
        ]
    )


def _raw_delete(queryset) -> None:
    # One DELETE statement without loading the rows or sending post_delete: the per-row signals
    # would each note an item for the history, whose revisions this module writes itself.
    queryset._raw_delete(queryset.db)


def _verify(expected: dict[int, dict], plan_of: dict[int, RowPlan]) -> None:
    saved = item_snapshots(expected)
    for pk, snapshot in expected.items():
        if saved.get(pk) != snapshot:
            raise _changed_meanwhile(plan_of[pk])


def _record(
    expected: dict[int, dict],
    items: dict[int, Item],
    current: dict[int, dict[str, Any]],
    changeset: history.ChangeSet,
    now: dt.datetime,
) -> list[dict[str, Any]]:
    """Update the existing items' fields; write one revision per item whose snapshot differs
    from its last revision (as history.changes() would), with the version it makes; return
    what items_changed announces. `expected` is proved by _verify() afterwards."""
    last = _last_snapshots([pk for pk in expected if pk in current])
    revisions, announced, bumped, retitled = [], [], [], []
    updates: dict[tuple, list[int]] = {}  # the same new field values -> the items getting them
    for pk, snapshot in expected.items():
        item = items[pk]
        if pk in current:
            fields = _changed_fields(item, current[pk], now)
            if fields:
                updates.setdefault(tuple(sorted(fields.items())), []).append(pk)
        before = last.get(pk)
        changes = diff(before or {}, snapshot)
        if before is not None and not changes:
            continue  # as history: no difference from the last revision, no new version
        if pk in current:  # as history: the next version, modified now, the first title
            item.version = current[pk]["version"] + 1
            bumped.append(pk)
            item.title = _title(snapshot)
            if item.title != current[pk]["title"]:
                retitled.append(item)
        action = Revision.Action.CHANGED if before is not None else Revision.Action.CREATED
        revisions.append(
            Revision(
                target_type=Revision.Target.ITEM,
                target_id=pk,
                target_label=item.identifier,
                version=item.version,
                action=action,
                user=changeset.user,
                comment=changeset.comment,
                snapshot=snapshot,
                changes=changes,
                created=now,
            )
        )
        announced.append(
            {
                "item_id": pk,
                "identifier": item.identifier,
                "version": item.version,
                "action": action,
            }
        )
    # Few statements whatever the number of rows: one per distinct set of new field values (an
    # import seldom has many), one for the versions; titles, which differ, in one bulk update.
    for fields, ids in updates.items():
        Item.objects.filter(pk__in=ids).update(**dict(fields))
    if bumped:  # the rows are locked since _lock(): the version read there plus one
        Item.objects.filter(pk__in=bumped).update(version=F("version") + 1, modified=now)
    if retitled:
        Item.objects.bulk_update(retitled, ["title"])
    Revision.objects.bulk_create(revisions)
    return announced


def _changed_fields(item: Item, current: dict[str, Any], now: dt.datetime) -> dict[str, Any]:
    """The row's item fields that differ from the item's now, and its publication time."""
    fields = {f: getattr(item, f) for f in ITEM_FIELDS}
    if item.status == Item.Status.PUBLISHED and current["published_at"] is None:
        fields["published_at"] = now  # as Item.save() does
    return {f: v for f, v in fields.items() if v != current[f]}


def _last_snapshots(item_ids: list[int]) -> dict[int, dict]:
    if not item_ids:
        return {}
    revisions = Revision.objects.filter(target_type=Revision.Target.ITEM, target_id__in=item_ids)
    newest = revisions.order_by().values("target_id").annotate(newest=Max("id")).values("newest")
    return dict(Revision.objects.filter(pk__in=newest).values_list("target_id", "snapshot"))
