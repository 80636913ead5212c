"""Where originals and derivatives live: write-once originals by content hash, derivatives beside.

Two Django storages, `archive_originals` and `archive_derivatives` in settings.STORAGES, chosen
by ARCHIVE_STORAGE (local: the filesystem, the default; s3: an S3-compatible object store). Both
are an ArchiveStorage (storage.base), implemented once per backend (storage.local, storage.s3);
the rest of the archive uses only the functions here and that interface, never a path on disk.
"""

import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.core.files.storage import storages

from .base import (
    CHUNK,
    ArchiveStorage,
    Staged,
    StorageUnavailable,
    Workspace,
    WriteOnceError,
    chunks,
    hash_stream,
)

__all__ = [
    "CHUNK",
    "ArchiveStorage",
    "Staged",
    "StorageUnavailable",
    "Workspace",
    "WriteOnceError",
    "chunks",
    "hash_stream",
]

ORIGINALS, DERIVATIVES = "archive_originals", "archive_derivatives"


def originals() -> ArchiveStorage:
    return storages[ORIGINALS]


def derivatives() -> ArchiveStorage:
    return storages[DERIVATIVES]


def original_relpath(sha256: str) -> str:
    """`sha256/ab/cd/<hash>`: two levels keep directories small at millions of files."""
    return f"sha256/{sha256[:2]}/{sha256[2:4]}/{sha256}"


def derivative_dir(media_file_id: int, sha256: str) -> str:
    """Relative directory of one file's derivatives; deterministic, so a rerun overwrites."""
    return f"{sha256[:2]}/{media_file_id}"


def hash_file(path: Path) -> tuple[str, int]:
    """SHA-256 and size of a local file, read in chunks so memory stays bounded."""
    with open(path, "rb") as fh:
        return hash_stream(fh)


def stage(fileobj: BinaryIO) -> Staged:
    """Copy a stream to a local temp file while hashing it (the bytes are sniffed from there)."""
    tmp_dir = originals().staging_dir()
    tmp_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=tmp_dir, prefix="upload-")
    digest, size = hashlib.sha256(), 0
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks(fileobj):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Staged(Path(tmp), digest.hexdigest(), size)


def commit(staged: Staged) -> str:
    """Store a staged file at its content address, write-once; return the relpath.

    The same bytes already stored are a no-op; different bytes at that address raise
    WriteOnceError; an unreachable store raises StorageUnavailable. The staged copy goes anyway.
    """
    relpath = original_relpath(staged.sha256)
    try:
        originals().store_once(relpath, staged)
    finally:
        staged.path.unlink(missing_ok=True)
    return relpath


def open_original(relpath: str) -> BinaryIO:
    """A stream of a stored original, read in chunks as it arrives."""
    return originals().open_stream(relpath)


def hash_original(relpath: str) -> tuple[str, int]:
    """SHA-256 and size of a stored original, streamed (bounded memory on every backend)."""
    return originals().hash(relpath)


@contextmanager
def local_original(relpath: str) -> Iterator[Path]:
    """A local path with the original's bytes for tools that need one; a temporary copy when
    the store is remote, removed on exit."""
    with originals().local_copy(relpath) as path:
        yield path


def derivative_exists(relpath: str) -> bool:
    """True when a derivative file (or the folder of IIIF tiles) is in the store."""
    return derivatives().tree_exists(relpath)


def read_derivative(relpath: str) -> bytes:
    """The bytes of a small derivative (info.json, techmd.json)."""
    with derivatives().open_stream(relpath) as fh:
        return fh.read()


# Local paths, for the filesystem backend only (tests and tools that inspect the folders).
def originals_root() -> Path:
    return Path(settings.ARCHIVE_ORIGINALS_ROOT)


def derivatives_root() -> Path:
    return Path(settings.ARCHIVE_DERIVATIVES_ROOT)


def original_path(relpath: str) -> Path:
    return originals_root() / relpath
