"""The archive's files on the local filesystem: the default, and the layout the archive always had."""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404, HttpResponse

from .base import ArchiveStorage, Staged, Workspace

READ_ONLY = 0o444


class LocalStorage(ArchiveStorage, FileSystemStorage):
    """A folder named by a setting, read at each use (override_settings and tests move it)."""

    local_files = True
    root_setting = "ARCHIVE_ORIGINALS_ROOT"  # the setting that names this storage's folder

    def __init__(self, root_setting: str | None = None, **kwargs) -> None:
        if root_setting:
            self.root_setting = root_setting
        super().__init__(**kwargs)

    @property
    def base_location(self) -> str:
        return os.fspath(getattr(settings, self.root_setting))

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def create_root(self) -> None:
        Path(self.location).mkdir(parents=True, exist_ok=True)

    def describe(self) -> str:
        return f"local folder {self.location}"

    def reachable(self) -> bool:
        return os.access(self.location, os.W_OK)

    def staging_dir(self) -> Path:
        # Beside the store, on the same filesystem, so committing is a hard link, not a copy.
        return Path(self.location) / "tmp"

    def _put_new(self, name: str, staged: Staged) -> bool:
        target = Path(self.path(name))
        target.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(staged.path, READ_ONLY)
        try:
            # os.link refuses an existing target: two concurrent ingests cannot clobber each other.
            os.link(staged.path, target)
        except FileExistsError:
            return False
        _fsync_dir(target.parent)
        return True

    def _check_same(self, name: str, staged: Staged) -> None:
        super()._check_same(name, staged)
        # A fresh mtime tells archive_sweep_orphans that a record for this file is on its way.
        os.utime(self.path(name))

    @contextmanager
    def workspace(self) -> Iterator[Workspace]:
        # The steps write straight into the store: nothing to copy, nothing to clean up.
        yield Workspace(self, Path(self.location))

    @contextmanager
    def local_copy(self, name: str) -> Iterator[Path]:
        path = Path(self.path(name))
        if not path.is_file():
            raise FileNotFoundError(f"no file at {name}")
        yield path  # already local: no copy

    def publish_tree(self, root: Path, directory: str) -> None:
        pass  # the workspace is the store itself

    def tree_exists(self, name: str) -> bool:
        return os.path.exists(self.path(name))

    def iter_files(self, prefix: str = "") -> Iterator[tuple[str, datetime]]:
        base = Path(self.location)
        for folder, _dirs, files in os.walk(self.path(prefix) if prefix else base):
            for file in files:
                path = Path(folder) / file
                modified = datetime.fromtimestamp(path.stat().st_mtime, UTC)
                yield path.relative_to(base).as_posix(), modified

    def serve(self, name: str, content_type: str = "", accel: bool = True) -> HttpResponse:
        root = Path(self.location).resolve()
        path = Path(self.path(name)).resolve()
        if not path.is_relative_to(root) or not path.is_file():
            raise Http404("No such file.")
        prefix = settings.MEDIA_ACCEL_REDIRECT
        if accel and prefix:
            response = HttpResponse()
            below_media = path.relative_to(Path(settings.MEDIA_ROOT).resolve()).as_posix()
            response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + below_media
            response["Content-Type"] = ""  # let the web server set it from the file
            return response
        return FileResponse(path.open("rb"), content_type=content_type or None)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
