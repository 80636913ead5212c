"""Originals are stored write-once by content hash; the format comes from the bytes."""

import os
import stat

import pytest

from archive import storage
from archive.models import MediaFile
from tests.archive.samples import image_bytes, zip_bytes

pytestmark = pytest.mark.django_db


def test_original_is_stored_read_only_under_its_hash(item, ingest):
    data = image_bytes("PNG")
    media_file = ingest(item, data, "scan.png")
    path = storage.original_path(media_file.storage_path)
    assert media_file.storage_path == storage.original_relpath(media_file.sha256)
    assert media_file.storage_path.startswith(f"sha256/{media_file.sha256[:2]}/")
    assert path.read_bytes() == data and media_file.size == len(data)
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    assert list((storage.originals_root() / "tmp").iterdir()) == []  # no staging leftovers


def test_same_content_shares_one_file_but_each_upload_is_its_own_record(make_item, ingest):
    data = image_bytes("PNG")
    first = ingest(make_item("photo-a"), data, "a.png")
    second = ingest(make_item("photo-b"), data, "b.png")
    assert first.pk != second.pk and first.storage_path == second.storage_path
    assert second.original_filename == "b.png"


def test_an_existing_original_is_never_overwritten(item, ingest):
    media_file = ingest(item, image_bytes("PNG"), "a.png")
    path = storage.original_path(media_file.storage_path)
    os.chmod(path, 0o644)
    path.write_bytes(b"damaged")  # as if the disk had rotted
    with pytest.raises(storage.WriteOnceError):  # refused: no record may vouch for the damage
        ingest(item, image_bytes("PNG"), "again.png")
    assert path.read_bytes() == b"damaged"  # left for fixity to report, not silently replaced
    assert MediaFile.objects.count() == 1


def test_sniffing_ignores_the_extension(item, ingest):
    media_file = ingest(item, image_bytes("PNG"), "holiday.jpg")
    assert (media_file.mime_type, media_file.family) == ("image/png", "image")
    assert ingest(item, zip_bytes(), "photo.tif").mime_type == "application/zip"


def test_a_new_version_keeps_the_old_file_and_lists_both(item, ingest):
    old = ingest(item, image_bytes("JPEG"), "scan.jpg", label="front")
    new = ingest(item, image_bytes("PNG"), "scan-better.png", replaces=old)
    old.refresh_from_db()
    assert (old.is_current, new.is_current, new.version, new.label) == (False, True, 2, "front")
    assert storage.original_path(old.storage_path).exists()
    assert [v.pk for v in new.versions()] == [old.pk, new.pk] == [v.pk for v in old.versions()]
    assert list(MediaFile.objects.current().filter(item=item)) == [new]


def test_only_the_current_version_can_be_replaced(item, ingest):
    old = ingest(item, image_bytes("JPEG"), "scan.jpg")
    ingest(item, image_bytes("PNG"), "v2.png", replaces=old)
    old.refresh_from_db()
    with pytest.raises(ValueError):
        ingest(item, image_bytes("PNG", size=(10, 10)), "v3.png", replaces=old)
