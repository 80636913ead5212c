"""The admin: upload, checksum, fixity history and derivative statuses; originals never deleted."""

import lxml.html
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from archive import fixity
from archive.models import FixityCheck, MediaFile
from tests.archive.samples import image_bytes, zip_bytes

pytestmark = pytest.mark.django_db


def form_values(html: bytes, form_index: int = -1) -> dict:
    """What a browser would send for a form as rendered (the last form on the page by default)."""
    form = lxml.html.fromstring(html).forms[form_index]
    data: dict[str, list] = {}
    for name, value in form.form_values():
        data.setdefault(name, []).append(value)
    return data


def test_upload_through_the_admin_stores_and_derives(
    admin_client, item, django_capture_on_commit_callbacks
):
    page = admin_client.get("/admin/archive/mediafile/add/")
    assert page.status_code == 200 and b'type="file"' in page.content
    files = [
        SimpleUploadedFile("front.jpg", image_bytes("PNG"), "image/jpeg"),
        SimpleUploadedFile("back.tif", zip_bytes(), "image/tiff"),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/archive/mediafile/add/", {"item": item.pk, "files": files, "label": ""}
        )
    assert response.status_code == 302
    front, back = MediaFile.objects.order_by("position")
    assert (front.mime_type, back.mime_type) == ("image/png", "application/zip")
    assert front.ingested_by.username == "admin"
    assert front.derivatives.get(kind="thumbnail").status == "done"
    assert back.derivatives.get(kind="thumbnail").status == "failed"


def test_a_new_version_is_uploaded_from_the_file_page(admin_client, item, ingest):
    old = ingest(item, image_bytes(), "scan.jpg")
    page = admin_client.get(f"/admin/archive/mediafile/{old.pk}/change/")
    assert f"replaces={old.pk}".encode() in page.content
    upload = SimpleUploadedFile("scan2.png", image_bytes("PNG"))
    response = admin_client.post(
        f"/admin/archive/mediafile/add/?item={item.pk}&replaces={old.pk}",
        {"item": item.pk, "replaces": old.pk, "files": [upload]},
    )
    assert response.status_code == 302
    new = MediaFile.objects.get(replaces=old)
    assert new.version == 2 and not MediaFile.objects.get(pk=old.pk).is_current
    listing = admin_client.get(f"/admin/archive/mediafile/{new.pk}/change/").content.decode()
    assert "v1" in listing and "v2" in listing


def test_file_page_shows_checksum_fixity_history_and_derivatives(admin_client, item, ingest):
    media_file = ingest(item, image_bytes(), "scan.jpg")
    fixity.check(media_file)
    html = admin_client.get(f"/admin/archive/mediafile/{media_file.pk}/change/").content.decode()
    assert media_file.sha256 in html
    assert "fixity history" in html.lower() and "thumbnail" in html and "IIIF tiles" in html
    listing = admin_client.get("/admin/archive/mediafile/").content.decode()
    assert media_file.sha256[:12] in listing and "derivative-done" in listing
    history = admin_client.get(f"/admin/archive/fixitycheck/?media_file__id__exact={media_file.pk}")
    assert history.status_code == 200 and media_file.sha256 in history.content.decode()


def test_label_edits_save_but_the_original_cannot_be_deleted(admin_client, item, ingest):
    media_file = ingest(item, image_bytes(), "scan.jpg")
    url = f"/admin/archive/mediafile/{media_file.pk}/change/"
    data = form_values(admin_client.get(url).content)
    data["label"] = ["Front side"]
    assert admin_client.post(url, data).status_code == 302
    assert MediaFile.objects.get(pk=media_file.pk).label == "Front side"
    assert admin_client.get(f"{url[:-7]}delete/").status_code in (302, 403)
    assert MediaFile.objects.filter(pk=media_file.pk).exists()


def test_the_item_stays_editable_after_a_failed_file(admin_client, item, ingest):
    ingest(item, zip_bytes(), "broken.jpg")
    url = f"/admin/collection/item/{item.pk}/change/"
    page = admin_client.get(url)
    assert page.status_code == 200
    data = form_values(page.content)
    data["_save"] = ["Save"]
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content[:2000]


def test_actions_check_fixity_and_regenerate(admin_client, item, ingest):
    media_file = ingest(item, image_bytes(), "scan.jpg")
    changelist = "/admin/archive/mediafile/"
    admin_client.post(
        changelist, {"action": "check_fixity_now", "_selected_action": [media_file.pk]}
    )
    assert FixityCheck.objects.filter(media_file=media_file, result="ok").count() == 1
    admin_client.post(
        changelist, {"action": "regenerate_derivatives", "_selected_action": [media_file.pk]}
    )
    assert {d.attempts for d in media_file.derivatives.all()} == {2}
    assert {d.status for d in media_file.derivatives.all()} == {"done"}
