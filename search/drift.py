"""Compare the database's public items with the index: missing, stale and extra documents."""

from __future__ import annotations

from dataclasses import dataclass, field

from collection import public

from .backends import get_backend


@dataclass
class Drift:
    missing: set[int] = field(default_factory=set)  # public in the database, absent in the index
    stale: set[int] = field(default_factory=set)  # indexed with an older version
    extra: dict[int, int] = field(default_factory=dict)  # indexed but not public: id -> version

    @property
    def total(self) -> int:
        return len(self.missing) + len(self.stale) + len(self.extra)


def measure() -> Drift:
    indexed = get_backend().indexed_versions()
    shown = dict(public.items().values_list("pk", "version").iterator())
    return Drift(
        missing=set(shown) - set(indexed),
        stale={i for i, v in shown.items() if i in indexed and indexed[i] < v},
        extra={i: v for i, v in indexed.items() if i not in shown},
    )
