"""ingest_folder on hostile folders (issue 10, row 9): odd names, empty files, unreadable files."""

import os
from unittest import mock

import pytest
from django.core.management import CommandError, call_command

from archive import storage
from archive.models import MediaFile
from tests.archive.samples import image_bytes

pytestmark = pytest.mark.django_db(transaction=True)


def write(folder, name: bytes, data: bytes) -> None:
    with open(os.path.join(os.fsencode(folder), name), "wb") as fh:
        fh.write(data)


def stored_originals() -> list:
    root = storage.originals_root()
    return [p for p in root.rglob("*") if p.is_file() and p.relative_to(root).parts[0] != "tmp"]


def test_a_non_utf8_file_name_is_stored_under_a_safe_name_and_reported(make_item, tmp_path, capsys):
    item = make_item("photo-1")
    write(tmp_path, b"photo-1__verso-\xff\xfe.jpg", image_bytes())
    write(tmp_path, b"photo-1.png", image_bytes("PNG"))
    call_command("ingest_folder", str(tmp_path))
    out = capsys.readouterr()
    assert "2 ingested, 0 already present, 0 no matching item, 0 empty, 0 failed" in out.out
    assert "not valid UTF-8" in out.err
    names = sorted(item.files.values_list("original_filename", flat=True))
    assert names == ["photo-1.png", "photo-1__verso-\ufffd\ufffd.jpg"]
    assert len(stored_originals()) == MediaFile.objects.count() == 2  # none without a record


def test_a_non_utf8_name_without_an_item_is_reported_without_crashing(tmp_path, capsys):
    write(tmp_path, b"\xff\xfe.jpg", image_bytes())
    call_command("ingest_folder", str(tmp_path))
    out = capsys.readouterr()
    assert "0 ingested, 0 already present, 1 no matching item" in out.out
    assert "no item for \ufffd\ufffd.jpg" in out.err
    assert not stored_originals()


def test_an_empty_file_is_refused_with_a_message(item, tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "front.jpg").write_bytes(image_bytes())
    call_command("ingest_folder", str(tmp_path), "--item", item.identifier)
    out = capsys.readouterr()
    assert "1 ingested, 0 already present, 0 no matching item, 1 empty, 0 failed" in out.out
    assert "empty.txt: the file is empty" in out.err
    assert list(item.files.values_list("original_filename", flat=True)) == ["front.jpg"]


def test_an_unreadable_file_is_reported_and_the_others_go_on(item, tmp_path, capsys):
    (tmp_path / "a-locked.jpg").write_bytes(image_bytes("PNG"))
    (tmp_path / "b-front.jpg").write_bytes(image_bytes())

    def hash_file(path):
        if path.name == "a-locked.jpg":  # tests run as root here, so chmod 0 would not do
            raise PermissionError(13, "Permission denied", str(path))
        return storage.hash_file(path)

    with (
        mock.patch("archive.management.commands.ingest_folder.hash_file", hash_file),
        pytest.raises(CommandError, match="1 ingested, .* 1 failed"),
    ):
        call_command("ingest_folder", str(tmp_path), "--item", item.identifier)
    assert "a-locked.jpg: not ingested: [Errno 13] Permission denied" in capsys.readouterr().err
    assert list(item.files.values_list("original_filename", flat=True)) == ["b-front.jpg"]
