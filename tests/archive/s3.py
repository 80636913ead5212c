"""The S3 server the tests use (S3_TEST_URL, from scripts/s3proxy.sh url) and settings for it."""

import os
import uuid
from urllib.parse import urlsplit

from botocore.config import Config

S3_TEST_URL = os.environ.get("S3_TEST_URL", "")
SKIP_REASON = (
    "needs an S3 server: set S3_TEST_URL=$(bash scripts/s3proxy.sh url) "
    "(make test does, in its PostgreSQL pass)"
)


def options(url: str, bucket: str) -> dict:
    """S3ArchiveStorage OPTIONS for `http://KEY:SECRET@host:port` and a bucket."""
    parts = urlsplit(url)
    return {
        "endpoint_url": f"{parts.scheme}://{parts.hostname}:{parts.port}",
        "access_key": parts.username,
        "secret_key": parts.password,
        "bucket_name": bucket,
        "querystring_expire": 300,
        "client_config": Config(
            connect_timeout=2,
            read_timeout=20,
            retries={"max_attempts": 2, "mode": "standard"},
            s3={"addressing_style": "path"},
            signature_version="s3v4",
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required",
        ),
    }


def storages(url: str, bucket: str, base: dict) -> dict:
    """settings.STORAGES with the archive's two storages on S3 (as ARCHIVE_STORAGE=s3 makes it)."""
    common = options(url, bucket)
    backend = "archive.storage.s3.S3ArchiveStorage"
    return {
        **base,
        "archive_originals": {"BACKEND": backend, "OPTIONS": {**common, "location": "originals"}},
        "archive_derivatives": {
            "BACKEND": backend,
            "OPTIONS": {**common, "location": "derivatives"},
        },
    }


def new_bucket_name() -> str:
    return f"test-{uuid.uuid4().hex[:16]}"


def empty_and_delete(client, bucket: str) -> None:
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for entry in page.get("Contents", ()):
            # S3Proxy's filesystem provider lists its folders as "x/" keys and takes seconds to
            # delete one; deleting the bucket removes them anyway.
            if not entry["Key"].endswith("/"):
                client.delete_object(Bucket=bucket, Key=entry["Key"])
    client.delete_bucket(Bucket=bucket)
