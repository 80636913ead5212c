"""OAI-PMH sets: the visible collections, as collection.public.CollectionTree describes them."""

from collection.public import CollectionNode, CollectionTree, most_specific

OAISet = CollectionNode  # spec, name, description, language: see SetTree.ordered


class SetTree:
    """The sets harvesters may see, looked up by setSpec; a thin view of the collection tree."""

    def __init__(self, tree: CollectionTree) -> None:
        self.tree = tree

    def __bool__(self) -> bool:
        return bool(self.tree.by_spec)

    def ordered(self) -> list[CollectionNode]:
        return self.tree.visible_nodes()

    def ids_under(self, spec: str) -> list[int]:
        """Return the ids of the set and every visible set below it (SET-06); empty if unknown."""
        node = self.tree.by_spec.get(spec)
        return sorted(self.tree.visible_descendants(node.pk)) if node else []

    def specs_for(self, collection_ids: list[int]) -> list[str]:
        """Return the most specific visible setSpecs of an item in these collections (SET-05)."""
        return self.tree.visible_specs(collection_ids)

    def visible(self, specs: list[str]) -> list[str]:
        """Of a tombstone's recorded specs, the most specific ones still visible."""
        return most_specific({s for s in specs if s in self.tree.by_spec})


def load_sets() -> SetTree:
    return SetTree(CollectionTree.load())
