"""The query service used by the portal and the API: one call, the configured backend, public items only."""

from __future__ import annotations

import dataclasses
import logging

from django.urls import NoReverseMatch
from django.utils.translation import gettext as _

from collection import sources
from collection.models.authority import authority_path
from collection.models.item import item_path
from collection.public import CollectionTree

from .backends import get_backend
from .backends.base import strip_controls
from .query import InvalidQuery, SearchQuery, SearchResults, Suggestion, check_text

log = logging.getLogger(__name__)

# Authorities shown above the items of a first page.
AUTHORITY_HITS = 5
# Autocomplete: entries answered, and the shortest text worth completing (one letter would
# expand to a large part of the vocabulary on every keystroke: bounded work per request).
SUGGESTIONS = 8
MAX_SUGGESTIONS = 20
MIN_SUGGEST_LENGTH = 2


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


def search(query: SearchQuery, correct: bool = True) -> SearchResults:
    """Run the query on the configured backend; the index holds only public items.

    The first page of a text search also lists matching authorities. When nothing at all
    matched (no item, no authority) and the backend offers a spelling `suggestion`, the query
    runs once more with it and `corrected_from` keeps the text as typed; `correct=False` (the
    portal's "search instead for …" link) runs the text exactly as typed.
    """
    unknown = unknown_collections(list(query.filters.get("collection", ())))
    if unknown:
        raise InvalidQuery("filter.collection", f"No collection “{unknown[0]}”.")
    backend = get_backend()
    results, authorities = backend.search_with_authorities(query, _authority_count(query))
    suggestion = (results.suggestion or "").strip()
    if (
        correct
        and results.total == 0
        and not authorities
        and suggestion
        and suggestion.casefold() != query.text.strip().casefold()
    ):
        corrected = _corrected(query, suggestion)
        if corrected is not None:
            rerun, found = backend.search_with_authorities(corrected, _authority_count(corrected))
            if rerun.total:  # only once: a rerun never asks for another correction
                rerun.corrected_from = query.text
                rerun.suggestion = suggestion
                results, authorities = rerun, found
    for hit in authorities:
        hit.url = _page(authority_path, hit.kind, hit.slug)
    results.authorities = authorities
    thumbs = _thumbnails([h.item_id for h in results.hits if h.item_id is not None])
    for hit in results.hits:
        hit.thumbnail_url = thumbs.get(hit.item_id)
    return results


def _corrected(query: SearchQuery, text: str) -> SearchQuery | None:
    """The query with the suggested text, or None when the suggestion is not a valid query."""
    try:
        return dataclasses.replace(query, text=text)
    except InvalidQuery:
        log.warning("search: the backend suggested an invalid query %r", text)
        return None


def _authority_count(query: SearchQuery) -> int:
    """How many authorities a results page lists: some on the first page of a text search."""
    return AUTHORITY_HITS if query.text.strip() and query.page == 1 else 0


def _page(path, *args: str) -> str:
    """The portal page, or "" where the portal does not publish it (an API-only deployment)."""
    try:
        return path(*args)
    except NoReverseMatch:
        return ""


def suggest(prefix: str, size: int = SUGGESTIONS) -> list[Suggestion]:
    """Completions of what has been typed (titles, authority names, subjects), with their pages.

    Text refused by the same caps as a search raises InvalidQuery("q", …); text too short to be
    worth completing answers [].
    """
    check_text(prefix)
    if not isinstance(size, int) or not 1 <= size <= MAX_SUGGESTIONS:
        raise InvalidQuery(
            "size", _("Use a whole number from 1 to %(n)d.") % {"n": MAX_SUGGESTIONS}
        )
    text = " ".join(strip_controls(prefix).split())
    if len(text) < MIN_SUGGEST_LENGTH:
        return []
    found, seen = [], set()
    for entry in get_backend().suggest(text, size=size):
        key = entry.text.casefold()
        if key in seen:
            continue
        seen.add(key)
        if entry.identifier:
            entry.url = _page(item_path, entry.identifier)
        elif entry.slug:
            entry.url = _page(authority_path, entry.source, entry.slug)
        found.append(entry)
    return found
