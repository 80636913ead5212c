"""Turn each row into a plan: the item's snapshot now, the snapshot the row asks for, the difference."""

import copy
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator

from ..dublin_core import DATE_PROPERTIES, DCMI_TYPES
from ..models import Authority, Collection, Item, Tombstone
from ..permissions import WORKFLOW_FIELDS, check_item_change
from ..snapshots import diff, item_snapshots
from ..validators import parse_date, validate_identifier
from .columns import COLLECTIONS, Column
from .parsing import Row, split_cell
from .problems import Problem

NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"
CHOICES = {
    "dcmi_type": list(DCMI_TYPES),
    "kind": Item.Kind.values,
    "status": Item.Status.values,
    "visibility": Item.Visibility.values,
}
AUTHORITY_PREFIX = "authority:"
# Identifiers or ids per lookup: few round trips, below SQLite's bound-parameter limit.
CHUNK = 1000


@dataclass
class RowPlan:
    row: int
    identifier: str  # "" for a new item that gets a fresh identifier on saving
    item_id: int | None
    old: dict[str, Any] | None
    new: dict[str, Any]
    changes: dict[str, list] = field(default_factory=dict)

    @property
    def state(self) -> str:
        if self.item_id is None:
            return NEW
        return CHANGED if self.changes else UNCHANGED


class Planner:
    """Check rows against the catalogue and plan them; problems collect, nothing is written."""

    def __init__(self, columns: list[Column], user=None, collection: str = "") -> None:
        self.columns = columns
        self.user = user
        self.extra_collection = collection
        self.collection_slugs = set(Collection.objects.values_list("slug", flat=True))
        self.authority_slugs: set[str] = set()
        self.item_ids: dict[str, int] = {}  # identifier -> pk of the file's existing items
        self.snapshots: dict[int, dict[str, Any]] = {}
        self.tombstones: set[str] = set()
        self.seen: dict[str, int] = {}
        self.problems: list[Problem] = []

    def prefetch(self, rows: list[Row]) -> None:
        """Load what the rows refer to in a few queries per thousand rows, not several per row:
        the authority slugs, the existing items with their snapshots, the deleted identifiers."""
        wanted = {
            authority_reference(v)[0]
            for row in rows
            for c in self.columns
            if c.term
            for v in split_cell(row.cells[c.index])
            if v.startswith(AUTHORITY_PREFIX)
        }
        self.authority_slugs = set(
            Authority.objects.filter(slug__in=wanted).values_list("slug", flat=True)
        )
        column = self._column("identifier")
        identifiers = sorted(
            {row.cells[column.index].strip() for row in rows} - {""} if column else set()
        )
        for start in range(0, len(identifiers), CHUNK):
            chunk = identifiers[start : start + CHUNK]
            found = dict(Item.objects.filter(identifier__in=chunk).values_list("identifier", "pk"))
            self.item_ids |= found
            self.snapshots |= item_snapshots(found.values())
            self.tombstones |= set(
                Tombstone.objects.filter(identifier__in=chunk).values_list("identifier", flat=True)
            )

    def plan(self, row: Row) -> RowPlan | None:
        """Return the row's plan, or None (with problems recorded) when the row is unusable."""
        before = len(self.problems)
        identifier = self._identifier(row)
        item_id = self.item_ids.get(identifier) if identifier else None
        old = self.snapshots.get(item_id) if item_id is not None else None
        if item_id is not None and old is None:
            item_id = None  # deleted since prefetch: planned as new, refused when saving
        new = copy.deepcopy(old) if old else _blank(identifier)
        for column in self.columns:
            self._apply_cell(row, column, new)
        if self.extra_collection and self.extra_collection not in new["collections"]:
            new["collections"] = sorted([*new["collections"], self.extra_collection])
        self._finish(row, item_id, new)
        plan = RowPlan(row.number, identifier, item_id, old, new)
        plan.changes = diff(old or {}, new) if old else _creation(new)
        if plan.state != UNCHANGED:
            self._check_permission(row, old, new)
        return plan if len(self.problems) == before else None

    def problem(self, row: Row, column: str, message: str) -> None:
        self.problems.append(Problem(row.number, column, message))

    def _identifier(self, row: Row) -> str:
        column = self._column("identifier")
        identifier = row.cells[column.index].strip() if column else ""
        if not identifier:
            return ""
        try:
            validate_identifier(identifier)
        except ValidationError as exc:
            self.problem(row, "identifier", exc.messages[0])
            return ""
        if identifier in self.seen:
            self.problem(
                row,
                "identifier",
                f"duplicate identifier {identifier} (also in row {self.seen[identifier]})",
            )
        self.seen.setdefault(identifier, row.number)
        if identifier in self.tombstones:
            self.problem(
                row,
                "identifier",
                f"{identifier} belonged to a deleted item; identifiers are never reused",
            )
        return identifier

    def _column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.field == name), None)

    def _apply_cell(self, row: Row, column: Column, new: dict) -> None:
        cell = row.cells[column.index].strip()
        if column.field == "identifier":
            return
        if column.field == COLLECTIONS:
            new["collections"] = self._collections(row, column, cell)
        elif column.field == "embargo_until":
            new["embargo_until"] = self._date(row, column, cell)
        elif column.field:
            if cell and cell not in CHOICES[column.field]:
                allowed = ", ".join(CHOICES[column.field])
                self.problem(
                    row, column.header, f"unknown {column.field} {cell!r}; use one of: {allowed}"
                )
            elif cell:  # an empty cell keeps the current value (or the default)
                new[column.field] = cell
        else:
            self._values(row, column, cell, new)

    def _collections(self, row: Row, column: Column, cell: str) -> list[str]:
        slugs = split_cell(cell)
        for slug in slugs:
            if slug not in self.collection_slugs:
                self.problem(row, column.header, f"unknown collection {slug!r}")
        return sorted(set(slugs) & self.collection_slugs)

    def _date(self, row: Row, column: Column, cell: str) -> str | None:
        if not cell:
            return None
        try:
            return dt.date.fromisoformat(cell).isoformat()
        except ValueError:
            self.problem(row, column.header, f"{cell!r} is not a date; write YYYY-MM-DD")
            return None

    def _values(self, row: Row, column: Column, cell: str, new: dict) -> None:
        # Collected per term first: a term's columns together replace the values in their languages.
        incoming = new.setdefault("_incoming", {}).setdefault(column.term, ({column.language}, []))
        incoming[0].add(column.language)
        for text in split_cell(cell):
            value = self._value(row, column, text)
            if value is not None:
                incoming[1].append(value)

    def _value(self, row: Row, column: Column, text: str) -> list[str] | None:
        language = column.language
        if text.startswith(AUTHORITY_PREFIX):
            slug, label = authority_reference(text)
            if slug not in self.authority_slugs:
                self.problem(row, column.header, f"unknown authority {slug!r}")
                return None
            return [label, "", slug, language]
        reference = uri_reference(text)
        if reference is not None:
            try:
                URLValidator()(reference[0])
            except ValidationError:
                self.problem(row, column.header, f"{text} is not a valid URI")
                return None
            return [reference[1], reference[0], "", language]
        if column.term in DATE_PROPERTIES:
            try:
                text = parse_date(text).text
            except ValidationError as exc:
                self.problem(row, column.header, exc.messages[0])
                return None
        return [text, "", "", language]

    def _finish(self, row: Row, item_id: int | None, new: dict) -> None:
        """Merge the collected values into the snapshot and check what a whole item needs."""
        for term, (languages, values) in new.pop("_incoming", {}).items():
            merged = _merge(new["values"].get(term, []), languages, values)
            new["values"].pop(term, None)
            if merged:
                new["values"][term] = merged
        if new["visibility"] == Item.Visibility.EMBARGOED and not new["embargo_until"]:
            self.problem(row, "embargo_until", "an embargoed item needs an embargo_until date")
        if item_id is not None:
            return
        reported = {p.column for p in self.problems if p.row == row.number}
        if self._column("identifier") is None:
            # The header check already reports the columns a creating file lacks.
            present = {c.field or c.term for c in self.columns}
            reported |= {"dcmi_type", "title"} - present
        if not new["dcmi_type"] and "dcmi_type" not in reported:
            self.problem(row, "dcmi_type", "a new item needs a DCMI type")
        if not new["values"].get("title") and "title" not in reported:
            self.problem(row, "title", "a new item needs a title")

    def _check_permission(self, row: Row, old: dict | None, new: dict) -> None:
        if self.user is None:
            return  # the command run without --user: whoever has the shell has every right
        wanted = {f: new[f] for f in WORKFLOW_FIELDS}
        try:
            check_item_change(self.user, old, wanted)
        except PermissionDenied as exc:
            columns = [f for f in WORKFLOW_FIELDS if f in str(exc)]
            self.problem(row, columns[0] if columns else "", str(exc))


def authority_reference(text: str) -> tuple[str, str]:
    """Split `authority:slug` or `authority:slug=text` into the slug and the value's own text."""
    slug, _, label = text[len(AUTHORITY_PREFIX) :].partition("=")
    return slug.strip(), label.strip()


def uri_reference(text: str) -> tuple[str, str] | None:
    """Split `<uri>` or `<uri>=text` into the URI and the value's own text; None for plain text."""
    if not text.startswith("<") or ">" not in text:
        return None
    uri, _, rest = text[1:].partition(">")
    if rest and not rest.startswith("="):
        return (text[1:-1], "") if text.endswith(">") else None
    return uri, rest[1:].strip()


def _merge(old: list[list], languages: set[str], values: list[list]) -> list[list]:
    """Replace the old values in `languages` by `values`, keeping each language's places.

    A language's new values fill its old places in turn (so re-importing an exported row keeps
    values in interleaved languages where they were); the rest follow its last place, and
    values in a language the item lacked follow the last value replaced (or the end).
    """
    pending = {lang: [v for v in values if v[3] == lang] for lang in languages}
    last = {v[3]: i for i, v in enumerate(old) if v[3] in languages}
    newcomers = [v for v in values if v[3] not in last]
    merged = []
    for i, value in enumerate(old):
        lang = value[3]
        if lang not in languages:
            merged.append(value)
            continue
        if pending[lang]:
            merged.append(pending[lang].pop(0))
        if i == last[lang]:
            merged += pending[lang]
        if i == max(last.values()):
            merged += newcomers
    return merged if last else merged + newcomers


def _blank(identifier: str) -> dict[str, Any]:
    return {
        "identifier": identifier,
        "dcmi_type": "",
        "kind": Item.Kind.DOCUMENT.value,
        "status": Item.Status.DRAFT.value,
        "visibility": Item.Visibility.PUBLIC.value,
        "embargo_until": None,
        "collections": [],
        "values": {},
    }


def _creation(new: dict[str, Any]) -> dict[str, list]:
    """Every field a new item gets, as [None, value]."""
    return diff({}, {k: v for k, v in new.items() if v not in (None, "", [], {})})
