"""The S3 store is down: an upload fails with a clear message and leaves no record without its file
(and no staged copy); derivatives wait for it instead of failing; fixity records nothing.

"Down" is an S3 endpoint on a loopback port where nothing listens: every request is refused, as
when the server is stopped. No S3 server is needed, so these run in both suite passes.
"""

import io
import socket

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from archive import derivatives, fixity, storage
from archive.ingest import ingest_file
from archive.models import Derivative, FixityCheck, MediaFile
from tests.archive import s3
from tests.archive.samples import image_bytes

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def s3_down(settings):
    down = f"http://key:secret@127.0.0.1:{closed_port()}"
    original = settings.STORAGES
    settings.STORAGES = s3.storages(down, "archive", settings.STORAGES)
    yield
    settings.STORAGES = original


def test_an_upload_to_a_store_that_is_down_says_so_and_saves_nothing(admin_client, item, s3_down):
    files = [SimpleUploadedFile("a.jpg", image_bytes()), SimpleUploadedFile("b.png", b"\x89PNG")]
    response = admin_client.post(
        "/admin/archive/mediafile/add/", {"item": item.pk, "label": "", "files": files}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing was saved" in page and "object storage unavailable" in page
    assert not MediaFile.objects.exists()
    assert list(storage.originals().staging_dir().glob("upload-*")) == []


def test_ingest_raises_storage_unavailable_and_records_nothing(item, s3_down):
    with pytest.raises(storage.StorageUnavailable, match="object storage unavailable"):
        ingest_file(item, io.BytesIO(image_bytes()), "a.jpg")
    assert not MediaFile.objects.exists()


def test_derivatives_wait_for_the_store_and_fixity_records_nothing(item, ingest, settings):
    media_file = ingest(item, image_bytes(), "a.jpg", queue=None)  # stored on the local disk
    Derivative.objects.filter(media_file=media_file).update(status=Derivative.Status.PENDING)
    settings.STORAGES = s3.storages(
        f"http://key:secret@127.0.0.1:{closed_port()}", "archive", settings.STORAGES
    )
    with pytest.raises(storage.StorageUnavailable):
        derivatives.make(media_file.pk, last_try=False)
    statuses = set(media_file.derivatives.values_list("status", flat=True))
    assert statuses == {Derivative.Status.PENDING}  # released for the retry, not failed
    with pytest.raises(storage.StorageUnavailable):
        fixity.check(media_file)
    with pytest.raises(CommandError, match="file store is unavailable"):
        call_command("check_fixity", "--all", verbosity=0)
    assert not FixityCheck.objects.exists()


def test_readiness_fails_while_the_store_is_down(client, s3_down):
    storage_check = client.get("/health/ready/").json()["checks"]["storage"]
    assert storage_check == {"status": "fail", "not_writable": ["originals", "derivatives"]}
