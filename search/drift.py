"""Compare the database's public items and authorities with the index: missing, stale and extra."""

from __future__ import annotations

from dataclasses import dataclass, field

from collection import public

from .backends import get_backend


@dataclass
class Drift:
    missing: set[int] = field(default_factory=set)  # public in the database, absent in the index
    stale: set[int] = field(default_factory=set)  # indexed with an older version
    extra: dict[int, int] = field(default_factory=dict)  # indexed but not public: id -> version
    # Authorities: public but not indexed, and indexed but private or deleted. Their documents
    # are versioned by build time, so staleness is not measured here: `search_reindex` rewrites
    # them all, and the outbox recounts them as items change.
    missing_authorities: set[int] = field(default_factory=set)
    extra_authorities: set[int] = field(default_factory=set)

    @property
    def total(self) -> int:
        return (
            len(self.missing)
            + len(self.stale)
            + len(self.extra)
            + len(self.missing_authorities)
            + len(self.extra_authorities)
        )


def measure() -> Drift:
    backend = get_backend()
    indexed = backend.indexed_versions()
    shown = dict(public.items().values_list("pk", "version").iterator())
    authorities = set(backend.indexed_authorities())
    public_authorities = set(public.authorities().values_list("pk", flat=True).iterator())
    return Drift(
        missing=set(shown) - set(indexed),
        stale={i for i, v in shown.items() if i in indexed and indexed[i] < v},
        extra={i: v for i, v in indexed.items() if i not in shown},
        missing_authorities=public_authorities - authorities,
        extra_authorities=authorities - public_authorities,
    )
