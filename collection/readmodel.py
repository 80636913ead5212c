"""The one read model of items: the rows of N items read in a fixed number of queries.

Search documents, OAI-PMH records and REST representations read items through `load()`, so an
item's values, the label of a value linked to an authority, its collections and bibliographic
record are read one way everywhere. Plain rows, not model instances: building 100,000 search
documents or a page of 500 OAI records must not build a model and a manager per value.

With `public=True` (every public surface) the public boundary applies to the rows themselves:
a value linked to a private authority keeps its own text but loses the link, or is left out
when it has no text of its own; only visible collections are listed (collection.public).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from . import public as boundary
from .dublin_core import PROPERTIES
from .labels import item_kind_label
from .models import (
    Authority,
    AuthorityIdentifier,
    AuthorityName,
    BibliographicRecord,
    Contributor,
    Item,
    MetadataValue,
)
from .models.authority import authority_path
from .models.item import item_path

# Term order of the Dublin Core vocabulary: the 15 elements first, then the DCMI terms.
TERM_ORDER = {name: i for i, name in enumerate(PROPERTIES)}
BIB_FIELDS = tuple(f.name for f in BibliographicRecord._meta.fields if f.name not in ("id", "item"))
ITEM_FIELDS = (
    "pk",
    "identifier",
    "title",
    "dcmi_type",
    "kind",
    "status",
    "visibility",
    "embargo_until",
    "created",
    "modified",
    "version",
    "published_at",
)
VALUE_FIELDS = (
    "item_id",
    "id",
    "term",
    "position",
    "value",
    "uri",
    "language",
    "date_lower",
    "date_upper",
    "authority_id",
)
AUTHORITY_FIELDS = ("pk", "slug", "kind", "preferred_name", "language", "is_public")


@dataclass(frozen=True)
class AuthorityRow:
    pk: int
    slug: str
    kind: str
    preferred_name: str
    language: str
    is_public: bool
    names: tuple[tuple[str, str], ...] = ()  # variants (name, language), if asked for
    uris: tuple[str, ...] = ()  # external identifiers (Wikidata, VIAF …), by scheme

    def all_names(self) -> tuple[str, ...]:
        """The preferred name first, then every variant in any language or script."""
        return (self.preferred_name, *(name for name, _ in self.names))

    def get_absolute_url(self) -> str:
        return authority_path(self.kind, self.slug)

    def get_kind_display(self) -> str:
        return str(Authority.Kind(self.kind).label)


class ValueRow(NamedTuple):
    """One value as plain data. A named tuple, not a frozen dataclass: a page of 500 OAI records
    builds about 6,000 of these, and a frozen dataclass's __init__ costs four times as much
    (4.2 against 1.2 µs a row, measured), a tenth of the page's time."""

    pk: int
    term: str
    position: int
    value: str
    uri: str
    language: str
    date_lower: dt.date | None
    date_upper: dt.date | None
    authority: AuthorityRow | None

    @property
    def authority_id(self) -> int | None:
        return self.authority.pk if self.authority is not None else None

    @property
    def text(self) -> str:
        """What the value reads as: its literal, else its authority's name, else its URI."""
        if self.value:
            return self.value
        if self.authority is not None:
            return self.authority.preferred_name
        return self.uri

    @property
    def text_language(self) -> str:
        """The language of `text`: the value's own, or the authority name's when shown."""
        if self.value or self.authority is None:
            return self.language
        return self.language or self.authority.language


@dataclass(frozen=True)
class ContributorRow:
    role: str
    family: str
    given: str
    authority_slug: str = ""  # the linked authority record's slug; "" when none (or private)


@dataclass(frozen=True)
class BibliographicRow:
    """A bibliographic record (collection.models.BibliographicRecord) as plain data."""

    type: str
    title: str
    subtitle: str
    container_title: str
    publisher: str
    place: str
    year: int | None
    edition: str
    isbn: str
    language: str
    pages: str
    volume: str
    issue: str
    url: str
    contributors: tuple[ContributorRow, ...] = ()

    def as_dict(self) -> dict:
        data = {name: getattr(self, name) for name in BIB_FIELDS}
        data["contributors"] = [
            {"role": c.role, "family": c.family, "given": c.given} for c in self.contributors
        ]
        return data


@dataclass
class ItemRows:
    pk: int
    identifier: str
    title: str
    dcmi_type: str
    kind: str
    status: str
    visibility: str
    embargo_until: dt.date | None
    created: dt.datetime
    modified: dt.datetime
    version: int
    published_at: dt.datetime | None
    values: list[ValueRow] = field(default_factory=list)
    collection_ids: list[int] = field(default_factory=list)  # ordered by collection title
    collection_slugs: list[str] = field(default_factory=list)  # of the same collections
    bibliographic: BibliographicRow | None = None

    def __str__(self) -> str:
        return self.title or self.identifier

    def get_absolute_url(self) -> str:
        return item_path(self.identifier)

    def get_kind_display(self) -> str:
        return item_kind_label(self.kind)

    def values_of(self, term: str) -> list[ValueRow]:
        """The values of one term, in catalogue order."""
        return [v for v in self.values if v.term == term]

    def grouped(self) -> dict[str, list[ValueRow]]:
        """Values by term, terms in vocabulary order, values in catalogue order."""
        groups: dict[str, list[ValueRow]] = {}
        for value in self.values:
            groups.setdefault(value.term, []).append(value)
        return groups


def load(
    item_ids: Iterable[int],
    *,
    public: bool = True,
    tree: boundary.CollectionTree | None = None,
    names: bool = False,
    uris: bool = False,
    bibliographic: bool = True,
) -> dict[int, ItemRows]:
    """Read the rows of these items, keyed by id (missing ids are left out).

    Queries: items, values, authorities, collections; plus names, identifiers and the two of
    the bibliographic record when asked for. `public=True` applies the public boundary to
    the rows (see the module docstring); it does not filter the items themselves: callers
    choose which items they show with collection.public.items().
    """
    ids = list(item_ids)
    if not ids:
        return {}
    found = {
        row[0]: ItemRows(*row)
        for row in Item.objects.filter(pk__among=ids).order_by().values_list(*ITEM_FIELDS)
    }
    rows = list(
        MetadataValue.objects.filter(item_id__among=ids).order_by().values_list(*VALUE_FIELDS)
    )
    authorities = _authorities({r[9] for r in rows if r[9] is not None}, names, uris)
    rows.sort(key=lambda r: (r[0], TERM_ORDER.get(r[2], 999), r[3], r[1]))
    for item_id, pk, term, position, value, uri, language, lower, upper, auth_id in rows:
        authority = authorities.get(auth_id) if auth_id is not None else None
        if public:
            shown, authority = boundary.value_authority(value, authority)
            if not shown:
                continue
        found[item_id].values.append(
            ValueRow(pk, term, position, value, uri, language, lower, upper, authority)
        )
    if public and tree is None:
        tree = boundary.CollectionTree.load()
    _add_collections(found, ids, tree if public else None)
    if bibliographic:
        _add_bibliographic(found, ids, public)
    return found


def load_public(identifier: str, **options) -> ItemRows | None:
    """The rows of the public item with this identifier (None when the public may not see it);
    `options` as for load()."""
    pk = boundary.items().filter(identifier=identifier).values_list("pk", flat=True).first()
    return load([pk], public=True, **options)[pk] if pk is not None else None


def _authorities(ids: set[int], names: bool, uris: bool) -> dict[int, AuthorityRow]:
    if not ids:
        return {}
    variants: dict[int, list[tuple[str, str]]] = {pk: [] for pk in ids}
    if names:
        for pk, name, language in AuthorityName.objects.filter(authority_id__among=ids).values_list(
            "authority_id", "name", "language"
        ):  # AuthorityName.Meta orders them by position
            variants[pk].append((name, language))
    links: dict[int, list[str]] = {pk: [] for pk in ids}
    if uris:
        found = AuthorityIdentifier.objects.filter(authority_id__among=ids)
        for pk, uri in found.order_by("authority_id", "scheme").values_list("authority_id", "uri"):
            links[pk].append(uri)
    return {
        row[0]: AuthorityRow(*row, tuple(variants[row[0]]), tuple(links[row[0]]))
        for row in Authority.objects.filter(pk__among=ids).values_list(*AUTHORITY_FIELDS)
    }


def _add_collections(found: dict[int, ItemRows], ids: list[int], tree) -> None:
    """Each item's collections; only those visible in `tree`, or all when it is None."""
    links = (
        Item.collections.through.objects.filter(item_id__among=ids)
        .order_by("collection__title", "collection_id")
        .values_list("item_id", "collection_id", "collection__slug")
    )
    for item_id, collection_id, slug in links:
        if tree is None or tree.is_visible(collection_id):
            found[item_id].collection_ids.append(collection_id)
            found[item_id].collection_slugs.append(slug)


def _add_bibliographic(found: dict[int, ItemRows], ids: list[int], public: bool) -> None:
    records = BibliographicRecord.objects.filter(item_id__among=ids).values_list(
        "id", "item_id", *BIB_FIELDS
    )
    fields_of = {pk: (item_id, fields) for pk, item_id, *fields in records}
    people: dict[int, list[ContributorRow]] = {pk: [] for pk in fields_of}
    contributors = Contributor.objects.filter(record__item_id__among=ids).values_list(
        "record_id", "role", "family", "given", "authority__slug", "authority__is_public"
    )  # Contributor.Meta orders them by record, role, position
    for record_id, role, family, given, slug, is_public in contributors:
        # The public boundary as for values: a private authority's link is left out.
        shown = slug if slug and (not public or boundary.authority_row_is_public(is_public)) else ""
        people[record_id].append(ContributorRow(role, family, given, shown))
    for pk, (item_id, fields) in fields_of.items():
        found[item_id].bibliographic = BibliographicRow(*fields, tuple(people[pk]))
