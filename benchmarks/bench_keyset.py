"""Benchmark: one keyset page of 100 items early, midway and late in the list, as a row value
(api.keyset, what REST and OAI-PMH use) and as the OR of the columns (what REST used before).

    .venv/bin/python benchmarks/bench_keyset.py --items 5000 [--repeat 30]

Uses the REST benchmark's catalogue (BENCH_DATA_DIR, default /tmp/rest-bench; generated with
`manage.py generate_synthetic` when it holds fewer items). The query is the REST item list's:
published public items ordered by (modified, id), after a position, 101 rows (one extra says whether more
follow). Prints the median time of each form at each position, the SQLite query plans, and the
time of a whole REST cursor walk through Django's test client (first and last pages).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from _timing import setup_django

PAGE = 100


def median_ms(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def plan(queryset) -> str:
    from django.db import connection

    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "; ".join(str(row[-1]) for row in cursor.fetchall())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=30, help="timed runs per form and position")
    args = parser.parse_args()
    setup_django(os.environ.get("BENCH_DATA_DIR", "/tmp/rest-bench"))

    from django.core.management import call_command
    from django.db.models import Q

    from api import keyset
    from collection.models import Item

    call_command("migrate", verbosity=0)
    if Item.objects.count() < args.items:
        call_command("generate_synthetic", args.items - Item.objects.count(), verbosity=0)

    public = Item.objects.filter(status="published", visibility="public")
    keys = list(public.order_by("modified", "id").values_list("modified", "id"))
    print(f"{len(keys)} public items, {len({k[0] for k in keys})} distinct `modified` values")
    ordering = ("modified", "id")

    def row_value(after):
        return keyset.seek(public, ordering, after)[: PAGE + 1]

    def or_form(after):
        modified, pk = after
        q = Q(modified__gt=modified) | Q(modified=modified, pk__gt=pk)
        return public.filter(q).order_by(*ordering)[: PAGE + 1]

    print(f"{'position':>10} {'row value ms':>13} {'OR form ms':>11}")
    for fraction in (0.0, 0.5, 0.98):
        after = keys[int(fraction * (len(keys) - 1))]
        row = median_ms(lambda after=after: list(row_value(after)), args.repeat)
        old = median_ms(lambda after=after: list(or_form(after)), args.repeat)
        print(f"{fraction:>10.0%} {row:>13.2f} {old:>11.2f}")
    last = keys[-PAGE]
    print("plan, row value:", plan(row_value(last)))
    print("plan, OR form:  ", plan(or_form(last)))

    from django.conf import settings
    from django.test import Client
    from rest_framework.throttling import AnonRateThrottle

    AnonRateThrottle.THROTTLE_RATES = {"anon": None}
    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    url, pages = f"/api/items/?page_size={PAGE}", []
    started = time.perf_counter()
    while url:
        page_started = time.perf_counter()
        response = client.get(url)
        assert response.status_code == 200, response.content[:300]
        pages.append((time.perf_counter() - page_started) * 1000)
        url = response.json()["next"]
    total = time.perf_counter() - started
    print(
        f"REST walk: {len(pages)} pages in {total:.1f} s; mean of the first 5 pages "
        f"{statistics.mean(pages[:5]):.1f} ms, of the last 5 {statistics.mean(pages[-5:]):.1f} ms"
    )


if __name__ == "__main__":
    main()
