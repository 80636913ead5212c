"""Pages of headers in (datestamp, identifier) order, merged from the four sources of exposure.

Keyset pagination: a page starts strictly after the (datestamp, identifier) of the previous
one, so page 1,000 costs what page 1 costs. The largest source (live items, on the
(modified, identifier) index) is read first; its last row bounds how far the others are read.
"""

import datetime as dt
import heapq
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.fields import TextField
from django.db.models.functions import Cast

from collection.models import Item

from . import exposure
from .datestamps import local_date, local_midnight


@dataclass(frozen=True)
class Entry:
    datestamp: dt.datetime  # full precision: the keyset; shown truncated to seconds
    identifier: str  # the item's local identifier
    deleted: bool
    item_id: int | None = None  # None for tombstones
    set_specs: tuple[str, ...] = ()  # tombstones only: the sets it was in when deleted

    @property
    def key(self) -> tuple[dt.datetime, str]:
        return self.datestamp, self.identifier


@dataclass(frozen=True)
class Window:
    """What a list request selects: datestamps in [lo, hi), optional set, after a position."""

    lo: dt.datetime | None = None
    hi: dt.datetime | None = None
    set_spec: str = ""
    collection_ids: tuple[int, ...] = ()  # the set and its descendants, if set_spec
    after: tuple[dt.datetime, str] | None = None

    def admits(self, entry: Entry, bound: dt.datetime | None = None) -> bool:
        ds = entry.datestamp
        return (
            (self.lo is None or ds >= self.lo)
            and (self.hi is None or ds < self.hi)
            and (self.after is None or entry.key > self.after)
            and (bound is None or ds <= bound)
        )


ITEM_FIELDS = ("pk", "identifier", "modified")


def _in_set(qs: QuerySet, window: Window) -> QuerySet:
    if not window.set_spec:
        return qs
    through = Item.collections.through.objects.filter(
        item_id=OuterRef("pk"), collection_id__in=window.collection_ids
    )
    return qs.filter(Exists(through))


def _by_column(qs: QuerySet, column: str, window: Window, bound=None) -> QuerySet:
    """Filter on a real datestamp column and order by (column, identifier) for the index."""
    if window.lo is not None:
        qs = qs.filter(**{f"{column}__gte": window.lo})
    if window.hi is not None:
        qs = qs.filter(**{f"{column}__lt": window.hi})
    if window.after is not None:
        ds, ident = window.after
        # The >= alone opens an index range; the OR then skips the rows already sent.
        qs = qs.filter(**{f"{column}__gte": ds}).filter(
            Q(**{f"{column}__gt": ds}) | Q(identifier__gt=ident)
        )
    if bound is not None:
        qs = qs.filter(**{f"{column}__lte": bound})
    return qs.order_by(column, "identifier")


def _live(window: Window, limit: int | None) -> list[Entry]:
    qs = _by_column(_in_set(exposure.live_items(), window), "modified", window)
    rows = qs.values_list(*ITEM_FIELDS)
    rows = rows[:limit] if limit else rows
    return [Entry(ds, ident, False, pk) for pk, ident, ds in rows]


def _lifted(window: Window, bound: dt.datetime | None) -> Iterator[Entry]:
    """Embargo-lifted items, rare: narrowed by date in SQL, then filtered exactly here."""
    qs = _in_set(exposure.embargo_lifted_items(), window)
    if window.lo is not None:
        qs = qs.filter(embargo_until__gte=local_date(window.lo))
    if window.after is not None:
        qs = qs.filter(embargo_until__gte=local_date(window.after[0]))
    upper = min((b for b in (window.hi, bound) if b is not None), default=None)
    if upper is not None:
        qs = qs.filter(embargo_until__lte=local_date(upper))
    rows = qs.order_by("embargo_until", "identifier").values_list(*ITEM_FIELDS, "embargo_until")
    for pk, ident, _modified, until in rows.iterator(chunk_size=500):
        entry = Entry(local_midnight(until), ident, False, pk)
        if window.admits(entry, bound):
            yield entry


def _hidden(window: Window, bound: dt.datetime | None, limit: int | None) -> list[Entry]:
    qs = _by_column(_in_set(exposure.hidden_items(), window), "modified", window, bound)
    rows = qs.values_list(*ITEM_FIELDS)
    rows = rows[:limit] if limit else rows
    return [Entry(ds, ident, True, pk) for pk, ident, ds in rows]


def _tombstones(window: Window, bound: dt.datetime | None, limit: int | None) -> list[Entry]:
    qs = exposure.tombstones()
    if window.set_spec:
        # The JSON list as text: match the spec itself or a child of it, on every database.
        text = Cast("set_specs", TextField())
        spec = window.set_spec
        qs = qs.annotate(specs=text).filter(
            Q(specs__contains=f'"{spec}"') | Q(specs__contains=f'"{spec}:')
        )
    rows = _by_column(qs, "deleted", window, bound).values_list(
        "identifier", "deleted", "set_specs"
    )
    rows = rows[:limit] if limit else rows
    return [Entry(ds, ident, True, None, tuple(specs or ())) for ident, ds, specs in rows]


def page(window: Window, size: int) -> tuple[list[Entry], bool]:
    """Return up to `size` entries after the window's position, and whether more follow."""
    live = _live(window, size + 1)
    bound = live[-1].datestamp if len(live) > size else None
    sources: Iterable[Iterable[Entry]] = (
        live,
        itertools.islice(_lifted(window, bound), size + 1),
        _hidden(window, bound, size + 1),
        _tombstones(window, bound, size + 1),
    )
    merged = list(itertools.islice(heapq.merge(*sources, key=lambda e: e.key), size + 1))
    return merged[:size], len(merged) > size


def count(window: Window) -> int:
    """Return the size of the whole list (completeListSize), counted once per harvest."""
    total = _by_column(_in_set(exposure.live_items(), window), "modified", window).count()
    total += sum(1 for _ in _lifted(window, None))
    total += _by_column(_in_set(exposure.hidden_items(), window), "modified", window).count()
    return total + len(_tombstones(window, None, None))


def find(identifier: str) -> Entry | None:
    """Return the entry of one item by its local identifier, or None if it is not exposed."""
    row = exposure.live_items().filter(identifier=identifier).values_list(*ITEM_FIELDS).first()
    if row is None:
        row = exposure.embargo_lifted_items().filter(identifier=identifier)
        row = row.values_list("pk", "identifier", "embargo_until").first()
        if row is not None:
            return Entry(local_midnight(row[2]), row[1], False, row[0])
    if row is not None:
        return Entry(row[2], row[1], False, row[0])
    row = exposure.hidden_items().filter(identifier=identifier).values_list(*ITEM_FIELDS).first()
    if row is not None:
        return Entry(row[2], row[1], True, row[0])
    tomb = exposure.tombstones().filter(identifier=identifier)
    tomb = tomb.values_list("identifier", "deleted", "set_specs").first()
    if tomb is not None:
        return Entry(tomb[1], tomb[0], True, None, tuple(tomb[2] or ()))
    return None


def earliest() -> dt.datetime | None:
    """Return the earliest datestamp of any exposed entity (Identify/earliestDatestamp)."""
    entries, _ = page(Window(), 1)
    return entries[0].datestamp if entries else None
