"""Browsing: the collections and their pages, and lists of facet values (type, subject, person …)."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from collection.public import CollectionTree
from search.query import SearchQuery
from search.service import search

from ..labels import FACET_LABELS
from ..public import collection_items, collection_or_404, public_children
from ..thumbnails import cards
from .authorities import timeline_events

BROWSE_FACETS = ("type", "kind", "collection", "subject", "person", "place", "decade", "language")
PER_PAGE = 24


def collections(request: HttpRequest) -> HttpResponse:
    collections = public_children(CollectionTree.load(), None)
    return render(request, "portal/collections.html", {"collections": collections})


def collection_page(request: HttpRequest, slug: str) -> HttpResponse:
    collection, tree = collection_or_404(slug)
    items = collection_items(tree, collection).order_by("title", "identifier")
    page = Paginator(items, PER_PAGE).get_page(request.GET.get("page"))
    has_events = bool(timeline_events(items))
    context = {
        "collection": collection,
        "path": tree.ancestors(collection.pk),
        "children": public_children(tree, collection.pk),
        "page": page,
        "cards": cards(list(page.object_list)),
        "has_events": has_events,
    }
    return render(request, "portal/collection.html", context)


def browse_index(request: HttpRequest) -> HttpResponse:
    facets = [(name, FACET_LABELS[name]) for name in BROWSE_FACETS]
    return render(request, "portal/browse_index.html", {"facets": facets})


def browse_facet(request: HttpRequest, facet: str) -> HttpResponse:
    """Every value of one facet over all public items, with counts, linking to the search."""
    if facet not in BROWSE_FACETS:
        raise Http404("no such facet")
    results = search(SearchQuery(page_size=1, highlight=False))
    buckets = results.facets.get(facet, [])  # labelled by the search in this language
    if facet == "decade":
        buckets.sort(key=lambda b: b.value)
    else:
        buckets.sort(key=lambda b: (-b.count, b.label.casefold()))
    context = {"facet": facet, "label": FACET_LABELS[facet], "buckets": buckets}
    return render(request, "portal/browse.html", context)
