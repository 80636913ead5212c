"""Human labels of facet values: authority and collection names, kinds, decades.

Labels are cached in the process: a search shows up to 50 values in each of five labelled
facets, and looking them up per query cost more than the engine's own answer. A change in this
process clears the cache at once (receivers); other processes see it within LABEL_TTL seconds.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from collection.models import Authority, Collection, Item

AUTHORITY_FACETS = ("subject", "person", "place", "creator")
# Seconds a cached label may lag behind a rename made in another process.
LABEL_TTL = 60.0
# Entries kept at most; past this the cache starts again rather than grow without bound.
LABEL_CACHE_SIZE = 100_000

_cache: dict[tuple[str, str], str] = {}
_started = time.monotonic()


def clear_labels(**kwargs) -> None:
    """Forget every cached label (an authority or collection changed)."""
    global _started
    _cache.clear()
    _started = time.monotonic()


def _lookup(facet: str, values: list[str]) -> dict[str, str]:
    labels = {v: v for v in values}  # unknown values label themselves
    if facet in AUTHORITY_FACETS:
        rows = Authority.objects.filter(slug__in=values).values_list("slug", "preferred_name")
        labels.update(dict(rows))
    elif facet == "collection":
        labels.update(dict(Collection.objects.filter(slug__in=values).values_list("slug", "title")))
    elif facet == "kind":
        labels.update({v: str(Item.Kind(v).label) for v in values if v in Item.Kind.values})
    elif facet == "decade":
        labels.update({v: f"{v}s" for v in values})
    return labels


def facet_labels(facet: str, values: Iterable[str]) -> dict[str, str]:
    """Return value -> label for one facet's values, with at most one query for the new ones."""
    if time.monotonic() - _started > LABEL_TTL or len(_cache) > LABEL_CACHE_SIZE:
        clear_labels()
    values = list(values)
    missing = [v for v in values if (facet, v) not in _cache]
    if missing:
        _cache.update({(facet, v): label for v, label in _lookup(facet, missing).items()})
    return {v: _cache[(facet, v)] for v in values}
