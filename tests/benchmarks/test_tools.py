"""The measuring tools import, and their pure parts compute right (no services, no load)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import _timing  # noqa: E402
import bench_load  # noqa: E402
import bench_scale  # noqa: E402


def test_percentiles_are_nearest_rank_in_ms():
    samples = [i / 1000 for i in range(1, 101)]  # 1 .. 100 ms
    assert _timing.pct(samples, 0.5) == pytest.approx(51)
    assert _timing.pct(samples, 0.95) == pytest.approx(95)
    assert _timing.pct([0.2], 0.95) == pytest.approx(200)
    assert _timing.summary([0.003, 0.001, 0.002]) == {"p50_ms": 2.0, "p95_ms": 3.0, "samples": 3}


def test_interleaved_times_every_call_each_round_after_one_warm_up():
    calls = []
    samples = _timing.interleaved(
        {"a": [lambda: calls.append("a")], "b": [lambda: calls.append("b")]}, 3
    )
    assert calls == ["a", "b", "a", "b", "b", "a", "a", "b"]  # warm-up, then alternating order
    assert {k: len(v) for k, v in samples.items()} == {"a": 3, "b": 3}


def test_knee_is_the_first_user_count_where_a_visitor_page_passes_one_second():
    def step(users, search_ms, oai_ms=5000):
        endpoints = {"GET /search/?q&facets": {"p95_ms": search_ms},
                     "GET /oai ListRecords (resumption)": {"p95_ms": oai_ms}}  # fmt: skip
        return {"users": users, "endpoints": endpoints}

    steps = [step(20, 1400), step(5, 90), step(10, 1001)]
    assert bench_load.knee(steps) == 10
    assert bench_load.knee([step(5, 1000)]) is None  # the harvester's slow pages do not count


@pytest.mark.parametrize(
    "name, cmdline, kind",
    [
        ("python", [".venv/bin/python", "-m", "gunicorn", "config.wsgi"], "gunicorn"),
        ("python", ["celery", "-A", "config", "worker", "-Q", "bulk"], "celery worker"),
        ("python", ["celery", "-A", "config", "beat"], "celery beat"),
        ("postgres", ["postgres: archive archive_stack 127.0.0.1(4) idle"], "postgres (stack db)"),
        ("postgres", ["postgres: archive bench_1m 127.0.0.1(4) idle"], "postgres (other)"),
        ("java", ["java", "org.elasticsearch.bootstrap.Elasticsearch"], "elasticsearch"),
        ("redis-server", ["redis-server 127.0.0.1:6379"], "redis"),
        ("nginx", ["nginx: worker process"], "nginx"),
        ("bash", ["bash"], None),
    ],
)
def test_processes_are_sorted_by_role(name, cmdline, kind):
    assert bench_load.process_type(name, cmdline, "archive_stack") == kind


def test_locust_stats_are_read_per_endpoint(tmp_path):
    header = "Type,Name,Request Count,Failure Count,Requests/s,50%,95%\n"
    rows = "GET,/search/?q&facets,40,1,2.5,120,900\n,Aggregated,50,1,3.1,100,850\n"
    (tmp_path / "s_stats.csv").write_text(header + rows)
    stats = bench_load.read_stats(tmp_path / "s_stats.csv")
    assert stats["total"] == {
        "requests": 50,
        "failures": 1,
        "p50_ms": 100,
        "p95_ms": 850,
        "rps": 3.1,
    }
    assert stats["endpoints"]["GET /search/?q&facets"]["p95_ms"] == 900


def test_cost_curves_group_measurements_by_size():
    runs = [
        {
            "items": 100000,
            "results": {"rest_list_first": {"p95_ms": 40}, "reindex": {"p95_ms": 9e4}},
        },
        {
            "items": 10000,
            "results": {"rest_list_first": {"p95_ms": 30}, "fixity_audit": {"skipped": "x"}},
        },
    ]
    panels = bench_scale.curves(runs)
    assert panels["REST list pages of 100"]["rest_list_first"] == [(10000, 30), (100000, 40)]
    assert panels["jobs (whole run)"] == {"reindex": [(100000, 9e4)]}


def test_the_locustfile_imports_and_finds_iiif_images():
    code = (
        "import sys, json; sys.path.insert(0, 'benchmarks/load'); import locustfile;"
        "doc = {'items': [{'thumbnail': [{'id': 'http://h/iiif/x/full/200,/0/default.jpg'}]},"
        " {'id': 'http://h/iiif/manifests/x'}]};"
        "print(json.dumps(locustfile.image_urls(doc)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BENCHMARKS.parent,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == ["http://h/iiif/x/full/200,/0/default.jpg"]
