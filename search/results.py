"""Turn raw facet counts into FacetBuckets, the same way for every backend."""

from __future__ import annotations

from collection.labels import facet_labels

from .query import FacetBucket, SearchQuery


def facet_buckets(
    query: SearchQuery, raw: dict[str, list[tuple[str, int]]]
) -> dict[str, list[FacetBucket]]:
    """Label the (value, count) pairs of each facet and flag the values the query selected.

    Labels are in the active language: call this while serving the request, never cache it.
    """
    facets = {}
    for name, pairs in raw.items():
        selected = set(query.selected(name))
        labels = facet_labels(name, [str(v) for v, _ in pairs])
        facets[name] = [
            FacetBucket(value=str(v), label=labels[str(v)], count=c, selected=str(v) in selected)
            for v, c in pairs
        ]
    return facets
