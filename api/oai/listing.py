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

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.db.models.fields import TextField
from django.db.models.functions import Cast, TruncDate
from django.utils import timezone

from collection.models import Item

from .. import keyset
from . import exposure
from .datestamps import local_date, local_midnight

Key = tuple[dt.datetime, str]


@dataclass(frozen=True)
class Entry:
    datestamp: dt.datetime  # full precision: the keyset; shown truncated to seconds
    identifier: str  # the item's local identifier
    deleted: bool
    item_id: int | None = None  # None for tombstones
    set_specs: tuple[str, ...] = ()  # tombstones only: the sets it was in when deleted
    hidden: bool = False  # not public now: shown only once the history proves it was public

    def proved(self, was_public: bool) -> "Entry | None":
        return Entry(self.datestamp, self.identifier, True, self.item_id) if was_public else None

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

    def admits(self, entry: Entry, bound: Key | None = None) -> bool:
        ds = entry.datestamp
        return (
            (self.lo is None or ds >= self.lo)
            and (self.hi is None or ds < self.hi)
            and (self.after is None or entry.key > self.after)
            and (bound is None or entry.key <= bound)
        )


ITEM_FIELDS = ("pk", "identifier", "modified")


def _in_set(qs: QuerySet, window: Window) -> QuerySet:
    if not window.set_spec:
        return qs
    through = Item.collections.through.objects.filter(
        item_id=OuterRef("pk"), collection_id__in=window.collection_ids
    )
    return qs.filter(Exists(through))


def _dated(qs: QuerySet, column: str, window: Window) -> QuerySet:
    """Keep the rows whose datestamp column lies in the window's [lo, hi)."""
    if window.lo is not None:
        qs = qs.filter(**{f"{column}__gte": window.lo})
    if window.hi is not None:
        qs = qs.filter(**{f"{column}__lt": window.hi})
    return qs


def _by_column(qs: QuerySet, column: str, window: Window, bound: Key | None = None) -> QuerySet:
    """Filter on a real datestamp column and order by (column, identifier) for the index.

    The position is compared as a row value, (column, identifier) > (datestamp, identifier)
    (api.keyset), which both databases answer by seeking in the (modified, identifier) index:
    an OR of the two columns would scan every row that shares a datestamp (bulk loads share one).
    """
    return keyset.seek(_dated(qs, column, window), (column, "identifier"), window.after, bound)


ROW_FIELDS = (*ITEM_FIELDS, "status", "visibility", "embargo_until", "was_published")
# Whether the item was ever published, as a boolean: only that is used, and a timestamp costs
# Python time to parse (Django's time-zone loader for PostgreSQL is written in Python).
WAS_PUBLISHED = ExpressionWrapper(Q(published_at__isnull=False), output_field=BooleanField())
# A walk reads the rows it still needs plus this share, for the items it will not show
# (drafts, private, embargoed: about 15% of a typical catalogue), so one more read is rare.
SPARE = 1.25


def _row_key(row: tuple) -> Key:
    return row[2], row[1]  # (modified, identifier) of a ROW_FIELDS row


def _items(window: Window, limit: int) -> list[Entry]:
    """Walk the (modified, identifier) index once: public items and once-public hidden ones.

    One ordered scan classified here rather than one query per kind: SQLite would answer a
    status filter from the status index and sort every published item for every page.
    Items whose embargo lifted after their last change are left to _lifted.
    """
    today = timezone.localdate()
    items = _dated(_in_set(Item.objects.all(), window), "modified", window)
    rows = items.annotate(was_published=WAS_PUBLISHED).values_list(*ROW_FIELDS)
    found: list[Entry] = []
    after = window.after
    while len(found) < limit:
        wanted = int((limit - len(found)) * SPARE) + 10
        chunk = keyset.page(rows, ("modified", "identifier"), after, wanted, key=_row_key)
        for pk, ident, ds, status, visibility, until, published in chunk.rows:
            if exposure.is_public(status, visibility, until, today):
                if exposure.item_datestamp(ds, visibility, until) == ds:
                    found.append(Entry(ds, ident, False, pk))
            elif published:
                withdrawn_public = status == exposure.WITHDRAWN and visibility == exposure.PUBLIC
                found.append(Entry(ds, ident, True, pk, hidden=not withdrawn_public))
        proven = exposure.hidden_ids([e.item_id for e in found if e.hidden])
        found = [e if not e.hidden else e.proved(e.item_id in proven) for e in found]
        found = [e for e in found if e is not None]
        if chunk.next is None:
            break
        after = chunk.next
    return found[:limit]


def _lifted(window: Window, bound: Key | None) -> Iterator[Entry]:
    """Items whose embargo ended after their last change: narrowed by date in SQL, then exact."""
    qs = _in_set(exposure.lifted_items(), window)
    # Only those whose embargo ended after their last change (exactly: the local date of the
    # change is before the day it ended); the rest are _items' and would be read for nothing.
    qs = qs.filter(embargo_until__gt=TruncDate("modified"))
    if window.lo is not None:
        qs = qs.filter(embargo_until__gte=local_date(window.lo))
    if window.after is not None:
        qs = qs.filter(embargo_until__gte=local_date(window.after[0]))
    upper = min((b for b in (window.hi, bound and bound[0]) if b is not None), default=None)
    if upper is not None:
        qs = qs.filter(embargo_until__lte=local_date(upper))
    rows = qs.order_by("embargo_until", "identifier").values_list(*ITEM_FIELDS, "embargo_until")
    for pk, ident, modified, until in rows.iterator(chunk_size=500):
        stamp = local_midnight(until)
        entry = Entry(stamp, ident, False, pk)
        if stamp > modified and window.admits(entry, bound):
            yield entry


def _tombstones(window: Window, bound: Key | None, limit: int | None) -> list[Entry]:
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
    items = _items(window, size + 1)
    bound = items[-1].key if len(items) > size else None
    sources: Iterable[Iterable[Entry]] = (
        items,
        itertools.islice(_lifted(window, bound), size + 1),
        _tombstones(window, bound, size + 1),
    )
    merged = list(itertools.islice(heapq.merge(*sources, key=lambda e: e.key), size + 1))
    return merged[:size], len(merged) > size


# completeListSize is counted exactly only for lists of at most this many entries: above it,
# counting would read every item of the window on the first page (0.26 s at 100,000 items on
# PostgreSQL, growing with the catalogue), and the attribute is optional (OAI-PMH 2.0, 3.5).
COUNT_UP_TO = 10_000


def count(window: Window) -> int | None:
    """Return the size of the whole list (completeListSize), or None when it is too long to count.

    Every part below reads only items and tombstones inside the window, so the bounded
    pre-counts make the exact count cost at most COUNT_UP_TO rows of each.
    """
    items_in_window = _dated(_in_set(Item.objects.all(), window), "modified", window)
    if items_in_window.order_by()[: COUNT_UP_TO + 1].count() > COUNT_UP_TO:
        return None
    tombstones = _dated(exposure.tombstones(), "deleted", window)
    if tombstones.order_by()[: COUNT_UP_TO + 1].count() > COUNT_UP_TO:
        return None
    live = _by_column(_in_set(exposure.live_items(), window), "modified", window)
    rows = live.filter(visibility=exposure.EMBARGOED).values_list("modified", "embargo_until")
    moved = sum(1 for ds, until in rows.iterator() if local_midnight(until) > ds)
    total = live.count() - moved + sum(1 for _ in _lifted(window, None))
    total += _by_column(_in_set(exposure.hidden_items(), window), "modified", window).count()
    return total + len(_tombstones(window, None, None))


def find(identifier: str) -> Entry | None:
    """Return the entry of one item by its local identifier, or None if it is not exposed."""
    fields = (*ITEM_FIELDS, "visibility", "embargo_until")
    row = exposure.live_items().filter(identifier=identifier).values_list(*fields).first()
    if row is not None:
        return Entry(exposure.item_datestamp(*row[2:]), row[1], False, row[0])
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
