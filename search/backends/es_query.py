"""Translate a SearchQuery into an Elasticsearch request body, built with elasticsearch.dsl.

Matching is exact after analysis (folded, stemmed per value language, name variants through
synonyms), never fuzzy: a misspelling finds nothing, and the term suggester in the same request
offers the index's own spelling, which the service then runs (the contract both backends keep).
"""

from __future__ import annotations

from elasticsearch.dsl import Q, Search

from ..documents import FACET_FIELDS, TEXT_FIELDS
from ..query import SearchQuery
from ..text import Part, parse_text
from .es_mapping import ALL, LANGUAGES

BOOSTED = [f"{f.name}^{f.boost:g}" for f in TEXT_FIELDS]
STEMMED = [f"lang_text.{lang}" for lang in LANGUAGES]
HIGHLIGHTED = ("title", "description", "fulltext")
FACET_SIZE = {"decade": 100}
SORTS = {
    "relevance": ["_score", "title_sort"],
    "date": [{"date_lower": {"order": "asc", "missing": "_last"}}, "title_sort"],
    "-date": [{"date_lower": {"order": "desc", "missing": "_last"}}, "title_sort"],
    "title": ["title_sort", {"date_lower": {"order": "asc", "missing": "_last"}}],
}


def part_clause(part: Part, exact: str, stemmed: list[str]) -> Q:
    """What one part of the text must match: a phrase as such, a prefix (`word*`) as the start
    of an indexed word, words all in the `exact` field or all in one of the `stemmed` fields."""
    words = " ".join(part.words)
    if part.phrase:
        return Q("match_phrase", **{exact: words})
    if part.prefix:
        # analysed (folded, no synonyms), the last word a prefix
        return Q("match_bool_prefix", **{exact: {"query": words, "analyzer": "archive_plain"}})
    options = [Q("match", **{exact: {"query": words, "operator": "and"}})]
    options += [Q("match", **{f: {"query": words, "operator": "and"}}) for f in stemmed]
    return options[0] if len(options) == 1 else Q("bool", should=options, minimum_should_match=1)


def plain_text(text: str) -> str:
    return " ".join(" ".join(p.words) for p in parse_text(text))


def _required(text: str) -> Q:
    """Every part must match."""
    clauses = [part_clause(part, ALL, STEMMED) for part in parse_text(text)]
    return Q("bool", must=clauses) if clauses else Q("match_all")


def _ranking(text: str) -> list[Q]:
    """Clauses that only score: words by field boost, stems, and the words as a phrase (for one
    word a phrase is that word again: left out, it would only double the cost)."""
    plain = plain_text(text)
    if not plain:
        return []
    clauses = [
        Q("multi_match", query=plain, fields=BOOSTED, type="best_fields"),
        Q("multi_match", query=plain, fields=STEMMED, boost=0.5),
    ]
    if len(plain.split()) > 1:
        clauses.append(Q("multi_match", query=plain, fields=BOOSTED, type="phrase", boost=2))
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


def spelling(text: str) -> dict:
    """The term suggester: for each word the index lacks, the closest word it has."""
    return {
        "text": plain_text(text),
        "term": {
            "field": ALL,
            "analyzer": "archive_plain",  # folded, no synonyms: the words as typed
            "suggest_mode": "missing",
            "sort": "score",
        },
    }


def _highlight(s: Search, text: str) -> Search:
    """Snippets of the values that matched: the sentence of a description or full text, the one
    name among an item's names (each name is its own value: no fragments across names)."""
    fields = [*HIGHLIGHTED, "names"]
    marks = [
        # `word*`: the words it begins (folded, as matched)
        Q("multi_match", query=" ".join(p.words), fields=fields, type="bool_prefix")
        if p.prefix
        else Q("multi_match", query=" ".join(p.words), fields=fields)
        for p in parse_text(text)
    ]
    s = s.highlight(*HIGHLIGHTED, fragment_size=160, number_of_fragments=2)
    s = s.highlight("names", number_of_fragments=0)
    return s.highlight_options(
        pre_tags=["<mark>"],
        post_tags=["</mark>"],
        encoder="html",  # escapes the text, keeps only the marks
        require_field_match=False,
        highlight_query=Q("bool", should=marks).to_dict(),
    )


def build_search(query: SearchQuery) -> Search:
    """Return the dsl Search for a query: required match, ranking, filters, facets, highlight."""
    text = query.text.strip()
    # what must match is a filter (no scores to compute, cached); the ranking clauses score
    bool_query = Q("bool", should=_ranking(text), filter=[_required(text), *_date_filters(query)])
    s = Search().query(bool_query).extra(track_total_hits=True)
    s = s.source(["identifier", "title", "dcmi_type", "kind", "date", "year"])
    s = s.sort(*SORTS[query.sort])[query.offset : query.offset + query.size]
    s = _facets(s, _facet_filters(query))
    if plain_text(text):  # in the same request: a second round trip doubled empty results' latency
        s = s.extra(suggest={"spelling": spelling(text)})
    if query.highlight and plain_text(text):
        s = _highlight(s, text)
    return s
