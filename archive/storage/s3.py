"""The archive's files in an S3-compatible object store (django-storages' S3Storage, boto3).

Serving hands the client a short-lived presigned URL (a redirect) after the access check, so the
web process never carries the bytes; `serve_mode="stream"` (ARCHIVE_S3_SERVE=stream) streams them
through the web process instead, for stores that clients cannot reach.
"""

import mimetypes
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from boto3.exceptions import Boto3Error
from botocore.exceptions import BotoCoreError, ClientError
from django.http import HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from storages.backends.s3 import S3Storage
from storages.utils import clean_name, setting

from .base import CHUNK, ArchiveStorage, Staged, StorageUnavailable, chunks

# Parallel uploads when publishing a step's outputs (IIIF tiles are many small files).
PUBLISH_THREADS = 8
NOT_FOUND_CODES = frozenset({"404", "NoSuchKey", "NotFound"})


@contextmanager
def translated(name: str) -> Iterator[None]:
    """boto3's errors as the archive's: FileNotFoundError or StorageUnavailable."""
    try:
        yield
    except ClientError as exc:
        error = exc.response.get("Error", {})
        if error.get("Code") in NOT_FOUND_CODES:
            raise FileNotFoundError(f"no file at {name}") from exc
        raise StorageUnavailable(
            f"object storage refused {exc.operation_name} of {name}: "
            f"{error.get('Code')} {error.get('Message', '')}".strip()
        ) from exc
    except (BotoCoreError, Boto3Error) as exc:  # Boto3Error: upload_file's S3UploadFailedError
        raise StorageUnavailable(f"object storage unavailable: {exc}") from exc


class Stream:
    """An S3 object's body read as it arrives, its errors translated."""

    def __init__(self, body, name: str) -> None:
        self.body, self.name = body, name

    def read(self, size: int = -1) -> bytes:
        with translated(self.name):
            return self.body.read(None if size is None or size < 0 else size)

    def close(self) -> None:
        self.body.close()

    def __enter__(self) -> "Stream":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class S3ArchiveStorage(ArchiveStorage, S3Storage):
    def get_default_settings(self) -> dict:
        # "redirect" (presigned URL) or "stream": how serve() hands out a file.
        return {**super().get_default_settings(), "serve_mode": setting("ARCHIVE_S3_SERVE")}

    @property
    def client(self):
        return self.connection.meta.client

    def key(self, name: str) -> str:
        return self._normalize_name(clean_name(name))

    def _name_of(self, key: str) -> str:
        return key[len(self.location) + 1 :] if self.location else key

    def create_root(self) -> None:
        with translated(self.bucket_name):
            try:
                self.client.head_bucket(Bucket=self.bucket_name)
            except ClientError as exc:
                if exc.response.get("Error", {}).get("Code") not in NOT_FOUND_CODES | {
                    "NoSuchBucket"
                }:
                    raise
                self.client.create_bucket(Bucket=self.bucket_name)

    def describe(self) -> str:
        where = self.endpoint_url or "Amazon S3"
        return f"S3 bucket {self.bucket_name} at {where}, prefix {self.location or '/'}"

    def reachable(self) -> bool:
        try:
            with translated(self.bucket_name):
                self.client.head_bucket(Bucket=self.bucket_name)
        except (StorageUnavailable, FileNotFoundError):
            return False
        return True

    def probe(self) -> None:
        with translated("probe"):
            super().probe()

    def staging_dir(self) -> Path:
        return Path(tempfile.gettempdir()) / "archive-staging"

    def exists(self, name: str) -> bool:
        with translated(name):
            return super().exists(name)

    def size(self, name: str) -> int:
        with translated(name):
            return super().size(name)

    def delete(self, name: str) -> None:
        with translated(name):
            super().delete(name)

    def open_stream(self, name: str) -> BinaryIO:
        with translated(name):
            body = self.client.get_object(Bucket=self.bucket_name, Key=self.key(name))["Body"]
        return Stream(body, name)

    def _put_new(self, name: str, staged: Staged) -> bool:
        # Not atomic with the exists() before it, and needs not be: the key is the content's
        # SHA-256, so two racing uploads of one key carry the same bytes.
        extra = {"ContentType": "application/octet-stream", "Metadata": {"sha256": staged.sha256}}
        with translated(name):
            self.client.upload_file(
                str(staged.path), self.bucket_name, self.key(name), ExtraArgs=extra
            )
        return True

    def publish_tree(self, root: Path, directory: str) -> None:
        base = root / directory
        files = [path for path in base.rglob("*") if path.is_file()]
        # One client for all threads (boto3 clients are thread-safe): `self.connection` is
        # per thread, and building one costs more than uploading a tile.
        client = self.client
        with ThreadPoolExecutor(PUBLISH_THREADS) as pool:
            list(pool.map(lambda path: self._upload(client, path, path.relative_to(root)), files))
        for path in files:  # published: a later step's publish must not send them again
            path.unlink()

    def _upload(self, client, path: Path, name: Path) -> None:
        content_type = mimetypes.guess_type(name.name)[0] or "application/octet-stream"
        with translated(name.as_posix()), open(path, "rb") as body:
            client.put_object(
                Bucket=self.bucket_name,
                Key=self.key(name.as_posix()),
                Body=body,
                ContentType=content_type,
            )

    def tree_exists(self, name: str) -> bool:
        if self.exists(name):
            return True
        with translated(name):
            found = self.client.list_objects_v2(
                Bucket=self.bucket_name, Prefix=self.key(name) + "/", MaxKeys=1
            )
        return found.get("KeyCount", 0) > 0

    def iter_files(self, prefix: str = "") -> Iterator[tuple[str, datetime]]:
        start = self.key(prefix) + "/" if prefix else (self.location + "/" if self.location else "")
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket_name, Prefix=start
        )
        with translated(prefix or "/"):
            for page in pages:
                for entry in page.get("Contents", ()):
                    if entry["Key"].endswith("/"):
                        continue  # a folder marker (S3Proxy's filesystem provider lists them)
                    yield self._name_of(entry["Key"]), entry["LastModified"]

    def serve(self, name: str, content_type: str = "", accel: bool = True) -> HttpResponse:
        if self.serve_mode == "stream":
            return self._stream(name, content_type)
        params = {"ResponseContentType": content_type} if content_type else None
        return HttpResponseRedirect(self.url(name, parameters=params))

    def _stream(self, name: str, content_type: str) -> HttpResponse:
        with translated(name):
            found = self.client.get_object(Bucket=self.bucket_name, Key=self.key(name))
        response = StreamingHttpResponse(
            chunks(Stream(found["Body"], name), CHUNK),
            content_type=content_type or found.get("ContentType") or "application/octet-stream",
        )
        response["Content-Length"] = str(found["ContentLength"])
        return response
