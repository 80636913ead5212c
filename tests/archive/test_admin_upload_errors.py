"""The upload page answers a missing file or a stale "new version" with a message (issue 10, rows 7, 11)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from archive.models import MediaFile
from tests.archive.samples import image_bytes

pytestmark = pytest.mark.django_db
URL = "/admin/archive/mediafile/add/"


def test_upload_without_a_file_is_a_form_error(admin_client, item):
    response = admin_client.post(URL, {"item": item.pk, "label": ""})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not MediaFile.objects.exists()


def test_a_part_with_an_empty_file_name_is_a_form_error(admin_client, item):
    # what a browser sends when no file was chosen: a file part whose filename is ""
    body = encode_multipart(BOUNDARY, {"item": str(item.pk), "label": ""})
    empty = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename=""\r\n'
        "Content-Type: application/octet-stream\r\n\r\n\r\n"
    ).encode()
    response = admin_client.generic("POST", URL, empty + body, content_type=MULTIPART_CONTENT)
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not MediaFile.objects.exists()


def test_a_new_version_of_a_replaced_file_says_why(admin_client, item, ingest):
    old = ingest(item, image_bytes(), "scan.jpg")
    ingest(item, image_bytes("PNG"), "scan.png", replaces=old)
    upload = SimpleUploadedFile("scan3.png", image_bytes("PNG"))
    response = admin_client.post(
        f"{URL}?item={item.pk}&replaces={old.pk}",
        {"item": item.pk, "replaces": old.pk, "files": [upload]},
    )
    assert response.status_code == 200
    assert "has a newer version already" in response.content.decode()
    assert MediaFile.objects.count() == 2


def test_a_new_version_of_a_missing_file_says_why(admin_client, item):
    upload = SimpleUploadedFile("scan.png", image_bytes("PNG"))
    response = admin_client.post(URL, {"item": item.pk, "replaces": 999999, "files": [upload]})
    assert response.status_code == 200
    assert "no longer exists" in response.content.decode()
    assert not MediaFile.objects.exists()
