"""Relevance of search on the demo collection: MRR and nDCG@10 per backend.

Loads the demo collection "Dossier Vlasov" into a throw-away SQLite database under a temporary
DATA_DIR (never the developer's data/ or DATABASE_URL), indexes it into a throw-away index of each
backend asked for (FTS5 file in the temporary folder; Elasticsearch index under a unique prefix,
dropped afterwards), runs every query of benchmarks/relevance/judgements.toml through
`search.service.search` and prints MRR, nDCG@10 and lenient MRR per backend, per query kind and
language, and each query whose answer is not ranked first.

The rank rule and the metrics are defined in benchmarks/relevance/metrics.py: authority results
(`SearchResults.authorities`) come first, in the service's order, then the item hits; MRR takes
the first grade-2 result (the answer) within the first 10; nDCG@10 uses grades 2 and 1.

    .venv/bin/python benchmarks/bench_relevance.py --backend sqlite|elasticsearch|both [-v]

Elasticsearch: ELASTICSEARCH_URL, else http://127.0.0.1:9200 (`make services-up`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BACKENDS = {
    "sqlite": "search.backends.sqlite_fts.SQLiteFTSBackend",
    "elasticsearch": "search.backends.elasticsearch.ElasticsearchBackend",
}


def evaluate(name: str, queries: list, root: Path, es_url: str) -> list:
    """Load the demo, index it into a fresh index of backend `name`, run the queries, undo it all."""
    from django.db import transaction
    from django.test import override_settings

    from benchmarks.relevance.metrics import run
    from demo.dossier.loader import load_demo
    from search import outbox
    from search.backends import get_backend, reset_backend

    folder = root / name
    override = override_settings(
        SEARCH_BACKEND=BACKENDS[name],
        SEARCH_INDEX_PREFIX=f"relevance-{os.getpid()}-{name}",
        SEARCH_FTS_PATH=folder / "search.sqlite3",
        ELASTICSEARCH_URL=es_url,
        MEDIA_ROOT=folder / "media",
        ARCHIVE_DERIVATIVES_ROOT=folder / "media" / "derivatives",
        ARCHIVE_ORIGINALS_ROOT=folder / "originals",
    )
    with override:
        reset_backend()
        try:
            with transaction.atomic():  # rolled back below: each backend starts from nothing
                load_demo()
                drained = outbox.drain_all()
                if drained.failed or not drained.indexed:
                    raise SystemExit(f"{name}: indexing the demo failed: {drained}")
                get_backend().refresh()
                outcomes = run(queries)
                transaction.set_rollback(True)
        finally:
            get_backend().drop()
            reset_backend()
    return outcomes


def report(name: str, outcomes: list, seconds: float, verbose: bool) -> None:
    from benchmarks.relevance.metrics import by, describe_miss, summary

    s = summary(outcomes)
    print(
        f"\n== {name}: {s['queries']} queries, MRR {s['mrr']:.3f}, nDCG@10 {s['ndcg10']:.3f} "
        f"(lenient MRR {s['mrr_lenient']:.3f}; {seconds:.1f} s)"
    )
    for key in ("kind", "lang"):
        parts = ", ".join(
            f"{k} {v['mrr']:.2f}/{v['ndcg10']:.2f} (n={v['queries']})"
            for k, v in by(outcomes, key).items()
        )
        print(f"  MRR/nDCG@10 by {key}: {parts}")
    misses = [o for o in outcomes if verbose or o.rr < 1]
    print(f"  {'all queries' if verbose else 'answer not first'} ({len(misses)}):")
    for o in misses:
        print(describe_miss(o))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=("sqlite", "elasticsearch", "both"), default="both")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every query")
    args = parser.parse_args()

    root = Path(tempfile.mkdtemp(prefix="bench-relevance-"))
    # A throw-away catalogue: SQLite in the temporary folder, tasks inline, whatever the shell says.
    os.environ["DATA_DIR"] = str(root)
    for var in ("DATABASE_URL", "CELERY_BROKER_URL", "SEARCH_BACKEND"):
        os.environ.pop(var, None)
    es_url = os.environ.pop("ELASTICSEARCH_URL", "") or "http://127.0.0.1:9200"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

    import django

    django.setup()
    from django.core.management import call_command

    from benchmarks.relevance.metrics import load, summary

    queries = load()
    names = list(BACKENDS) if args.backend == "both" else [args.backend]
    try:
        call_command("migrate", verbosity=0)
        results = {}
        for name in names:
            t = time.perf_counter()
            outcomes = evaluate(name, queries, root, es_url)
            results[name] = summary(outcomes)
            report(name, outcomes, time.perf_counter() - t, args.verbose)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print("\nbackend         MRR    nDCG@10  lenient MRR")
    for name, s in results.items():
        print(f"{name:<14} {s['mrr']:.3f}  {s['ndcg10']:.3f}    {s['mrr_lenient']:.3f}")


if __name__ == "__main__":
    main()
