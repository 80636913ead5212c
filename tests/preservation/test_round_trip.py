"""The demo, with its images, survives export -> empty instance -> import -> export unchanged."""

import json
from pathlib import Path

import pytest
from django.test import override_settings

from archive.models import Derivative, FixityCheck, MediaFile
from collection.models import Item, Revision, Tombstone
from preservation.bags import write_bag
from preservation.restore import import_bag
from tests.conftest import run_inline

from .conftest import empty_instance, harvest, payload_manifest, restart_ids

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def trip(demo, django_db_blocker, tmp_path_factory):
    """Export the demo, empty the instance (a new originals store too), import, export again."""
    root = tmp_path_factory.mktemp("trip")
    with django_db_blocker.unblock():
        from archive import fixity

        # a fixity check and a deleted item, so the bag carries both kinds of history
        fixity.check(MediaFile.objects.order_by("pk").first())
        Tombstone.objects.create(identifier="gone-1", title="Gone", set_specs=["dossier-vlasov"])
        before = harvest()
        counts = {
            "items": Item.objects.count(),
            "files": MediaFile.objects.count(),
            "checks": FixityCheck.objects.count(),
            "revisions": Revision.objects.count(),
        }
        first = write_bag(Item.objects.all(), root / "one", tombstones=Tombstone.objects.all())
        first_file_id = MediaFile.objects.order_by("pk").first().pk
        empty_instance()
        # file ids show in derivative URLs: start where the demo's started, as a new instance
        # would (the demo's files were its first, made one after another)
        restart_ids(MediaFile, first_file_id)
        fresh = override_settings(
            ARCHIVE_ORIGINALS_ROOT=root / "originals2",
            ARCHIVE_DERIVATIVES_ROOT=root / "media2" / "derivatives",
            MEDIA_ROOT=root / "media2",
        )
        with fresh:
            restored = run_inline(lambda: import_bag(root / "one"))
            after = harvest()
            again = run_inline(lambda: import_bag(root / "one"))
            second = write_bag(Item.objects.all(), root / "two", tombstones=Tombstone.objects.all())
            done = Derivative.objects.filter(status=Derivative.Status.DONE).count()
    yield {
        "root": root,
        "before": before,
        "after": after,
        "counts": counts,
        "first": first,
        "second": second,
        "restored": restored,
        "again": again,
        "done": done,
    }


def test_the_bag_holds_the_demo_with_its_images(trip):
    first = trip["first"]
    assert first.items == trip["counts"]["items"] > 0
    assert first.files == trip["counts"]["files"] > 0
    images = list((first.path / "data" / "items").glob("*/files/*.jpg"))
    assert len(images) == first.files
    assert images[0].read_bytes()[:3] == b"\xff\xd8\xff"  # real JPEG bytes


def test_import_into_an_empty_instance_restores_everything(trip):
    restored = trip["restored"]
    assert restored.items == trip["counts"]["items"]
    assert restored.files == trip["counts"]["files"]
    assert restored.tombstones == 1
    assert trip["done"] > 0  # derivatives were queued and made from the restored originals


def test_second_export_has_the_same_payload(trip):
    first, second = trip["first"].path, trip["second"].path
    assert payload_manifest(first) == payload_manifest(second)
    assert (first / "manifest-sha512.txt").read_text() == (
        second / "manifest-sha512.txt"
    ).read_text()


def test_harvests_before_and_after_are_identical(trip):
    assert trip["after"]["oai"] == trip["before"]["oai"]
    assert trip["after"]["rest"] == trip["before"]["rest"]
    assert b"vlasov-article-2023" in trip["after"]["rest"]


def test_importing_the_same_bag_again_changes_nothing(trip):
    again = trip["again"]
    assert (again.items, again.files, again.authorities, again.collections) == (0, 0, 0, 0)
    assert again.unchanged == trip["counts"]["items"]


def test_history_fixity_and_tombstones_travel(trip):
    bag = trip["first"].path / "data"
    records = [json.loads(p.read_text()) for p in (bag / "items").glob("*/record.json")]
    assert sum(len(f["fixity_checks"]) for r in records for f in r["files"]) == 1
    assert sum(len(r["history"]) for r in records) > 0
    people = [p for r in records if r["bibliographic"] for p in r["bibliographic"]["contributors"]]
    assert "twan-van-den-brand" in {p["authority"] for p in people}  # a contributor's authority
    assert json.loads((bag / "tombstones.json").read_text())[0]["identifier"] == "gone-1"
    mets = "".join(p.read_text() for p in (bag / "items").glob("*/mets.xml"))
    for event in ("ingestion", "fixity check", "creation", "metadata modification"):
        assert f"<premis:eventType>{event}</premis:eventType>" in mets
    assert "<premis:agentType>software</premis:agentType>" in mets


def test_every_mets_validates_and_every_record_is_complete(trip):
    from lxml import etree

    from preservation import mets

    for path in Path(trip["first"].path, "data", "items").glob("*/mets.xml"):
        mets.validate(etree.parse(str(path)).getroot())
    record = json.loads(
        Path(trip["first"].path, "data", "items", "vlasov-article-2023", "record.json").read_text()
    )
    value = record["values"][0]
    assert {"term", "term_uri", "language", "uri", "authority", "date_lower"} <= set(value)
    assert {"status", "visibility", "embargo_until", "collections", "bibliographic"} <= set(record)


def test_an_independent_validator_accepts_both_demo_bags(trip):
    from bagit_utils import Bag  # its own BagIt implementation, not the bagit library we write with

    for summary in (trip["first"], trip["second"]):
        report = Bag(summary.path, load=True).validate()
        assert report.valid, str(report)
