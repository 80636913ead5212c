"""Human labels of facet values: authority and collection names, kinds, decades."""

from __future__ import annotations

from collections.abc import Iterable

from collection.models import Authority, Collection, Item

AUTHORITY_FACETS = ("subject", "person", "place", "creator")


def facet_labels(facet: str, values: Iterable[str]) -> dict[str, str]:
    """Return value -> label for one facet's values; unknown values label themselves."""
    values = list(values)
    labels = {v: v for v in values}
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
