"""Row-band parallelism: Pillow releases the GIL in decode/reduce/resize, so bands use all cores."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from itertools import islice
from typing import TypeVar

from PIL import Image

T = TypeVar("T")
R = TypeVar("R")

# Two threads cover the common 2-core worker; more rarely help because each band's work is
# memory-bound. Callers can pass threads=1 when they already run one worker per core.
DEFAULT_THREADS = max(1, min(4, os.cpu_count() or 1))

# Output rows per band. Fixed (not derived from the thread count) so that the bytes produced do
# not depend on how many threads ran: each band's filter coefficients depend on its box.
BAND_ROWS = 256


def map_bands(fn: Callable[[T], R], items: Sequence[T], threads: int) -> Iterator[R]:
    """Yield ``fn(x)`` for each item in order, computed on up to ``threads`` threads.

    At most two results per thread are in flight, so a consumer that pastes each band into a
    shared output as it arrives holds only a few bands at a time, not the whole image twice.
    """
    if threads <= 1 or len(items) <= 1:
        for item in items:
            yield fn(item)
        return
    with ThreadPoolExecutor(max_workers=min(threads, len(items))) as pool:
        todo = iter(items)
        pending = deque(pool.submit(fn, x) for x in islice(todo, 2 * threads))
        while pending:
            result = pending.popleft().result()
            for x in islice(todo, 1):
                pending.append(pool.submit(fn, x))
            yield result


def run_bands(fn: Callable[[T], R], items: Sequence[T], threads: int) -> list[R]:
    """``[fn(x) for x in items]``, spread over ``threads`` threads, results in order."""
    return list(map_bands(fn, items, threads))


def reduce_rows(im: Image.Image, factor: int, threads: int = DEFAULT_THREADS) -> Image.Image:
    """``im.reduce(factor)`` computed in bands of rows (identical result, several cores)."""
    if factor <= 1:
        return im
    width, height = im.size
    step = factor * max(1, BAND_ROWS // factor)  # band heights multiple of the factor
    tops = list(range(0, height, step))
    out = Image.new(im.mode, (-(-width // factor), -(-height // factor)))

    def band(top: int) -> Image.Image:
        return im.reduce(factor, box=(0, top, width, min(top + step, height)))

    for top, part in zip(tops, map_bands(band, tops, threads), strict=True):
        out.paste(part, (0, top // factor))
    return out


def resize_rows(
    im: Image.Image,
    size: tuple[int, int],
    box: tuple[float, float, float, float] | None = None,
    threads: int = DEFAULT_THREADS,
) -> Image.Image:
    """Lanczos resize of ``box`` to ``size``, computed in bands of output rows.

    Each band asks Pillow for the source rows it maps to; Pillow still reads the filter's
    support outside that box (it clips to the image, not the box), so the seams are exact.
    """
    if box is None:
        box = (0, 0, *im.size)
    if im.size == size and box == (0, 0, *im.size):
        return im
    out_w, out_h = size
    x0, y0, x1, y1 = box
    scale = (y1 - y0) / out_h
    rows = list(range(0, out_h, BAND_ROWS))
    if len(rows) == 1:
        return im.resize(size, Image.Resampling.LANCZOS, box=box)

    def band(r0: int) -> Image.Image:
        r1 = min(r0 + BAND_ROWS, out_h)
        sub = (x0, y0 + r0 * scale, x1, y0 + r1 * scale)
        return im.resize((out_w, r1 - r0), Image.Resampling.LANCZOS, box=sub)

    out = Image.new(im.mode, size)
    for r0, part in zip(rows, map_bands(band, rows, threads), strict=True):
        out.paste(part, (0, r0))
    return out
