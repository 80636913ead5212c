"""Search on an Elasticsearch node: versioned indices behind an alias, versioned bulk writes.

Two indices under the prefix: `<prefix>-items` and `<prefix>-authorities`, each an alias of a
versioned index that a rebuild replaces. Their analysis comes from the project's plugin
(search/es_plugin): a node without it refuses the index settings, and this backend says so.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping

from django.conf import settings
from elastic_transport import TransportError, Urllib3HttpNode
from elasticsearch import ApiError, Elasticsearch, helpers

from ..documents import TEXT_FIELDS
from ..query import AuthorityHit, Hit, SearchQuery, SearchResults, Suggestion
from ..results import facet_buckets
from .base import BackendUnavailable, BaseSearchBackend, strip_controls
from .es_authorities import authority_hits, authority_search, suggest_searches, suggestions
from .es_mapping import (
    AUTHORITY_MAPPING_VERSION,
    MAPPING_VERSION,
    PLUGIN,
    REFRESH_INTERVAL,
    AuthorityDocument,
    ItemDocument,
    authority_index_body,
    index_body,
)
from .es_query import build_search


class AnalysisPluginMissing(RuntimeError):
    """The node lacks the project's analysis plugin, so no index can be created."""


class Compat8Node(Urllib3HttpNode):
    """Ask for the version-8 REST API, which nodes of major 8 and 9 both speak.

    The 9.x client asks for `compatible-with=9`, which an 8.x node (all that Maven Central
    publishes as a runnable distribution) refuses; the client has no option for this.
    """

    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        headers = headers.copy() if headers is not None else headers
        for name in ("accept", "content-type"):
            if headers is not None and name in headers:
                headers[name] = headers[name].replace("compatible-with=9", "compatible-with=8")
        return super().perform_request(method, target, body=body, headers=headers, **kwargs)


def make_client(url: str | None = None, **kwargs) -> Elasticsearch:
    kwargs.setdefault("request_timeout", 30)
    kwargs.setdefault("max_retries", 1)
    return Elasticsearch(url or settings.ELASTICSEARCH_URL, node_class=Compat8Node, **kwargs)


# Bulk errors that still mean "the index holds this version or a newer one".
SETTLED = {409, 404}


class ElasticsearchBackend(BaseSearchBackend):
    name = "elasticsearch"
    # Python object the mapping is declared with (the system check reads it).
    document_class = ItemDocument
    chunk_size = 1000
    # The client is thread-safe and a write is the engine's work (see search_reindex).
    writes_from_any_thread = True
    # Bulk `refresh` of live writes: "wait_for" (visible on return), "true" or None (timer only).
    live_write_refresh: str | None = "wait_for"

    def __init__(self, options: Mapping | None = None) -> None:
        super().__init__(options)
        self.client = make_client(self.options.get("url"))
        self.alias = f"{self.prefix}-items"
        self.authority_alias = f"{self.prefix}-authorities"
        self._ready = False

    # -- indices -------------------------------------------------------------------------
    def _call(self, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except TransportError as exc:  # connection refused, timeout: the node is away
            raise BackendUnavailable(str(exc)) from exc

    def _stamp(self) -> str:
        return f"{time.strftime('%Y%m%d%H%M%S')}{time.time_ns() % 1000:03d}"

    def _index_name(self, stamp: str) -> str:
        return f"{self.alias}-v{MAPPING_VERSION}-{stamp}"

    def _authority_index(self, target: str) -> str:
        """The authority index built beside the item index `target` (same stamp)."""
        stamp = target.rsplit("-", 1)[-1]
        return f"{self.authority_alias}-v{AUTHORITY_MAPPING_VERSION}-{stamp}"

    def _create_index(self, name: str, body: dict) -> None:
        try:
            self._call(self.client.indices.create, index=name, **body)
        except ApiError as exc:
            if "archive_" in str(exc) and not self.has_plugin():
                raise AnalysisPluginMissing(
                    f"the Elasticsearch node has no {PLUGIN} plugin: build and install "
                    "search/es_plugin (scripts/elasticsearch.sh does for the test node, "
                    "docker/elasticsearch/Dockerfile for the image)"
                ) from exc
            raise

    def has_plugin(self) -> bool:
        """Whether every node has the analysis plugin (GET _nodes/plugins)."""
        nodes = self._call(self.client.nodes.info, metric="plugins")["nodes"]
        return bool(nodes) and all(
            any(p["name"] == PLUGIN for p in node.get("plugins", [])) for node in nodes.values()
        )

    def _create(self) -> str:
        """A new item index and its authority index (same stamp); returns the item index."""
        name = self._index_name(self._stamp())
        self._create_index(name, index_body())
        self._create_index(self._authority_index(name), authority_index_body())
        return name

    def ensure_index(self) -> None:
        if self._ready:
            return
        if not self._call(self.client.indices.exists_alias, name=self.alias):
            name = self._create()
            self._call(self.client.indices.put_alias, index=name, name=self.alias)
            self._call(
                self.client.indices.put_alias,
                index=self._authority_index(name),
                name=self.authority_alias,
            )
        elif not self._call(self.client.indices.exists_alias, name=self.authority_alias):
            # an item index from before authorities were indexed: give it its authority index
            (name,) = self.live_indices()[:1]
            self._create_index(self._authority_index(name), authority_index_body())
            self._call(
                self.client.indices.put_alias,
                index=self._authority_index(name),
                name=self.authority_alias,
            )
        self._ready = True

    def live_indices(self, alias: str | None = None) -> list[str]:
        alias = alias or self.alias
        if not self._call(self.client.indices.exists_alias, name=alias):
            return []
        return list(self._call(self.client.indices.get_alias, name=alias).body)

    def begin_rebuild(self) -> str:
        # No periodic refresh while the new version fills (Elastic's advice for bulk loads:
        # nobody searches it yet); finish_rebuild restores the mapping's interval.
        target = self._create()
        self._refresh_interval(target, "-1")
        return target

    def _refresh_interval(self, target: str, interval: str) -> None:
        self._call(
            self.client.indices.put_settings,
            index=[target, self._authority_index(target)],
            settings={"index": {"refresh_interval": interval}},
        )

    def finish_rebuild(self, target: str) -> None:
        authorities = self._authority_index(target)
        self._refresh_interval(target, REFRESH_INTERVAL)
        self._call(self.client.indices.refresh, index=[target, authorities])
        old = self.live_indices()
        old_authorities = self.live_indices(self.authority_alias)
        actions = [{"remove": {"index": i, "alias": self.alias}} for i in old]
        actions += [
            {"remove": {"index": i, "alias": self.authority_alias}} for i in old_authorities
        ]
        actions.append({"add": {"index": target, "alias": self.alias}})
        actions.append({"add": {"index": authorities, "alias": self.authority_alias}})
        self._call(self.client.indices.update_aliases, actions=actions)  # one atomic swap
        for index in old + old_authorities:
            self._call(self.client.indices.delete, index=index)
        self._ready = True

    def refresh(self, target: str | None = None) -> None:
        if target is None:
            self.ensure_index()
        indices = (
            [target, self._authority_index(target)]
            if target
            else [self.alias, self.authority_alias]
        )
        self._call(self.client.indices.refresh, index=indices)

    def count(self, target: str | None = None) -> int:
        self.ensure_index()
        self.refresh(target)
        return self._call(self.client.count, index=target or self.alias)["count"]

    def drop(self) -> None:
        self._call(
            self.client.indices.delete,
            index=f"{self.alias}-v*,{self.authority_alias}-v*",
            ignore_unavailable=True,
        )
        self._ready = False

    # -- writes --------------------------------------------------------------------------
    def action(self, item_id: int, doc: dict, index: str) -> dict:
        """The bulk action for one document: versioned, so an older write never wins."""
        # the same text as FTS5 indexes: no control characters to come back in highlights
        doc = {
            **doc,
            **{
                f.name: [strip_controls(v) for v in doc[f.name]]
                for f in TEXT_FIELDS
                if f.name in doc
            },
        }
        # The dict is the source as it is: the index mapping is strict (a field it lacks is
        # refused), and ItemDocument(**doc).to_dict() only copied it, at a fifth of a rebuild's
        # Python time (tests/search/test_es_analysis.py holds the two equal).
        source = doc
        return {
            "_index": index,
            "_id": item_id,
            "version": doc["version"],
            "version_type": "external_gte",
            "_source": source,
        }

    def _bulk(self, actions: list[dict], live: bool, settled: set[int] = SETTLED) -> set[int]:
        if not actions:
            return set()
        ids = {int(a["_id"]) for a in actions}
        # Live writes wait for the next refresh, so a drained change is searchable when the
        # drain returns; a rebuild's index is refreshed once, before the alias swap.
        refresh = self.live_write_refresh if live else None
        try:
            _, errors = helpers.bulk(
                self.client,
                actions,
                chunk_size=self.chunk_size,
                raise_on_error=False,
                stats_only=False,
                refresh=refresh,
            )
        except TransportError as exc:
            raise BackendUnavailable(str(exc)) from exc
        failed = set()
        for error in errors:
            (info,) = error.values()
            if info.get("status") not in settled:
                failed.add(int(info["_id"]))
        return ids - failed

    def index_documents(self, docs: Mapping[int, dict], target: str | None = None) -> set[int]:
        if target is None:
            self.ensure_index()
        index = target or self.alias
        return self._bulk([self.action(i, d, index) for i, d in docs.items()], target is None)

    def delete_documents(self, versions: Mapping[int, int], target: str | None = None) -> set[int]:
        if target is None:
            self.ensure_index()
        index = target or self.alias
        actions = [
            {
                "_op_type": "delete",
                "_index": index,
                "_id": i,
                "version": v,
                "version_type": "external_gte",
            }
            for i, v in versions.items()
        ]
        return self._bulk(actions, target is None)

    def indexed_versions(self, item_ids: Iterable[int] | None = None) -> dict[int, int]:
        self.ensure_index()
        self.refresh()
        query = (
            {"match_all": {}}
            if item_ids is None
            else {"ids": {"values": [str(i) for i in item_ids]}}
        )
        try:
            hits = helpers.scan(
                self.client,
                index=self.alias,
                query={"query": query, "_source": ["version"]},
                size=5000,
            )
            return {int(h["_id"]): h["_source"]["version"] for h in hits}
        except TransportError as exc:
            raise BackendUnavailable(str(exc)) from exc

    # -- authorities -----------------------------------------------------------------------
    def index_authorities(self, docs: Mapping[int, dict], target: str | None = None) -> set[int]:
        if target is None:
            self.ensure_index()
        index = self._authority_index(target) if target else self.authority_alias
        actions = []
        for pk, doc in docs.items():
            doc = {
                **doc,
                "name": strip_controls(doc["name"]),
                "description": strip_controls(doc.get("description") or ""),
                "names": [
                    {"name": strip_controls(n["name"]), "language": n.get("language") or ""}
                    for n in doc.get("names", ())
                ],
            }
            actions.append(
                {
                    "_index": index,
                    "_id": pk,
                    "version": doc["version"],
                    "version_type": "external_gte",
                    "_source": AuthorityDocument(**doc).to_dict(skip_empty=False),
                }
            )
        return self._bulk(actions, target is None)

    def delete_authorities(self, ids: Iterable[int], target: str | None = None) -> set[int]:
        if target is None:
            self.ensure_index()
        index = self._authority_index(target) if target else self.authority_alias
        actions = [{"_op_type": "delete", "_index": index, "_id": i} for i in ids]
        return self._bulk(actions, target is None, settled={404})

    def indexed_authorities(self) -> dict[int, int]:
        self.ensure_index()
        self.refresh()
        try:
            hits = helpers.scan(
                self.client,
                index=self.authority_alias,
                query={"query": {"match_all": {}}, "_source": ["version"]},
                size=5000,
            )
            return {int(h["_id"]): h["_source"]["version"] for h in hits}
        except TransportError as exc:
            raise BackendUnavailable(str(exc)) from exc

    def search_authorities(self, text: str, size: int = 5) -> list[AuthorityHit]:
        if not text.strip():
            return []
        self.ensure_index()
        body = authority_search(text, size)
        response = self._call(self.client.search, index=self.authority_alias, body=body)
        return authority_hits(response.body, text)

    def suggest(self, prefix: str, size: int = 8) -> list[Suggestion]:
        if not prefix.strip():
            return []
        self.ensure_index()
        searches = suggest_searches(prefix, size, self.alias, self.authority_alias)
        return suggestions(self._msearch(searches), prefix, size)

    def _msearch(self, searches: list[dict]) -> list[dict]:
        """The answers of one `_msearch` round trip, in order; an answer's error is raised as
        the single search would have raised it."""
        response = self._call(self.client.msearch, searches=searches)
        answers = response.body["responses"]
        for answer in answers:
            if "error" in answer:
                raise ApiError(
                    message=str(answer["error"]), meta=response.meta, body=answer["error"]
                )
        return answers

    def search_with_authorities(
        self, query: SearchQuery, authorities: int
    ) -> tuple[SearchResults, list[AuthorityHit]]:
        # One round trip for the items and the authorities of a results page (measured in
        # benchmarks/bench_search.py --only portal: one request fewer per first page).
        if not authorities or not query.text.strip():
            return self.search(query), []
        self.ensure_index()
        page, facets, names = self._msearch(
            [
                *self._item_searches(query),
                {"index": self.authority_alias},
                authority_search(query.text, authorities),
            ]
        )
        return self.parse(query, page, facets), authority_hits(names, query.text)

    # -- reads ---------------------------------------------------------------------------
    def request_bodies(self, query: SearchQuery) -> tuple[dict, dict]:
        """The two searches of a results page (the benchmark sends the same bodies raw).

        The page: hits, highlights and spelling, without an exact count, so Elasticsearch may
        skip documents that cannot reach the page. The facets: size 0, the exact total and the
        aggregations, which is the request Elasticsearch's shard request cache keeps (until the
        index's next refresh): a repeated query's facets, the costly half on a large hit set,
        are not counted again. Both carry the same query and post_filter.
        """
        page = build_search(query).to_dict()
        facets = {"size": 0, "track_total_hits": True, "query": page["query"]}
        if "post_filter" in page:
            facets["post_filter"] = page["post_filter"]
        if "aggs" in page:
            facets["aggs"] = page.pop("aggs")
        page["track_total_hits"] = False
        return page, facets

    def _item_searches(self, query: SearchQuery) -> list[dict]:
        page, facets = self.request_bodies(query)
        return [{"index": self.alias}, page, {"index": self.alias}, facets]

    def search(self, query: SearchQuery) -> SearchResults:
        self.ensure_index()
        page, facets = self._msearch(self._item_searches(query))
        return self.parse(query, page, facets)

    def parse(self, query: SearchQuery, body: dict, facets: dict) -> SearchResults:
        """Results from the answers to request_bodies(): the page's and the facets'."""
        hits = [self._hit(h) for h in body["hits"]["hits"]]
        raw = {
            name: [(b["key"], b["doc_count"]) for b in agg.get("values", agg)["buckets"]]
            for name, agg in facets.get("aggregations", {}).items()
        }
        total = facets["hits"]["total"]["value"]
        return SearchResults(
            total=total,
            hits=hits,
            facets=facet_buckets(query, raw),
            page=query.page,
            page_size=query.size,
            suggestion=self._suggestion(query.text, body) if total == 0 else None,
            backend=self.name,
        )

    @staticmethod
    def _hit(h: dict) -> Hit:
        src = h["_source"]
        return Hit(
            identifier=src["identifier"],
            title=(src.get("title") or [""])[0],
            dcmi_type=src.get("dcmi_type") or "",
            kind=(src.get("kind") or [""])[0],
            date=src.get("date") or "",
            year=src.get("year"),
            score=float(h.get("_score") or 0.0),
            highlights=dict(h.get("highlight", {})),
            item_id=int(h["_id"]),
        )

    @staticmethod
    def _suggestion(text: str, body: dict) -> str | None:
        """The text with each word the index lacks replaced by its closest indexed word (term
        suggester, folded), or None when no word has a replacement."""
        entries = body.get("suggest", {}).get("spelling", [])
        if not any(e["options"] for e in entries):
            return None
        return " ".join(e["options"][0]["text"] if e["options"] else e["text"] for e in entries)
