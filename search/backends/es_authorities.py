"""Request bodies and answers of the authority search and of autocomplete on Elasticsearch.

Both read the authority index (every name in every script, description, public item count);
autocomplete also reads the item index's titles and subjects, in one `_msearch` round trip.
"""

from __future__ import annotations

import html
import math
import re

from ..documents import fold
from ..query import AuthorityHit, Suggestion
from ..text import parse_text
from .es_mapping import LANGUAGES
from .es_query import part_clause, plain_text

NAME = "names.name"
NAME_STEMS = [f"{NAME}.{lang}" for lang in LANGUAGES]
DESCRIPTION_STEMS = [f"description.{lang}" for lang in LANGUAGES]
# how far the public item count lifts an authority: log(1 + n), a tie-breaker among names
ITEM_COUNT_WEIGHT = 0.3
_WORD = re.compile(r"\w+")
_MARK = re.compile(r"</?mark>")


def _popularity(query: dict) -> dict:
    return {
        "function_score": {
            "query": query,
            "functions": [
                {
                    "field_value_factor": {
                        "field": "item_count",
                        "modifier": "log1p",
                        "missing": 0,
                    },
                    "weight": ITEM_COUNT_WEIGHT,
                }
            ],
            "boost_mode": "sum",
        }
    }


def authority_search(text: str, size: int) -> dict:
    """Authorities whose names or description hold every part of the text."""
    must = []
    for part in parse_text(text):
        options = [part_clause(part, field, stems) for field, stems in ((NAME, NAME_STEMS),)]
        options.append(part_clause(part, "description", DESCRIPTION_STEMS))
        must.append({"bool": {"should": [q.to_dict() for q in options], "minimum_should_match": 1}})
    plain = plain_text(text)
    query = {
        "bool": {
            "must": must,
            "should": [
                {"match": {"name": {"query": plain, "boost": 2}}},
                {"match": {NAME: {"query": plain, "boost": 3}}},
                {"match_phrase": {NAME: {"query": plain, "boost": 2}}},
                {"match": {"description": {"query": plain}}},
            ],
        }
    }
    return {
        "query": _popularity(query),
        "size": size,
        "_source": ["id", "kind", "slug", "name", "item_count"],
        "highlight": {
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "encoder": "html",
            "require_field_match": False,
            "highlight_query": {"multi_match": {"query": plain, "fields": [NAME, "description"]}},
            "fields": {
                # each name is a value of its own: the names that matched, whole
                NAME: {"number_of_fragments": 0},
                # the sentence that matched, whole
                "description": {
                    "number_of_fragments": 1,
                    "fragment_size": 0,
                    "boundary_scanner": "sentence",
                },
            },
        },
    }


def _best_name(names: list[str], text: str) -> str | None:
    """Among highlighted names, the one whose marked words are the words typed (Wlassow shows
    Wlassow, not Vlasov, though the synonyms mark both); else the first."""
    typed = {fold(w) for w in _WORD.findall(text)}
    if not names:
        return None

    def typed_marks(name: str) -> int:
        marked = re.findall(r"<mark>(.*?)</mark>", name)
        return sum(fold(html.unescape(m)) in typed for m in marked)

    return max(names, key=typed_marks)  # max keeps the first of equals


def authority_hits(body: dict, text: str) -> list[AuthorityHit]:
    hits = []
    for h in body["hits"]["hits"]:
        src, marks = h["_source"], h.get("highlight", {})
        matched = _best_name(marks.get(NAME, []), text)
        if matched is None:
            matched = (marks.get("description") or [html.escape(src["name"])])[0].strip()
        hits.append(
            AuthorityHit(
                authority_id=int(src["id"]),
                kind=src["kind"],
                slug=src["slug"],
                name=src["name"],
                matched=matched,
                item_count=int(src.get("item_count") or 0),
                score=float(h.get("_score") or 0.0),
            )
        )
    return hits


# -- autocomplete ------------------------------------------------------------------------------
SUBJECT_BUCKETS = 50
# subjects are counted in the best-matching documents only: bounded work for a two-letter prefix
# that matches half of a large index
SUBJECT_SAMPLE = 500


def suggest_searches(text: str, size: int, items: str, authorities: str) -> list[dict]:
    """The `_msearch` body: authority names, item titles, subjects (in this order)."""
    grams = {"query": text, "operator": "and"}
    return [
        {"index": authorities},
        {
            "query": _popularity(
                {
                    "bool": {
                        "must": [{"match": {f"{NAME}.prefix": grams}}],
                        "should": [{"match": {NAME: {"query": text, "operator": "and"}}}],
                    }
                }
            ),
            "size": size,
            "track_total_hits": False,
            "_source": ["kind", "slug", "names.name"],
        },
        {"index": items},
        {
            "query": {
                "bool": {
                    "must": [{"match": {"title.prefix": grams}}],
                    "should": [{"match": {"title": {"query": text, "operator": "and"}}}],
                }
            },
            "size": size * 2,
            "track_total_hits": False,
            "_source": ["identifier", "title"],
        },
        {"index": items},
        {
            "query": {"match": {"subject_text.prefix": grams}},
            "size": 0,
            "track_total_hits": False,
            "aggs": {
                "sample": {
                    "sampler": {"shard_size": SUBJECT_SAMPLE},
                    "aggs": {
                        "subjects": {
                            "terms": {"field": "subject_text.raw", "size": SUBJECT_BUCKETS}
                        }
                    },
                }
            },
        },
    ]


def _prefixes(text: str) -> list[str]:
    return [fold(w) for w in _WORD.findall(text)]


def completes(value: str, prefixes: list[str]) -> bool:
    """Every typed word begins some word of the value (folded, as the edge n-grams are)."""
    words = [fold(w) for w in _WORD.findall(value)]
    return all(any(w.startswith(p) for w in words) for p in prefixes)


def label(value: str, prefixes: list[str]) -> str:
    """The value HTML-escaped, with the typed beginning of each word that matched marked."""
    out, last = [], 0
    for m in _WORD.finditer(value):
        word = m.group()
        folded = fold(word)
        length = max((len(p) for p in prefixes if folded.startswith(p)), default=0)
        if length:
            # fold() keeps one character per letter of these scripts but a few (ß -> ss):
            # mark the same share of the word as of its folded form
            cut = min(len(word), math.ceil(length * len(word) / max(len(folded), 1)))
            out.append(html.escape(value[last : m.start()]))
            out.append(f"<mark>{html.escape(word[:cut])}</mark>{html.escape(word[cut:])}")
            last = m.end()
    out.append(html.escape(value[last:]))
    return "".join(out)


def suggestions(responses: list[dict], text: str, size: int) -> list[Suggestion]:
    """Authority names first (half the list at most), then titles, then subjects; each text once."""
    prefixes = _prefixes(text)
    names, titles, subjects = [], [], []
    people, items, subject_agg = responses
    for h in people.get("hits", {}).get("hits", []):
        src = h["_source"]
        values = [n.get("name", "") for n in src.get("names", [])]
        value = next((v for v in values if completes(v, prefixes)), None)
        if value:
            names.append(Suggestion(value, src["kind"], label(value, prefixes), slug=src["slug"]))
    for h in items.get("hits", {}).get("hits", []):
        src = h["_source"]
        value = next((v for v in src.get("title", []) if completes(v, prefixes)), None)
        if value:
            titles.append(
                Suggestion(value, "title", label(value, prefixes), identifier=src["identifier"])
            )
    sample = subject_agg.get("aggregations", {}).get("sample", {})
    buckets = sample.get("subjects", {}).get("buckets", [])
    for b in buckets:
        if completes(b["key"], prefixes):
            subjects.append(Suggestion(b["key"], "subject", label(b["key"], prefixes)))
    half = max(1, math.ceil(size / 2))
    ordered = names[:half] + titles + subjects + names[half:]
    found, seen = [], set()
    for entry in ordered:
        key = entry.text.casefold()
        if key not in seen:
            seen.add(key)
            found.append(entry)
    return found[:size]
