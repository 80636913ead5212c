"""Bags of a small catalogue: deterministic, independently valid, refused when broken or in conflict."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from archive.ingest import ingest_file
from archive.models import MediaFile
from archive.placeholders import placeholder_jpeg
from collection import history
from collection.models import Authority, Collection, Item, MetadataValue, Revision, Tombstone
from preservation.bags import BagError, write_bag
from preservation.restore import BagConflict, import_bag

from .conftest import empty_instance, payload_manifest

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(tmp_path):
    """Two items in a sub-collection, one with two versions of an image, one tombstone."""
    with override_settings(
        ARCHIVE_ORIGINALS_ROOT=tmp_path / "originals",
        ARCHIVE_DERIVATIVES_ROOT=tmp_path / "media" / "derivatives",
        MEDIA_ROOT=tmp_path / "media",
    ):
        with history.changes(comment="test catalogue"):
            root = Collection.objects.create(slug="root", title="Root", is_public=True)
            sub = Collection.objects.create(slug="sub", title="Sub", parent=root, is_public=False)
            person = Authority.objects.create(
                kind="person", slug="vlasov", preferred_name="Vlasov", dates="1901/1946"
            )
            for n in (1, 2):
                item = Item.objects.create(identifier=f"it-{n}", dcmi_type="Text")
                item.collections.add(sub)
                MetadataValue.objects.create(
                    item=item, term="title", value=f"Title {n}", language="en"
                )
                MetadataValue.objects.create(item=item, term="creator", authority=person)
                MetadataValue.objects.create(item=item, term="date", value="1943-05~")
        first = ingest_file(
            Item.objects.get(identifier="it-1"),
            io.BytesIO(placeholder_jpeg("a", "", 60, 40)),
            "a b.jpg",
        )
        ingest_file(
            first.item, io.BytesIO(placeholder_jpeg("b", "", 60, 40)), "a b.jpg", replaces=first
        )
        Tombstone.objects.create(identifier="gone", title="Gone", set_specs=["root:sub"])
        yield tmp_path


def export(path: Path) -> Path:
    write_bag(Item.objects.all(), path, tombstones=Tombstone.objects.all())
    return path


def test_two_exports_write_the_same_payload_bytes(catalogue):
    one, two = export(catalogue / "one"), export(catalogue / "two")
    assert payload_manifest(one) == payload_manifest(two)
    for file in (one / "data").rglob("*"):
        if file.is_file():
            assert file.read_bytes() == (two / file.relative_to(one)).read_bytes()


def test_every_version_is_kept_under_a_safe_name_with_its_original_name(catalogue):
    bag = export(catalogue / "bag")
    record = json.loads((bag / "data/items/it-1/record.json").read_text())
    assert [(f["version"], f["original_filename"]) for f in record["files"]] == [
        (1, "a b.jpg"),
        (2, "a b.jpg"),
    ]
    assert record["files"][1]["replaces"] == record["files"][0]["path"]
    assert all(" " not in f["path"] for f in record["files"])
    assert record["values"][2]["date_lower"] and record["values"][2]["value"] == "1943-05~"


def test_bag_info_and_manifests(catalogue):
    bag = export(catalogue / "bag")
    info = (bag / "bag-info.txt").read_text()
    for field in ("Source-Organization", "Bagging-Date", "External-Identifier", "Payload-Oxum"):
        assert f"{field}: " in info
    assert "Bag-Size: " in info
    for name in ("manifest", "tagmanifest"):
        for algorithm in ("sha256", "sha512"):
            assert (bag / f"{name}-{algorithm}.txt").is_file()
    collections = json.loads((bag / "data/collections.json").read_text())
    assert [(c["slug"], c["parent"], c["is_public"]) for c in collections] == [
        ("root", None, True),
        ("sub", "root", False),
    ]


def test_an_independent_validator_accepts_the_bag(catalogue):
    from bagit_utils import Bag  # bagit-utils: its own implementation, not the bagit library

    report = Bag(export(catalogue / "bag"), load=True).validate()
    assert report.valid, str(report)


def test_the_independent_validator_also_sees_a_tampered_file(catalogue):
    from bagit_utils import Bag

    bag = export(catalogue / "bag")
    (bag / "data/items/it-2/dc.xml").write_bytes(b"<changed/>")
    assert not Bag(bag, load=True).validate().valid


def _refused(bag: Path, reason: str) -> None:
    empty_instance()
    with pytest.raises(BagError, match=reason):
        import_bag(bag)
    assert not Item.objects.exists() and not Collection.objects.exists()
    assert not MediaFile.objects.exists() and not Revision.objects.exists()


def test_a_tampered_file_is_refused_and_nothing_written(catalogue):
    bag = export(catalogue / "bag")
    record = bag / "data/items/it-1/record.json"
    record.write_text(record.read_text().replace("Title 1", "Title X"))
    _refused(bag, "not a valid bag")


def test_a_missing_payload_file_is_refused(catalogue):
    bag = export(catalogue / "bag")
    next((bag / "data/items/it-1/files").iterdir()).unlink()
    _refused(bag, "not a valid bag")


def test_a_bag_without_manifests_is_refused(catalogue):
    bag = export(catalogue / "bag")
    for manifest in bag.glob("manifest-*.txt"):
        manifest.unlink()
    _refused(bag, "not a valid bag")


def test_a_valid_bag_with_a_malformed_record_is_refused(catalogue):
    import bagit

    bag = export(catalogue / "bag")
    record = bag / "data/items/it-2/record.json"
    data = json.loads(record.read_text())
    del data["values"]
    record.write_text(json.dumps(data))
    bagit.Bag(str(bag)).save(manifests=True)  # a valid bag again, of a record we cannot read
    _refused(bag, "cannot read .*'values'.*nothing was imported")


def test_a_different_item_with_the_same_identifier_is_a_conflict(catalogue):
    bag = export(catalogue / "bag")
    MetadataValue.objects.filter(item__identifier="it-2", term="title").update(value="Other")
    with pytest.raises(BagConflict) as refused:
        import_bag(bag)
    assert refused.value.conflicts == ["item it-2: a different item holds this identifier here"]
    assert "nothing was imported" in str(refused.value)


def test_a_different_authority_with_the_same_slug_is_a_conflict(catalogue):
    bag = export(catalogue / "bag")
    empty_instance()
    Authority.objects.create(kind="place", slug="vlasov", preferred_name="Vlasov (town)")
    with pytest.raises(BagConflict, match="authority vlasov"):
        import_bag(bag)
    assert not Item.objects.exists()


def test_reimport_changes_nothing(catalogue):
    bag = export(catalogue / "bag")
    revisions = Revision.objects.count()
    summary = import_bag(bag)
    assert (summary.items, summary.unchanged, summary.files) == (0, 2, 0)
    assert Revision.objects.count() == revisions
    assert payload_manifest(export(catalogue / "again")) == payload_manifest(bag)


def test_restore_into_an_empty_instance(catalogue):
    bag = export(catalogue / "bag")
    empty_instance()
    with override_settings(ARCHIVE_ORIGINALS_ROOT=catalogue / "originals2"):
        summary = import_bag(bag)
        assert (summary.items, summary.files, summary.tombstones) == (2, 2, 1)
        assert (catalogue / "originals2").is_dir()
        new = MediaFile.objects.get(version=2)
        assert new.replaces.version == 1 and not new.replaces.is_current
        assert payload_manifest(export(catalogue / "again")) == payload_manifest(bag)


def test_commands(catalogue, capsys):
    call_command("export_bag", "--collection", "root", str(catalogue / "c"))
    assert "2 items" in capsys.readouterr().out  # sub-collections included
    call_command("export_bag", "--item", "it-2", str(catalogue / "i"))
    assert sorted(p.name for p in (catalogue / "i/data/items").iterdir()) == ["it-2"]
    call_command("import_bag", str(catalogue / "i"))
    assert "1 already here and identical" in capsys.readouterr().out
    with pytest.raises(CommandError, match="no item with the identifier nope"):
        call_command("export_bag", "--item", "nope", str(catalogue / "x"))
    with pytest.raises(CommandError, match="not an empty folder"):
        call_command("export_bag", "--all", str(catalogue / "i"))
    with pytest.raises(CommandError, match="not a valid bag"):
        call_command("import_bag", str(catalogue / "originals"))


def test_the_bag_declares_bagit_1_0_and_its_tag_manifests_cover_that(catalogue):
    import bagit

    bag = export(catalogue / "bag")
    assert (bag / "bagit.txt").read_text(encoding="utf-8").startswith("BagIt-Version: 1.0\n")
    loaded = bagit.Bag(str(bag))
    assert loaded.version_info == (1, 0)
    loaded.validate()  # raises when a tag manifest no longer matches bagit.txt
