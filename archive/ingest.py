"""Take in an original: stream it to the write-once store while hashing, sniff it, record it."""

import os
from pathlib import Path
from typing import BinaryIO

from django.db import transaction
from django.db.models import Max

from collection import history

from . import derivatives, storage
from .imaging.sniff import sniff
from .models import MediaFile
from .signals import file_ingested


def ingest_file(
    item,
    source: BinaryIO | str | os.PathLike,
    original_filename: str = "",
    user=None,
    *,
    label: str = "",
    replaces: MediaFile | None = None,
    queue: str | None = None,
) -> MediaFile:
    """Store `source` as a new file of `item` (or a new version of `replaces`) and queue its
    derivatives once the transaction commits. The format comes from the bytes, never the name.
    """
    if isinstance(source, str | os.PathLike):
        original_filename = original_filename or Path(source).name
        with open(source, "rb") as fh:
            staged = storage.stage(fh)
    else:
        staged = storage.stage(source)
    # before the file is committed: a name the database cannot take (a non-UTF-8 name on disk)
    # failed the record and left a stored file without one
    original_filename = safe_filename(original_filename)
    try:
        sniffed = sniff(staged.path)
    except BaseException:
        staged.path.unlink(missing_ok=True)
        raise
    relpath = storage.commit(staged)
    with history.changes(user=user, comment=f"file {original_filename} ingested"):
        media_file = _record(
            item, original_filename, staged, sniffed, relpath, user, label, replaces
        )
        derivatives.ensure_records(media_file)
        file_ingested.send(sender=MediaFile, media_file_id=media_file.pk, item_id=item.pk)
        # robust: the file is safely stored whatever happens; a failed enqueue (broker down, or
        # an eager run that raised) leaves the records pending for regenerate_derivatives.
        transaction.on_commit(lambda: derivatives.request(media_file.pk, queue=queue), robust=True)
    return media_file


def safe_filename(name: str) -> str:
    """The name as text any database stores: undecodable bytes (a non-UTF-8 name on disk,
    which Python keeps as lone surrogates) become U+FFFD, NUL and other C0 controls go."""
    text = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return "".join(c for c in text if c >= " " and c != "\x7f")


def _record(item, filename, staged, sniffed, relpath, user, label, replaces) -> MediaFile:
    fields = {
        "item": item,
        "original_filename": Path(filename).name[:255] or "unnamed",
        "sha256": staged.sha256,
        "size": staged.size,
        "mime_type": sniffed.mime,
        "family": str(sniffed.family),
        "storage_path": relpath,
        "ingested_by": user if getattr(user, "is_authenticated", False) else None,
    }
    if replaces is None:
        top = MediaFile.objects.filter(item=item).aggregate(top=Max("position"))["top"]
        return MediaFile.objects.create(
            **fields, label=label, position=0 if top is None else top + 1
        )
    old = MediaFile.objects.select_for_update().get(pk=replaces.pk)
    if old.item_id != item.pk or not old.is_current:
        raise ValueError(f"{old} is not the current version of a file of {item}")
    MediaFile.objects.filter(pk=old.pk).update(is_current=False)
    return MediaFile.objects.create(
        **fields,
        label=label or old.label,
        position=old.position,
        version=old.version + 1,
        replaces=old,
    )
