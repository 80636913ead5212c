"""Keyset pagination for the REST API and OAI-PMH: a page starts strictly after the previous one's
last row, compared as a row value, so page 1,000 costs what page 1 costs.

The ordering must be ascending columns whose values together are unique and stable, e.g.
("modified", "id"): a row that changes moves to the end, and no two rows share a position, so a
walk of the pages sees every row exactly once even when many share a `modified` time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db.models import F, QuerySet

# Django 5.2's row-value lookups (written for composite primary keys): (a, b) > (x, y) in SQL.
from django.db.models.fields.tuple_lookups import (
    Tuple,
    TupleGreaterThan,
    TupleLessThanOrEqual,
    TupleLookupMixin,
)

Row = TypeVar("Row")
Position = tuple[Any, ...]


class RowAfter(TupleGreaterThan):
    """(a, b) > (x, y) as a row value on every backend: SQLite (>= 3.15) and PostgreSQL seek it
    in an index on (a, b). Django spells it as an OR of the columns on SQLite, which the planner
    answers by sorting every remaining row, so page n would cost O(n)."""

    def as_sql(self, compiler, connection):
        return super(TupleLookupMixin, self).as_sql(compiler, connection)


class RowAtMost(TupleLessThanOrEqual):
    """(a, b) <= (x, y) as a row value on every backend (see RowAfter)."""

    def as_sql(self, compiler, connection):
        return super(TupleLookupMixin, self).as_sql(compiler, connection)


@dataclass(frozen=True)
class Page(Generic[Row]):
    rows: list[Row]
    next: Position | None  # where the next page starts (the last row's key); None on the last page


def _key(ordering: Sequence[str]) -> Tuple:
    if not ordering or any(column.startswith("-") for column in ordering):
        # A row value compares every column the same way; a mixed or descending order cannot
        # be seeked with one comparison.
        raise ValueError(f"keyset ordering must be ascending columns, got {tuple(ordering)!r}")
    return Tuple(*(F(column) for column in ordering))


def seek(
    queryset: QuerySet,
    ordering: Sequence[str],
    after: Sequence[Any] | None = None,
    upto: Sequence[Any] | None = None,
) -> QuerySet:
    """The queryset in `ordering`, keeping rows strictly after `after` and at most `upto`."""
    key = _key(ordering)
    if after is not None:
        queryset = queryset.filter(RowAfter(key, tuple(after)))
    if upto is not None:
        queryset = queryset.filter(RowAtMost(key, tuple(upto)))
    return queryset.order_by(*ordering)


def attributes(ordering: Sequence[str]) -> Callable[[Any], Position]:
    """The key of a model instance or a values() dict: its values of the ordering columns."""

    def key(row: Any) -> Position:
        if isinstance(row, dict):
            return tuple(row[column] for column in ordering)
        return tuple(getattr(row, column) for column in ordering)

    return key


def page(
    queryset: QuerySet,
    ordering: Sequence[str],
    after: Sequence[Any] | None,
    size: int,
    key: Callable[[Any], Position] | None = None,
) -> Page:
    """Up to `size` rows after the position `after` (None: from the start), and the next position.

    One extra row is read only to learn whether another page follows, so the last page says so
    itself instead of leaving the client an empty page to fetch. `key` gives a row's position
    (by default its attributes or dict items named in `ordering`; pass one for values_list rows).
    """
    if size < 1:
        raise ValueError(f"page size must be at least 1, got {size}")
    rows = list(seek(queryset, ordering, after)[: size + 1])
    if len(rows) <= size:
        return Page(rows, None)
    rows = rows[:size]
    return Page(rows, (key or attributes(ordering))(rows[-1]))
