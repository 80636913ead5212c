"""Benchmark: REST list pages of 100 items with their Dublin Core values, requests/s, against
a plain nested DRF ModelSerializer baseline on the same data, in one process.

    .venv/bin/python benchmarks/bench_rest.py --items 2000 --rounds 5 --requests 20

The catalogue lives in its own data folder (BENCH_DATA_DIR, default /tmp/rest-bench), made once
with `manage.py generate_synthetic` and reused. Requests go through Django's test client (all
middleware, the view and the renderer; no network), alternating endpoint by endpoint each round
so both see the same machine load; the figure is the median of the rounds.

Endpoints compared, all anonymous, page size 100, published items only:
  rest      /api/items/                our endpoint (related data read as plain rows, plain functions)
  baseline  a ListAPIView with ModelSerializer(Item) and a nested ModelSerializer(MetadataValue,
            authority nested), no prefetch tuning: what DRF gives you out of the box
  baseline+prefetch  the same serializers with prefetch_related("values__authority",
            "collections"): isolates the cost of the nested serializers themselves
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from _timing import setup_django

ROOT = Path(__file__).resolve().parent.parent
PAGE = 100


def baseline_urls():
    """URLs of the baselines next to the real API (portal left out: not under test)."""
    from django.urls import include, path
    from rest_framework import generics, pagination, serializers

    from collection import public
    from collection.models import Authority, Item, MetadataValue

    class AuthoritySerializer(serializers.ModelSerializer):
        class Meta:
            model = Authority
            fields = ["slug", "kind", "preferred_name"]

    class ValueSerializer(serializers.ModelSerializer):
        authority = AuthoritySerializer(allow_null=True)

        class Meta:
            model = MetadataValue
            fields = ["term", "position", "value", "language", "uri", "authority"]

    class ItemSerializer(serializers.ModelSerializer):
        values = ValueSerializer(many=True)
        collections = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

        class Meta:
            model = Item
            fields = ["identifier", "title", "dcmi_type", "kind", "created", "modified"]
            fields += ["version", "collections", "values"]

    class Page(pagination.CursorPagination):
        page_size = PAGE
        ordering = ("modified", "id")

    class Baseline(generics.ListAPIView):
        serializer_class = ItemSerializer
        pagination_class = Page
        queryset = public.items()

    class BaselinePrefetch(Baseline):
        queryset = public.items().prefetch_related("values__authority", "collections")

    return [
        path("baseline/", Baseline.as_view()),
        path("baseline-prefetch/", BaselinePrefetch.as_view()),
        path("api/", include("api.rest.urls")),
    ]


urlpatterns: list = []


def prepare(count: int) -> None:
    from django.core.management import call_command

    from collection.models import Item

    call_command("migrate", verbosity=0)
    have = Item.objects.count()
    if have < count:
        print(f"generating {count - have} items …", flush=True)
        call_command("generate_synthetic", count, verbosity=0)


def rate(client, url: str, requests: int) -> float:
    started = time.perf_counter()
    for _ in range(requests):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
    return requests / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--requests", type=int, default=20, help="requests per endpoint per round")
    args = parser.parse_args()
    setup_django(os.environ.get("BENCH_DATA_DIR", "/tmp/rest-bench"))
    from collection import public  # after setup: it imports the models

    prepare(args.items)

    from django.conf import settings
    from django.test import Client
    from rest_framework.throttling import AnonRateThrottle

    from collection.models import MetadataValue

    globals()["urlpatterns"] = baseline_urls()
    settings.ROOT_URLCONF = __name__
    AnonRateThrottle.THROTTLE_RATES = {"anon": None}  # measure the API, not the throttle
    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    urls = {
        "rest": f"/api/items/?page_size={PAGE}",
        "baseline": "/baseline/",
        "baseline+prefetch": "/baseline-prefetch/",
    }
    shown = public.items()
    values = MetadataValue.objects.filter(item__in=shown[:PAGE]).count()
    print(f"{shown.count()} public items; first page of {PAGE} has ~{values} values")
    for url in urls.values():
        rate(client, url, 2)  # warm caches and imports
    results: dict[str, list[float]] = {name: [] for name in urls}
    for _ in range(args.rounds):
        for name, url in urls.items():
            results[name].append(rate(client, url, args.requests))
    median = {name: statistics.median(r) for name, r in results.items()}
    for name, value in median.items():
        print(
            f"{name:18s} {value:8.1f} req/s  (rounds: {', '.join(f'{r:.1f}' for r in results[name])})"
        )
    print(f"rest / baseline          = {median['rest'] / median['baseline']:.2f}x")
    print(f"rest / baseline+prefetch = {median['rest'] / median['baseline+prefetch']:.2f}x")


if __name__ == "__main__":
    main()
