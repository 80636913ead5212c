"""Benchmark: BagIt export and import throughput (items/s, MB/s) against a plain tar of the originals.

Run from the repository root (embedded defaults: SQLite, no broker):

    .venv/bin/python benchmarks/bench_bags.py [--items 10000]

Instance A (a temp DATA_DIR) gets N synthetic items (generate_synthetic) each with its generated
image (archive.generated.attach_images, what --images queues); it is exported with write_bag;
`tar -cf` of A's originals store is the yardstick for the export, `tar -xf` for the import. An
empty instance B imports the bag and exports it again; the two payload manifests must match.
Each phase runs in its own process, so its peak RSS (ru_maxrss) is its own. Derivatives are not
made (their receiver is disconnected): this measures bags, not thumbnails.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _django(data_dir: Path) -> None:
    os.environ["DATA_DIR"] = str(data_dir)
    for var in ("DATABASE_URL", "CELERY_BROKER_URL", "ELASTICSEARCH_URL"):
        os.environ.pop(var, None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from archive.signals import derivatives_requested

    derivatives_requested.disconnect(dispatch_uid="archive.queue_derivatives")
    call_command("migrate", verbosity=0)


def phase_build(data_dir: Path, items: int) -> dict:
    _django(data_dir)
    from django.core.management import call_command
    from django.db import transaction

    from archive.generated import attach_images
    from collection.models import Item

    started = time.monotonic()
    call_command("generate_synthetic", items, seed=1, verbosity=0)
    ids = list(Item.objects.values_list("pk", flat=True))
    for start in range(0, len(ids), 500):
        with transaction.atomic():
            attach_images(ids[start : start + 500], seed=1)
    return {"build_s": time.monotonic() - started}


def phase_export(data_dir: Path, bag: Path) -> dict:
    _django(data_dir)
    from django.urls import reverse

    from collection.models import Item, Tombstone
    from preservation.bags import write_bag

    reverse("portal:item", kwargs={"identifier": "x"})  # load the URLconf outside the timing
    started = time.monotonic()
    summary = write_bag(Item.objects.all(), bag, tombstones=Tombstone.objects.all())
    return {
        "seconds": time.monotonic() - started,
        "items": summary.items,
        "bytes": summary.bytes,
        "bag_bytes": sum(f.stat().st_size for f in bag.rglob("*") if f.is_file()),
    }


def phase_import(data_dir: Path, bag: Path) -> dict:
    _django(data_dir)
    from preservation.restore import import_bag

    started = time.monotonic()
    summary = import_bag(bag)
    return {"seconds": time.monotonic() - started, "items": summary.items, "bytes": summary.bytes}


def run_phase(*args: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--phase", *args], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def timed(command: list[str]) -> float:
    started = time.monotonic()
    subprocess.run(command, check=True)
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=10000)
    parser.add_argument("--phase", nargs="+")
    args = parser.parse_args()
    if args.phase:
        name, *rest = args.phase
        if name == "build":
            result = phase_build(Path(rest[0]), int(rest[1]))
        else:
            result = {"export": phase_export, "import": phase_import}[name](
                Path(rest[0]), Path(rest[1])
            )
        result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return
    with tempfile.TemporaryDirectory(prefix="bench-bags-") as tmp:
        tmp = Path(tmp)
        a, b = tmp / "a", tmp / "b"
        build = run_phase("build", str(a), str(args.items))
        export = run_phase("export", str(a), str(tmp / "bag1"))
        tar_c = timed(["tar", "-cf", str(tmp / "originals.tar"), "-C", str(a / "originals"), "."])
        (tmp / "untar").mkdir()
        tar_x = timed(["tar", "-xf", str(tmp / "originals.tar"), "-C", str(tmp / "untar")])
        imported = run_phase("import", str(b), str(tmp / "bag1"))
        again = run_phase("export", str(b), str(tmp / "bag2"))
        same = (tmp / "bag1/manifest-sha256.txt").read_bytes() == (
            tmp / "bag2/manifest-sha256.txt"
        ).read_bytes()
        mb = export["bytes"] / 1e6
        rows = [
            ("export_bag", export["seconds"], export["items"], export["peak_rss_mb"]),
            ("tar -cf originals", tar_c, export["items"], None),
            ("import_bag", imported["seconds"], imported["items"], imported["peak_rss_mb"]),
            ("tar -xf originals", tar_x, export["items"], None),
        ]
        print(
            f"{args.items} items, {mb:.1f} MB of originals, bag {export['bag_bytes'] / 1e6:.1f} MB"
        )
        print(f"setup (generate + attach images): {build['build_s']:.0f} s")
        print("| step | seconds | items/s | MB/s (originals) | peak RSS MB |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for name, seconds, count, rss in rows:
            rss_text = f"{rss:.0f}" if rss else "-"
            print(
                f"| {name} | {seconds:.1f} | {count / seconds:.0f} | {mb / seconds:.1f} | {rss_text} |"
            )
        print(
            f"second export ({again['items']} items, {again['seconds']:.1f} s) has a payload "
            f"manifest identical to the first: {same}"
        )


if __name__ == "__main__":
    main()
