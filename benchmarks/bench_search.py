"""Search speed at N synthetic items: FTS5 through the service, the Elasticsearch portal page,
suggest on both backends, each beside a trivial round trip measured in the same rounds.

One command (the catalogue is generated once into a kept data folder and reused; each backend's
index is rebuilt only when it is missing, incomplete or built by other search code):

    .venv/bin/python benchmarks/bench_search.py --items 100000          # default folder /tmp/bench-100k

What is measured (p50/p95 over `--rounds` rounds of every query, queries and floors interleaved
round by round so the load of the shared machine falls on both):
- fts:     `search.service.search(SearchQuery(text=term))` on FTS5 for single common terms
           (target p95 <= 100 ms); floor: `SELECT 1` on a new connection to the same file.
- portal:  GET /search/?q=term through Django's test client (middleware, view, templates; no
           network) on Elasticsearch (target p50 <= 50 ms); floors: GET /health/ through the
           same client and a cluster-health round trip to the node.
- suggest: `search.service.suggest(prefix)` on both backends (target p95 <= 30 ms).
- ratios (only with --only ratios): the older project-vs-raw figures: bulk indexing vs
           `helpers.bulk`, service query vs the same body sent raw (targets >= 0.5, <= 1.5).

`--keep-index` queries the kept indices without checking or rebuilding them (for search code
that does not change what is indexed); `--env-database --backends elasticsearch` reads the
catalogue and index the environment names instead (e.g. the PostgreSQL one of
`source /tmp/bench-pg-100k/env.sh`), generating and indexing nothing.

Otherwise the catalogue is a SQLite database in the data folder whatever DATABASE_URL says
(generated with `generate_synthetic N --seed 1`, plus the demo). Elasticsearch: ELASTICSEARCH_URL, else
http://127.0.0.1:9200; skipped with a message when it does not answer. The load average is printed
before and after each part: the machine has 2 cores shared with other work.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from _timing import interleaved, load, pct

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BACKENDS = {
    "sqlite": "search.backends.sqlite_fts.SQLiteFTSBackend",
    "elasticsearch": "search.backends.elasticsearch.ElasticsearchBackend",
}
# Single common terms of the synthetic titles and descriptions (demo/synthetic/vocabularies.py):
# kind nouns, places, subjects and function words, from a few thousand to most of the items;
# "a" is the example of the slowest.
TERMS = ["a", "in", "the", "over", "letter", "brief", "foto", "photograph", "war", "oorlog",
         "praag", "berlin"]  # fmt: skip
# What a user has typed when the typeahead asks: 2-4 letters, Latin and Cyrillic.
PREFIXES = ["vl", "vla", "pra", "praa", "let", "brie", "ber", "mos", "wa", "oor", "stu", "ams",
            "вла", "мос"]  # fmt: skip
TARGETS = {"fts": ("p95", 100.0), "portal": ("p50", 50.0), "suggest": ("p95", 30.0)}
# Code whose change makes a backend's kept index stale (a new analysis, a new document shape).
INDEX_CODE = {
    "sqlite": ("search/documents.py", "search/text.py", "search/synonyms.txt",
               "search/backends/base.py", "search/backends/sqlite_*.py"),
    "elasticsearch": ("search/documents.py", "search/text.py", "search/synonyms.txt",
                      "search/backends/base.py", "search/backends/elasticsearch.py",
                      "search/backends/es_*.py", "search/es_plugin/src/main/**/*.java"),
}  # fmt: skip


# -- set-up -----------------------------------------------------------------------------------
def setup_django(data_dir: Path) -> None:
    """The kept catalogue: SQLite in `data_dir`, tasks inline, quiet logs."""
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["DATA_DIR"] = str(data_dir)
    for var in ("DATABASE_URL", "CELERY_BROKER_URL", "SEARCH_BACKEND"):
        os.environ.pop(var, None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    import django

    django.setup()


def prepare(count: int) -> None:
    """Migrate, then generate the items missing up to `count` and the demo (both idempotent)."""
    from django.core.management import call_command

    from collection.models import Item
    from search.models import IndexOutbox

    call_command("migrate", verbosity=0)
    have = Item.objects.count()
    if have < count:
        print(f"generating {count - have} items (generate_synthetic {count} --seed 1) …")
        started = time.perf_counter()
        call_command("generate_synthetic", count, seed=1, verbosity=0)
        # search_reindex builds each index from the database, so the generator's outbox rows
        # are not needed; left pending, every commit of load_demo would drain all of them.
        IndexOutbox.objects.filter(done_at__isnull=True).delete()
        call_command("load_demo", update=True, verbosity=0)
        print(f"  took {time.perf_counter() - started:.0f} s", flush=True)


def code_stamp(backend: str) -> str:
    digest = hashlib.sha256()
    for pattern in INDEX_CODE[backend]:
        for file in sorted(ROOT.glob(pattern)):
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


@contextmanager
def backend_settings(name: str, data_dir: Path, prefix: str, es_url: str) -> Iterator:
    """Point search at the kept index of backend `name`; yield the backend."""
    from django.test import override_settings

    from search.backends import get_backend, reset_backend

    with override_settings(
        SEARCH_BACKEND=BACKENDS[name],
        SEARCH_INDEX_PREFIX=prefix,
        SEARCH_FTS_PATH=data_dir / f"{prefix}-fts.sqlite3",
        ELASTICSEARCH_URL=es_url,
    ):
        reset_backend()
        try:
            yield get_backend()
        finally:
            reset_backend()


def ensure_index(name: str, backend, data_dir: Path, reindex: bool) -> None:
    """Rebuild the kept index with search_reindex when asked, stale or incomplete."""
    from django.core.management import CommandError, call_command

    from collection import public

    stamps_file = data_dir / "index-stamps.json"
    stamps = json.loads(stamps_file.read_text()) if stamps_file.exists() else {}
    stamp, shown = code_stamp(name), public.items().count()
    try:
        count = backend.count()
    except Exception:  # no index yet
        count = -1
    if not reindex and stamps.get(name) == stamp and count == shown:
        print(f"{name}: kept index, {count} documents")
        return
    print(f"{name}: indexing {shown} public items (search_reindex; had {count}) …", flush=True)
    started = time.perf_counter()
    try:
        call_command("search_reindex", progress=False, stdout=open(os.devnull, "w"))  # noqa: SIM115
    except CommandError as exc:
        print(f"  search_reindex: {exc}")
    backend.refresh()
    print(f"  took {time.perf_counter() - started:.0f} s, {backend.count()} documents", flush=True)
    stamps[name] = stamp
    stamps_file.write_text(json.dumps(stamps))


def es_answers(url: str) -> bool:
    from search.backends.elasticsearch import make_client

    try:
        return make_client(url, request_timeout=5).cluster.health()["status"] in ("green", "yellow")
    except Exception:
        return False


# -- measuring -----------------------------------------------------------------------------------
def line(label: str, samples: list[float], target: tuple[str, float] | None = None) -> str:
    p50, p95 = pct(samples, 0.5), pct(samples, 0.95)
    text = f"| {label} | {len(samples)} | {p50:.1f} | {p95:.1f} |"
    if target:
        which, limit = target
        value = p50 if which == "p50" else p95
        text += f" {which} ≤ {limit:.0f} ms: {'met' if value <= limit else 'NOT met'} |"
    else:
        text += " |"
    return text


def cpu_reference() -> None:
    """Fixed pure-Python work timed in the same rounds: its median over its fastest run shows how
    much the other load on the shared cores slowed everything down."""
    total = 0
    for i in range(100_000):
        total += i % 7
    assert total


def cpu_line(samples: list[float]) -> str:
    fastest = min(samples) * 1000
    slowdown = pct(samples, 0.5) / fastest
    return line("CPU reference (fixed Python loop)", samples)[:-2] + (
        f" fastest {fastest:.1f} ms: median {slowdown:.1f}x the fastest |"
    )


def sqlite_floor(path: Path) -> Callable:
    def select_one() -> None:
        conn = sqlite3.connect(path)
        conn.execute("SELECT 1").fetchone()
        conn.close()

    return select_one


def bench_fts(backend, rounds: int) -> list[str]:
    from search.backends import sqlite_fts
    from search.query import SearchQuery
    from search.service import search

    # The backend keeps recent results per write generation (sqlite_fts.results): "cold" runs
    # with an empty cache of its own (as the first search of a term after a write), "repeated"
    # with the kept one. Code from before the cache measures the same twice.
    kept = getattr(sqlite_fts, "results", None)

    def run(term: str, cold: bool) -> Callable:
        def call() -> None:
            if not (cold and kept is not None):
                search(SearchQuery(text=term))
                return
            sqlite_fts.results = type(kept)()
            try:
                search(SearchQuery(text=term))
            finally:
                sqlite_fts.results = kept

        return call

    calls = {term: [run(term, cold=False)] for term in TERMS}
    calls.update({f"cold {term}": [run(term, cold=True)] for term in TERMS})
    calls["floor: SELECT 1"] = [sqlite_floor(backend.path)]
    calls["cpu"] = [cpu_reference]
    samples = interleaved(calls, rounds)
    lines = []
    for label, prefix in (("repeated", ""), ("cold, result cache cleared", "cold ")):
        terms = [s for t in TERMS for s in samples[prefix + t]]
        per_term = ", ".join(
            f"{t} {pct(samples[prefix + t], 0.5):.0f}/{pct(samples[prefix + t], 0.95):.0f}"
            for t in TERMS
        )
        lines.append(
            line(f"FTS5 service search, single common terms, {label}", terms, TARGETS["fts"])
        )
        lines.append(f"per term p50/p95 ms ({label}): {per_term}")
    return [
        *lines,
        line("floor: SQLite SELECT 1, new connection", samples["floor: SELECT 1"]),
        cpu_line(samples["cpu"]),
    ]


def bench_portal(backend, rounds: int) -> list[str]:
    from django.test import Client

    from search.query import SearchQuery
    from search.service import search

    client = Client()
    client.cookies["django_language"] = "en"

    def page(term: str) -> Callable:
        def get() -> None:
            response = client.get("/search/", {"q": term})
            assert response.status_code == 200, response.status_code

        return get

    # The page's own work (view, template, middleware): the same page with the service's
    # answer computed once beforehand, so the node's time and its variance are left out.
    from portal.views import search as view

    answers = {t: search(SearchQuery(text=t)) for t in TERMS}

    def own(term: str) -> Callable:
        def get() -> None:
            real = view.search
            view.search = lambda query, correct=True: copy.copy(answers[query.text])
            try:
                page(term)()
            finally:
                view.search = real

        return get

    calls = {
        **{f"page {t}": [page(t)] for t in TERMS},
        **{f"service {t}": [lambda t=t: search(SearchQuery(text=t))] for t in TERMS},
        **{f"own {t}": [own(t)] for t in TERMS},
        "health": [lambda: client.get("/health/")],
        "ping": [lambda: backend.client.cluster.health()],
        "cpu": [cpu_reference],
    }
    samples = interleaved(calls, rounds)
    pages = [s for t in TERMS for s in samples[f"page {t}"]]
    services = [s for t in TERMS for s in samples[f"service {t}"]]
    per_term = ", ".join(
        f"{t} {pct(samples[f'page {t}'], 0.5):.0f}/{pct(samples[f'service {t}'], 0.5):.0f}"
        for t in TERMS
    )
    return [
        line("Elasticsearch portal page /search/?q=term", pages, TARGETS["portal"]),
        line("the same queries, service search() only", services),
        line(
            "the page's own work (service answer precomputed)",
            [s for t in TERMS for s in samples[f"own {t}"]],
        ),
        line("floor: GET /health/ through the test client", samples["health"]),
        line("floor: Elasticsearch cluster-health round trip", samples["ping"]),
        cpu_line(samples["cpu"]),
        f"per term p50 ms, page/service: {per_term}",
    ]


def bench_suggest(name: str, backend, rounds: int, floor: Callable) -> list[str]:
    try:
        from search.service import suggest
    except ImportError:  # a checkout from before issue 11
        return [f"| {name} suggest | — | no search.service.suggest | | |"]

    calls = {
        "suggest": [lambda p=p: suggest(p) for p in PREFIXES],
        "floor": [floor],
        "cpu": [cpu_reference],
    }
    try:
        samples = interleaved(calls, rounds)
    except NotImplementedError as exc:
        return [f"| {name} suggest | — | not implemented ({exc}) | | |"]
    label = "SQLite SELECT 1" if name == "sqlite" else "Elasticsearch cluster-health round trip"
    return [
        line(f"{name} service suggest(prefix)", samples["suggest"], TARGETS["suggest"]),
        line(f"floor: {label}", samples["floor"]),
        cpu_line(samples["cpu"]),
    ]


def bench_ratios(es, docs_count: int, rounds: int) -> list[str]:
    """The older figures: project bulk indexing vs raw helpers.bulk; service vs raw query."""
    from elasticsearch import helpers

    from collection import public
    from search.documents import build_documents
    from search.query import SearchQuery
    from search.service import search

    ids = list(public.items().order_by("pk").values_list("pk", flat=True)[:docs_count])
    docs: dict = {}
    for start in range(0, len(ids), 1000):
        docs.update(build_documents(ids[start : start + 1000])[0])
    target, raw_index = es.begin_rebuild(), es.begin_rebuild()
    items = list(docs.items())
    step = -(-len(items) // 10)
    spent = {"ours": 0.0, "raw": 0.0}
    # Alternating (and flipping who goes first) spreads the node's warm-up and merges.
    for n, start in enumerate(range(0, len(items), step)):
        part = dict(items[start : start + step])
        actions = [es.action(i, d, raw_index) for i, d in part.items()]
        runs = [
            ("ours", lambda part=part: es.index_documents(part, target)),
            ("raw", lambda a=actions: helpers.bulk(es.client, a, chunk_size=es.chunk_size)),
        ]
        for side, run in runs if n % 2 == 0 else reversed(runs):
            started = time.perf_counter()
            run()
            spent[side] += time.perf_counter() - started
    es.client.indices.delete(index=[target, raw_index])
    queries = [  # the five queries of the 2026-11-25 figures (docs/benchmarks.md)
        SearchQuery(text="letter"),
        SearchQuery(text="Vlasov", filters={"kind": ["photograph"]}),
        SearchQuery(text="army 1944", sort="date"),
        SearchQuery(text="", date_from=1941, date_to=1943),
        SearchQuery(text='"liberation army"', page=2),
    ]
    calls = {
        "service": [lambda q=q: search(q) for q in queries],
        "raw": [
            lambda q=q: es.client.msearch(
                searches=[b for body in es.request_bodies(q) for b in ({"index": es.alias}, body)]
            )
            for q in queries
        ],
    }
    samples = interleaved(calls, rounds)
    ours, raw = len(docs) / spent["ours"], len(docs) / spent["raw"]
    return [
        f"indexing {len(docs)} docs: project {ours:.0f} docs/s, raw helpers.bulk {raw:.0f} docs/s, "
        f"ratio {ours / raw:.2f} (target >= 0.5)",
        line("service search()", samples["service"]),
        line("same bodies via client.msearch", samples["raw"]),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=20, help="rounds of every query")
    parser.add_argument(
        "--data-dir", type=Path, help="kept catalogue and FTS5 file (default /tmp/bench-<N/1000>k)"
    )
    parser.add_argument(
        "--only",
        default="fts,portal,suggest",
        help="comma-separated parts: fts, portal, suggest, ratios (default: the first three)",
    )
    parser.add_argument(
        "--backends", default="sqlite,elasticsearch", help="comma-separated (default: both)"
    )
    parser.add_argument("--reindex", action="store_true", help="rebuild the kept indices")
    parser.add_argument(
        "--keep-index",
        action="store_true",
        help="query the kept indices as they are, never rebuilt (search code that does not "
        "change what is indexed; or a database indexed elsewhere, with --env-database)",
    )
    parser.add_argument(
        "--env-database",
        action="store_true",
        help="the catalogue of DATABASE_URL / DATA_DIR / SEARCH_INDEX_PREFIX as set (e.g. "
        "`source /tmp/bench-pg-100k/env.sh`), only read: no generation, no reindex",
    )
    parser.add_argument("--fts-only", action="store_true", help="same as --only fts")
    args = parser.parse_args()
    parts = {"fts"} if args.fts_only else set(args.only.split(","))
    data_dir = args.data_dir or Path(f"/tmp/bench-{args.items // 1000}k")
    es_url = os.environ.pop("ELASTICSEARCH_URL", "") or "http://127.0.0.1:9200"
    prefix = f"bench{args.items // 1000}k"
    if args.env_database and args.backends != "elasticsearch":
        parser.error("--env-database measures only --backends elasticsearch")
    if args.env_database:
        data_dir = Path(os.environ["DATA_DIR"])
        prefix = os.environ.get("SEARCH_INDEX_PREFIX", prefix)
        os.environ.pop("CELERY_BROKER_URL", None)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        os.environ.setdefault("LOG_LEVEL", "ERROR")
        import django

        django.setup()
    else:
        setup_django(data_dir)
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {load()}")
    if not args.env_database:
        prepare(args.items)
    from collection import public
    from collection.models import Item

    report: list[str] = [
        f"{Item.objects.count()} items ({public.items().count()} public), data {data_dir}, "
        f"{args.rounds} rounds",
        "| measure | samples | p50 ms | p95 ms | target |",
        "|---|---:|---:|---:|---|",
    ]
    wanted = set(args.backends.split(","))
    names = ["sqlite"] if parts & {"fts", "suggest"} and "sqlite" in wanted else []
    if parts & {"portal", "suggest", "ratios"} and "elasticsearch" in wanted:
        if es_answers(es_url):
            names.append("elasticsearch")
        else:
            report.append(f"Elasticsearch at {es_url} does not answer: its parts are skipped")
    for name in names:
        with backend_settings(name, data_dir, prefix, es_url) as backend:
            if args.keep_index or args.env_database:
                print(f"{name}: the index as it is, {backend.count()} documents")
            else:
                ensure_index(name, backend, data_dir, args.reindex)
            report.append(f"| {name}: before, {load()} | | | | |")
            if name == "sqlite" and "fts" in parts:
                report += bench_fts(backend, args.rounds)
            if name == "elasticsearch" and "portal" in parts:
                report += bench_portal(backend, args.rounds)
            if "suggest" in parts:
                floor = (
                    sqlite_floor(backend.path)
                    if name == "sqlite"
                    else (lambda b=backend: b.client.cluster.health())
                )
                report += bench_suggest(name, backend, args.rounds, floor)
            if name == "elasticsearch" and "ratios" in parts:
                report += bench_ratios(backend, args.items, args.rounds)
            report.append(f"| {name}: after, {load()} | | | | |")
    print("\n".join(report))


if __name__ == "__main__":
    main()
