"""Write-once, content-addressed storage of originals, and where each file's derivatives go."""

import hashlib
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.conf import settings

CHUNK = 1024 * 1024
READ_ONLY = 0o444


@dataclass(frozen=True)
class Staged:
    """An upload copied to a temporary file beside the store, with its hash and size."""

    path: Path
    sha256: str
    size: int


def originals_root() -> Path:
    return Path(settings.ARCHIVE_ORIGINALS_ROOT)


def derivatives_root() -> Path:
    return Path(settings.ARCHIVE_DERIVATIVES_ROOT)


def original_relpath(sha256: str) -> str:
    """`sha256/ab/cd/<hash>`: two levels keep directories small at millions of files."""
    return f"sha256/{sha256[:2]}/{sha256[2:4]}/{sha256}"


def original_path(relpath: str) -> Path:
    return originals_root() / relpath


def chunks(fileobj: BinaryIO) -> Iterator[bytes]:
    while chunk := fileobj.read(CHUNK):
        yield chunk


def hash_file(path: Path) -> tuple[str, int]:
    """SHA-256 and size of a file, read in chunks so memory stays bounded."""
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as fh:
        for chunk in chunks(fh):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def stage(fileobj: BinaryIO) -> Staged:
    """Copy a stream to a temp file under the store root while hashing it."""
    tmp_dir = originals_root() / "tmp"
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
    """Move a staged file to its content address unless that already exists; return the relpath.

    The original is never overwritten: identical content is already there (same hash), and
    os.link refuses an existing target, so two concurrent ingests cannot clobber each other.
    """
    relpath = original_relpath(staged.sha256)
    target = original_path(relpath)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        if not target.exists():
            os.chmod(staged.path, READ_ONLY)
            os.link(staged.path, target)
            _fsync_dir(target.parent)
    except FileExistsError:
        pass  # the same bytes arrived at the same moment from elsewhere
    finally:
        staged.path.unlink(missing_ok=True)
    return relpath


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def derivative_dir(media_file_id: int, sha256: str) -> str:
    """Relative directory of one file's derivatives; deterministic, so a rerun overwrites."""
    return f"{sha256[:2]}/{media_file_id}"
