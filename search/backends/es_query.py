"""Translate a SearchQuery into an Elasticsearch request body, built with elasticsearch.dsl."""

from __future__ import annotations

from elasticsearch.dsl import Q, Search

from ..documents import FACET_FIELDS, TEXT_FIELDS, fold
from ..query import SearchQuery
from ..text import parse_text

BOOSTED = [f"{f.name}^{f.boost:g}" for f in TEXT_FIELDS]
HIGHLIGHTED = ("title", "names", "description", "fulltext")
FACET_SIZE = {"decade": 100}
SORTS = {
    "relevance": ["_score", "title_sort"],
    "date": [{"date_lower": {"order": "asc", "missing": "_last"}}, "title_sort"],
    "-date": [{"date_lower": {"order": "desc", "missing": "_last"}}, "title_sort"],
    "title": ["title_sort", {"date_lower": {"order": "asc", "missing": "_last"}}],
}


def _required(text: str) -> Q:
    """Every part must match the folded text: phrases exactly, prefixes as such, words fuzzily."""
    clauses = []
    for part in parse_text(text):
        words = " ".join(fold(w) for w in part.words)
        if part.phrase:
            clauses.append(Q("match_phrase", folded=words))
        elif part.prefix:
            clauses.append(Q("prefix", folded=words))
        else:
            clauses.append(
                Q(
                    "match",
                    folded={
                        "query": words,
                        "operator": "and",
                        "fuzziness": "AUTO",
                        "prefix_length": 1,
                    },
                )
            )
    return Q("bool", filter=[], must=clauses) if clauses else Q("match_all")


def _ranking(text: str, languages: list[str]) -> list[Q]:
    """Clauses that only score: exact words by field boost, phrases, language-aware stems."""
    plain = " ".join(" ".join(p.words) for p in parse_text(text))
    if not plain:
        return []
    clauses = [
        Q("multi_match", query=plain, fields=BOOSTED, type="best_fields"),
        Q("multi_match", query=plain, fields=BOOSTED, type="phrase", boost=2),
    ]
    if languages:
        fields = [f"lang_text.{lang}" for lang in languages]
        clauses.append(Q("multi_match", query=plain, fields=fields, boost=0.5))
    return clauses


def _facet_filters(query: SearchQuery) -> dict[str, Q]:
    """One terms filter per selected facet: OR within a facet, AND across facets."""
    return {
        name: Q("terms", **{name: query.selected(name)})
        for name in FACET_FIELDS
        if query.selected(name)
    }


def _date_filters(query: SearchQuery) -> list[Q]:
    filters = []
    if query.date_from is not None or query.date_to is not None:
        filters.append(Q("exists", field="year"))
    if query.date_to is not None:
        before = Q("range", date_lower={"lte": f"{query.date_to:04d}-12-31"})
        filters.append(before | ~Q("exists", field="date_lower"))
    if query.date_from is not None:
        after = Q("range", date_upper={"gte": f"{query.date_from:04d}-01-01"})
        filters.append(after | ~Q("exists", field="date_upper"))
    return filters


def _facets(s: Search, selected: dict[str, Q]) -> Search:
    """Disjunctive facets: each facet counts under every selected filter except its own.

    The facet filters are a post_filter, so a selected facet still shows its other values and
    the user can add a second one; the hits and total see all filters.
    """
    if selected:
        s = s.post_filter(Q("bool", filter=list(selected.values())))
    for name in FACET_FIELDS:
        terms = {"field": name, "size": FACET_SIZE.get(name, 50)}
        others = [q for other, q in selected.items() if other != name]
        if others:
            s.aggs.bucket(name, "filter", Q("bool", filter=others)).bucket(
                "values", "terms", **terms
            )
        else:
            s.aggs.bucket(name, "terms", **terms)
    return s


def build_search(query: SearchQuery, languages: list[str] = ()) -> Search:
    """Return the dsl Search for a query: required match, ranking, filters, facets, highlight."""
    text = query.text.strip()
    bool_query = Q(
        "bool",
        must=[_required(text)],
        should=_ranking(text, list(languages)),
        filter=_date_filters(query),
    )
    s = Search().query(bool_query).extra(track_total_hits=True)
    s = s.source(["identifier", "title", "dcmi_type", "kind", "date", "year"])
    s = s.sort(*SORTS[query.sort])[query.offset : query.offset + query.size]
    s = _facets(s, _facet_filters(query))
    if text:  # in the same request: a second round trip for empty results doubled their latency
        s = s.suggest("spelling", fold(text), term={"field": "folded", "suggest_mode": "always"})
    if query.highlight and text:
        plain = " ".join(" ".join(p.words) for p in parse_text(text))
        s = s.highlight(*HIGHLIGHTED, fragment_size=160, number_of_fragments=2)
        s = s.highlight_options(
            pre_tags=["<mark>"],
            post_tags=["</mark>"],
            encoder="html",  # escapes the text, keeps only the marks
            require_field_match=False,
            highlight_query=Q(
                "multi_match",
                query=plain,
                fields=list(HIGHLIGHTED),
                fuzziness="AUTO",
                prefix_length=1,
            ).to_dict(),
        )
    return s
