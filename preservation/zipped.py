"""Stream a folder as a zip, chunk by chunk: neither the zip nor a file is ever held in memory."""

import hashlib
import zipfile
from collections.abc import Iterator
from pathlib import Path

CHUNK = 1024 * 1024
# Originals are mostly compressed already (JPEG, PDF, TIFF with LZW): deflating them costs CPU for
# nothing; the records and manifests are text and shrink well.
STORED_UNDER = "files"


class _Sink:
    """An unseekable file that keeps what zipfile writes until the generator hands it on."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def drain(self) -> bytes:
        data, self.parts = b"".join(self.parts), []
        return data


class ZipStream:
    """Iterate to get the zip of `folder` (entries under `prefix/`); then read size and sha256."""

    def __init__(self, folder: Path, prefix: str) -> None:
        self.folder, self.prefix = Path(folder), prefix
        self.size = 0
        self.digest = hashlib.sha256()

    @property
    def sha256(self) -> str:
        return self.digest.hexdigest()

    def __iter__(self) -> Iterator[bytes]:
        sink = _Sink()
        # An unseekable target makes zipfile write data descriptors: one pass, nothing rewound.
        with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(p for p in self.folder.rglob("*") if p.is_file()):
                yield from self._entry(archive, sink, path)
        yield from self._emit(sink)

    def _entry(self, archive: zipfile.ZipFile, sink: _Sink, path: Path) -> Iterator[bytes]:
        relative = path.relative_to(self.folder)
        info = zipfile.ZipInfo.from_file(path, f"{self.prefix}/{relative.as_posix()}")
        stored = STORED_UNDER in relative.parts[:-1]
        info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
        large = info.file_size >= zipfile.ZIP64_LIMIT
        with path.open("rb") as source, archive.open(info, "w", force_zip64=large) as entry:
            while chunk := source.read(CHUNK):
                entry.write(chunk)
                yield from self._emit(sink)
        yield from self._emit(sink)

    def _emit(self, sink: _Sink) -> Iterator[bytes]:
        data = sink.drain()
        if data:
            self.size += len(data)
            self.digest.update(data)
            yield data
