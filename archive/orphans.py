"""Originals that no record points to: found, and removed once old enough.

They arise when the store succeeded and the database did not (a rolled-back transaction, a
crash between the two): ingest stores the file first, so the reverse (a record without its
file) cannot happen. A file younger than `min_age` is left alone, because its record may be in
a transaction that has not committed yet; and each file is looked up again right before it is
deleted.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.utils import timezone

from . import storage
from .models import MediaFile

BATCH = 500  # names looked up in the database at once: bounded memory for any store size
ORIGINALS_PREFIX = "sha256"  # below it, only content-addressed originals (storage.original_relpath)


@dataclass
class SweepSummary:
    scanned: int = 0
    referenced: int = 0
    too_recent: int = 0
    orphans: int = 0
    removed: int = 0
    staging_removed: int = 0

    def line(self, dry_run: bool) -> str:
        verb = "would be removed" if dry_run else "removed"
        return (
            f"{self.scanned} originals scanned, {self.referenced} with a record, "
            f"{self.too_recent} without one but too recent to touch, "
            f"{self.orphans} orphans ({self.removed if not dry_run else self.orphans} {verb}), "
            f"{self.staging_removed} stale staging files {verb}"
        )


def sweep(
    min_age: timedelta, dry_run: bool = False, progress: Callable[[], None] = lambda: None
) -> SweepSummary:
    """Remove (or with dry_run only count) originals without a record older than min_age."""
    store, summary = storage.originals(), SweepSummary()
    cutoff = timezone.now() - min_age
    batch: list[tuple[str, datetime]] = []
    for entry in store.iter_files(ORIGINALS_PREFIX):
        batch.append(entry)
        progress()
        if len(batch) >= BATCH:
            _sweep_batch(store, batch, cutoff, dry_run, summary)
            batch = []
    _sweep_batch(store, batch, cutoff, dry_run, summary)
    summary.staging_removed = _sweep_staging(store, cutoff, dry_run)
    return summary


def _sweep_batch(store, batch: Iterable[tuple[str, datetime]], cutoff, dry_run, summary) -> None:
    batch = list(batch)
    names = [name for name, _ in batch]
    known = set(
        MediaFile.objects.filter(storage_path__in=names).values_list("storage_path", flat=True)
    )
    for name, modified in batch:
        summary.scanned += 1
        if name in known:
            summary.referenced += 1
        elif modified > cutoff:
            summary.too_recent += 1
        else:
            summary.orphans += 1
            if not dry_run and not MediaFile.objects.filter(storage_path=name).exists():
                store.delete(name)
                summary.removed += 1


def _sweep_staging(store, cutoff: datetime, dry_run: bool) -> int:
    """Uploads left in the staging folder by a process that died mid-upload."""
    folder, count = store.staging_dir(), 0
    for path in folder.glob("upload-*") if folder.is_dir() else ():
        if datetime.fromtimestamp(path.stat().st_mtime, UTC) <= cutoff:
            count += 1
            if not dry_run:
                path.unlink(missing_ok=True)
    return count
