"""Bulk editing: add, replace or remove one Dublin Core value on many items, or move them to a
collection; all or nothing, one revision per changed item."""

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from . import history
from .dublin_core import PROPERTY_CHOICES
from .models import Authority, Collection, Item, MetadataValue
from .permissions import check_item_change
from .snapshots import write_values
from .validators import normalize_language_tag

ADD, REPLACE, REMOVE, MOVE = "add", "replace", "remove", "move"
OPERATIONS = (ADD, REPLACE, REMOVE, MOVE)
TERMS = {name for name, _label in PROPERTY_CHOICES}
URI_MAX_LENGTH = MetadataValue._meta.get_field("uri").max_length

Value = list[str]  # [value, uri, authority slug, language], as in item snapshots
# What a plan compares: an item's Values of the edited term, or (MOVE) its collections' slugs.
State = list[Value] | list[str]


class BulkError(ValidationError):
    """The edit cannot be made (bad input, or an item would become invalid); nothing was saved."""


class BulkRefused(PermissionDenied):
    """The user may not edit some of the selected items; nothing was saved."""

    def __init__(self, identifiers: list[str]) -> None:
        self.identifiers = identifiers
        super().__init__(
            _("Only curators may edit items that are not drafts; nothing was changed. Refused: %s")
            % ", ".join(identifiers)
        )


@dataclass(frozen=True)
class BulkEdit:
    """One value operation, or a move into the collection `collection` (a slug). `find` matches a
    value's text exactly (or as a pattern when `regex`); for exact matches a URI or authority slug
    equal to `find` matches too."""

    operation: str
    term: str
    value: str = ""
    uri: str = ""
    authority: str = ""
    language: str = ""
    find: str = ""
    regex: bool = False
    replacement: str = ""
    collection: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def check(self) -> "BulkEdit":
        """Return the edit with its language normalised; raise BulkError on bad input."""
        if self.operation not in OPERATIONS:
            raise BulkError(_("Unknown operation “%s”.") % self.operation)
        if self.operation == MOVE:
            if not Collection.objects.filter(slug=self.collection).exists():
                raise BulkError(_("No collection has the slug “%s”.") % self.collection)
            return BulkEdit(operation=MOVE, term="", collection=self.collection)
        if self.term not in TERMS:
            raise BulkError(_("Unknown property “%s”.") % self.term)
        if self.operation == ADD and not (self.value.strip() or self.uri or self.authority):
            raise BulkError(_("Give a value, a URI or an authority record to add."))
        if self.operation != ADD and not self.find:
            raise BulkError(_("Give the value to match."))
        if self.regex:
            try:
                # the replacement's group references (\1) are checked against the pattern too
                re.compile(self.find).sub(self.replacement, "")
            except re.error as exc:
                message = _("The pattern is not a valid regular expression: %s") % exc
                raise BulkError(message) from exc
        if len(self.uri) > URI_MAX_LENGTH:
            raise BulkError(_("The URI is longer than %d characters.") % URI_MAX_LENGTH)
        if self.uri:
            try:
                URLValidator()(self.uri)
            except ValidationError as exc:
                raise BulkError(_("The URI is not valid: %s") % self.uri) from exc
        if self.authority and not Authority.objects.filter(slug=self.authority).exists():
            raise BulkError(_("No authority record has the slug “%s”.") % self.authority)
        try:
            language = normalize_language_tag(self.language)
        except ValidationError as exc:
            raise BulkError(exc.messages) from exc
        return BulkEdit(**{**self.as_dict(), "language": language})

    def describe(self) -> str:
        if self.operation == MOVE:
            return _("Moved to collection “%s”") % self.collection
        if self.operation == ADD:
            what = self.value or self.authority or self.uri
            return _("Added %(term)s “%(what)s”") % {"term": self.term, "what": what}
        if self.operation == REPLACE:
            return _("Replaced %(term)s “%(find)s” by “%(new)s”") % {
                "term": self.term,
                "find": self.find,
                "new": self.replacement,
            }
        return _("Removed %(term)s “%(find)s”") % {"term": self.term, "find": self.find}

    def matches(self, value: Value) -> bool:
        if self.regex:
            return re.search(self.find, value[0]) is not None
        return self.find in (value[0], value[1], value[2])

    def edited(self, values: State) -> State:
        """The term's values (MOVE: the collections) after this edit."""
        if self.operation == MOVE:
            return [self.collection]
        if self.operation == ADD:
            new = [self.value, self.uri, self.authority, self.language]
            return values if new in values else [*values, new]
        if self.operation == REMOVE:
            return [v for v in values if not self.matches(v)]
        result = []
        for text, uri, slug, language in values:
            if not self.matches([text, uri, slug, language]):
                result.append([text, uri, slug, language])
            elif self.regex:
                result.append([re.sub(self.find, self.replacement, text), uri, slug, language])
            elif text == self.find:
                result.append([self.replacement, uri, slug, language])
            else:  # matched by URI or authority slug: a replacement is of the text only
                result.append([text, uri, slug, language])
        # a value emptied of everything is removed, as a cataloguer clearing the field would
        return [v for v in result if v[0].strip() or v[1] or v[2]]


@dataclass
class Change:
    item_id: int
    identifier: str
    status: str
    before: State
    after: State


@dataclass
class Plan:
    edit: BulkEdit
    changes: list[Change] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def fingerprint(self) -> str:
        """A digest of the preview, so an apply that would differ from it is refused."""
        data = [[c.item_id, c.before, c.after] for c in self.changes]
        return hashlib.sha256(json.dumps(data).encode()).hexdigest()[:32]

    def summary(self) -> str:
        return _("%(what)s on %(n)d item(s) (%(same)d unchanged).") % {
            "what": self.edit.describe(),
            "n": len(self.changes),
            "same": len(self.unchanged),
        }


def plan(item_ids: list[int], edit: BulkEdit) -> Plan:
    """Compute every item's values of the edited term before and after; validate the results."""
    edit = edit.check()
    items = list(Item.objects.filter(pk__in=item_ids).order_by("pk"))
    ids = [i.pk for i in items]
    current = _collections_of(ids) if edit.operation == MOVE else _values_of(ids, edit.term)
    result = Plan(edit)
    problems = []
    for item in items:
        before = current.get(item.pk, [])
        after = edit.edited(before)
        if after == before:
            result.unchanged.append(item.identifier)
            continue
        if edit.operation != MOVE:
            problems += [f"{item.identifier}: {p}" for p in _invalid(edit.term, after)]
        result.changes.append(Change(item.pk, item.identifier, item.status, before, after))
    if problems:
        raise BulkError(_("Nothing was changed: %s") % "; ".join(problems))
    return result


def refused(user, item_ids: list[int]) -> list[str]:
    """The identifiers of the selected items the user may not edit (same rules as the form)."""
    out = []
    for item in Item.objects.filter(pk__in=item_ids).order_by("pk"):
        try:
            check_item_change(user, item, {})
        except PermissionDenied:
            out.append(item.identifier)
    return out


Progress = Callable[[int, int], None]  # (items written, items to write)
PROGRESS_EVERY = 25  # items written between two progress reports


def apply(
    item_ids: list[int],
    edit: BulkEdit,
    user,
    expected: str = "",
    progress: Progress | None = None,
) -> Plan:
    """Make the edit on every item in one transaction, one revision per changed item.

    Raises BulkRefused when the user may not edit one of them, BulkError when the plan is
    invalid or (with `expected`) differs from the preview the user confirmed. `progress`, if
    given, hears how far the writing got (the writes become visible together, at the commit).
    """
    denied = refused(user, item_ids)
    if denied:
        raise BulkRefused(denied)
    with history.changes(user=user) as changeset, transaction.atomic():
        list(Item.objects.select_for_update().filter(pk__in=item_ids).values_list("pk"))
        result = plan(item_ids, edit)
        if expected and result.fingerprint != expected:
            raise BulkError(
                _("The items changed since the preview; nothing was saved. Preview again.")
            )
        changeset.comment = f"bulk edit: {result.edit.describe()}"[:300]
        items = Item.objects.in_bulk([c.item_id for c in result.changes])
        targets = list(Collection.objects.filter(slug=result.edit.collection))
        if progress is not None:  # planned: the writing starts
            progress(0, len(items))
        for done, change in enumerate(result.changes, start=1):
            if result.edit.operation == MOVE:
                items[change.item_id].collections.set(targets)
            else:
                write_values(items[change.item_id], result.edit.term, change.after)
            if progress is not None and (done % PROGRESS_EVERY == 0 or done == len(items)):
                progress(done, len(items))
    return result


def _values_of(item_ids: list[int], term: str) -> dict[int, list[Value]]:
    rows = (
        MetadataValue.objects.filter(item_id__in=item_ids, term=term)
        .order_by("item_id", "position", "id")
        .values_list("item_id", "value", "uri", "authority__slug", "language")
    )
    grouped: dict[int, list[Value]] = {}
    for item_id, text, uri, slug, language in rows:
        grouped.setdefault(item_id, []).append([text, uri, slug or "", language])
    return grouped


def _collections_of(item_ids: list[int]) -> dict[int, list[str]]:
    rows = (
        Item.collections.through.objects.filter(item_id__in=item_ids)
        .order_by("item_id", "collection__slug")
        .values_list("item_id", "collection__slug")
    )
    grouped: dict[int, list[str]] = {}
    for item_id, slug in rows:
        grouped.setdefault(item_id, []).append(slug)
    return grouped


def _invalid(term: str, values: list[Value]) -> list[str]:
    if term == "title" and not any(v[0].strip() for v in values):
        return [_("an item needs a title")]
    problems = []
    ids = dict(
        Authority.objects.filter(slug__in={v[2] for v in values if v[2]}).values_list("slug", "pk")
    )
    for text, uri, slug, language in values:
        try:
            MetadataValue(
                term=term, value=text, uri=uri, authority_id=ids.get(slug), language=language
            ).clean()
        except ValidationError as exc:
            problems += exc.messages
    return problems
