"""One contract for every archive storage: run on the local filesystem, and on S3 (S3Proxy) when
S3_TEST_URL is set. Write-once, replaceable derivatives, streamed fixity, serving after the access
check, temporary local copies, the orphan sweep, and the whole pipeline from upload to thumbnail."""

import hashlib
import io
import os
import tracemalloc
import urllib.request
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction

from archive import fixity, orphans, public, storage
from archive.ingest import ingest_file
from archive.models import Derivative, MediaFile
from collection import history
from collection.models import Item
from tests.archive import s3
from tests.archive.samples import image_bytes

pytestmark = pytest.mark.django_db
DATA = b"an original, deposited once\n" * 100


def store(data: bytes = DATA) -> str:
    return storage.commit(storage.stage(io.BytesIO(data)))


def publish(item: Item) -> None:
    with history.changes():
        item.status = Item.Status.PUBLISHED
        item.save()


def fetch(response) -> bytes:
    """The bytes a client ends up with: the file itself, or what the presigned URL returns."""
    if response.status_code == 302:
        with urllib.request.urlopen(response["Location"], timeout=10) as remote:
            return remote.read()
    assert response.status_code == 200
    return b"".join(response.streaming_content)


class StorageContract:
    """What every archive storage does. A subclass sets the storage up (an autouse fixture) and
    says how to damage a stored file behind the archive's back."""

    def damage(self, name: str, data: bytes) -> None:
        raise NotImplementedError("StorageContract.damage")

    def test_store_open_size_exists_delete(self):
        name = store()
        originals = storage.originals()
        assert name == storage.original_relpath(hashlib.sha256(DATA).hexdigest())
        assert originals.exists(name) and originals.size(name) == len(DATA)
        with storage.open_original(name) as fh:
            assert fh.read() == DATA
        assert [n for n, _ in originals.iter_files(orphans.ORIGINALS_PREFIX)] == [name]
        assert list(originals.staging_dir().glob("upload-*")) == []  # no staging leftovers
        missing = storage.original_relpath("0" * 64)
        assert not originals.exists(missing)
        with pytest.raises(FileNotFoundError):
            storage.hash_original(missing)
        originals.delete(name)
        assert not originals.exists(name)

    def test_the_same_bytes_again_are_a_no_op(self):
        assert store() == store()
        assert len(list(storage.originals().iter_files(orphans.ORIGINALS_PREFIX))) == 1

    def test_different_bytes_at_an_originals_address_are_refused(self):
        name = store()
        self.damage(name, b"rotten")
        with pytest.raises(storage.WriteOnceError):
            store()
        with storage.open_original(name) as fh:
            assert fh.read() == b"rotten"  # left for fixity to report, never overwritten

    def test_derivatives_are_written_read_and_replaced(self):
        for version in (b"first", b"second"):
            with storage.derivatives().workspace() as workspace:
                folder = workspace.root / "ab" / "7"
                folder.mkdir(parents=True, exist_ok=True)
                (folder / "text.txt").write_bytes(version)
                workspace.publish("ab/7")
            assert storage.read_derivative("ab/7/text.txt") == version
        assert storage.derivative_exists("ab/7") and storage.derivative_exists("ab/7/text.txt")
        assert not storage.derivative_exists("ab/8") and not storage.derivative_exists("ab/7/x")

    def test_fixity_streams_in_chunks_with_bounded_memory(self):
        data = os.urandom(8 * storage.CHUNK)
        name = store(data)
        tracemalloc.start()
        try:
            digest, size = storage.hash_original(name)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert (digest, size) == (hashlib.sha256(data).hexdigest(), len(data))
        assert peak < 4 * storage.CHUNK, f"hashing 8 MiB held {peak} bytes at once"

    def test_fixity_reports_ok_mismatch_and_missing(self, item):
        media_file = ingest_file(item, io.BytesIO(DATA), "a.txt")  # no derivatives: not committed
        assert fixity.check(media_file).result == "ok"
        self.damage(media_file.storage_path, b"rotten")
        assert fixity.check(media_file).result == "mismatch"
        storage.originals().delete(media_file.storage_path)
        assert fixity.check(media_file).result == "missing"

    def test_a_local_copy_for_the_imaging_tools_is_cleaned_up(self):
        name = store()
        with pytest.raises(RuntimeError), storage.local_original(name) as path:
            assert path.read_bytes() == DATA
            raise RuntimeError("Pillow gave up")
        # a remote store's copy is gone; a local store lent its own file, which stays
        assert path.exists() == storage.originals().local_files

    def test_upload_derive_and_serve_after_the_access_check(self, client, item, ingest):
        media_file = ingest(item, image_bytes("JPEG", (640, 480)), "a.jpg")
        done = dict(media_file.derivatives.values_list("kind", "status"))
        assert set(done.values()) == {Derivative.Status.DONE}, done
        publish(item)
        info = public.image_info(public.get_file(media_file.pk))
        assert fetch(client.get(info["thumbnail_url"]))[:3] == b"\xff\xd8\xff"
        image_id = public.iiif_image_id(media_file.sha256)
        assert client.get(f"/iiif/{image_id}/info.json").json()["width"] == 640
        assert fetch(client.get(f"/iiif/{image_id}/full/max/0/default.jpg"))[:3] == b"\xff\xd8\xff"

    def test_a_hidden_file_is_404_without_asking_the_store(self, client, item, ingest, monkeypatch):
        media_file = ingest(item, image_bytes(size=(320, 240)), "a.jpg")
        url = public.image_info(public.get_file(media_file.pk))["thumbnail_url"]
        asked = []
        derivatives = type(storage.derivatives())
        for method in ("serve", "exists", "open_stream", "tree_exists"):
            original = getattr(derivatives, method)
            monkeypatch.setattr(
                derivatives,
                method,
                lambda self, *a, _m=method, _o=original, **k: asked.append(_m) or _o(self, *a, **k),
            )
        assert client.get(url).status_code == 404  # a draft: not public
        assert asked == []
        publish(item)
        assert client.get(url).status_code in (200, 302) and asked == ["serve"]

    def test_readiness_sees_the_storage(self, client):
        storage.originals().create_root()
        storage.derivatives().create_root()
        assert client.get("/health/ready/").json()["checks"]["storage"]["status"] == "ok"

    def test_the_check_command_probes_both_storages(self):
        out = io.StringIO()
        call_command("archive_check_storage", "--create-bucket", stdout=out)
        assert out.getvalue().count(": ok\n") == 2, out.getvalue()

    def test_an_original_stored_without_its_record_is_swept(self, item):
        kept = ingest_file(item, io.BytesIO(b"kept"), "kept.txt")
        with pytest.raises(RuntimeError), transaction.atomic():
            ingest_file(item, io.BytesIO(DATA), "lost.txt")
            raise RuntimeError("the database commit failed after the file was stored")
        orphan = storage.original_relpath(hashlib.sha256(DATA).hexdigest())
        assert not MediaFile.objects.filter(storage_path=orphan).exists()
        assert storage.originals().exists(orphan)

        recent = orphans.sweep(timedelta(hours=24))
        assert (recent.too_recent, recent.removed) == (1, 0)  # its record may be on its way
        out = io.StringIO()
        call_command("archive_sweep_orphans", "--dry-run", "--min-age-hours=0", stdout=out)
        assert "1 orphans" in out.getvalue() and storage.originals().exists(orphan)
        swept = orphans.sweep(timedelta(0))
        assert (swept.scanned, swept.referenced, swept.orphans, swept.removed) == (2, 1, 1, 1)
        assert not storage.originals().exists(orphan)
        assert storage.originals().exists(kept.storage_path)


class TestLocalStorage(StorageContract):
    @pytest.fixture(autouse=True)
    def local(self, settings):
        assert settings.STORAGES["archive_originals"]["BACKEND"].endswith("LocalStorage")

    def damage(self, name: str, data: bytes) -> None:
        path = storage.original_path(name)
        os.chmod(path, 0o644)
        path.write_bytes(data)


@pytest.mark.skipif(not s3.S3_TEST_URL, reason=s3.SKIP_REASON)
class TestS3Storage(StorageContract):
    @pytest.fixture(autouse=True)
    def bucket(self, settings):
        name = s3.new_bucket_name()
        settings.STORAGES = s3.storages(s3.S3_TEST_URL, name, settings.STORAGES)
        client = storage.originals().client
        client.create_bucket(Bucket=name)
        yield name
        s3.empty_and_delete(client, name)

    def damage(self, name: str, data: bytes) -> None:
        originals = storage.originals()
        originals.client.put_object(
            Bucket=originals.bucket_name, Key=originals.key(name), Body=data
        )

    def test_a_public_file_is_a_short_lived_presigned_redirect(self, client, item, ingest):
        media_file = ingest(item, image_bytes(size=(320, 240)), "a.jpg")
        publish(item)
        url = public.image_info(public.get_file(media_file.pk))["thumbnail_url"]
        response = client.get(url)
        assert response.status_code == 302 and "X-Amz-Signature=" in response["Location"]
        assert "X-Amz-Expires=300" in response["Location"]
        assert "max-age=60" in response["Cache-Control"] and "private" in response["Cache-Control"]

    def test_stream_mode_sends_the_bytes_through_django(self, client, item, ingest, settings):
        media_file = ingest(item, image_bytes(size=(320, 240)), "a.jpg")
        publish(item)
        derivatives = settings.STORAGES["archive_derivatives"]
        settings.STORAGES = {
            **settings.STORAGES,
            "archive_derivatives": {
                **derivatives,
                "OPTIONS": {**derivatives["OPTIONS"], "serve_mode": "stream"},
            },
        }
        url = public.image_info(public.get_file(media_file.pk))["thumbnail_url"]
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
        assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"
        assert "public" in response["Cache-Control"]
