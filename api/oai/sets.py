"""OAI-PMH sets: public collections, their setSpec the slugs from the root joined by colons."""

from dataclasses import dataclass

from collection.models import Collection


@dataclass(frozen=True)
class OAISet:
    pk: int
    spec: str
    name: str
    description: str
    language: str


class SetTree:
    """The collections harvesters may see: public ones whose ancestors are all public too."""

    def __init__(self, rows: list[dict]) -> None:
        by_id = {row["id"]: row for row in rows}
        self.by_id: dict[int, OAISet] = {}
        for row in rows:
            chain = _chain(row, by_id)
            if chain and all(r["is_public"] for r in chain):
                spec = ":".join(r["slug"] for r in chain)
                self.by_id[row["id"]] = OAISet(
                    row["id"], spec, row["title"], row["description"], row["language"]
                )
        self.by_spec = {s.spec: s for s in self.by_id.values()}

    def __bool__(self) -> bool:
        return bool(self.by_id)

    def ordered(self) -> list[OAISet]:
        return sorted(self.by_id.values(), key=lambda s: s.spec)

    def ids_under(self, spec: str) -> list[int]:
        """Return the ids of the set and every set below it (SET-06); empty if unknown."""
        if spec not in self.by_spec:
            return []
        return [
            s.pk for s in self.by_id.values() if s.spec == spec or s.spec.startswith(spec + ":")
        ]

    def specs_for(self, collection_ids: list[int]) -> list[str]:
        """Return the most specific visible setSpecs of an item in these collections (SET-05)."""
        specs = {self.by_id[c].spec for c in collection_ids if c in self.by_id}
        return self.most_specific(specs)

    def visible(self, specs: list[str]) -> list[str]:
        return self.most_specific({s for s in specs if s in self.by_spec})

    @staticmethod
    def most_specific(specs: set[str]) -> list[str]:
        return sorted(s for s in specs if not any(o.startswith(s + ":") for o in specs))


def _chain(row: dict, by_id: dict[int, dict]) -> list[dict]:
    """Return the rows from the root down to `row`; empty if the parents form a cycle."""
    chain, seen = [], set()
    while row is not None:
        if row["id"] in seen:
            return []
        seen.add(row["id"])
        chain.append(row)
        row = by_id.get(row["parent_id"])
    return chain[::-1]


def load_sets() -> SetTree:
    fields = ("id", "slug", "parent_id", "title", "description", "language", "is_public")
    return SetTree(list(Collection.objects.values(*fields)))
