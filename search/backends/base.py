"""The interface every search backend implements; the rest of the app talks only to this."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from django.conf import settings

from ..query import AuthorityHit, SearchQuery, SearchResults, Suggestion

# C0 controls but tab, newline and carriage return, and DEL: never meaningful in catalogue text,
# and FTS5's highlight sentinels are two of them.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_controls(text: str) -> str:
    """Text as a backend indexes it: control characters become spaces."""
    return CONTROL.sub(" ", text)


class BackendUnavailable(Exception):
    """The engine could not be reached; the work stays in the outbox for a later attempt."""


class BaseSearchBackend:
    # Name reported in SearchResults.backend.
    name = "base"
    # Query features the engine cannot offer; the contract suite marks them expected-failure.
    unsupported: frozenset[str] = frozenset()
    # Whether index_documents may be called from a thread other than the one that made the
    # backend (search_reindex then builds the next batch while the engine indexes this one).
    writes_from_any_thread = False

    def __init__(self, options: Mapping | None = None) -> None:
        self.options = dict(options or {})
        self.prefix = self.options.get("prefix", settings.SEARCH_INDEX_PREFIX)

    def ensure_index(self) -> None:
        """Create the index (and its alias) if it does not exist yet."""
        raise NotImplementedError("ensure_index")

    def index_documents(self, docs: Mapping[int, dict], target: str | None = None) -> set[int]:
        """Write documents keyed by item id; return the ids the engine acknowledged.

        Writes are versioned: a document older than the one indexed counts as acknowledged and
        changes nothing, so replaying work is always safe.
        """
        raise NotImplementedError("index_documents")

    def delete_documents(self, versions: Mapping[int, int], target: str | None = None) -> set[int]:
        """Remove items (id -> version of the removal); return the ids acknowledged."""
        raise NotImplementedError("delete_documents")

    def indexed_versions(self, item_ids: Iterable[int] | None = None) -> dict[int, int]:
        """Return item id -> indexed version, for all documents or only the given ids."""
        raise NotImplementedError("indexed_versions")

    def search(self, query: SearchQuery) -> SearchResults:
        """Hits, facets and, when nothing matched, a spelling `suggestion` built from the index's
        own vocabulary (the service reruns the query with it and sets `corrected_from`)."""
        raise NotImplementedError("search")

    # -- authorities -----------------------------------------------------------------------
    # An authority document (search.documents.authority_documents) is a plain dict:
    #   {"id": int, "version": int, "kind": str, "slug": str, "name": str (preferred),
    #    "names": [{"name": str, "language": str}] (every name, any script, preferred first),
    #    "description": str, "item_count": int (public items linked)}
    # Only public authorities are indexed.

    def index_authorities(self, docs: Mapping[int, dict], target: str | None = None) -> set[int]:
        """Write authority documents keyed by authority id; return the ids acknowledged."""
        raise NotImplementedError("index_authorities")

    def delete_authorities(self, ids: Iterable[int], target: str | None = None) -> set[int]:
        """Remove authorities from the index; return the ids acknowledged."""
        raise NotImplementedError("delete_authorities")

    def indexed_authorities(self) -> dict[int, int]:
        """Return authority id -> indexed version of every authority document (search_drift)."""
        raise NotImplementedError("indexed_authorities")

    def search_authorities(self, text: str, size: int = 5) -> list[AuthorityHit]:
        """Authorities whose names (any script, folded, stemmed) or description match `text`,
        best first; `matched` shows the name or sentence that matched."""
        raise NotImplementedError("search_authorities")

    def search_with_authorities(
        self, query: SearchQuery, authorities: int
    ) -> tuple[SearchResults, list[AuthorityHit]]:
        """The query's results and up to `authorities` matching authorities (none when 0 or the
        query has no text). An engine that answers both in one round trip overrides this."""
        hits = self.search_authorities(query.text, authorities) if authorities else []
        return self.search(query), hits

    # -- autocomplete ----------------------------------------------------------------------
    def suggest(self, prefix: str, size: int = 8) -> list[Suggestion]:
        """Completions of what has been typed: item titles, authority names in any script and
        subjects, whose words start with the typed words (folded), best first, no duplicates.

        Set `identifier` on a title (the item it belongs to) and `slug` on an authority name
        (`source` is then the authority's kind); the service builds `url` from them. Only
        public items and public authorities are suggested."""
        raise NotImplementedError("suggest")

    def begin_rebuild(self) -> str:
        """Create a new, empty index version next to the live one and return its name."""
        raise NotImplementedError("begin_rebuild")

    def finish_rebuild(self, target: str) -> None:
        """Make the rebuilt index the live one in one atomic step and drop the old one."""
        raise NotImplementedError("finish_rebuild")

    def refresh(self, target: str | None = None) -> None:
        """Make recent writes visible to searches now (engines that refresh on a timer)."""

    def count(self, target: str | None = None) -> int:
        raise NotImplementedError("count")

    def drop(self) -> None:
        """Remove every index this backend created under its prefix (tests, teardown)."""
        raise NotImplementedError("drop")
