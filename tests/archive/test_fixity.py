"""Fixity: every check is recorded; a flipped byte or a lost file is flagged and nothing removed."""

import os
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from archive import fixity, storage
from archive.models import FixityCheck, MediaFile
from archive.tasks import audit_fixity
from tests.archive.samples import image_bytes

pytestmark = pytest.mark.django_db


def flip_one_byte(media_file: MediaFile) -> None:
    path = storage.original_path(media_file.storage_path)
    os.chmod(path, 0o644)  # the store is read-only; only a test (or rot) changes it
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


def test_an_intact_file_checks_ok_and_the_check_is_recorded(item, ingest):
    media_file = ingest(item, image_bytes(), "a.jpg")
    check = fixity.check(media_file)
    media_file.refresh_from_db()
    assert check.result == "ok" and check.actual_sha256 == media_file.sha256
    assert media_file.fixity_status == "ok" and media_file.fixity_checked_at == check.checked_at


def test_a_flipped_byte_is_flagged_as_mismatch_and_the_file_kept(item, ingest, admin_client):
    media_file = ingest(item, image_bytes(), "a.jpg")
    flip_one_byte(media_file)
    check = fixity.check(media_file)
    media_file.refresh_from_db()
    assert check.result == "mismatch" and check.actual_sha256 != media_file.sha256
    assert check.expected_sha256 == media_file.sha256
    assert media_file.fixity_status == "mismatch"
    assert storage.original_path(media_file.storage_path).exists()
    listed = admin_client.get("/admin/archive/mediafile/?fixity_problem=yes")
    assert listed.status_code == 200 and "a.jpg" in listed.content.decode()


def test_a_missing_file_is_flagged_missing(item, ingest):
    media_file = ingest(item, image_bytes(), "a.jpg")
    storage.original_path(media_file.storage_path).unlink()
    assert fixity.check(media_file).result == "missing"
    assert MediaFile.objects.get(pk=media_file.pk).fixity_status == "missing"
    assert MediaFile.objects.fixity_problems().count() == 1


def test_history_keeps_every_check(item, ingest):
    media_file = ingest(item, image_bytes(), "a.jpg")
    fixity.check(media_file)
    flip_one_byte(media_file)
    fixity.check(media_file)
    assert list(media_file.fixity_checks.values_list("result", flat=True)) == ["mismatch", "ok"]


def test_audit_checks_only_files_due(make_item, ingest, settings):
    settings.ARCHIVE_FIXITY_INTERVAL_HOURS = 24
    fresh = ingest(make_item("a"), image_bytes(), "a.jpg")
    stale = ingest(make_item("b"), image_bytes("PNG"), "b.png")
    never = ingest(make_item("c"), image_bytes("PNG", (20, 20)), "c.png")
    fixity.check(fresh)
    fixity.check(stale)
    MediaFile.objects.filter(pk=stale.pk).update(
        fixity_checked_at=timezone.now() - timedelta(hours=25)
    )
    assert audit_fixity.delay().get() == 2
    assert fresh.fixity_checks.count() == 1
    assert stale.fixity_checks.count() == 2 and never.fixity_checks.count() == 1


def test_command_summarises_and_fails_on_problems(make_item, ingest, capsys):
    good = ingest(make_item("a"), image_bytes(), "a.jpg")
    bad = ingest(make_item("b"), image_bytes("PNG"), "b.png")
    call_command("check_fixity", "--all")
    assert "2 ok, 0 mismatch, 0 missing" in capsys.readouterr().out
    flip_one_byte(bad)
    with pytest.raises(CommandError):
        call_command("check_fixity", "--all")
    assert "1 ok, 1 mismatch, 0 missing" in capsys.readouterr().out
    call_command("check_fixity", "--item", "a")
    assert FixityCheck.objects.filter(media_file=good).count() == 3
