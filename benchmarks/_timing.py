"""Helpers shared by the benchmarks: Django set-up, nearest-rank percentiles, timed and
interleaved runs."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pct(samples: list[float], p: float) -> float:
    """The p-quantile of `samples` (seconds) in ms, by nearest rank (no interpolation: a reported
    p95 is a time some request really took)."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))] * 1000


def summary(samples: list[float]) -> dict:
    """p50 and p95 in ms and the number of samples, rounded for a JSON report."""
    return {
        "p50_ms": round(pct(samples, 0.5), 2),
        "p95_ms": round(pct(samples, 0.95), 2),
        "samples": len(samples),
    }


def timed(fn: Callable, runs: int) -> list[float]:
    """Seconds taken by each of `runs` calls of `fn`."""
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return samples


def interleaved(calls: dict[str, list[Callable]], rounds: int) -> dict[str, list[float]]:
    """Time every call of every label once per round, labels alternating first and last, so the
    load of a shared machine falls on all of them alike; one untimed warm-up round first."""
    for fns in calls.values():  # warm-up: caches, analyzers, the page cache
        for fn in fns:
            fn()
    samples: dict[str, list[float]] = {label: [] for label in calls}
    labels = list(calls)
    for n in range(rounds):
        for label in labels if n % 2 == 0 else reversed(labels):
            for fn in calls[label]:
                started = time.perf_counter()
                fn()
                samples[label].append(time.perf_counter() - started)
    return samples


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} ({os.cpu_count()} cores)"


def setup_django(data_dir: str | None = None) -> None:
    """Django for a benchmark run as a script: the project's settings (DATA_DIR set when given,
    else the environment's), errors-only logging."""
    if data_dir is not None:
        os.environ["DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
