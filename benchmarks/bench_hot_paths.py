"""Benchmark: the pages that slowed down on PostgreSQL at scale (issue 14), p50/p95 and queries.

Run from the repository root against an existing catalogue (nothing is generated or written:
every request runs inside a transaction that is rolled back):

    source /tmp/bench-pg-100k/env.sh
    .venv/bin/python benchmarks/bench_hot_paths.py [--runs 20] [--only portal,oai,rest,admin]

Requests go through Django's test client (middleware, view, template; no network) for the
public pages, and through the admin views with an unsaved superuser for the admin ones, so no
session or log row is written. Each measure is timed `--runs` times after one warm-up; the
warm-up's queries are counted and their time summed ("in SQL": the database's share, which a
machine busy with other work inflates less than the Python share), and the slowest query of
the warm-up is shown with --slowest.
The OAI figure walks `--oai-pages` pages of a ListRecords harvest from the start and from the
last page reached, so "last/first" compares equal-sized pages.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable

from _timing import pct, setup_django


def percentiles(samples: list[float]) -> tuple[float, float]:
    """(p50, p95) in milliseconds: the median, and the shared nearest-rank p95."""
    return statistics.median(samples) * 1000, pct(samples, 0.95)


class Timer:
    """Time callables inside a rolled-back transaction; keep the rows of the report."""

    def __init__(self, runs: int, slowest: bool) -> None:
        self.runs, self.slowest = runs, slowest
        self.rows: list[tuple[str, float, float, int, float]] = []

    def measure(self, label: str, calls: list[Callable[[], object]], runs: int = 0) -> None:
        """Time each call `runs` times (default: the timer's) after one counted warm-up."""
        from django.db import connection, transaction
        from django.test.utils import CaptureQueriesContext

        samples, queries, worst, db = [], 0, (0.0, ""), []
        for call in calls:
            with transaction.atomic():
                with CaptureQueriesContext(connection) as captured:
                    call()  # warm-up, counted
                transaction.set_rollback(True)
            queries = max(queries, len(captured))
            db.append(sum(float(q["time"]) for q in captured))
            for q in captured:
                if float(q["time"]) > worst[0]:
                    worst = (float(q["time"]), q["sql"])
            for _ in range(runs or self.runs):
                with transaction.atomic():
                    started = time.perf_counter()
                    call()
                    samples.append(time.perf_counter() - started)
                    transaction.set_rollback(True)
        p50, p95 = percentiles(samples)
        db_p50 = statistics.median(db) * 1000
        self.rows.append((label, p50, p95, queries, db_p50))
        print(f"{label}: p50 {p50:.1f} ms, p95 {p95:.1f} ms, {queries} queries, "
              f"database {db_p50:.1f} ms", flush=True)  # fmt: skip
        if self.slowest and worst[1]:
            print(f"   slowest query {worst[0] * 1000:.0f} ms: {worst[1][:400]}", flush=True)

    def report(self) -> None:
        print("\n| measure | p50 ms | p95 ms | queries | of it in SQL, ms |")
        print("|---|---:|---:|---:|---:|")
        for label, p50, p95, queries, db in self.rows:
            print(f"| {label} | {p50:.1f} | {p95:.1f} | {queries} | {db:.1f} |")


def ok(response) -> object:
    if response.status_code != 200:
        raise SystemExit(f"{response.status_code} from {response.request.get('PATH_INFO')}")
    return response


def portal(timer: Timer, client, sample: list[str]) -> None:
    calls = [lambda i=i: ok(client.get(f"/items/{i}/")) for i in sample]
    timer.measure("portal item page", calls, runs=max(2, timer.runs // 5))


def oai(timer: Timer, client, pages: int) -> None:
    from lxml import etree

    ns = "{http://www.openarchives.org/OAI/2.0/}"

    def token_of(response) -> str | None:
        token = etree.fromstring(response.content).find(f".//{ns}resumptionToken")
        return token.text if token is not None and token.text else None

    first = {"verb": "ListRecords", "metadataPrefix": "oai_dc"}
    timer.measure("OAI ListRecords first page", [lambda: ok(client.get("/oai", first))])
    # Walk the harvest to its end by tokens (not timed), then time its last full pages.
    tokens, token = [], token_of(ok(client.get("/oai", first)))
    started, records = time.perf_counter(), 0
    while token:
        tokens.append(token)
        response = ok(client.get("/oai", {"verb": "ListRecords", "resumptionToken": token}))
        records += response.content.count(b"<header")
        token = token_of(response)
    seconds = time.perf_counter() - started
    print(f"full harvest after the first page: {records} records in {seconds:.1f} s, "
          f"{records / seconds:.0f} records/s (test client, one process)", flush=True)  # fmt: skip
    late = tokens[-pages - 1 : -1] or tokens[-1:]
    calls = [
        lambda t=t: ok(client.get("/oai", {"verb": "ListRecords", "resumptionToken": t}))
        for t in late
    ]
    timer.measure("OAI ListRecords late pages", calls)


def rest(timer: Timer, client) -> None:
    timer.measure("REST /api/items/ first page", [lambda: ok(client.get("/api/items/"))])
    data = ok(client.get("/api/items/?page_size=100")).json()
    nexts = []
    for _ in range(20):  # 20 pages in: a cursor from the middle of a walk
        if not data.get("next"):
            break
        nexts.append(data["next"])
        data = ok(client.get(data["next"])).json()
    timer.measure("REST /api/items/ by cursor", [lambda u=u: ok(client.get(u)) for u in nexts[-3:]])


def admin_request(path: str, params: dict | None = None):
    """Run the admin view for `path` as an unsaved superuser (no session, no log row)."""
    from django.contrib.auth.models import User
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.signed_cookies import SessionStore
    from django.test import RequestFactory
    from django.urls import resolve

    request = RequestFactory().get(path, params or {})
    request.user = User(username="bench", is_staff=True, is_superuser=True, is_active=True)
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    match = resolve(path)
    response = match.func(request, *match.args, **match.kwargs)
    if hasattr(response, "render"):
        response.render()
    if response.status_code != 200:
        raise SystemExit(f"{response.status_code} from admin {path} {params}")
    return response


def admin(timer: Timer, sample: list[str]) -> None:
    from collection.models import Item

    url = "/admin/collection/item/"
    for label, params in (
        ("admin changelist", {}),
        ("admin changelist, page 50", {"p": "50"}),
        ("admin changelist, status=published", {"status__exact": "published"}),
        ("admin changelist, language=en", {"values__language": "en"}),
        ("admin search ?q=<word>", {"q": "Prague"}),
        ("admin search ?q=<identifier>", {"q": sample[0]}),
    ):
        timer.measure(label, [lambda p=params: admin_request(url, p)])
    pks = list(Item.objects.filter(identifier__in=sample[:10]).values_list("pk", flat=True))
    timer.measure(
        "admin item change form",
        [lambda pk=pk: admin_request(f"{url}{pk}/change/") for pk in pks],
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--items", type=int, default=30, help="item pages sampled")
    parser.add_argument("--oai-pages", type=int, default=5)
    parser.add_argument("--only", default="portal,oai,rest,admin")
    parser.add_argument("--slowest", action="store_true", help="show each measure's worst query")
    args = parser.parse_args()
    setup_django()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from collection import public
    from collection.models import Item

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.cookies["django_language"] = "en"
    ids = list(public.items().order_by().values_list("identifier", flat=True)[:200_000])
    sample = random.Random(0).sample(ids, min(args.items, len(ids)))
    print(f"{connection.vendor}, {Item.objects.count()} items; {args.runs} runs per request")
    timer = Timer(args.runs, args.slowest)
    only = set(args.only.split(","))
    if "portal" in only:
        portal(timer, client, sample)
    if "oai" in only:
        oai(timer, client, args.oai_pages)
    if "rest" in only:
        rest(timer, client)
    if "admin" in only:
        admin(timer, sample)
    timer.report()


if __name__ == "__main__":
    main()
