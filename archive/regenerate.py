"""Choose derivatives to redo (failed, missing, or all), reset them to pending and queue them."""

from django.db import transaction

from . import storage
from .derivatives import ensure_records, request
from .models import Derivative, MediaFile

Status = Derivative.Status
FAILED, MISSING, ALL = "failed", "missing", "all"


def output_missing(derivative: Derivative) -> bool:
    """A done derivative whose file (or tile directory) is no longer in the store."""
    if derivative.status != Status.DONE or not derivative.path:
        return False
    return not storage.derivative_exists(derivative.path)


def select(files, kinds: list[str] | None, modes: set[str]) -> dict[int, list[str]]:
    """Reset the chosen derivatives of `files` to pending; return {media_file_id: kinds}.

    `modes` is any of FAILED (status failed), MISSING (never made, still pending, or done but
    the output is gone) and ALL (everything not running now).
    """
    chosen: dict[int, list[str]] = {}
    for media_file in files.iterator(chunk_size=500):
        ensure_records(media_file)
        rows = media_file.derivatives.exclude(status=Status.RUNNING)
        if kinds:
            rows = rows.filter(kind__in=kinds)
        picked = [d for d in rows if _wanted(d, modes)]
        if picked:
            with transaction.atomic():
                Derivative.objects.filter(pk__in=[d.pk for d in picked]).update(
                    status=Status.PENDING, error="", task_id=""
                )
            chosen[media_file.pk] = [d.kind for d in picked]
    return chosen


def _wanted(derivative: Derivative, modes: set[str]) -> bool:
    if ALL in modes:
        return True
    if FAILED in modes and derivative.status == Status.FAILED:
        return True
    return MISSING in modes and (derivative.status == Status.PENDING or output_missing(derivative))


def enqueue(chosen: dict[int, list[str]], queue: str) -> None:
    """Ask for the chosen derivatives on `queue` (archive.receivers queues the tasks)."""
    for media_file_id, kinds in chosen.items():
        request(media_file_id, kinds, queue=queue)


def files_for(item_identifier: str | None = None):
    files = MediaFile.objects.order_by("pk")
    if item_identifier:
        files = files.filter(item__identifier=item_identifier)
    return files
