"""The query service used by the portal and the API: one call, the configured backend, public items only."""

from __future__ import annotations

import logging

from collection import sources
from collection.public import CollectionTree

from .backends import get_backend
from .query import InvalidQuery, SearchQuery, SearchResults

log = logging.getLogger(__name__)


def _thumbnails(item_ids: list[int]) -> dict[int, str]:
    """Thumbnail URLs from the sources other apps register with the catalogue."""
    try:
        return sources.thumbnails(item_ids)
    except Exception:  # a missing thumbnail must not break a search
        log.exception("thumbnail lookup failed")
        return {}


def unknown_collections(slugs: list[str]) -> list[str]:
    """The collection filter values the public cannot see: unknown and hidden answer alike, so
    a filter never confirms that a hidden collection exists."""
    if not slugs:
        return []
    tree = CollectionTree.load()
    return [slug for slug in slugs if tree.visible_by_slug(slug) is None]


def search(query: SearchQuery) -> SearchResults:
    """Run the query on the configured backend; the index holds only public items."""
    unknown = unknown_collections(list(query.filters.get("collection", ())))
    if unknown:
        raise InvalidQuery("filter.collection", f"No collection “{unknown[0]}”.")
    results = get_backend().search(query)
    thumbs = _thumbnails([h.item_id for h in results.hits if h.item_id is not None])
    for hit in results.hits:
        hit.thumbnail_url = thumbs.get(hit.item_id)
    return results
