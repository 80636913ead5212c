"""Load test: the locust scenario against a running stack at rising user counts; CPU per process.

Start the stack first (`make stack`, or `bash scripts/stack.sh start`), then from the repository
root:

    .venv/bin/python benchmarks/bench_load.py [--steps 5,10,20,40,80] [--seconds 60]
        [--warm-up 30] [--url http://127.0.0.1:8080] [--out benchmarks/results/load-stack.json]

Each step is one headless locust run (benchmarks/load/locustfile.py: public visitors, one OAI
harvester, one archivist uploading) of that many users for --seconds; meanwhile psutil samples
the CPU of every process on this machine, summed by type (gunicorn, celery worker, beat,
PostgreSQL backends of the stack's database and of the others, Redis, Elasticsearch, nginx, the
load generator itself). The report: errors, p95 per endpoint, throughput, and the knee: the first
user count at which the p95 of a visitor's search, item page or image passes one second (user
counts include the one harvester and the one archivist). Loopback only: any other host is
refused. Steps stop after the first step past the knee.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
LOCUSTFILE = ROOT / "benchmarks" / "load" / "locustfile.py"
KNEE_MS = 1000.0
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


# -- pure functions (tested in tests/benchmarks) ---------------------------------------------------
def knee(steps: list[dict], limit_ms: float = KNEE_MS) -> int | None:
    """The first user count at which a public visitor's page (search, item page, image) has a
    p95 over `limit_ms`; None if none does. The harvester's 500-record pages and the admin's
    password check are slow by design at any load, so they do not define the knee."""
    for step in sorted(steps, key=lambda s: s["users"]):
        visitor = [f["p95_ms"] for name, f in step["endpoints"].items() if is_visitor(name)]
        if visitor and max(visitor) > limit_ms:
            return step["users"]
    return None


def is_visitor(endpoint: str) -> bool:
    return endpoint.startswith("GET ") and any(
        part in endpoint for part in ("/search/", "/items/[id]/", "(jpg)")
    )


def process_type(name: str, cmdline: list[str], stack_db: str) -> str | None:
    """Which role a process plays in the stack, from its name and command line (None: other)."""
    line = " ".join(cmdline)
    if "gunicorn" in line:
        return "gunicorn"
    if "celery" in line:
        return "celery beat" if " beat" in line else "celery worker"
    if name.startswith("postgres") or line.startswith("postgres"):
        # a backend's title is "postgres: user database client state"
        return "postgres (stack db)" if f" {stack_db} " in f"{line} " else "postgres (other)"
    if name.startswith("redis"):
        return "redis"
    if "elasticsearch" in line and name.startswith("java"):
        return "elasticsearch"
    if name.startswith("nginx"):
        return "nginx"
    if "locust" in line:
        return "locust (load generator)"
    return None


def read_stats(csv_path: Path) -> dict:
    """Per-endpoint and aggregated figures from locust's <prefix>_stats.csv."""
    endpoints, total = {}, {}
    with csv_path.open(newline="") as fh:
        for row in csv.DictReader(fh):
            figures = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "p50_ms": float(row["50%"] or 0),
                "p95_ms": float(row["95%"] or 0),
                "rps": round(float(row["Requests/s"] or 0), 2),
            }
            if row["Name"] == "Aggregated":
                total = figures
            else:
                endpoints[f"{row['Type']} {row['Name']}"] = figures
    return {"endpoints": endpoints, "total": total}


# -- running ---------------------------------------------------------------------------------------
class CpuSampler(threading.Thread):
    """Average cores used per process type while running (psutil, one sample a second)."""

    def __init__(self, stack_db: str, every: float = 1.0) -> None:
        super().__init__(daemon=True)
        self.stack_db, self.every = stack_db, every
        self.stop = threading.Event()
        self.sums: dict[str, float] = defaultdict(float)
        self.samples = 0
        self.procs: dict = {}

    def run(self) -> None:
        import psutil

        while not self.stop.wait(self.every):
            seen = {}
            for proc in psutil.process_iter(["name", "cmdline"]):
                try:
                    kind = process_type(
                        proc.info["name"] or "", proc.info["cmdline"] or [], self.stack_db
                    )
                    if kind is None:
                        continue
                    known = self.procs.get(proc.pid, proc)
                    seen[proc.pid] = known
                    percent = known.cpu_percent(None)  # 0.0 on the first call: primed
                    self.sums[kind] += percent / 100
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    continue
            self.procs = seen
            self.samples += 1

    def cores(self) -> dict[str, float]:
        n = max(1, self.samples - 1)  # the first round only primes the counters
        return {kind: round(total / n, 2) for kind, total in sorted(self.sums.items())}


def run_step(url: str, users: int, seconds: int, stack_db: str, env: dict) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        prefix = Path(tmp) / "step"
        cmd = [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless",
               "--host", url, "-u", str(users), "-r", str(max(1, users // 5)),
               "-t", f"{seconds}s", "--csv", str(prefix), "--only-summary", "--loglevel", "ERROR"]  # fmt: skip
        sampler = CpuSampler(stack_db)
        sampler.start()
        started = time.perf_counter()
        done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
        took = time.perf_counter() - started
        sampler.stop.set()
        sampler.join()
        stats_file = Path(f"{prefix}_stats.csv")
        if not stats_file.exists():
            raise SystemExit(f"locust wrote no statistics:\n{done.stderr[-2000:]}")
        stats = read_stats(stats_file)
        failures = Path(f"{prefix}_failures.csv").read_text() if stats["total"]["failures"] else ""
    return {
        "users": users,
        "seconds": round(took),
        **stats["total"],
        "endpoints": stats["endpoints"],
        "cpu_cores": sampler.cores(),
        "failure_lines": failures.splitlines()[:10],
    }


def stack_env() -> dict:
    env = {**os.environ}
    if "STACK_ADMIN_PASSWORD" not in env:
        path = Path(env.get("STACK_DIR", ROOT / "data" / "stack")) / "admin-password"
        if path.exists():
            env["STACK_ADMIN_PASSWORD"] = path.read_text().strip()
    return env


def markdown(report: dict) -> str:
    steps = report["steps"]
    kinds = sorted({k for s in steps for k in s["cpu_cores"]})
    lines = [
        f"knee (p95 of a visitor's search, item page or image > {KNEE_MS:.0f} ms): "
        + (f"{report['knee']} users" if report["knee"] else "not reached"),
        "",
        "| users | requests | failures | req/s | p50 ms | p95 ms | " + " | ".join(kinds) + " |",
        "|---:|---:|---:|---:|---:|---:|" + "---:|" * len(kinds),
    ]
    for s in steps:
        cpu = " | ".join(f"{s['cpu_cores'].get(k, 0):.2f}" for k in kinds)
        lines.append(
            f"| {s['users']} | {s['requests']} | {s['failures']} | {s['rps']} | "
            f"{s['p50_ms']:.0f} | {s['p95_ms']:.0f} | {cpu} |"
        )
    endpoints = sorted({e for s in steps for e in s["endpoints"]})
    lines += ["", "p95 ms per endpoint (failures in brackets):", ""]
    lines.append("| endpoint | " + " | ".join(f"{s['users']} u" for s in steps) + " |")
    lines.append("|---|" + "---:|" * len(steps))
    for e in endpoints:
        cells = []
        for s in steps:
            f = s["endpoints"].get(e)
            cells.append(f"{f['p95_ms']:.0f}" + (f" ({f['failures']})" if f["failures"] else "")
                         if f else "")  # fmt: skip
        lines.append(f"| {e} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("STACK_URL", "http://127.0.0.1:8080"))
    parser.add_argument("--steps", default="5,10,20,40,80", help="user counts, one run each")
    parser.add_argument("--seconds", type=int, default=60, help="length of each step")
    parser.add_argument(
        "--warm-up",
        type=int,
        default=30,
        help="seconds of 2 users first, not recorded (0: none): the first requests after a start "
        "or a reindex fill the workers' and the search node's caches",
    )
    parser.add_argument("--stack-db", default=os.environ.get("STACK_DB_NAME", "archive_stack"))
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/load-stack.json")
    parser.add_argument("--report-only", action="store_true", help="redo the report of --out")
    args = parser.parse_args()
    if args.report_only:
        report = json.loads(args.out.read_text())
        report["knee"] = knee(report["steps"])
        return save(report, args.out)
    if urlsplit(args.url).hostname not in LOOPBACK:
        parser.error(f"{args.url}: only a stack on this machine (loopback) may be loaded")
    users = [int(n) for n in args.steps.split(",")]
    if not users or min(users) < 1 or max(users) > 500 or args.seconds > 600:
        parser.error("1 to 500 users per step, at most 600 s a step")
    env, steps = stack_env(), []
    if args.warm_up:
        # Without it the first step measures cold caches: at 5 users the search page's p95 was
        # 1.5 s in the first 40 s after a reindex and 160 ms at 10 users just after.
        print(f"warm-up: 2 users for {args.warm_up} s (not recorded) …", flush=True)
        run_step(args.url, 2, args.warm_up, args.stack_db, env)
    for n in users:
        print(f"{n} users for {args.seconds} s …", flush=True)
        steps.append(run_step(args.url, n, args.seconds, args.stack_db, env))
        s = steps[-1]
        print(f"  {s['requests']} requests, {s['failures']} failures, {s['rps']} req/s, "
              f"p95 {s['p95_ms']:.0f} ms; cores {s['cpu_cores']}", flush=True)  # fmt: skip
        if knee(steps) is not None and steps[-1]["users"] > knee(steps):
            break  # one step past the knee is enough
    report = {
        "url": args.url,
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "cores": os.cpu_count(),
        "knee": knee(steps),
        "steps": steps,
    }
    save(report, args.out)


def save(report: dict, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=1) + "\n")
    table = markdown(report)
    out.with_suffix(".md").write_text(table + "\n")
    print(table)
    print(out)


if __name__ == "__main__":
    main()
