"""Benchmark: portal search and item page render time (p50, p95) against the raw search() call.

Run from the repository root; the catalogue lives in its own data folder (BENCH_DATA_DIR,
default /tmp/portal-bench) and is generated once, then reused:

    .venv/bin/python benchmarks/bench_portal.py --items 100000            # SQLite FTS5
    ES_PORT=9253 bash scripts/elasticsearch.sh start
    ELASTICSEARCH_URL=http://127.0.0.1:9253 .venv/bin/python benchmarks/bench_portal.py --items 100000
    ES_PORT=9253 bash scripts/elasticsearch.sh stop

Pages are rendered through Django's test client (the whole middleware, view and template stack,
no network), so page time minus search time is the portal's own cost.
"""

from __future__ import annotations

import argparse
import os
import random
import time

from _timing import pct, setup_django, timed

QUERIES = [
    {"q": "Vlasov"},
    {"q": "Prague"},
    {"q": "photograph"},
    {"q": "letter", "type": "Text"},
    {"q": "war", "decade": "1940"},
    {"q": "", "sort": "-date"},
    {"q": "the", "page": "3"},
    {"q": "manifesto", "from": "1940", "to": "1950"},
]


def prepare(count: int) -> None:
    """Migrate, generate `count` synthetic items and the demo once, and fill the search index."""
    from django.core.management import call_command

    from collection import public
    from collection.models import Item
    from search.backends import get_backend

    call_command("migrate", verbosity=0)
    have = Item.objects.count()
    if have < count:
        print(f"generating {count - have} items …", flush=True)
        started = time.perf_counter()
        call_command("generate_synthetic", count, verbosity=0)
        call_command("load_demo", verbosity=0)
        print(f"  generated in {time.perf_counter() - started:.0f} s", flush=True)
    shown = public.items().count()
    if get_backend().count() < shown * 0.99:
        print(f"indexing {shown} public items …", flush=True)
        started = time.perf_counter()
        call_command("search_reindex", progress=False)
        print(f"  indexed in {time.perf_counter() - started:.0f} s", flush=True)


def percentiles(samples: list[float]) -> tuple[float, float]:
    return pct(samples, 0.5), pct(samples, 0.95)


def to_query(params: dict):
    from django.http import QueryDict

    from portal.forms import parse_search

    data = QueryDict(mutable=True)
    data.update(params)
    return parse_search(data).query


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20, help="repetitions per query or item")
    parser.add_argument("--data-dir", default=os.environ.get("BENCH_DATA_DIR", "/tmp/portal-bench"))
    args = parser.parse_args()
    setup_django(args.data_dir)
    from collection import public  # after setup: it imports the models

    prepare(args.items)

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from collection.models import Item
    from search.backends import get_backend
    from search.service import search

    client = Client()
    client.cookies["django_language"] = "en"
    raw, page = [], []
    for params in QUERIES:
        query = to_query(params)
        search(query)  # warm caches once
        client.get("/search/", params)
        raw += timed(lambda q=query: search(q), args.runs)
        page += timed(lambda p=params: client.get("/search/", p), args.runs)

    ids = list(public.items().values_list("identifier", flat=True))
    picks = random.Random(0).sample(ids, min(50, len(ids)))
    item, queries = [], []
    for identifier in picks:
        with CaptureQueriesContext(connection) as captured:  # the warm-up run, counted
            client.get(f"/items/{identifier}/")
        queries.append(len(captured))
        item += timed(lambda i=identifier: client.get(f"/items/{i}/"), max(2, args.runs // 5))

    backend = get_backend().name
    total = Item.objects.count()
    print(f"\nbackend {backend}, {total} items ({len(ids)} public), {args.runs} runs per query")
    print("| measure | p50 ms | p95 ms |\n|---|---:|---:|")
    for label, samples in (
        ("raw search() call", raw),
        ("search page (/search/)", page),
        ("item page (/items/<id>/)", item),
    ):
        p50, p95 = percentiles(samples)
        print(f"| {label} | {p50:.1f} | {p95:.1f} |")
    print(f"queries per item page: {min(queries)} to {max(queries)}")


if __name__ == "__main__":
    main()
