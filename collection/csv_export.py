"""Write items as CSV in the import's columns, so that importing the file again changes nothing."""

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TextIO

from django.db.models import QuerySet

from . import readmodel
from .csv_import.columns import COLLECTIONS, ITEM_FIELDS
from .csv_import.diffing import AUTHORITY_PREFIX, uri_reference
from .csv_import.parsing import neutralise
from .models import Item, MetadataValue
from .public import CollectionTree

# Items read per round of queries: memory stays flat however many items are exported.
CHUNK = 500
# The Dublin Core identifier property: a bare `identifier` column is the item's own.
HEADER_NAMES = {"identifier": "dc:identifier"}


@dataclass
class ExportReport:
    items: int = 0
    values: int = 0
    # Values the format cannot carry exactly (they would change on re-import), as messages.
    inexact: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = f"{self.items} items, {self.values} values exported"
        return text + (f", {len(self.inexact)} not exactly" if self.inexact else "")


def in_collections(collection_ids: Iterable[int]) -> QuerySet:
    """The items of these collections and of every collection below them (as bags select)."""
    tree = CollectionTree.load()
    below = {c for pk in collection_ids for c in tree.descendants(pk)}
    return Item.objects.filter(collections__in=below).distinct()


def columns(items: QuerySet) -> list[tuple[str, str]]:
    """The (term, language) pairs the items use, in vocabulary order, unlabelled language first."""
    pairs = (
        MetadataValue.objects.filter(item__in=items.values("pk"))
        .order_by()
        .values_list("term", "language")
        .distinct()
    )
    return sorted(set(pairs), key=lambda p: (readmodel.TERM_ORDER.get(p[0], 999), p[1]))


def header(pairs: list[tuple[str, str]]) -> list[str]:
    terms = [HEADER_NAMES.get(t, t) + (f"@{lang}" if lang else "") for t, lang in pairs]
    return [*ITEM_FIELDS, COLLECTIONS, *terms]


def rows(items: QuerySet, report: ExportReport | None = None) -> Iterator[list[str]]:
    """Yield the header, then one neutralised row per item in identifier order."""
    report = report if report is not None else ExportReport()
    pairs = columns(items)
    yield header(pairs)
    index = {pair: i for i, pair in enumerate(pairs)}
    ids = list(items.order_by("identifier").values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        loaded = readmodel.load(chunk, public=False, bibliographic=False)
        for pk in chunk:
            if pk in loaded:
                yield [neutralise(cell) for cell in _row(loaded[pk], index, report)]


def _row(item: readmodel.ItemRows, index: dict, report: ExportReport) -> list[str]:
    cells: list[list[str]] = [[] for _ in index]
    for value in item.values:
        cells[index[value.term, value.language]].append(_value(item, value, report))
    report.items += 1
    report.values += len(item.values)
    fields = [
        item.identifier,
        item.dcmi_type,
        item.kind,
        item.status,
        item.visibility,
        item.embargo_until.isoformat() if item.embargo_until else "",
    ]
    return [*fields, _join(sorted(item.collection_slugs)), *map(_join, cells)]


def _value(item: readmodel.ItemRows, value: readmodel.ValueRow, report: ExportReport) -> str:
    """The value as the import reads it; note the ones it would read back differently."""
    text = value.value
    if value.authority is not None:
        written = f"{AUTHORITY_PREFIX}{value.authority.slug}" + (f"={text}" if text else "")
    elif value.uri:
        written = f"<{value.uri}>" + (f"={text}" if text else "")
    else:
        written = text
    if _inexact(value):
        report.inexact.append(
            f"{item.identifier}: a {value.term} value ({written!r}) will not read back exactly"
        )
    return written


def _inexact(value: readmodel.ValueRow) -> bool:
    text = value.value
    if value.uri and value.authority is not None:
        return True  # a value carries an authority or a URI, not both
    if value.authority is None and not value.uri:
        plain_reference = text.startswith(AUTHORITY_PREFIX) or uri_reference(text) is not None
        return plain_reference or not text.strip()
    return text != text.strip()


def _join(values: Iterable[str]) -> str:
    return "|".join(v.replace("\\", "\\\\").replace("|", "\\|") for v in values)


class _Echo:
    """A file-like object whose write returns the line, for streaming csv.writer output."""

    def write(self, line: str) -> str:
        return line


def stream(items: QuerySet) -> Iterator[str]:
    """The CSV as lines of text, for a StreamingHttpResponse; starts with a BOM for spreadsheets."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    for row in rows(items):
        yield writer.writerow(row)


def write(items: QuerySet, out: TextIO, progress=None, bom: bool = False) -> ExportReport:
    """Write the CSV to `out`; `progress(n)` is called after each item, if given.

    `bom` starts the file with a byte-order mark, which spreadsheets need to read it as UTF-8.
    """
    report = ExportReport()
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out)
    for number, row in enumerate(rows(items, report)):
        writer.writerow(row)
        if number and progress is not None:
            progress(1)
    return report
