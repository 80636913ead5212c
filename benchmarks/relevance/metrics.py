"""Relevance of search on the demo collection: the judgement file, the rank rule, MRR and nDCG@10.

Shared by `benchmarks/bench_relevance.py` (figures per backend) and
`tests/search/test_relevance.py` (the quality gate). Nothing here sets Django up; `run()` needs a
configured project with the demo loaded and indexed.

The rank rule: one ranked list per query, as the portal shows it: the authorities of
`SearchResults.authorities` first, in the service's order (the portal puts them as cards above the
items), then the item hits of the first page, in order. A judged authority counts by its slug, an
item by its identifier; the query runs through `search.service.search`, so a corrected query
("Showing results for …", `corrected_from`) is judged on what the user is shown.
- MRR: the mean over queries of 1/rank of the first grade-2 result (the answer) within the first
  `CUTOFF` results; 0 when no answer is there.
- nDCG@10: DCG = sum over the first `CUTOFF` results of (2^grade - 1) / log2(rank + 1), divided by
  the DCG of the ideal order of all judged grades of the query.
- lenient MRR (reported, not gated): as MRR but the first result of grade 1 or 2.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

JUDGEMENTS = Path(__file__).resolve().parent / "judgements.toml"
CUTOFF = 10
LANGUAGES = ("nl", "en", "de", "ru", "cs")


@dataclass(frozen=True)
class Judged:
    """One query of the judgement file."""

    text: str
    lang: str
    kind: str
    items: dict[str, int]
    authorities: dict[str, int]

    def grade(self, result: tuple[str, str]) -> int:
        source, key = result
        return (self.items if source == "item" else self.authorities).get(key, 0)


@dataclass
class Outcome:
    """What one query returned, and how it scores."""

    query: Judged
    ranked: list[tuple[str, str]]  # ("authority", slug) | ("item", identifier), shown order
    total: int = 0
    corrected_from: str | None = None
    suggestion: str | None = None
    error: str = ""
    grades: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.grades = [self.query.grade(r) for r in self.ranked[:CUTOFF]]

    def rank(self, at_least: int = 2) -> int | None:
        """1-based rank of the first result graded `at_least`, within the cutoff."""
        return next((i + 1 for i, g in enumerate(self.grades) if g >= at_least), None)

    @property
    def rr(self) -> float:
        rank = self.rank(2)
        return 1 / rank if rank else 0.0

    @property
    def rr_lenient(self) -> float:
        rank = self.rank(1)
        return 1 / rank if rank else 0.0

    @property
    def ndcg(self) -> float:
        ideal = sorted([*self.query.items.values(), *self.query.authorities.values()], reverse=True)
        best = dcg(ideal[:CUTOFF])
        return dcg(self.grades) / best if best else 0.0


def dcg(grades: list[int]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades))


def load(path: Path = JUDGEMENTS) -> list[Judged]:
    """Read and check the judgement file; raise ValueError naming the first bad entry."""
    with path.open("rb") as f:
        raw = tomllib.load(f)["query"]
    queries = []
    for n, q in enumerate(raw, 1):
        judged = Judged(
            text=q["text"],
            lang=q["lang"],
            kind=q["kind"],
            items=dict(q.get("items", {})),
            authorities=dict(q.get("authorities", {})),
        )
        grades = [*judged.items.values(), *judged.authorities.values()]
        if judged.lang not in LANGUAGES:
            raise ValueError(f"query {n} ({judged.text!r}): unknown lang {judged.lang!r}")
        if any(g not in (1, 2) for g in grades) or 2 not in grades:
            raise ValueError(f"query {n} ({judged.text!r}): grades are 1 or 2, one 2 at least")
        queries.append(judged)
    return queries


def ranked_results(results: Any) -> list[tuple[str, str]]:
    """The rank rule: authority cards first, then the item hits (see the module docstring)."""
    shown = [("authority", a.slug) for a in getattr(results, "authorities", None) or []]
    return shown + [("item", h.identifier) for h in results.hits]


def run(queries: list[Judged], search: Callable[[str], Any] | None = None) -> list[Outcome]:
    """Run every query through `search` (default: the service, first page of 10)."""
    if search is None:
        from search.query import SearchQuery
        from search.service import search as service_search

        def search(text: str) -> Any:
            return service_search(SearchQuery(text=text, page_size=CUTOFF))

    outcomes = []
    for q in queries:
        try:
            results = search(q.text)
        except Exception as exc:  # one failing query is a miss, not the end of the run
            outcomes.append(Outcome(q, [], error=f"{type(exc).__name__}: {exc}"))
            continue
        outcomes.append(
            Outcome(
                q,
                ranked_results(results),
                total=results.total,
                corrected_from=getattr(results, "corrected_from", None),
                suggestion=results.suggestion,
            )
        )
    return outcomes


def summary(outcomes: list[Outcome]) -> dict[str, float]:
    n = len(outcomes) or 1
    return {
        "queries": len(outcomes),
        "mrr": sum(o.rr for o in outcomes) / n,
        "ndcg10": sum(o.ndcg for o in outcomes) / n,
        "mrr_lenient": sum(o.rr_lenient for o in outcomes) / n,
    }


def by(outcomes: list[Outcome], key: str) -> dict[str, dict[str, float]]:
    """Summaries per query `kind` or `lang`."""
    groups: dict[str, list[Outcome]] = {}
    for o in outcomes:
        groups.setdefault(getattr(o.query, key), []).append(o)
    return {k: summary(v) for k, v in sorted(groups.items())}


def describe_miss(o: Outcome) -> str:
    """One line for a query whose answer is not first: ranks of the judged results, what came."""
    answers = [
        f"{src[0]}:{key}@{o.ranked.index((src, key)) + 1 if (src, key) in o.ranked else '-'}"
        for src, judged in (("authority", o.query.authorities), ("item", o.query.items))
        for key, grade in judged.items()
        if grade == 2
    ]
    top = ", ".join(f"{s[0]}:{k}" for s, k in o.ranked[:3]) or "nothing"
    extra = f" corrected from {o.corrected_from!r}" if o.corrected_from else ""
    extra += f" (suggestion {o.suggestion!r})" if o.suggestion and not o.corrected_from else ""
    extra += f" ERROR {o.error}" if o.error else ""
    return (
        f"  rr={o.rr:.2f} ndcg={o.ndcg:.2f} [{o.query.lang}/{o.query.kind}] {o.query.text!r}: "
        f"answers {' '.join(answers)}; top: {top}; total {o.total}{extra}"
    )
