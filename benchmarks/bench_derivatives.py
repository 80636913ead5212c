"""Benchmark: access copy + thumbnail speed and peak memory, pipeline vs naive Pillow vs pyvips.

Run from the repository root (needs the "bench" dependency group for pyvips):

    .venv/bin/python benchmarks/bench_derivatives.py [--quick] [--tiles]

Inputs are generated into a temp dir: camera-like 6000x4000 JPEGs (Perlin texture, gradients,
sensor noise; quality 90, 4:2:0) and 6000x4000 16-bit TIFFs (RGB and grey, uncompressed, as a
scanner writes masters). Each variant runs in its own subprocess so that its peak memory can be
read from the kernel: the worker resets its high-water mark after imports (writing 5 to
/proc/self/clear_refs), runs, and reports VmHWM minus the RSS at reset. That counts every byte
the process touched, including Pillow's and libvips' C allocations that tracemalloc cannot see.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 6000, 4000
ACCESS, THUMB, QUALITY = 1600, 400, 85

# kind -> (source bands, bytes per sample) for the "one decoded full-resolution image" yardstick
KINDS = {"jpeg": (3, 1), "tiff16-rgb": (3, 2), "tiff16-grey": (1, 2)}
VARIANTS = ("pipeline", "naive", "pyvips")


# --------------------------------------------------------------------------- input generation


def generate_inputs(tmp: Path, count: int) -> dict[str, list[Path]]:
    import pyvips

    def texture(seed: int) -> pyvips.Image:
        # Perlin noise at several scales gives cloud/foliage-like detail; gradients give the
        # smooth sky/lighting areas; Gaussian noise stands in for sensor noise. Not flat colour,
        # so the JPEG entropy decoder has real work, like a camera file.
        coarse = pyvips.Image.perlin(WIDTH, HEIGHT, cell_size=512, seed=seed)
        mid = pyvips.Image.perlin(WIDTH, HEIGHT, cell_size=64, seed=seed + 1)
        fine = pyvips.Image.perlin(WIDTH, HEIGHT, cell_size=8, seed=seed + 2)
        xy = pyvips.Image.xyz(WIDTH, HEIGHT)
        gx = xy[0] / WIDTH
        gy = xy[1] / HEIGHT
        # sigma 0.012 of full scale = ~3 grey levels: an ISO 400-ish sensor.
        noise = pyvips.Image.gaussnoise(WIDTH, HEIGHT, sigma=0.012, mean=0.0, seed=seed + 3)
        r = 0.15 + 0.45 * gx + 0.25 * coarse + 0.10 * mid + 0.06 * fine + noise
        g = 0.20 + 0.35 * gy + 0.20 * coarse + 0.15 * mid + 0.06 * fine + noise
        b = 0.55 - 0.30 * gy + 0.15 * coarse + 0.05 * mid + 0.08 * fine + noise
        # Clamp to the representable range so casts do not wrap around.
        return r.bandjoin([g, b]).maxpair(0.0).minpair(1.0)

    out: dict[str, list[Path]] = {k: [] for k in KINDS}
    for i in range(count):
        rgb = texture(seed=100 + 10 * i)
        jpeg = tmp / f"camera-{i}.jpg"
        (rgb * 255).cast("uchar").copy(interpretation="srgb").jpegsave(
            str(jpeg), Q=90, subsample_mode="on"
        )
        out["jpeg"].append(jpeg)
        rgb16 = tmp / f"scan-rgb16-{i}.tif"
        (rgb * 65535).cast("ushort").copy(interpretation="rgb16").tiffsave(str(rgb16))
        out["tiff16-rgb"].append(rgb16)
        grey16 = tmp / f"scan-grey16-{i}.tif"
        (rgb[1] * 65535).cast("ushort").copy(interpretation="grey16").tiffsave(str(grey16))
        out["tiff16-grey"].append(grey16)
    return out


# --------------------------------------------------------------------------- the variants


def run_pipeline(src: Path, out: Path) -> None:
    from archive.imaging import make_access_and_thumbnail

    make_access_and_thumbnail(src, out, max_pixels=200_000_000)


def run_tiles(src: Path, out: Path) -> None:
    # Informational: the IIIF tile tree (full decode, pyramid, ~140 JPEG tiles) for the same file.
    from archive.imaging import make_iiif_tiles

    make_iiif_tiles(src, out / "iiif", max_pixels=200_000_000, service_id="https://bench/iiif/x")


def run_naive(src: Path, out: Path) -> None:
    # What a first attempt looks like: decode the whole original for every output size and let
    # Lanczos do all the reduction. 16-bit grey is scaled (not clipped) so outputs are correct.
    from PIL import Image

    for name, edge in (("access.jpg", ACCESS), ("thumbnail.jpg", THUMB)):
        with Image.open(src) as im:
            im.load()
            scale = edge / max(im.size)
            size = (round(im.width * scale), round(im.height * scale))
            small = im.resize(size, Image.Resampling.LANCZOS)
            if small.mode.startswith("I"):
                small = small.point(lambda v: v / 257 + 0.5).convert("L")
            small.convert("RGB" if small.mode != "L" else "L").save(
                out / name, quality=QUALITY, optimize=True
            )


def run_pyvips(src: Path, out: Path) -> None:
    import pyvips

    # thumbnail() shrinks on load (JPEG DCT scaling), colour-manages and auto-rotates: the
    # practical speed limit for the same two outputs.
    access = pyvips.Image.thumbnail(str(src), ACCESS).copy_memory()
    if access.format == "ushort":
        access = access.cast("uchar", shift=True)
    access.jpegsave(str(out / "access.jpg"), Q=QUALITY, optimize_coding=True)
    access.thumbnail_image(THUMB).jpegsave(
        str(out / "thumbnail.jpg"), Q=QUALITY, optimize_coding=True
    )


def _status_kb(field: str) -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"{field} not in /proc/self/status")


def worker(variant: str, files: list[Path], repeat: int) -> None:
    """Run one variant over ``files`` ``repeat`` times; print timings and memory as JSON."""
    sys.path.insert(0, str(ROOT))
    import PIL.Image  # noqa: F401  (imports are not part of the measurement)

    if variant == "pyvips":
        import pyvips

        # The operation cache would turn repeats of the same file into cache hits.
        pyvips.cache_set_max(0)
        pyvips.Image.black(8, 8)  # load libvips now, not inside the first timing
    else:
        import archive.imaging  # noqa: F401

    runners = {"pipeline": run_pipeline, "naive": run_naive, "pyvips": run_pyvips}
    fn = {**runners, "tiles": run_tiles}[variant]
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")  # reset VmHWM to the current RSS
    baseline = _status_kb("VmRSS")
    times, cpu = [], []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        fn(files[0], out)  # warm-up: first-call costs (codec init, page cache) are not timed
        for _ in range(repeat):
            for src in files:
                t0, c0 = time.perf_counter(), _cpu_seconds()
                fn(src, out)
                times.append(time.perf_counter() - t0)
                cpu.append(_cpu_seconds() - c0)
    peak = _status_kb("VmHWM")
    print(json.dumps({"times": times, "cpu": cpu, "baseline_kb": baseline, "peak_kb": peak}))


def _cpu_seconds() -> float:
    # User + system time of all threads: what the variant costs a shared machine, independent
    # of how much of the wall time it spent waiting for a core other processes held.
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# --------------------------------------------------------------------------- driver


def measure(variant: str, files: list[Path], repeat: int) -> dict:
    cmd = [sys.executable, __file__, "--worker", variant, "--repeat", str(repeat)]
    cmd += [str(f) for f in files]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if proc.returncode:
        raise RuntimeError(f"{variant} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="2 images per kind, 1 round")
    parser.add_argument("--images", type=int, default=None, help="images per kind")
    parser.add_argument("--rounds", type=int, default=None, help="rounds (each runs every variant)")
    parser.add_argument("--kinds", default=",".join(KINDS), help="comma-separated subset")
    parser.add_argument("--tiles", action="store_true", help="also time IIIF tile generation")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("files", nargs="*", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.files, args.repeat)
        return

    count = args.images or (2 if args.quick else 3)
    rounds = args.rounds or (1 if args.quick else 3)
    kinds = [k for k in args.kinds.split(",") if k]
    variants = (*VARIANTS, "tiles") if args.tiles else VARIANTS
    mp = WIDTH * HEIGHT / 1e6
    load = " / ".join(f"{v:.1f}" for v in os.getloadavg())
    print(
        f"# {WIDTH}x{HEIGHT} ({mp:.0f} MP) inputs, {count} per kind, {rounds} round(s); "
        f"outputs {ACCESS} px + {THUMB} px JPEG q{QUALITY}; cpus={os.cpu_count()}; "
        f"load average at start {load}"
    )
    with tempfile.TemporaryDirectory(prefix="bench-deriv-") as tmp:
        t0 = time.perf_counter()
        inputs = generate_inputs(Path(tmp), count)
        sizes = {k: sum(f.stat().st_size for f in v) / len(v) / 2**20 for k, v in inputs.items()}
        print(
            f"# generated inputs in {time.perf_counter() - t0:.1f} s; mean file size "
            + ", ".join(f"{k} {v:.1f} MiB" for k, v in sizes.items())
            + "\n"
        )
        print(
            "| input | variant | s/image (median) | images/s | MP/s | speed vs naive | "
            "time vs pyvips | CPU s/image | CPU vs pyvips | peak RSS over baseline | "
            "x decoded image |"
        )
        print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for kind in kinds:
            bands, bps = KINDS[kind]
            decoded_mb = WIDTH * HEIGHT * bands * bps / 2**20
            times: dict[str, list[float]] = {v: [] for v in variants}
            cpus: dict[str, list[float]] = {v: [] for v in variants}
            peaks: dict[str, float] = {v: 0.0 for v in variants}
            # Rounds interleave the variants, so drifting background load (a shared machine)
            # hits them all alike instead of whichever happened to run last.
            for _ in range(rounds):
                for v in variants:
                    r = measure(v, inputs[kind], 1)
                    times[v] += r["times"]
                    cpus[v] += r["cpu"]
                    peaks[v] = max(peaks[v], (r["peak_kb"] - r["baseline_kb"]) / 1024)
            med = {v: statistics.median(t) for v, t in times.items()}
            cpu = {v: statistics.median(t) for v, t in cpus.items()}
            for v in variants:
                print(
                    f"| {kind} | {v} | {med[v]:.3f} | {1 / med[v]:.2f} | {mp / med[v]:.0f} | "
                    f"{med['naive'] / med[v]:.2f}x | {med[v] / med['pyvips']:.2f}x | "
                    f"{cpu[v]:.3f} | {cpu[v] / cpu['pyvips']:.2f}x | {peaks[v]:.0f} MiB | {peaks[v] / decoded_mb:.2f} (of {decoded_mb:.0f} MiB) |"
                )
            sys.stdout.flush()
    load = " / ".join(f"{v:.1f}" for v in os.getloadavg())
    print(f"\n# load average at end {load}")


if __name__ == "__main__":
    main()
