"""Derivatives: every image format gets its files; reruns change nothing; bad files fail clearly."""

import hashlib

import pytest
from django.core.management import call_command
from django.db.models import ProtectedError
from PIL import Image

from archive import derivatives, makers, storage
from archive.imaging.errors import TransientError
from archive.models import Derivative, MediaFile
from archive.tasks import make_derivatives
from tests.archive import samples

pytestmark = pytest.mark.django_db
IMAGE_KINDS = {"thumbnail", "access", "iiif", "techmd"}


def outputs(media_file: MediaFile) -> dict[str, Derivative]:
    return {d.kind: d for d in Derivative.objects.filter(media_file=media_file)}


def file_of(derivative: Derivative):
    return storage.derivatives_root() / derivative.path


@pytest.mark.parametrize(
    "data",
    [
        samples.image_bytes("JPEG", (2400, 1600)),
        samples.image_bytes("PNG", mode="RGBA"),
        samples.tiff_16bit(),
        samples.tiff_multipage(),
        samples.image_bytes("WEBP"),
    ],
    ids=["jpeg", "png-alpha", "tiff-16bit", "tiff-multipage", "webp"],
)
def test_each_image_format_gets_every_derivative(item, ingest, data):
    made = outputs(ingest(item, data, "upload.bin"))
    assert set(made) >= IMAGE_KINDS
    for kind in IMAGE_KINDS:
        assert made[kind].status == "done", made[kind].error
        assert made[kind].attempts == 1 and made[kind].duration is not None
    for kind, edge in (("thumbnail", 400), ("access", 1600)):
        path = file_of(made[kind])
        assert hashlib.sha256(path.read_bytes()).hexdigest() == made[kind].checksum
        with Image.open(path) as im:
            assert im.format == "JPEG" and max(im.size) <= edge
    info = file_of(made["iiif"]) / "info.json"
    assert hashlib.sha256(info.read_bytes()).hexdigest() == made["iiif"].checksum
    assert (file_of(made["iiif"]) / "full/max/0/default.jpg").exists()


def test_a_large_image_is_reduced_to_the_target_sizes(item, ingest):
    made = outputs(ingest(item, samples.image_bytes("JPEG", (2400, 1600)), "big.jpg"))
    assert (made["access"].metadata["width"], made["thumbnail"].metadata["width"]) == (1600, 400)


def test_running_twice_gives_the_same_files_and_no_new_records(item, ingest):
    media_file = ingest(item, samples.image_bytes("JPEG", (1800, 1200)), "a.jpg")
    before = {k: (d.pk, d.checksum, file_of(d)) for k, d in outputs(media_file).items()}
    first_bytes = {k: p.read_bytes() for k, (_, _, p) in before.items() if p.is_file()}
    assert make_derivatives.delay(media_file.pk).get() == {}  # all done: nothing to redo
    Derivative.objects.filter(media_file=media_file).update(status="pending")
    assert set(make_derivatives.delay(media_file.pk).get()) == set(before)
    after = outputs(media_file)
    assert {k: (d.pk, d.checksum, file_of(d)) for k, d in after.items()} == before
    assert {k: file_of(after[k]).read_bytes() for k in first_bytes} == first_bytes
    assert all(d.attempts == 2 and d.status == "done" for d in after.values())
    assert Derivative.objects.count() == len(before)


BAD_FILES = {
    "truncated": (samples.truncated_jpeg, "truncated file: "),
    "corrupt-jpeg": (samples.corrupt_jpeg, "corrupt file: "),
    "corrupt-png": (samples.corrupt_png, "corrupt file: "),
    "bomb": (samples.bomb_png, "decompression bomb"),
    "zip": (samples.zip_bytes, "unsupported format: no derivatives are made for application/zip"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_bad_files_fail_with_a_clear_message_and_harm_nothing_else(
    case, item, ingest, settings, admin_client
):
    settings.ARCHIVE_MAX_IMAGE_PIXELS = 10_000_000
    good = ingest(item, samples.image_bytes(), "good.jpg")
    good_before = {k: (d.status, d.checksum, d.attempts) for k, d in outputs(good).items()}
    make, words = BAD_FILES[case]
    bad = ingest(item, make(), f"{case}.jpg")
    made = outputs(bad)
    # Technical metadata comes from the headers alone, so a file whose pixels are broken still
    # has it; everything made from pixels fails.
    failed = {k: d for k, d in made.items() if not (k == "techmd" and d.status == "done")}
    assert failed.keys() >= {"thumbnail"} and failed.keys() >= set(made) - {"techmd"}
    assert all(d.status == "failed" for d in failed.values())
    assert all(words in d.error and d.attempts == 1 for d in failed.values()), made
    assert {k: (d.status, d.checksum, d.attempts) for k, d in outputs(good).items()} == good_before
    assert storage.original_path(bad.storage_path).exists()
    page = admin_client.get(f"/admin/archive/mediafile/{bad.pk}/change/")
    assert page.status_code == 200 and words in page.content.decode()


def test_the_pixel_limit_comes_from_settings(item, ingest, settings):
    settings.ARCHIVE_MAX_IMAGE_PIXELS = 100_000
    made = outputs(ingest(item, samples.image_bytes("PNG", (400, 300)), "small-but-over.png"))
    assert {d.status for d in made.values()} == {"failed"}
    assert made["access"].error.startswith("decompression bomb")
    assert "100,000" in made["access"].error


class FlakyOnce(makers.AccessAndThumbnail):
    calls = 0

    def run(self, ctx):
        type(self).calls += 1
        if type(self).calls == 1:
            raise TransientError("disk briefly unavailable")
        return super().run(ctx)


@pytest.fixture
def eager_retries():
    """Eager Celery runs retries inline only when it does not propagate the Retry."""
    from config.celery import app

    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = True


def test_a_transient_error_is_retried_and_then_succeeds(item, ingest, monkeypatch, eager_retries):
    FlakyOnce.calls = 0
    steps = (FlakyOnce(), makers.IIIFTiles())
    monkeypatch.setitem(makers.STEPS_BY_FAMILY, "image", steps)
    made = outputs(ingest(item, samples.image_bytes(), "a.jpg"))
    assert made["access"].status == made["thumbnail"].status == "done"
    assert made["access"].attempts == 2 and made["iiif"].attempts == 1


class AlwaysDown(makers.AccessAndThumbnail):
    def run(self, ctx):
        raise TransientError("storage unavailable")


def test_transient_errors_give_up_after_the_retries(item, ingest, monkeypatch, eager_retries):
    monkeypatch.setitem(makers.STEPS_BY_FAMILY, "image", (AlwaysDown(), makers.IIIFTiles()))
    made = outputs(ingest(item, samples.image_bytes(), "a.jpg"))
    assert made["access"].status == "failed" and "gave up retrying" in made["access"].error
    assert made["access"].attempts == 6  # the first try and five retries
    assert made["iiif"].status == "done"


def test_a_task_redelivered_after_its_worker_died_takes_over_its_running_records(item, ingest):
    media_file = ingest(item, samples.image_bytes(), "a.jpg")
    Derivative.objects.filter(media_file=media_file).update(status="running", task_id="t-1")
    assert derivatives.make(media_file.pk, task_id="t-2") == {}  # someone else's, still fresh
    redone = derivatives.make(media_file.pk, task_id="t-1")  # the same message, redelivered
    assert set(redone) == IMAGE_KINDS and set(redone.values()) == {"done"}


def test_image_technical_metadata_is_recorded(item, ingest):
    made = outputs(ingest(item, samples.image_bytes("PNG", (320, 200)), "a.png"))
    techmd = made["techmd"]
    assert techmd.status == "done" and file_of(techmd).name == "techmd.json"
    assert (techmd.metadata["width"], techmd.metadata["height"]) == (320, 200)
    assert techmd.metadata["format"] == "PNG"


def test_a_pdf_gets_its_text_and_a_first_page_thumbnail(item, ingest):
    made = outputs(ingest(item, samples.text_pdf("Vlasov archive sample"), "a.pdf"))
    assert set(made) == {"text", "pdf_thumbnail"}
    assert made["text"].status == "done" and "Vlasov archive sample" in made["text"].text
    assert made["pdf_thumbnail"].status == "done", made["pdf_thumbnail"].error
    with Image.open(file_of(made["pdf_thumbnail"])) as im:
        assert im.format == "JPEG"


@pytest.mark.parametrize(
    "data, expected",
    [
        ("Plain words, Власов.\n".encode(), "Plain words, Власов."),
        (b"<!doctype html><html><body><p>Hello <b>archive</b></p></body></html>", "Hello archive"),
    ],
    ids=["plain", "html"],
)
def test_text_files_get_their_text_extracted(item, ingest, data, expected):
    made = outputs(ingest(item, data, "notes.bin"))
    assert set(made) == {"text"} and made["text"].status == "done"
    assert expected in made["text"].text


def test_a_transient_error_in_an_eager_upload_leaves_work_pending_not_lost(
    item, ingest, monkeypatch
):
    """Embedded default (eager, propagating): the upload still succeeds, the file is kept."""
    monkeypatch.setitem(makers.STEPS_BY_FAMILY, "image", (AlwaysDown(), makers.IIIFTiles()))
    media_file = ingest(item, samples.image_bytes(), "a.jpg")
    assert outputs(media_file)["access"].status == "pending"
    assert "will retry" in outputs(media_file)["access"].error
    monkeypatch.undo()
    call_command("regenerate_derivatives", "--missing-only", verbosity=0)
    assert {d.status for d in outputs(media_file).values()} == {"done"}


def test_an_item_with_files_cannot_be_deleted(item, ingest):
    ingest(item, samples.image_bytes(), "a.jpg")
    with pytest.raises(ProtectedError):
        item.delete()
