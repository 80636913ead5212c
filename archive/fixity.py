"""Fixity: re-hash a stored original, record the check, flag the file on a mismatch or loss."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import storage
from .models import FixityCheck, MediaFile

Result = FixityCheck.Result


def check(media_file: MediaFile) -> FixityCheck:
    """Hash the original (streamed from the store in chunks) and record the outcome; never
    touches the file itself. An unreachable store raises StorageUnavailable and records nothing:
    an outage says nothing about the file."""
    actual, size, message = "", None, ""
    try:
        actual, size = storage.hash_original(media_file.storage_path)
    except FileNotFoundError:
        result, message = Result.MISSING, f"no file at {media_file.storage_path}"
    except OSError as exc:
        # Unreadable is as bad as gone for an archive: flag it, and let a person look.
        result, message = Result.MISSING, f"cannot read {media_file.storage_path}: {exc}"
    else:
        result = Result.OK if actual == media_file.sha256 else Result.MISMATCH
        if result == Result.MISMATCH:
            message = f"expected {media_file.size} bytes, found {size}"
    return _record(media_file, result, actual, size, message)


def _record(media_file: MediaFile, result: str, actual: str, size, message: str) -> FixityCheck:
    now = timezone.now()
    with transaction.atomic():
        fixity_check = FixityCheck.objects.create(
            media_file=media_file,
            checked_at=now,
            result=result,
            expected_sha256=media_file.sha256,
            actual_sha256=actual,
            actual_size=size,
            message=message,
        )
        MediaFile.objects.filter(pk=media_file.pk).update(
            fixity_status=result, fixity_checked_at=now
        )
    media_file.fixity_status, media_file.fixity_checked_at = result, now
    return fixity_check


def due(now=None):
    """Files (every version, current or not) whose last check is older than the interval."""
    now = now or timezone.now()
    cutoff = now - timedelta(hours=settings.ARCHIVE_FIXITY_INTERVAL_HOURS)
    never_or_long_ago = Q(fixity_checked_at__isnull=True) | Q(fixity_checked_at__lt=cutoff)
    return MediaFile.objects.filter(never_or_long_ago).order_by("fixity_checked_at", "pk")
