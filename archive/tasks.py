"""Celery tasks of the archive: thin, id-taking, safe to rerun; the work is in the services."""

import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError

from . import derivatives, fixity
from .imaging.errors import TransientError
from .models import MediaFile
from .queues import BULK_QUEUE
from .storage import StorageUnavailable

log = logging.getLogger(__name__)
MAX_RETRIES = 5


def backoff(retries: int) -> int:
    """Seconds before retry number `retries + 1`: 10, 20, 40, 80, 160."""
    return min(10 * 2**retries, 600)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=MAX_RETRIES)
def make_derivatives(self, media_file_id: int, kinds: list[str] | None = None) -> dict:
    """Make the pending derivatives of one media file (all kinds, or only `kinds`)."""
    last_try = self.request.retries >= self.max_retries
    try:
        return derivatives.make(
            media_file_id, task_id=self.request.id or "", kinds=kinds, last_try=last_try
        )
    except MediaFile.DoesNotExist:
        log.warning("media file %s is gone; nothing to derive", media_file_id)
        return {}
    except (TransientError, OperationalError, InterfaceError) as exc:
        raise self.retry(exc=exc, countdown=backoff(self.request.retries)) from exc


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=MAX_RETRIES)
def check_fixity_of_file(self, media_file_id: int) -> str:
    """Re-hash one original and record the check; returns the result."""
    try:
        return fixity.check(MediaFile.objects.get(pk=media_file_id)).result
    except MediaFile.DoesNotExist:
        return "gone"
    except (StorageUnavailable, OperationalError, InterfaceError) as exc:
        raise self.retry(exc=exc, countdown=backoff(self.request.retries)) from exc


@shared_task(acks_late=True)
def audit_fixity() -> int:
    """Periodic: queue a check of every file not checked within ARCHIVE_FIXITY_INTERVAL_HOURS."""
    count = 0
    for media_file_id in fixity.due().values_list("pk", flat=True).iterator():
        check_fixity_of_file.apply_async((media_file_id,), queue=BULK_QUEUE)
        count += 1
    return count


@shared_task(acks_late=True)
def attach_generated_images(item_ids: list[int], seed: int = 0) -> int:
    """Give generated items without a file a small deterministic image; returns how many."""
    from .generated import attach_images

    return attach_images(item_ids, seed)
