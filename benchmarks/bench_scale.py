"""Scale benchmark: what each read path, admin page and maintenance job costs at N items.

Run from the repository root against a database already filled by `manage.py generate_synthetic
N` and indexed by `manage.py search_reindex` (DATABASE_URL, ELASTICSEARCH_URL, SEARCH_INDEX_PREFIX
and DATA_DIR come from the environment, as for manage.py):

    .venv/bin/python benchmarks/bench_scale.py [--only oai,rest,...] [--rounds 20] [--items N]
    .venv/bin/python benchmarks/bench_scale.py --plot-only        # redraw docs/img/cost-curves.png

Each figure is p50/p95 in ms through Django's test client in this process (all middleware, the
view, the renderer; no network, no gunicorn; the garbage collector tuned as config.wsgi tunes a
worker's), except the OAI harvest (over HTTP from one gunicorn worker); calls are interleaved
round by round with their baseline so a shared machine's load falls on both. Measurements (`--only`, comma-separated):

  oai      one full ListRecords harvest (oai_dc): records/s, page times, last/first page; the
           first page alone over the rounds
  rest     /api/items/ pages of 100: first, middle and last by cursor; baseline: a plain DRF
           ModelSerializer list (benchmarks/bench_rest.py) on its first page
  detail   one item in every REST format, the portal citations and OAI GetRecord per prefix;
           floor: GET /health/
  portal   the search page (bench_portal.py's queries) beside the raw search() call; item page
  admin    item changelist, with filters, with a search, the change form; floor: the admin index
  reindex  `search_reindex` into a scratch index prefix (deleted after) against raw
           elasticsearch `helpers.bulk` of the same documents; skipped when outbox rows are
           pending (the command would drain them). `--reindex-live` builds the live index
           instead (right after generate_synthetic; list reindex first), `--raw-sample N` sends
           only N documents raw (the baseline's docs/s)
  drift    `search_drift` (report only)
  fixity   `fixity.check` over scratch files attached to a sample of items against `sha256sum`
           of the same files

Nothing persists: the admin's superuser and the fixity files' rows live in transactions rolled
back at the end, the files in a temporary folder, the scratch index is deleted. Results are merged
into benchmarks/results/scale-<N>.json; --plot draws every such file as cost curves.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _timing import interleaved, load, summary, timed

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
PLOT = ROOT / "docs" / "img" / "cost-curves.png"
MEASURES = ("oai", "rest", "detail", "portal", "admin", "reindex", "drift", "fixity")
PAGE = 100
SAMPLE = 10  # items sampled for the detail, item page and change form measurements
urlpatterns: list = []  # the project's URLs plus the REST baselines, filled in by setup()


# -- set-up -----------------------------------------------------------------------------------
def setup() -> None:
    """Django from the environment, baseline routes beside the project's, no API throttle."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    os.environ["DJANGO_DEBUG"] = "0"  # DEBUG keeps every query in memory
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import bench_rest
    from django.conf import settings
    from django.urls import clear_url_caches
    from rest_framework.throttling import AnonRateThrottle

    import config.urls

    globals()["urlpatterns"] = bench_rest.baseline_urls()[:2] + config.urls.urlpatterns
    settings.ROOT_URLCONF = __name__
    settings.ALLOWED_HOSTS = ["*"]
    clear_url_caches()
    AnonRateThrottle.THROTTLE_RATES = {"anon": None}  # measure the API, not the throttle
    from config.wsgi import tune_gc

    tune_gc()  # the garbage collector as in a gunicorn worker


def client():
    from django.test import Client

    c = Client()
    c.cookies["django_language"] = "en"
    return c


def body(response) -> bytes:
    """The whole body, streamed or not: a page is timed until its last byte."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def getter(c, url: str, params: dict | None = None) -> Callable[[], bytes]:
    def get() -> bytes:
        response = c.get(url, params or {})
        assert response.status_code == 200, (url, params, response.status_code)
        return body(response)

    return get


def sample_items(count: int) -> list:
    """`count` public items spread over the table, found by pk (no list of every identifier)."""
    from django.db.models import Max, Min

    from collection import public

    shown = public.items()
    bounds = shown.aggregate(low=Min("pk"), high=Max("pk"))
    rng, picked = random.Random(0), {}
    for _ in range(count * 4):
        if len(picked) == count or bounds["low"] is None:
            break
        item = shown.filter(pk__gte=rng.randint(bounds["low"], bounds["high"])).order_by("pk")
        item = item.first()
        if item is not None:
            picked[item.pk] = item
    return list(picked.values())


def result(samples: list[float], **extra) -> dict:
    return {**summary(samples), **extra}


# -- measurements ---------------------------------------------------------------------------------
def measure_oai(rounds: int) -> dict:
    """Over HTTP from one gunicorn worker, as a harvester sees it. The test client would add its
    own cost: each request leaves a few signal finalizers behind, so a harvest of 2,000 pages
    grows the process and every garbage collection in it (the last/first ratio with it)."""
    import bench_oai

    # Kept connections, as make stack and docker/env.example run it: a new PostgreSQL connection
    # per request (a new backend, its caches cold) added 30-40 ms to a page at 1,000,000 items.
    env = {"DATABASE_CONN_MAX_AGE": "60", **os.environ}
    server, url = bench_oai.serve(env, workers=1)
    try:
        fetch = bench_oai.fetcher(url)
        records, deleted, pages, total = bench_oai.harvest_with(fetch, "oai_dc")
        first_page = {"verb": "ListRecords", "metadataPrefix": "oai_dc"}
        first_times = timed(lambda: fetch(first_page), rounds)
    finally:
        server.terminate()
        server.wait(timeout=60)
    ends, first, last = bench_oai.ends_ratio(pages)
    return {
        "oai_harvest_page": result(
            pages,
            records=records,
            deleted=deleted,
            seconds=round(total, 1),
            records_per_s=round(records / total),
            last_over_first=round(last / first, 2),
            means_of=ends,
            target="records/s >= 3000, last/first <= 1.2",
        ),
        "oai_first_page": result(first_times, target="p95 < 200 ms"),
    }


def cursor_at(offset: int) -> str | None:
    """The cursor whose page starts after the public item at `offset` in (modified, id) order."""
    from api.rest.pagination import ModifiedCursorPagination
    from collection import public

    if offset < 0:
        return None
    rows = public.items().order_by("modified", "id").values_list("modified", "id")
    row = rows[offset : offset + 1].first()
    return ModifiedCursorPagination().encode_cursor(row) if row else None


def measure_rest(rounds: int) -> dict:
    from collection import public

    c, shown = client(), public.items().count()
    url = f"/api/items/?page_size={PAGE}"
    pages = {"rest_list_first": getter(c, url)}
    for label, offset in (("middle", shown // 2 - 1), ("last", shown - PAGE - 1)):
        cursor = cursor_at(offset)
        if cursor:
            pages[f"rest_list_{label}"] = getter(c, url, {"cursor": cursor})
    pages["baseline_drf_modelserializer_first"] = getter(c, "/baseline/")
    pages["baseline_drf_prefetch_first"] = getter(c, "/baseline-prefetch/")
    samples = interleaved({k: [fn] for k, fn in pages.items()}, rounds)
    target = "p95 <= 100 ms"
    return {k: result(v, **({"target": target} if "rest" in k else {})) for k, v in samples.items()}


def measure_detail(rounds: int) -> dict:
    from api.oai.metadata import FORMATS
    from api.oai.records import oai_identifier
    from api.rest.renderers import ITEM_RENDERERS

    c, items = client(), sample_items(SAMPLE)
    formats = sorted({renderer.format for renderer in ITEM_RENDERERS})
    calls: dict[str, list[Callable]] = {}
    for fmt in formats:
        calls[f"detail_rest_{fmt}"] = [
            getter(c, f"/api/items/{i.identifier}/", {"format": fmt}) for i in items
        ]
    for fmt in ("csl", "bibtex", "ris"):
        calls[f"detail_portal_cite_{fmt}"] = [
            getter(c, f"/items/{i.identifier}/cite.{fmt}") for i in items
        ]
    for prefix in FORMATS:
        calls[f"detail_oai_getrecord_{prefix}"] = [
            getter(c, "/oai", {"verb": "GetRecord", "metadataPrefix": prefix,
                               "identifier": oai_identifier(i.identifier)})
            for i in items
        ]  # fmt: skip
    calls["floor_health"] = [getter(c, "/health/")]
    return {k: result(v) for k, v in interleaved(calls, rounds).items()}


def measure_portal(rounds: int) -> dict:
    import bench_portal
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from search.backends import get_backend
    from search.service import search

    c, items = client(), sample_items(SAMPLE)
    queries = [bench_portal.to_query(p) for p in bench_portal.QUERIES]
    calls = {
        "portal_search": [getter(c, "/search/", p) for p in bench_portal.QUERIES],
        "baseline_search_service": [lambda q=q: search(q) for q in queries],
        "portal_item": [getter(c, f"/items/{i.identifier}/") for i in items],
    }
    counts = []
    for item in items:
        with CaptureQueriesContext(connection) as captured:
            c.get(f"/items/{item.identifier}/")
        counts.append(len(captured))
    samples = interleaved(calls, rounds)
    backend = get_backend().name
    return {
        "portal_search": result(samples["portal_search"], backend=backend, target="p95 <= 150 ms"),
        "baseline_search_service": result(samples["baseline_search_service"], backend=backend),
        "portal_item": result(
            samples["portal_item"],
            queries=f"{min(counts)}-{max(counts)}",
            target="p95 <= 100 ms",
        ),
    }


def measure_admin(rounds: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import transaction

    c, items = client(), sample_items(SAMPLE)
    changelist = "/admin/collection/item/"
    with transaction.atomic():  # the superuser and its session are rolled back
        user = get_user_model().objects.create_superuser("bench-scale", "", None)
        c.force_login(user)
        calls = {
            "admin_changelist": [getter(c, changelist)],
            "admin_changelist_filtered": [
                getter(c, changelist, {"status__exact": "published", "dcmi_type__exact": "Text"})
            ],
            "admin_changelist_search": [getter(c, changelist, {"q": "Prague"})],
            "admin_change_form": [getter(c, f"{changelist}{i.pk}/change/") for i in items],
            "floor_admin_index": [getter(c, "/admin/")],
        }
        samples = interleaved(calls, rounds)
        transaction.set_rollback(True)
    target = {"target": "p95 <= 500 ms"}
    return {k: result(v, **(target if "changelist" in k else {})) for k, v in samples.items()}


def measure_reindex(rounds: int, live: bool = False, raw_sample: int | None = None) -> dict:
    """`search_reindex` against raw `helpers.bulk` of the same documents (docs/s of each).

    By default into a scratch prefix, deleted after. `live` builds the index the other
    measurements then read (a database `generate_synthetic` just filled: its pending outbox
    rows are what the command settles). `raw_sample` sends only the first N documents raw: the
    baseline's docs/s, without a second full pass at a million items.
    """
    from django.conf import settings
    from django.core.management import call_command
    from django.test import override_settings
    from elasticsearch import helpers

    from collection import public
    from search.backends import get_backend, reset_backend
    from search.documents import build_documents
    from search.models import IndexOutbox

    pending = IndexOutbox.objects.filter(done_at__isnull=True).count()
    if pending and not live:
        return {"reindex": {"skipped": f"{pending} outbox rows pending; the command drains them"}}
    scratch = f"{settings.SEARCH_INDEX_PREFIX}-scratch"
    with override_settings(SEARCH_INDEX_PREFIX=settings.SEARCH_INDEX_PREFIX if live else scratch):
        reset_backend()
        es = get_backend()
        if es.name != "elasticsearch":
            reset_backend()
            return {"reindex": {"skipped": f"search backend {es.name}, not Elasticsearch"}}
        raw_target = None
        try:
            started = time.perf_counter()
            call_command("search_reindex", progress=live, stdout=io.StringIO())
            ours = time.perf_counter() - started
            docs = public.items().count()
            raw = raw_bulk(es, helpers, build_documents, public.items(), limit=raw_sample)
            raw_target = raw["target"]
        finally:
            if live:
                if raw_target:
                    es.client.indices.delete(
                        index=[raw_target, es._authority_index(raw_target)],
                        ignore_unavailable=True,
                    )
            else:
                names = list(es.client.indices.get(index=f"{scratch}-*"))
                if names:
                    es.client.indices.delete(index=names)
            reset_backend()
    raw_rate = raw["docs"] / raw["bulk_s"]
    return {
        "reindex": result(
            [ours],
            docs=docs,
            docs_per_s=round(docs / ours),
            raw_bulk_docs=raw["docs"],
            raw_bulk_docs_per_s=round(raw_rate),
            build_documents_docs_per_s=round(raw["docs"] / raw["build_s"]),
            ratio_to_raw_bulk=round(docs / ours / raw_rate, 2),
            live=live,
            pending_outbox_rows=pending,
            target="ratio >= 0.5",
        )
    }


def raw_bulk(es, helpers, build_documents, shown, batch: int = 500, limit: int | None = None):
    """Send the same documents with helpers.bulk into a bare index of the same mapping; time only
    the bulk calls (documents are built batch by batch: bounded memory at any size)."""
    target = es.begin_rebuild()
    ids = list(shown.order_by("pk").values_list("pk", flat=True)[:limit])
    spent = {"build_s": 0.0, "bulk_s": 0.0, "docs": 0, "target": target}
    for start in range(0, len(ids), batch):
        t0 = time.perf_counter()
        docs, _ = build_documents(ids[start : start + batch])
        actions = [es.action(i, d, target) for i, d in docs.items()]
        t1 = time.perf_counter()
        helpers.bulk(es.client, actions, chunk_size=es.chunk_size)
        spent["build_s"] += t1 - t0
        spent["bulk_s"] += time.perf_counter() - t1
        spent["docs"] += len(docs)
    return spent


def measure_drift(rounds: int) -> dict:
    from django.core.management import call_command

    run = lambda: call_command("search_drift", progress=False, stdout=io.StringIO())  # noqa: E731
    return {"search_drift": result(timed(run, max(1, min(rounds, 3))))}


def measure_fixity(rounds: int, files: int = 200, size: int = 1 << 20) -> dict:
    from django.db import transaction
    from django.test import override_settings

    from archive import fixity, storage
    from archive.models import MediaFile

    items, rng = sample_items(files), random.Random(1)
    with (
        tempfile.TemporaryDirectory(prefix="bench-scale-fixity-") as root,
        override_settings(ARCHIVE_ORIGINALS_ROOT=Path(root) / "originals"),
        transaction.atomic(),  # the rows and their checks are rolled back
    ):
        storage.originals().create_root()
        rows = []
        for n, item in enumerate(items):
            staged = storage.stage(io.BytesIO(rng.randbytes(size)))  # incompressible
            rows.append(
                MediaFile(item=item, original_filename=f"bench-{n}.bin", sha256=staged.sha256,
                          size=staged.size, mime_type="application/octet-stream",
                          family=MediaFile.Family.UNKNOWN, storage_path=storage.commit(staged))
            )  # fmt: skip
        rows = MediaFile.objects.bulk_create(rows)  # no signals: no derivatives, no reindexing
        paths = [str(storage.original_path(f.storage_path)) for f in rows]
        audit = lambda: [fixity.check(f) for f in rows]  # noqa: E731
        shasum = lambda: subprocess.run(["sha256sum", *paths], check=True, capture_output=True)  # noqa: E731
        samples = interleaved({"ours": [audit], "sha256sum": [shasum]}, max(1, min(rounds, 5)))
        transaction.set_rollback(True)
    mb = len(rows) * size / 1e6
    ours, theirs = min(samples["ours"]), min(samples["sha256sum"])
    return {
        "fixity_audit": result(
            samples["ours"],
            files=len(rows),
            mb=round(mb, 1),
            mb_per_s=round(mb / ours, 1),
            sha256sum_mb_per_s=round(mb / theirs, 1),
            ratio_to_sha256sum=round(theirs / ours, 2),
            target="ratio >= 0.8",
        )
    }


# -- report and plot ------------------------------------------------------------------------------
def code_version() -> str:
    """The commit measured, marked when the working tree differs from it."""
    git = ["git", "-C", str(ROOT)]
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run([*git, "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True)  # fmt: skip
    return head.stdout.strip() + (" + uncommitted changes" if dirty.stdout.strip() else "")


def write(items: int, meta: dict, results: dict) -> Path:
    """Merge `results` into benchmarks/results/scale-<items>.json (earlier parts are kept)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"scale-{items}.json"
    old = json.loads(path.read_text()) if path.exists() else {}
    merged = {**old, **meta, "results": {**old.get("results", {}), **results}}
    path.write_text(json.dumps(merged, indent=1, sort_keys=True) + "\n")
    return path


GROUPS = {  # plot panel -> prefixes of the measurement labels drawn in it
    "OAI-PMH": ("oai_",),
    "REST list pages of 100": ("rest_",),
    "item detail (formats)": ("detail_",),
    "portal": ("portal_",),
    "admin": ("admin_",),
    "jobs (whole run)": ("reindex", "search_drift", "fixity_audit"),
}


def curves(runs: list[dict]) -> dict[str, dict[str, list[tuple[int, float]]]]:
    """Panel -> label -> [(items, p95 ms)] sorted by items, from the loaded result files."""
    panels: dict[str, dict[str, list[tuple[int, float]]]] = {g: {} for g in GROUPS}
    for run in sorted(runs, key=lambda r: r["items"]):
        for label, figures in run.get("results", {}).items():
            group = next((g for g, pre in GROUPS.items() if label.startswith(pre)), None)
            if group and "p95_ms" in figures:
                panels[group].setdefault(label, []).append((run["items"], figures["p95_ms"]))
    return panels


def plot(path: Path = PLOT) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    runs = [json.loads(p.read_text()) for p in sorted(RESULTS.glob("scale-*.json"))]
    panels = curves(runs)
    fig, axes = plt.subplots(2, 3, figsize=(15, 9))
    for ax, (title, lines) in zip(axes.flat, panels.items(), strict=True):
        for label, points in sorted(lines.items()):
            xs, ys = zip(*points, strict=True)
            ax.plot(xs, ys, marker="o", label=label)
        ax.set(xscale="log", yscale="log", title=title, xlabel="items", ylabel="p95 ms")
        ax.set_xlim(5e3, 2e6)
        values = [y for points in lines.values() for _, y in points]
        if values:  # at least two decades tall, so noise does not look like growth
            ax.set_ylim(min(values) / 4, max(values) * 4)
        ax.grid(True, which="both", alpha=0.3)
        if lines:
            ax.legend(fontsize=7)
    sizes = ", ".join(f"{r['items']:,}" for r in sorted(runs, key=lambda r: r["items"]))
    fig.suptitle(f"Cost per request or job against catalogue size ({sizes} items, PostgreSQL)")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=80)
    return path


EXTRAS = ("records_per_s", "last_over_first", "docs_per_s", "raw_bulk_docs_per_s",
          "ratio_to_raw_bulk", "mb_per_s", "sha256sum_mb_per_s", "ratio_to_sha256sum", "queries")  # fmt: skip


def table() -> str:
    """Every measurement of every result file side by side, as a markdown table (p50 / p95 ms)."""
    runs = sorted(
        (json.loads(p.read_text()) for p in RESULTS.glob("scale-*.json")), key=lambda r: r["items"]
    )
    labels = sorted({label for r in runs for label in r.get("results", {})})
    lines = ["| measurement | " + " | ".join(f"{r['items']:,} items" for r in runs) + " |",
             "|---|" + "---|" * len(runs)]  # fmt: skip
    for label in labels:
        cells = []
        for run in runs:
            f = run.get("results", {}).get(label, {})
            cell = f"{f['p50_ms']:.0f} / {f['p95_ms']:.0f}" if "p95_ms" in f else ""
            more = [f"{k} {f[k]}" for k in EXTRAS if k in f]
            cells.append("; ".join(filter(None, [cell, *more, f.get("skipped", "")])))
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(MEASURES), help="comma-separated measurements")
    parser.add_argument("--rounds", type=int, default=20, help="rounds of every call")
    parser.add_argument("--items", type=int, help="label of the result file (default: counted)")
    parser.add_argument("--fixity-files", type=int, default=200)
    parser.add_argument(
        "--reindex-live",
        action="store_true",
        help="reindex builds the live index (a database not indexed yet); run it first",
    )
    parser.add_argument(
        "--raw-sample", type=int, help="documents the raw bulk baseline sends (default all)"
    )
    parser.add_argument("--plot", action="store_true", help="then draw docs/img/cost-curves.png")
    parser.add_argument(
        "--plot-only",
        action="store_true",
        help="only print the table of all sizes and draw the plot",
    )
    args = parser.parse_args()
    if args.plot_only:
        print(table())
        print(plot())
        return
    wanted = [m for m in args.only.split(",") if m]
    unknown = set(wanted) - set(MEASURES)
    if unknown:
        parser.error(f"unknown measurements {sorted(unknown)}; choose from {', '.join(MEASURES)}")
    setup()
    from django.db import connection

    from collection import public
    from collection.models import Item

    items = args.items or Item.objects.count()
    meta = {"items": items, "load_before": load(), "public": public.items().count(), "database": connection.vendor,
            "rounds": args.rounds, "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "code": code_version()}  # fmt: skip
    for name in wanted:
        print(f"{name}: {load()}", flush=True)
        started = time.perf_counter()
        try:
            if name == "fixity":
                part = measure_fixity(args.rounds, files=args.fixity_files)
            elif name == "reindex":
                part = measure_reindex(args.rounds, args.reindex_live, args.raw_sample)
            else:
                part = globals()[f"measure_{name}"](args.rounds)
        except Exception as exc:  # one broken page must not lose the other measurements
            part = {f"{name}_error": {"error": f"{type(exc).__name__}: {exc}"[:500]}}
        for label, figures in part.items():
            print(f"  {label}: {json.dumps(figures)}", flush=True)
        print(f"  ({time.perf_counter() - started:.0f} s)", flush=True)
        path = write(items, {**meta, "load_after": load()}, part)  # kept part by part
    print(path)
    if args.plot:
        print(table())
        print(plot())


if __name__ == "__main__":
    main()
