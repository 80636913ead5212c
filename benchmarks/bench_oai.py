"""Benchmark: a full OAI-PMH ListRecords harvest over HTTP by one sequential client.

Run from the repository root:

    .venv/bin/python benchmarks/bench_oai.py [--items 100000] [--data-dir /tmp/oai-bench]
        [--workers 2] [--prefix oai_dc] [--page-size N]

The data folder gets its own SQLite database (or DATABASE_URL's, if set), migrated and filled
with `manage.py generate_synthetic N` unless it already holds N synthetic items (generation,
search indexing included, takes ~12 minutes for 100,000 on 2 cores, so the data is kept for
reruns). gunicorn serves it on 127.0.0.1; the client follows resumption tokens with requests
and reports records/s over the whole harvest and the time of the last pages over the first.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import requests
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
OAI = "{http://www.openarchives.org/OAI/2.0/}"


def run_manage(env: dict, *args: str) -> str:
    cmd = [sys.executable, "manage.py", *args]
    return subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout


def prepare(env: dict, items: int) -> None:
    run_manage(env, "migrate", "-v0")
    count = run_manage(
        env, "shell", "-c", "from collection.models import Item; print(Item.objects.count())"
    )
    if int(count.strip().splitlines()[-1]) >= items:
        print(f"reusing {count.strip()} items in the data folder")
        return
    started = time.perf_counter()
    print(run_manage(env, "generate_synthetic", str(items), "-v0").strip())
    print(f"generated in {time.perf_counter() - started:.0f} s")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(env: dict, workers: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    cmd = [sys.executable, "-m", "gunicorn", "config.wsgi", "-b", f"127.0.0.1:{port}"]
    cmd += ["-w", str(workers), "--log-level", "warning"]
    server = subprocess.Popen(cmd, cwd=ROOT, env=env)
    url = f"http://127.0.0.1:{port}/oai"
    for _ in range(100):
        try:
            requests.get(url, params={"verb": "Identify"}, timeout=30)
            return server, url
        except requests.RequestException:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def fetcher(url: str) -> Callable[[dict], bytes]:
    """GET the OAI-PMH base URL with these query parameters over one kept HTTP session."""
    session = requests.Session()
    return lambda params: session.get(url, params=params, timeout=60).content


def harvest(url: str, prefix: str) -> tuple[int, int, list[float], float]:
    """Return (records, deleted, seconds per page, total seconds) of one full harvest."""
    return harvest_with(fetcher(url), prefix)


def harvest_with(
    fetch: Callable[[dict], bytes], prefix: str
) -> tuple[int, int, list[float], float]:
    """One full harvest through `fetch` (query parameters -> response body), following tokens."""
    params = {"verb": "ListRecords", "metadataPrefix": prefix}
    records = deleted = 0
    pages: list[float] = []
    started = time.perf_counter()
    while True:
        t0 = time.perf_counter()
        root = etree.fromstring(fetch(params))
        pages.append(time.perf_counter() - t0)
        errors = root.findall(f"{OAI}error")
        if errors:
            raise SystemExit(f"OAI error: {[e.get('code') for e in errors]}")
        listing = root.find(f"{OAI}ListRecords")
        for header in listing.iter(f"{OAI}header"):
            records += 1
            deleted += header.get("status") == "deleted"
        token = listing.find(f"{OAI}resumptionToken")
        if token is None or not token.text:
            break
        params = {"verb": "ListRecords", "resumptionToken": token.text}
    return records, deleted, pages, time.perf_counter() - started


def ends_ratio(pages: list[float]) -> tuple[int, float, float]:
    """(n, mean of the first n full pages, mean of the last n full pages); the very last page
    is left out of the means: it is usually short."""
    ends = max(1, min(10, len(pages) // 2))
    first = statistics.mean(pages[:ends])
    last = statistics.mean(pages[-ends - 1 : -1] or pages[-1:])
    return ends, first, last


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--data-dir", default="/tmp/oai-bench")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--prefix", default="oai_dc")
    parser.add_argument(
        "--page-size", type=int, default=0, help="OAI_PAGE_SIZE (default: the setting)"
    )
    parser.add_argument("--warm", action="store_true", help="harvest once before measuring")
    args = parser.parse_args()
    Path(args.data_dir).mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DATA_DIR": args.data_dir, "DJANGO_DEBUG": "0"}
    if args.page_size:
        env["OAI_PAGE_SIZE"] = str(args.page_size)
    prepare(env, args.items)
    server, url = serve(env, args.workers)
    try:
        harvest(url, args.prefix) if args.warm else None
        records, deleted, pages, total = harvest(url, args.prefix)
    finally:
        server.terminate()
        server.wait()
    ends, first, last = ends_ratio(pages)
    print(f"harvested {records} records ({deleted} deleted) in {len(pages)} pages, {total:.1f} s")
    print(f"records/s: {records / total:.0f}")
    print(f"first page {pages[0] * 1000:.0f} ms, last page {pages[-1] * 1000:.0f} ms")
    print(
        f"mean of the first {ends} full pages {first * 1000:.1f} ms, of the last {ends} "
        f"full pages {last * 1000:.1f} ms, ratio last/first {last / first:.2f}"
    )
    print(f"median page {statistics.median(pages) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
