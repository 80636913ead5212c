"""What the archive asks of a storage beyond Django's Storage API; backends implement it."""

import hashlib
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from django.core.files.base import ContentFile
from django.http import HttpResponse

from ..imaging.errors import TransientError

CHUNK = 1024 * 1024
PROBE = b"archive storage probe\n"


@dataclass(frozen=True)
class Staged:
    """An upload copied to a local temporary file, with its hash and size."""

    path: Path
    sha256: str
    size: int


class StorageUnavailable(TransientError):
    """The storage cannot be reached or refused the request for a reason of its own: retry later.

    A TransientError, so a derivative task retries it; an upload shows the message and stores no
    record.
    """


class WriteOnceError(Exception):
    """A different file already sits at an original's address: never overwrite an original."""


def chunks(fileobj: BinaryIO, size: int = CHUNK) -> Iterator[bytes]:
    while chunk := fileobj.read(size):
        yield chunk


def hash_stream(fileobj: BinaryIO) -> tuple[str, int]:
    """SHA-256 and size of a stream, read in chunks so memory stays bounded."""
    digest, size = hashlib.sha256(), 0
    for chunk in chunks(fileobj):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


class Workspace:
    """A local folder the imaging steps write derivatives into, then published to the storage."""

    def __init__(self, storage: "ArchiveStorage", root: Path) -> None:
        self.storage, self.root = storage, root

    def publish(self, directory: str) -> None:
        """Make what the steps wrote under `root/directory` readable from the storage."""
        self.storage.publish_tree(self.root, directory)


class ArchiveStorage:
    """Mixed into a Django Storage class: the archive's operations on top of open/exists/size.

    Names are relative to the storage's root (originals: `sha256/ab/cd/<hash>`; derivatives:
    `<sha prefix>/<file id>/...`). Subclasses implement the methods that raise
    NotImplementedError; the rest are written once here in terms of them.
    """

    # Whether a derivative served by the web server through X-Accel-Redirect is possible.
    local_files = False

    def staging_dir(self) -> Path:
        """Where uploads are copied while they are hashed and sniffed."""
        raise NotImplementedError("ArchiveStorage.staging_dir")

    def _put_new(self, name: str, staged: Staged) -> bool:
        """Store a staged file under `name` unless something is there; False when it was."""
        raise NotImplementedError("ArchiveStorage._put_new")

    def publish_tree(self, root: Path, directory: str) -> None:
        """Upload every file under `root/directory` to the same names (replacing them)."""
        raise NotImplementedError("ArchiveStorage.publish_tree")

    def tree_exists(self, name: str) -> bool:
        """True when `name` is a file or a folder (a prefix) holding at least one file."""
        raise NotImplementedError("ArchiveStorage.tree_exists")

    def iter_files(self, prefix: str = "") -> Iterator[tuple[str, datetime]]:
        """Every file name under `prefix` with its modification time, in bounded memory."""
        raise NotImplementedError("ArchiveStorage.iter_files")

    def serve(self, name: str, content_type: str = "", accel: bool = True) -> HttpResponse:
        """The response that hands one file to a client who has passed the access check."""
        raise NotImplementedError("ArchiveStorage.serve")

    def open_stream(self, name: str) -> BinaryIO:
        """A binary stream of the file, read as it arrives (never whole into memory or disk)."""
        return self.open(name, "rb")

    @contextmanager
    def workspace(self) -> Iterator[Workspace]:
        """A folder for the imaging steps; by default a temporary one, removed afterwards."""
        root = Path(tempfile.mkdtemp(prefix="archive-derivatives-"))
        try:
            yield Workspace(self, root)
        finally:
            shutil.rmtree(root, ignore_errors=True)

    @contextmanager
    def local_copy(self, name: str) -> Iterator[Path]:
        """A local file with the bytes of `name` (for Pillow, pdfium), removed afterwards."""
        fd, tmp = tempfile.mkstemp(prefix="archive-original-")
        path = Path(tmp)
        try:
            with open(fd, "wb") as out, self.open_stream(name) as src:
                shutil.copyfileobj(src, out, CHUNK)
            yield path
        finally:
            path.unlink(missing_ok=True)

    def store_once(self, name: str, staged: Staged) -> None:
        """Write-once: store `staged` at `name`; the same bytes there already are a no-op, other
        bytes there are refused (WriteOnceError) and left alone."""
        if self.exists(name) or not self._put_new(name, staged):
            self._check_same(name, staged)

    def _check_same(self, name: str, staged: Staged) -> None:
        # The name is the content's hash, so a mismatch means damage at that address: refuse,
        # and let fixity (which reports the damage) and a person deal with it.
        if self.size(name) == staged.size:
            with self.open_stream(name) as fh:
                if hash_stream(fh)[0] == staged.sha256:
                    return
        raise WriteOnceError(
            f"{name} already holds different bytes; an original is never overwritten "
            "(run check_fixity: the stored copy is damaged)"
        )

    def create_root(self) -> None:
        """Create the folder or bucket the storage writes into, when it is missing."""
        raise NotImplementedError("ArchiveStorage.create_root")

    def describe(self) -> str:
        """Where the files go, for people (commands, health)."""
        raise NotImplementedError("ArchiveStorage.describe")

    def reachable(self) -> bool:
        """A cheap, read-only sign that writes can succeed (for readiness probes)."""
        raise NotImplementedError("ArchiveStorage.reachable")

    def probe(self) -> None:
        """Write, read back and delete a small file; raises when the storage cannot do that."""
        saved = self.save(f"probe/{uuid.uuid4().hex}", ContentFile(PROBE))
        try:
            with self.open_stream(saved) as fh:
                if fh.read() != PROBE:
                    raise StorageUnavailable(f"{saved} read back other bytes than were written")
        finally:
            self.delete(saved)

    def hash(self, name: str) -> tuple[str, int]:
        """SHA-256 and size of a stored file, streamed in chunks (bounded memory)."""
        with self.open_stream(name) as fh:
            return hash_stream(fh)
