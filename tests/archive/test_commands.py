"""Management commands: ingest a folder, regenerate derivatives; progress and a summary each."""

import pytest
from django.core.management import CommandError, call_command

from archive import storage
from archive.models import Derivative, MediaFile
from tests.archive.samples import image_bytes, zip_bytes

pytestmark = pytest.mark.django_db(transaction=True)


def test_ingest_folder_into_one_item_and_rerun_adds_nothing(item, tmp_path, capsys):
    folder = tmp_path / "scans"
    (folder / "sub").mkdir(parents=True)
    (folder / "front.jpg").write_bytes(image_bytes())
    (folder / "sub" / "back.png").write_bytes(image_bytes("PNG"))
    call_command("ingest_folder", str(folder), "--item", item.identifier)
    assert "1 ingested, 0 already present" in capsys.readouterr().out
    call_command("ingest_folder", str(folder), "--item", item.identifier, "--recursive")
    assert "1 ingested, 1 already present" in capsys.readouterr().out
    assert sorted(MediaFile.objects.values_list("original_filename", flat=True)) == [
        "back.png",
        "front.jpg",
    ]
    assert Derivative.objects.filter(status="done").count() == 8


def test_ingest_folder_maps_files_to_items_by_name(make_item, tmp_path, capsys):
    a, b = make_item("photo-a"), make_item("photo-b")
    (tmp_path / "photo-a.jpg").write_bytes(image_bytes())
    (tmp_path / "photo-a__verso.jpg").write_bytes(image_bytes("JPEG", (300, 300)))
    (tmp_path / "photo-b.png").write_bytes(image_bytes("PNG"))
    (tmp_path / "stranger.png").write_bytes(image_bytes("PNG", (50, 50)))
    call_command("ingest_folder", str(tmp_path))
    out = capsys.readouterr()
    assert "3 ingested, 0 already present, 1 no matching item" in out.out
    assert "stranger.png" in out.err
    assert (a.files.count(), b.files.count()) == (2, 1)


def test_ingest_folder_refuses_an_unknown_item(tmp_path):
    with pytest.raises(CommandError):
        call_command("ingest_folder", str(tmp_path), "--item", "nope")


@pytest.fixture
def two_files(make_item, ingest):
    good = ingest(make_item("a"), image_bytes(), "good.jpg")
    bad = ingest(make_item("b"), zip_bytes(), "bad.jpg")
    return good, bad


def test_regenerate_missing_remakes_a_deleted_output(two_files, capsys):
    good, _ = two_files
    thumb = good.derivatives.get(kind="thumbnail")
    before = (storage.derivatives_root() / thumb.path).read_bytes()
    (storage.derivatives_root() / thumb.path).unlink()
    call_command("regenerate_derivatives", "--missing-only")
    assert "1 file(s), 1 derivative(s): 1 done" in capsys.readouterr().out
    assert (storage.derivatives_root() / thumb.path).read_bytes() == before
    thumb.refresh_from_db()
    assert (thumb.status, thumb.attempts) == ("done", 2)


def test_regenerate_failed_per_item_and_kind(two_files, capsys):
    good, bad = two_files
    call_command("regenerate_derivatives", "--failed-only", "--item", "b", "--kind", "thumbnail")
    assert "1 file(s), 1 derivative(s): 1 failed" in capsys.readouterr().out
    assert bad.derivatives.get().attempts == 2
    assert {d.attempts for d in good.derivatives.all()} == {1}


def test_regenerate_all_in_process_redoes_everything(two_files, capsys):
    call_command("regenerate_derivatives", "--all", "--now")
    assert "2 file(s), 5 derivative(s): 4 done, 1 failed" in capsys.readouterr().out
    assert Derivative.objects.count() == 5
