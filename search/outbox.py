"""Write outbox rows for catalogue changes and drain them into the search backend in bulk."""

from __future__ import annotations

import datetime as dt
import logging
from array import array
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import F, Max, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from collection.models import Authority, Contributor, Item, MetadataValue, Revision
from collection.public import CollectionTree

from .backends import BackendUnavailable, get_backend
from .documents import build_authority_documents, build_documents
from .models import IndexOutbox
from .signals import outbox_written

log = logging.getLogger(__name__)
BATCH = 500
# Ids per lookup when enqueueing: below SQLite's bound-parameter limit, few round trips.
ENQUEUE_CHUNK = 5000


def enqueue_items(
    item_ids: Iterable[int],
    action: str = "changed",
    nudge_drain: bool = True,
    counts: bool = False,
) -> int:
    """Record index work for items, in the caller's transaction; return the number of rows.

    `counts`: the items became public or hidden (an ended embargo, a bulk insert), so the
    authorities they link are recounted too.
    """
    ids, count = list(item_ids), 0
    if counts:
        count += enqueue_authorities(authorities_linked(ids), action=action, nudge_drain=False)
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


def enqueue_authorities(
    authority_ids: Iterable[int], action: str = "changed", nudge_drain: bool = True
) -> int:
    """Record that these authorities' documents must be rewritten (or removed), in the caller's
    transaction; return the number of rows. Their current state is read when the drain runs."""
    rows = [IndexOutbox(authority_id=pk, action=action) for pk in sorted(set(authority_ids))]
    IndexOutbox.objects.bulk_create(rows, batch_size=1000)
    if nudge_drain and rows:
        nudge()
    return len(rows)


def authorities_linked(item_ids: Iterable[int]) -> set[int]:
    """Authorities linked to these items now, as a value or as a cited contributor."""
    ids, found = list(item_ids), set()
    for start in range(0, len(ids), ENQUEUE_CHUNK):
        chunk = ids[start : start + ENQUEUE_CHUNK]
        found |= set(
            MetadataValue.objects.filter(item_id__in=chunk, authority_id__isnull=False)
            .order_by()
            .values_list("authority_id", flat=True)
            .distinct()
        )
        found |= set(
            Contributor.objects.filter(record__item_id__in=chunk, authority_id__isnull=False)
            .order_by()
            .values_list("authority_id", flat=True)
            .distinct()
        )
    return found


def authorities_of_item_change(item_id: int) -> set[int]:
    """Authorities whose count of public items an item's change may alter: those it links now,
    and those its two newest revisions link (the state before: a value removed, or the whole
    item deleted). Two small queries and the revisions' snapshots, whatever the catalogue size."""
    snapshots = (
        Revision.objects.filter(target_type=Revision.Target.ITEM, target_id=item_id)
        .order_by("-id")
        .values_list("snapshot", flat=True)[:2]
    )
    slugs = {
        value[2]
        for snapshot in snapshots
        for values in (snapshot or {}).get("values", {}).values()
        for value in values
        if len(value) > 2 and value[2]
    }
    before = set(Authority.objects.filter(slug__in=slugs).values_list("pk", flat=True))
    return before | authorities_linked([item_id])


def authorities_of_items_change(item_ids: Iterable[int]) -> set[int]:
    """authorities_of_item_change() of many items (a bulk import), in a few queries per
    ENQUEUE_CHUNK items: the two newest revisions of each are ranked in the database."""
    ids, slugs = list(item_ids), set()
    for start in range(0, len(ids), ENQUEUE_CHUNK):
        ranked = Revision.objects.filter(
            target_type=Revision.Target.ITEM, target_id__in=ids[start : start + ENQUEUE_CHUNK]
        ).annotate(rank=Window(RowNumber(), partition_by=[F("target_id")], order_by=F("id").desc()))
        for snapshot in ranked.filter(rank__lte=2).values_list("snapshot", flat=True):
            slugs |= {
                value[2]
                for values in (snapshot or {}).get("values", {}).values()
                for value in values
                if len(value) > 2 and value[2]
            }
    before = set(Authority.objects.filter(slug__in=slugs).values_list("pk", flat=True))
    return before | authorities_linked(ids)


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
    indexed: int = 0  # item documents written
    deleted: int = 0  # item documents removed
    failed: int = 0  # items and authorities left pending
    rows: int = 0
    authorities: int = 0  # authority documents written or removed


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
    """Index the current database state of the rows' items and authorities (the rows only say
    which)."""
    item_rows = [r for r in rows if r.authority_id is None]
    authority_ids = {r.authority_id for r in rows if r.authority_id is not None}
    backend = get_backend()
    items_acked, item_error, result = _apply_items(backend, item_rows, target)
    authorities_acked, authority_error = _apply_authorities(backend, authority_ids, target)
    result.rows = len(rows)
    result.authorities = len(authorities_acked)
    result.failed += len(authority_ids - authorities_acked)
    if mark:
        _mark(item_rows, items_acked, item_error)
        _mark(
            [r for r in rows if r.authority_id is not None],
            authorities_acked,
            authority_error,
            key="authority_id",
        )
    return result


def _apply_items(backend, rows: list[IndexOutbox], target: str | None):
    latest: dict[int, int] = {}
    for row in rows:  # collapse per item: the newest version wins
        latest[row.item_id] = max(latest.get(row.item_id, 0), row.version)
    if not latest:
        return set(), "", DrainResult()
    docs, gone = build_documents(latest)
    current = dict(Item.objects.filter(pk__in=gone).values_list("pk", "version"))
    removals = {i: max(latest[i], current.get(i, 0)) for i in gone}
    try:
        acked = backend.index_documents(docs, target) | backend.delete_documents(removals, target)
        error = "not acknowledged by the search engine"
    except BackendUnavailable as exc:
        acked, error = set(), f"search engine unavailable: {exc}"[:2000]
    result = DrainResult(
        indexed=len(acked & set(docs)),
        deleted=len(acked & set(removals)),
        failed=len(set(latest) - acked),
    )
    return acked, error, result


def _apply_authorities(backend, ids: set[int], target: str | None) -> tuple[set[int], str]:
    if not ids:
        return set(), ""
    docs, gone = build_authority_documents(ids)
    try:
        acked = set()
        if docs:
            acked |= backend.index_authorities(docs, target)
        if gone:
            acked |= backend.delete_authorities(gone, target)
        return acked, "not acknowledged by the search engine"
    except BackendUnavailable as exc:
        return set(), f"search engine unavailable: {exc}"[:2000]


def _mark(rows: list[IndexOutbox], acked: set[int], error: str, key: str = "item_id") -> None:
    done = [r.pk for r in rows if getattr(r, key) in acked]
    failed = [r.pk for r in rows if getattr(r, key) not in acked]
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
        for name in ("indexed", "deleted", "failed", "rows", "authorities"):
            setattr(total, name, getattr(total, name) + getattr(result, name))
        if not result.rows or result.failed:
            return total


def high_water_mark() -> int:
    return IndexOutbox.objects.aggregate(m=Max("id"))["m"] or 0


def pending_ids(up_to: int) -> array:
    """Ids of the rows pending now, up to `up_to`: committed changes a rebuild that starts now
    will read from the database (8 bytes a row, not a Python int each: a million rows after
    `generate_synthetic 1000000` are 8 MB)."""
    ids = array("q")
    rows = IndexOutbox.objects.filter(pending(), id__lte=up_to).order_by("id")
    ids.extend(rows.values_list("id", flat=True).iterator(chunk_size=10_000))
    return ids


def settle(ids: array, batch: int = 10_000) -> int:
    """Mark done the rows a finished rebuild already covered (pending_ids() taken before it
    read the database); return how many were still pending. Without this the rebuild's own
    drain would index every such item a second time, one live batch at a time."""
    settled = 0
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch].tolist()
        settled += IndexOutbox.objects.filter(pending(), pk__in=chunk).update(
            done_at=timezone.now()
        )
    return settled


def purge_done(older_than_days: int = 7) -> int:
    """Delete rows done long ago; the outbox is a queue, not a history (collection.Revision is)."""
    cutoff = timezone.now() - dt.timedelta(days=older_than_days)
    return IndexOutbox.objects.filter(done_at__lt=cutoff).delete()[0]
