"""Benchmark: fixity throughput (MB/s, files/s) reading originals from S3 against the local disk.

Run from the repository root, with an S3 server (scripts/s3proxy.sh start):

    .venv/bin/python benchmarks/bench_fixity_storage.py [--files 48] [--size-mb 4] \
        [--small-files 400] [--small-kb 64] [--s3-url URL]

The same files (seeded random bytes: incompressible) are stored through archive.storage.commit on
each backend, then every one is re-hashed with storage.hash_original, the read path of
archive.fixity.check (which adds one database insert per file, not timed here). Two sets: large
files (bandwidth) and small ones (per-request cost). Best of --repeat runs; the ratio is S3 time
over local time. The local store reads from the page cache after the writes, and S3Proxy serves
from the same machine's disk over loopback HTTP: the ratio is what the S3 protocol costs, not a
network.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _django(data_dir: Path) -> None:
    os.environ["DATA_DIR"] = str(data_dir)
    for var in ("DATABASE_URL", "CELERY_BROKER_URL", "ELASTICSEARCH_URL", "ARCHIVE_STORAGE"):
        os.environ.pop(var, None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _payloads(count: int, size: int, seed: int) -> list[bytes]:
    rng = random.Random(seed)
    return [rng.randbytes(size) for _ in range(count)]


def _measure(payloads: list[bytes], repeat: int) -> dict:
    from archive import storage

    names = [storage.commit(storage.stage(io.BytesIO(data))) for data in payloads]
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for name in names:
            storage.hash_original(name)
        best = min(best, time.perf_counter() - started)
    total = sum(len(p) for p in payloads)
    return {
        "files": len(names),
        "mb": round(total / 1e6, 1),
        "seconds": round(best, 3),
        "mb_per_s": round(total / 1e6 / best, 1),
        "files_per_s": round(len(names) / best, 1),
    }


def run(args: argparse.Namespace) -> dict:
    from django.conf import settings
    from django.test import override_settings

    from archive import storage
    from tests.archive import s3

    sets = {
        "large": _payloads(args.files, int(args.size_mb * 1024 * 1024), 1),
        "small": _payloads(args.small_files, args.small_kb * 1024, 2),
    }
    results: dict = {}
    for backend in ("local", "s3"):
        for label, payloads in sets.items():
            root = Path(tempfile.mkdtemp(prefix=f"bench-{backend}-"))
            bucket = s3.new_bucket_name()
            overrides = {"ARCHIVE_ORIGINALS_ROOT": root / "originals"}
            if backend == "s3":
                overrides["STORAGES"] = s3.storages(args.s3_url, bucket, settings.STORAGES)
            with override_settings(**overrides):
                storage.originals().create_root()
                results[f"{backend}_{label}"] = _measure(payloads, args.repeat)
                if backend == "s3":
                    s3.empty_and_delete(storage.originals().client, bucket)
            subprocess.run(["rm", "-rf", str(root)], check=True)
    for label in sets:
        local, remote = results[f"local_{label}"], results[f"s3_{label}"]
        results[f"ratio_{label}"] = round(remote["seconds"] / local["seconds"], 2)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=48)
    parser.add_argument("--size-mb", type=float, default=4)
    parser.add_argument("--small-files", type=int, default=400)
    parser.add_argument("--small-kb", type=int, default=64)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--s3-url", default=os.environ.get("S3_TEST_URL", ""))
    args = parser.parse_args()
    if not args.s3_url:
        url = subprocess.run(
            ["bash", str(ROOT / "scripts/s3proxy.sh"), "url"],
            capture_output=True,
            text=True,
            check=True,
        )
        args.s3_url = url.stdout.strip()
    with tempfile.TemporaryDirectory(prefix="bench-fixity-") as data_dir:
        _django(Path(data_dir))
        print(json.dumps(run(args), indent=2))


if __name__ == "__main__":
    main()
