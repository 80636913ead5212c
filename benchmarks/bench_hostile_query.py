"""Hostile search queries vs ordinary ones: the worst a query can cost under SearchQuery's caps.

Builds a synthetic index (no catalogue needed) on the FTS5 backend, and on Elasticsearch too when
ELASTICSEARCH_URL is set, then times each query (median of --rounds) the way the API runs it:
SearchQuery(...) first (which refuses text beyond the caps), then the backend's search.

    .venv/bin/python benchmarks/bench_hostile_query.py                 # 20,000 documents
    .venv/bin/python benchmarks/bench_hostile_query.py --docs 100000 --rounds 7
    ELASTICSEARCH_URL=http://127.0.0.1:9200 .venv/bin/python benchmarks/bench_hostile_query.py

"uncapped" rows run the same text through a SearchQuery subclass without caps, to show what the
caps save (repeats are still dropped by parse_text, so they are cheaper than before issue 10).
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import ClassVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SEARCH_INDEX_PREFIX", f"bench-hostile-{os.getpid()}")

import django  # noqa: E402

django.setup()

from search.backends.sqlite_fts import SQLiteFTSBackend  # noqa: E402
from search.documents import FIELDS  # noqa: E402
from search.query import InvalidQuery, SearchQuery  # noqa: E402

ORDINARY = ["letter", "army 1944", '"liberation army"', "armu", "lib*"]
HOSTILE = {
    "2,000 × a* (audit)": "a* " * 2000,
    "800 × a* (audit)": "a* " * 800,
    "8,000 × a (audit)": "a " * 8000,
    "160 × a* (under 500 chars)": "a* " * 160,
    "100 distinct unknown words": " ".join(f"a{i}q" for i in range(100)),
}


class Uncapped(SearchQuery):
    """The same query without the text caps (for the 'uncapped' comparison rows only)."""

    max_text_length: ClassVar[int] = 10**9
    max_terms: ClassVar[int] = 10**9
    max_prefixes: ClassVar[int] = 10**9
    min_prefix_length: ClassVar[int] = 1


def worst_accepted() -> str:
    """The costliest text the caps let through: every prefix slot, every word unknown."""
    prefixes = [f"{a}{b}*" for a, b in ("aa", "ab", "ac", "ad", "ae")][: SearchQuery.max_prefixes]
    words = [f"{'abcdefgh'[i % 8]}{i}zq" for i in range(SearchQuery.max_terms - len(prefixes))]
    return " ".join(words + prefixes)


def vocabulary(rng: random.Random, size: int) -> list[str]:
    syllables = [c + v for c in "bcdfghklmnprstvz" for v in "aeiou"] + list("aeiou")
    words = {"letter", "army", "liberation", "vlasov", "1944", "prague", "photograph"}
    while len(words) < size:
        words.add("".join(rng.choices(syllables, k=rng.randint(1, 4))))
    return sorted(words)


def documents(count: int, seed: int = 1) -> dict[int, dict]:
    """Synthetic search documents with a Zipf-like vocabulary of 20,000 words."""
    rng = random.Random(seed)
    words = vocabulary(rng, 20_000)
    weights = [1 / (rank + 1) for rank in range(len(words))]
    sizes = {"title": 6, "description": 40, "fulltext": 150, "names": 3, "subject_text": 4}
    docs = {}
    for i in range(1, count + 1):
        doc: dict = {f.name: [] for f in FIELDS if f.kind in ("text", "keyword")}
        for name, k in sizes.items():
            doc[name] = [" ".join(rng.choices(words, weights, k=k))]
        doc.update(
            identifier=f"bench-{i}",
            version=1,
            modified="2026-01-01T00:00:00Z",
            title_sort=doc["title"],
            dcmi_type="Text",
            kind=["letter"],
            type=["Text"],
            date="",
            year=None,
            date_lower=None,
            date_upper=None,
            lang_text={},
        )
        docs[i] = doc
    return docs


def timed(backend, text: str, query_class=SearchQuery) -> tuple[float, str]:
    start = time.perf_counter()
    try:
        results = backend.search(query_class(text=text))
        outcome = f"{results.total} hits"
    except InvalidQuery as exc:
        outcome = f"refused ({exc.message[:40]})"
    return time.perf_counter() - start, outcome


def median_time(backend, text: str, rounds: int, query_class=SearchQuery) -> tuple[float, str]:
    runs = [timed(backend, text, query_class) for _ in range(rounds)]
    return statistics.median(t for t, _ in runs), runs[0][1]


def bench(backend, rounds: int, uncapped: bool) -> None:
    name = backend.name
    ordinary = {q: median_time(backend, q, rounds)[0] for q in ORDINARY}
    baseline, slowest = statistics.median(ordinary.values()), max(ordinary.values())
    shown = ", ".join(f"{q} {t * 1000:.1f} ms" for q, t in ordinary.items())
    print(f"\n{name}: ordinary queries: {shown}; median {baseline * 1000:.1f} ms")
    print("| backend | query | outcome | median ms | × median ordinary | × slowest ordinary |")
    print("|---|---|---|---:|---:|---:|")
    rows = [(label, text, SearchQuery, rounds) for label, text in HOSTILE.items()]
    rows.append(("worst accepted (32 words, 5 prefixes)", worst_accepted(), SearchQuery, rounds))
    if uncapped:
        for label in ("800 × a* (audit)", "160 × a* (under 500 chars)"):
            rows.append((f"uncapped {label}", HOSTILE[label], Uncapped, 1))
    for label, text, query_class, n in rows:
        seconds, outcome = median_time(backend, text, n, query_class)
        print(
            f"| {name} | {label} | {outcome} | {seconds * 1000:.1f} "
            f"| {seconds / baseline:.1f} | {seconds / slowest:.2f} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-uncapped", action="store_true", help="skip the slow uncapped rows")
    args = parser.parse_args()
    docs = documents(args.docs)
    with tempfile.TemporaryDirectory() as tmp:
        fts = SQLiteFTSBackend({"path": Path(tmp) / "search.sqlite3"})
        fts.index_documents(docs)
        bench(fts, args.rounds, not args.no_uncapped)
    if os.environ.get("ELASTICSEARCH_URL"):
        from search.backends.elasticsearch import ElasticsearchBackend

        es = ElasticsearchBackend()
        try:
            es.index_documents(docs)
            es.refresh()
            bench(es, args.rounds, not args.no_uncapped)
        finally:
            es.drop()


if __name__ == "__main__":
    main()
