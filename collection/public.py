"""The public boundary: the one place that decides what anyone may see of the catalogue.

Every public surface (portal, REST, OAI-PMH, IIIF, search documents and facets, sitemap, media
serving) asks this module, in the form it needs:

- items: `items()` (a queryset), `item_q(today)` (a filter to combine), `item_row_is_public()`
  (a predicate over plain rows) and `item_is_public(item)`; all generated from ITEM_STATES;
- collections: `CollectionTree`, the whole tree read in one query (chains, set specs,
  descendants, which collections are visible; a collection caught in a cycle is invisible);
- authorities: `authorities()`, `authority_is_public()` and `authority_row_is_public()`;
- files: `file_is_public()`.

A public item stays public inside a private collection: only the collection is hidden (its
slug, title and counts appear nowhere public). Collection visibility is inherited downwards.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import Authority, Collection, Item
from .models.collection import collection_path

# The item states the public sees, as (status, visibility, embargo); every other combination is
# hidden. embargo: "any" ignores the date, "over" needs embargo_until set and not after today.
# The queryset filter and the row predicate below are both generated from this table, so they
# cannot disagree (tests/boundary/ checks every combination against both).
ITEM_STATES: tuple[tuple[str, str, str], ...] = (
    (Item.Status.PUBLISHED, Item.Visibility.PUBLIC, "any"),
    (Item.Status.PUBLISHED, Item.Visibility.EMBARGOED, "over"),
)


def today(now: dt.datetime | None = None) -> dt.date:
    """The local date that embargoes are compared with."""
    return timezone.localdate(now) if now else timezone.localdate()


def item_q(on: dt.date | None = None, prefix: str = "") -> Q:
    """The filter of public items; `prefix` ("item__") applies it across a relation."""
    on = on or today()
    q = Q(pk__in=[])
    for status, visibility, embargo in ITEM_STATES:
        state = Q(**{f"{prefix}status": status, f"{prefix}visibility": visibility})
        if embargo == "over":
            state &= Q(**{f"{prefix}embargo_until__lte": on})
        q |= state
    return q


def item_row_is_public(
    status: str, visibility: str, embargo_until: dt.date | None, on: dt.date | None = None
) -> bool:
    """The same rule as item_q, for one row already read."""
    on = on or today()
    for state_status, state_visibility, embargo in ITEM_STATES:
        same = status == state_status and visibility == state_visibility
        if same and (embargo == "any" or (embargo_until is not None and embargo_until <= on)):
            return True
    return False


def items(queryset: QuerySet | None = None, on: dt.date | None = None) -> QuerySet:
    """Items anyone may see (of `queryset`, by default all items)."""
    base = Item.objects.all() if queryset is None else queryset
    return base.filter(item_q(on))


def hidden_items(queryset: QuerySet | None = None, on: dt.date | None = None) -> QuerySet:
    """Items the public may not see now, in column terms (no NOT IN over the public ids)."""
    base = Item.objects.all() if queryset is None else queryset
    return base.exclude(item_q(on))


def item_is_public(item: Any, on: dt.date | None = None) -> bool:
    """True when anyone may see this item (a model instance or anything with its attributes)."""
    return item_row_is_public(item.status, item.visibility, item.embargo_until, on)


def authorities(queryset: QuerySet | None = None) -> QuerySet:
    """Authority records anyone may see: those a curator has not made private."""
    base = Authority.objects.all() if queryset is None else queryset
    return base.filter(is_public=True)


def authority_row_is_public(is_public: bool | None) -> bool:
    """The authority rule over a plain row's `is_public` column (as `item_row_is_public`)."""
    return bool(is_public)


def authority_is_public(authority: Any) -> bool:
    return authority_row_is_public(authority.is_public)


def file_is_public(is_current: bool, item: Any) -> bool:
    """A file (original or derivative) shows when it is the current version of a public item."""
    return bool(is_current) and item_is_public(item)


@dataclass(frozen=True)
class CollectionNode:
    pk: int
    slug: str
    title: str
    description: str
    language: str
    parent_id: int | None
    is_public: bool
    chain: tuple[int, ...]  # ids from the root down to this one; empty when caught in a cycle
    visible: bool  # public, and every collection above it public, and no cycle
    set_spec: str  # OAI-PMH setSpec: slugs from the root, joined by colons

    def get_absolute_url(self) -> str:
        return collection_path(self.slug)


class CollectionTree:
    """Every collection, read in one query: the tree, set specs and what the public may see."""

    FIELDS = ("id", "slug", "title", "description", "language", "parent_id", "is_public")

    def __init__(self, rows: Iterable[tuple]) -> None:
        raw = {row[0]: row for row in rows}
        self.nodes: dict[int, CollectionNode] = {}
        self.children: dict[int | None, list[int]] = {}
        for pk, slug, title, description, language, parent_id, is_public in raw.values():
            chain = _chain(pk, raw)
            visible = bool(chain) and all(raw[c][6] for c in chain)
            spec = ":".join(raw[c][1] for c in chain)
            self.nodes[pk] = CollectionNode(
                pk, slug, title, description, language, parent_id, is_public, chain, visible, spec
            )
            self.children.setdefault(parent_id, []).append(pk)
        self.by_slug = {node.slug: node for node in self.nodes.values()}
        self.by_spec = {n.set_spec: n for n in self.nodes.values() if n.visible}

    @classmethod
    def load(cls) -> CollectionTree:
        return cls(Collection.objects.order_by().values_list(*cls.FIELDS))

    def is_visible(self, pk: int | None) -> bool:
        node = self.nodes.get(pk) if pk is not None else None
        return bool(node and node.visible)

    def visible_ids(self) -> set[int]:
        return {pk for pk, node in self.nodes.items() if node.visible}

    def visible_nodes(self) -> list[CollectionNode]:
        """Visible collections ordered by set spec (a parent before its children)."""
        return sorted((n for n in self.nodes.values() if n.visible), key=lambda n: n.set_spec)

    def visible_by_slug(self, slug: str) -> CollectionNode | None:
        node = self.by_slug.get(slug)
        return node if node is not None and node.visible else None

    def ancestors(self, pk: int) -> list[CollectionNode]:
        """The chain from the root down to this collection (inclusive)."""
        return [self.nodes[c] for c in self.nodes[pk].chain] if pk in self.nodes else []

    def descendants(self, pk: int) -> set[int]:
        """This collection and every collection below it (a cycle is walked once)."""
        found, frontier = {pk}, [pk]
        while frontier:
            frontier = [c for p in frontier for c in self.children.get(p, ()) if c not in found]
            found.update(frontier)
        return found

    def visible_descendants(self, pk: int) -> set[int]:
        return {c for c in self.descendants(pk) if self.is_visible(c)}

    def visible_children(self, pk: int | None) -> list[CollectionNode]:
        """Visible sub-collections (of the roots for None), by title."""
        found = [self.nodes[c] for c in self.children.get(pk, ()) if self.is_visible(c)]
        return sorted(found, key=lambda n: (n.title, n.slug))

    def visible_specs(self, collection_ids: Iterable[int]) -> list[str]:
        """The most specific visible set specs of an item in these collections (OAI SET-05)."""
        return most_specific({self.nodes[c].set_spec for c in collection_ids if self.is_visible(c)})

    def facet_slugs(self, collection_ids: Iterable[int]) -> list[str]:
        """Slugs of the visible collections an item is in, with their visible ancestors.

        An item in a sub-collection is found by its parent's facet too; a hidden collection or
        one below it contributes nothing, so search never names a hidden collection.
        """
        slugs: dict[str, None] = {}
        for pk in collection_ids:
            if self.is_visible(pk):
                for node in self.ancestors(pk):
                    slugs[node.slug] = None
        return list(slugs)

    def public_item_count(self, pk: int) -> int:
        """Public items in this collection and its visible sub-collections."""
        return (
            items()
            .filter(collections__in=self.visible_descendants(pk))
            .order_by()
            .values("pk")
            .distinct()
            .count()
        )


def most_specific(specs: set[str]) -> list[str]:
    """Drop every set spec that is the ancestor of another one in the set."""
    return sorted(s for s in specs if not any(o.startswith(s + ":") for o in specs))


def _chain(pk: int, raw: dict[int, tuple]) -> tuple[int, ...]:
    """Ids from the root down to `pk`; empty when the parents form a cycle."""
    chain, seen, node = [], set(), pk
    while node is not None:
        if node in seen or node not in raw:
            return ()
        seen.add(node)
        chain.append(node)
        node = raw[node][5]
    return tuple(reversed(chain))


def value_authority(text: str, authority: Any) -> tuple[bool, Any]:
    """Whether a value shows, and which authority it links to, given its own text.

    A private authority is never shown: a value with text of its own keeps the text and loses
    the link; a value that only pointed at the record is left out.
    """
    if authority is None or authority_is_public(authority):
        return True, authority
    return bool(text), None
