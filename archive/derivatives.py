"""Make a file's derivatives: claim each kind's record, run the imaging step, record the result.

Every kind has one Derivative record per media file (a unique constraint), so reruns update it
instead of adding one. A record moves pending -> running -> done | failed under a row lock. A
task redelivered after its worker died finds its own kinds `running` with its own task id (or
with a start older than the broker's visibility timeout) and takes them over; outputs are
byte-identical, so redoing half-finished work is harmless.
"""

import logging
import os
import time
from contextlib import ExitStack
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import makers, storage
from .imaging.errors import (
    CorruptFileError,
    DecompressionBombError,
    EncryptedDocumentError,
    PermanentError,
    TransientError,
    TruncatedFileError,
    UnsupportedFormatError,
)
from .models import Derivative, MediaFile
from .signals import derivative_finished, derivatives_requested

log = logging.getLogger(__name__)
Status = Derivative.Status


# What an archivist reads first in the admin, most specific class first.
FAILURE_LABELS = (
    (TruncatedFileError, "truncated file"),
    (CorruptFileError, "corrupt file"),
    (DecompressionBombError, "decompression bomb (over ARCHIVE_MAX_IMAGE_PIXELS)"),
    (UnsupportedFormatError, "unsupported format"),
    (EncryptedDocumentError, "encrypted document"),
    (PermanentError, "cannot be processed"),
)


def failure_message(exc: PermanentError) -> str:
    label = next(text for cls, text in FAILURE_LABELS if isinstance(exc, cls))
    return f"{label}: {exc.message}"


def stale_after() -> timedelta:
    """A `running` record older than this belongs to a worker that died."""
    options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {}) or {}
    return timedelta(seconds=options.get("visibility_timeout", 3600))


def request(media_file_id: int, kinds: list[str] | None = None, queue: str | None = None) -> None:
    """Ask for the file's pending derivatives (all, or `kinds`); archive.receivers queues them."""
    derivatives_requested.send(
        sender=MediaFile, media_file_id=media_file_id, kinds=kinds, queue=queue
    )


def ensure_records(media_file: MediaFile) -> None:
    """Create a pending record for every kind the file's format calls for (idempotent)."""
    existing = set(media_file.derivatives.values_list("kind", flat=True))
    missing = [k for k in makers.kinds_for(media_file.family) if k not in existing]
    Derivative.objects.bulk_create(
        [Derivative(media_file=media_file, kind=k) for k in missing], ignore_conflicts=True
    )


def make(
    media_file_id: int,
    *,
    task_id: str = "",
    kinds: list[str] | None = None,
    last_try: bool = True,
) -> dict[str, str]:
    """Run every step that has claimable kinds; return {kind: status} of what this call did.

    Permanent errors fail the step's kinds and the next step still runs. A transient error puts
    the kinds back to pending and propagates (the task retries), unless this is the last try.
    """
    media_file = MediaFile.objects.get(pk=media_file_id)
    ensure_records(media_file)
    outcome: dict[str, str] = {}
    with Sources(media_file) as sources:
        for step in makers.steps_for(media_file.family):
            wanted = [k for k in step.kinds if kinds is None or k in kinds]
            claimed = claim(media_file.pk, wanted, task_id) if wanted else []
            if claimed:
                outcome.update(_run_step(step, sources, claimed, last_try))
    return outcome


class Sources:
    """The original as a local file and a workspace for the outputs, fetched on first use (a
    rerun with nothing to claim downloads nothing) and cleaned up on exit."""

    def __init__(self, media_file: MediaFile) -> None:
        self.media_file = media_file
        self.stack = ExitStack()
        self._ctx: makers.Context | None = None
        self.workspace: storage.Workspace | None = None

    def __enter__(self) -> "Sources":
        return self

    def __exit__(self, *exc) -> None:
        self.stack.close()

    def context(self) -> makers.Context:
        if self._ctx is None:
            media_file = self.media_file
            try:
                source = self.stack.enter_context(storage.local_original(media_file.storage_path))
            except FileNotFoundError as exc:
                # an operator's problem (a lost mount, a restored database), not the file's
                raise TransientError(f"the original is not in the store: {exc}") from exc
            self.workspace = self.stack.enter_context(storage.derivatives().workspace())
            self._ctx = makers.Context(
                media_file=media_file,
                source=source,
                root=self.workspace.root,
                directory=storage.derivative_dir(media_file.pk, media_file.sha256),
            )
        return self._ctx

    def run(self, step: makers.Step) -> dict[str, makers.Output]:
        """Run a step and publish what it wrote before its records say done."""
        ctx = self.context()
        outputs = step.run(ctx)
        self.workspace.publish(ctx.directory)
        return outputs


def claim(media_file_id: int, kinds: list[str], task_id: str) -> list[str]:
    """Mark the claimable kinds running under a row lock and return them."""
    now = timezone.now()
    stale = now - stale_after()
    claimed = []
    with transaction.atomic():
        rows = Derivative.objects.select_for_update().filter(
            media_file_id=media_file_id, kind__in=kinds
        )
        for row in rows:
            redelivered = row.status == Status.RUNNING and (
                (task_id and row.task_id == task_id) or (row.started_at or now) <= stale
            )
            if row.status == Status.PENDING or redelivered:
                row.status, row.task_id, row.started_at = Status.RUNNING, task_id, now
                row.attempts += 1
                row.finished_at = None
                row.save(
                    update_fields=["status", "task_id", "started_at", "attempts", "finished_at"]
                )
                claimed.append(row.kind)
    return claimed


def _run_step(step: makers.Step, sources: Sources, kinds: list[str], last_try: bool):
    started = time.monotonic()
    media_file = sources.media_file
    _test_delay()
    try:
        outputs = sources.run(step)
    except PermanentError as exc:
        return _fail(media_file, kinds, failure_message(exc), started)
    except TransientError as exc:  # storage.StorageUnavailable among them
        if last_try:
            return _fail(media_file, kinds, f"gave up retrying: {exc.message}", started)
        _release(media_file.pk, kinds, f"will retry: {exc.message}")
        raise
    except Exception as exc:
        # A bug must not leave the record "running" forever or stop the other steps.
        log.exception("deriving %s of media file %s", kinds, media_file.pk)
        return _fail(media_file, kinds, f"internal error: {type(exc).__name__}: {exc}", started)
    return _finish(media_file, {k: outputs[k] for k in kinds}, started)


def _test_delay() -> None:
    # Test hook: makes a task slow enough for the worker-kill test to catch it running.
    delay = float(os.environ.get("ARCHIVE_TEST_TASK_DELAY") or 0)
    if delay:
        time.sleep(delay)


def _finish(media_file: MediaFile, outputs: dict[str, makers.Output], started: float):
    duration = time.monotonic() - started
    with transaction.atomic():
        for kind, out in outputs.items():
            Derivative.objects.filter(media_file=media_file, kind=kind).update(
                status=Status.DONE,
                error="",
                path=out.path,
                checksum=out.checksum,
                metadata=out.metadata,
                text=out.text,
                duration=duration,
                finished_at=timezone.now(),
            )
            _announce(media_file, kind, Status.DONE)
    return {kind: Status.DONE for kind in outputs}


def _fail(media_file: MediaFile, kinds: list[str], message: str, started: float):
    with transaction.atomic():
        Derivative.objects.filter(media_file=media_file, kind__in=kinds).update(
            status=Status.FAILED,
            error=message,
            duration=time.monotonic() - started,
            finished_at=timezone.now(),
        )
        for kind in kinds:
            _announce(media_file, kind, Status.FAILED)
    return {kind: Status.FAILED for kind in kinds}


def _release(media_file_id: int, kinds: list[str], message: str) -> None:
    Derivative.objects.filter(media_file_id=media_file_id, kind__in=kinds).update(
        status=Status.PENDING, error=message
    )


def _announce(media_file: MediaFile, kind: str, status: str) -> None:
    derivative_finished.send(
        sender=Derivative,
        media_file_id=media_file.pk,
        item_id=media_file.item_id,
        kind=kind,
        status=status,
    )
