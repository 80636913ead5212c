"""What a bag holds: every item, some collections (with their sub-collections) or some items."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet

from collection.models import Item, Tombstone
from collection.public import CollectionTree


class SelectionError(ValueError):
    """A slug or identifier that names nothing here."""


@dataclass(frozen=True)
class Selection:
    everything: bool = False
    collections: tuple[str, ...] = ()
    identifiers: tuple[str, ...] = ()

    @classmethod
    def of(
        cls,
        everything: bool = False,
        collections: Iterable[str] = (),
        identifiers: Iterable[str] = (),
    ) -> Selection:
        """A checked selection: every slug and identifier must exist (items or tombstones)."""
        selection = cls(
            everything, tuple(sorted(set(collections))), tuple(sorted(set(identifiers)))
        )
        if not (everything or selection.collections or selection.identifiers):
            raise SelectionError("choose --all, --collection or --item")
        tree = CollectionTree.load()
        unknown = [slug for slug in selection.collections if slug not in tree.by_slug]
        if unknown:
            raise SelectionError(f"no collection with the slug {', '.join(unknown)}")
        known = set(
            Item.objects.filter(identifier__in=selection.identifiers).values_list(
                "identifier", flat=True
            )
        )
        known |= set(selection.tombstones().values_list("identifier", flat=True))
        missing = [i for i in selection.identifiers if i not in known]
        if missing:
            raise SelectionError(f"no item with the identifier {', '.join(missing)}")
        return selection

    def _collection_ids(self) -> set[int]:
        tree = CollectionTree.load()
        return {c for slug in self.collections for c in tree.descendants(tree.by_slug[slug].pk)}

    def items(self) -> QuerySet:
        if self.everything:
            return Item.objects.all()
        if self.collections:
            return Item.objects.filter(collections__in=self._collection_ids()).distinct()
        return Item.objects.filter(identifier__in=self.identifiers)

    def tombstones(self) -> QuerySet:
        """The deleted items of the selection: all, those once in the collections, or named."""
        if self.everything:
            return Tombstone.objects.all()
        if self.identifiers:
            return Tombstone.objects.filter(identifier__in=self.identifiers)
        slugs = set(self.collections)
        wanted = [
            t.pk
            for t in Tombstone.objects.only("pk", "set_specs")
            if any(slugs & set(spec.split(":")) for spec in t.set_specs)
        ]
        return Tombstone.objects.filter(pk__in=wanted)

    def external_identifier(self) -> str:
        """Names the selection, not the run: the same selection gives the same identifier."""
        namespace = settings.OAI_IDENTIFIER_NAMESPACE
        if self.everything:
            return f"{namespace}:all"
        if self.collections:
            return f"{namespace}:collection:{'+'.join(self.collections)}"
        return f"{namespace}:items:{'+'.join(self.identifiers)}"
