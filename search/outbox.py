"""Write outbox rows for catalogue changes and drain them into the search backend in bulk."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import F, Max, Q
from django.utils import timezone

from collection.models import Contributor, Item, MetadataValue
from collection.public import CollectionTree

from .backends import BackendUnavailable, get_backend
from .documents import build_documents
from .models import IndexOutbox
from .signals import outbox_written

log = logging.getLogger(__name__)
BATCH = 500
# Ids per lookup when enqueueing: below SQLite's bound-parameter limit, few round trips.
ENQUEUE_CHUNK = 5000


def enqueue_items(
    item_ids: Iterable[int], action: str = "changed", nudge_drain: bool = True
) -> int:
    """Record index work for items, in the caller's transaction; return the number of rows."""
    ids, count = list(item_ids), 0
    for start in range(0, len(ids), ENQUEUE_CHUNK):
        found = Item.objects.filter(pk__in=ids[start : start + ENQUEUE_CHUNK])
        rows = [
            IndexOutbox(item_id=pk, identifier=ident, version=version, action=action)
            for pk, ident, version in found.values_list("pk", "identifier", "version")
        ]
        IndexOutbox.objects.bulk_create(rows, batch_size=1000)
        count += len(rows)
    if nudge_drain and count:
        nudge()
    return count


def items_showing_authority(authority_id: int) -> set[int]:
    direct = MetadataValue.objects.filter(authority_id=authority_id).values_list(
        "item_id", flat=True
    )
    cited = Contributor.objects.filter(authority_id=authority_id).values_list(
        "record__item_id", flat=True
    )
    return set(direct) | set(cited)


def items_showing_collection(collection_id: int) -> set[int]:
    tree = CollectionTree.load()
    if collection_id not in tree.nodes:
        return set()
    ids = tree.descendants(collection_id)
    return set(Item.objects.filter(collections__in=ids).values_list("pk", flat=True))


def nudge() -> None:
    """Ask for a drain once the transaction commits; the beat schedule is the safety net."""
    # robust: a broker that is down must never make the catalogue change fail.
    transaction.on_commit(_announce_work, robust=True)


def _announce_work() -> None:
    outbox_written.send(sender=IndexOutbox)  # search.receivers queues the drain


@dataclass
class DrainResult:
    indexed: int = 0
    deleted: int = 0
    failed: int = 0
    rows: int = 0


def pending() -> Q:
    return Q(done_at__isnull=True)


def drain(batch: int = BATCH, target: str | None = None) -> DrainResult:
    """Apply one batch of pending rows; mark done only what the backend acknowledged."""
    with transaction.atomic():
        rows = IndexOutbox.objects.filter(pending()).order_by("id")
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True)
        rows = list(rows[:batch])
        if not rows:
            return DrainResult()
        return apply_rows(rows, target)


def apply_rows(
    rows: list[IndexOutbox], target: str | None = None, mark: bool = True
) -> DrainResult:
    """Index the current database state of the rows' items (the rows only say which items)."""
    latest: dict[int, int] = {}
    for row in rows:  # collapse per item: the newest version wins
        latest[row.item_id] = max(latest.get(row.item_id, 0), row.version)
    docs, gone = build_documents(latest)
    current = dict(Item.objects.filter(pk__in=gone).values_list("pk", "version"))
    removals = {i: max(latest[i], current.get(i, 0)) for i in gone}
    backend = get_backend()
    try:
        acked = backend.index_documents(docs, target) | backend.delete_documents(removals, target)
        error = "not acknowledged by the search engine"
    except BackendUnavailable as exc:
        acked, error = set(), f"search engine unavailable: {exc}"[:2000]
    result = DrainResult(
        indexed=len(acked & set(docs)), deleted=len(acked & set(removals)), rows=len(rows)
    )
    result.failed = len(set(latest) - acked)
    if mark:
        _mark(rows, acked, error)
    return result


def _mark(rows: list[IndexOutbox], acked: set[int], error: str) -> None:
    done = [r.pk for r in rows if r.item_id in acked]
    failed = [r.pk for r in rows if r.item_id not in acked]
    IndexOutbox.objects.filter(pk__in=done).update(done_at=timezone.now())
    if failed:
        log.warning("search outbox: %d rows left pending: %s", len(failed), error)
        IndexOutbox.objects.filter(pk__in=failed).update(
            attempts=F("attempts") + 1, last_error=error
        )


def drain_all(batch: int = BATCH) -> DrainResult:
    """Drain until nothing is pending or a batch fails; return the summed counts."""
    total = DrainResult()
    while True:
        result = drain(batch)
        for name in ("indexed", "deleted", "failed", "rows"):
            setattr(total, name, getattr(total, name) + getattr(result, name))
        if not result.rows or result.failed:
            return total


def high_water_mark() -> int:
    return IndexOutbox.objects.aggregate(m=Max("id"))["m"] or 0


def purge_done(older_than_days: int = 7) -> int:
    """Delete rows done long ago; the outbox is a queue, not a history (collection.Revision is)."""
    cutoff = timezone.now() - dt.timedelta(days=older_than_days)
    return IndexOutbox.objects.filter(done_at__lt=cutoff).delete()[0]
