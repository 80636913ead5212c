"""Search benchmark: project bulk indexing vs raw helpers.bulk, service vs raw query latency, FTS5 p50.

Run on a throw-away database (it generates the missing items there with generate_synthetic):
    DATA_DIR=/tmp/bench-search ELASTICSEARCH_URL=http://127.0.0.1:9252 \
        .venv/bin/python benchmarks/bench_search.py --items 100000
FTS5 only, on an index file that already exists (no node, no catalogue needed):
    .venv/bin/python benchmarks/bench_search.py --fts-only --fts-path /tmp/fts-bench/search.sqlite3
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SEARCH_INDEX_PREFIX", f"bench-{os.getpid()}")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from elasticsearch import helpers  # noqa: E402
from tqdm import tqdm  # noqa: E402

from collection import public  # noqa: E402
from collection.models import Item  # noqa: E402
from search.backends import get_backend  # noqa: E402
from search.backends.elasticsearch import ElasticsearchBackend  # noqa: E402
from search.backends.sqlite_fts import SQLiteFTSBackend  # noqa: E402
from search.documents import build_documents  # noqa: E402
from search.query import SearchQuery  # noqa: E402
from search.service import search  # noqa: E402

QUERIES = [
    SearchQuery(text="letter"),
    SearchQuery(text="Vlasov", filters={"kind": ["photograph"]}),
    SearchQuery(text="army 1944", sort="date"),
    SearchQuery(text="", date_from=1941, date_to=1943),
    SearchQuery(text='"liberation army"', page=2),
]


def percentile(samples: list[float], p: float) -> float:
    return sorted(samples)[min(len(samples) - 1, int(len(samples) * p))] * 1000


def prepare(count: int) -> tuple[dict[int, dict], float]:
    """Generate items up to `count`, build the public ones' documents; return them and docs/s."""
    call_command("migrate", verbosity=0)
    if Item.objects.count() < count:
        call_command("generate_synthetic", count, seed=1)  # skips the items already there
    ids = list(public.items().order_by("pk").values_list("pk", flat=True)[:count])
    docs = {}
    t = time.perf_counter()
    for start in tqdm(range(0, len(ids), 1000), desc="building documents"):
        docs.update(build_documents(ids[start : start + 1000])[0])
    return docs, len(docs) / (time.perf_counter() - t)


def bench_indexing(es: ElasticsearchBackend, docs: dict, slices: int = 10) -> tuple[float, float]:
    """Project vs raw helpers.bulk on the same documents, interleaved slice by slice.

    Alternating (and flipping who goes first) spreads the node's warm-up, merges and the other
    load on this shared machine over both sides instead of charging it to whichever ran first.
    """
    target, raw_index = es.begin_rebuild(), es.begin_rebuild()
    items = list(docs.items())
    step = -(-len(items) // slices)
    spent = {"ours": 0.0, "raw": 0.0}
    for n, start in enumerate(range(0, len(items), step)):
        part = dict(items[start : start + step])
        actions = [es.action(i, d, raw_index) for i, d in part.items()]  # prebuilt for raw
        runs = [
            ("ours", lambda part=part: es.index_documents(part, target)),
            ("raw", lambda a=actions: helpers.bulk(es.client, a, chunk_size=es.chunk_size)),
        ]
        for side, run in runs if n % 2 == 0 else reversed(runs):
            t = time.perf_counter()
            run()
            spent[side] += time.perf_counter() - t
    es.finish_rebuild(target)
    es.client.indices.delete(index=raw_index)
    es.refresh()
    return len(docs) / spent["ours"], len(docs) / spent["raw"]


def bench_queries(es: ElasticsearchBackend, rounds: int) -> tuple[list[float], list[float]]:
    """Query service (body building, labels, thumbnails included) vs the same body sent raw."""
    for q in QUERIES:  # warm up both paths: hunspell dictionaries, caches
        search(q)
        es.client.search(index=es.alias, body=es.request_body(q))
    ours, raw = [], []
    for _ in range(rounds):
        for q in QUERIES:
            t = time.perf_counter()
            search(q)
            ours.append(time.perf_counter() - t)
            body = es.request_body(q)
            t = time.perf_counter()
            es.client.search(index=es.alias, body=body)
            raw.append(time.perf_counter() - t)
    return ours, raw


def fts_index(docs: dict) -> Path:
    """Index the documents into a fresh FTS5 file under DATA_DIR; return its path."""
    path = Path(os.environ["DATA_DIR"]) / "bench-fts.sqlite3"
    fts = SQLiteFTSBackend({"prefix": "bench", "path": path})
    fts.drop()
    items = list(docs.items())
    for start in tqdm(range(0, len(items), 2000), desc="FTS5 indexing"):
        fts.index_documents(dict(items[start : start + 2000]))
    return path


def bench_fts(path: Path, rounds: int) -> list[float]:
    fts = SQLiteFTSBackend({"prefix": "bench", "path": path})
    for q in QUERIES:  # warm up: page cache, and a one-off upgrade of an older index file
        fts.search(q)
    samples = []
    for _ in range(rounds):
        for q in QUERIES:
            t = time.perf_counter()
            fts.search(q)
            samples.append(time.perf_counter() - t)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--fts-only", action="store_true", help="skip Elasticsearch")
    parser.add_argument("--fts-path", type=Path, help="query this FTS5 file instead of indexing")
    args = parser.parse_args()
    if args.fts_only:
        fts = bench_fts(args.fts_path or fts_index(prepare(args.items)[0]), args.rounds)
        print_fts(fts)
        return
    docs, built = prepare(args.items)
    es = get_backend()
    assert isinstance(es, ElasticsearchBackend), "set ELASTICSEARCH_URL"
    es.ensure_index()
    ours, raw = bench_indexing(es, docs)
    q_ours, q_raw = bench_queries(es, args.rounds)
    fts = bench_fts(fts_index(docs), args.rounds)
    es.drop()
    print(f"documents: {len(docs)} public of {args.items} items, built at {built:.0f} docs/s")
    print(
        f"indexing: project {ours:.0f} docs/s, raw helpers.bulk {raw:.0f} docs/s, ratio {ours / raw:.2f} (target >= 0.5)"
    )
    print(
        f"query service: p50 {percentile(q_ours, 0.5):.1f} ms, p95 {percentile(q_ours, 0.95):.1f} ms"
    )
    print(
        f"query raw:     p50 {percentile(q_raw, 0.5):.1f} ms, p95 {percentile(q_raw, 0.95):.1f} ms"
    )
    print(
        f"ratio p50 {percentile(q_ours, 0.5) / percentile(q_raw, 0.5):.2f}, p95 {percentile(q_ours, 0.95) / percentile(q_raw, 0.95):.2f} (target <= 1.5)"
    )
    print_fts(fts)


def print_fts(samples: list[float]) -> None:
    print(
        f"FTS5 query p50 {percentile(samples, 0.5):.1f} ms, p95 {percentile(samples, 0.95):.1f} ms "
        f"(mean {statistics.mean(samples) * 1000:.1f} ms)"
    )


if __name__ == "__main__":
    main()
