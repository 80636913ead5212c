"""Bag export in the admin: curators get a streamed zip of a valid bag and a log entry; others not."""

import hashlib
import io
import os
import zipfile

import bagit
import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from collection.models import Collection, Item
from preservation import zipped
from preservation.admin import sweep_stale, work_dir
from preservation.models import BagExport
from preservation.zipped import ZipStream
from tests.conftest import isolated_settings

pytestmark = pytest.mark.django_db


def member(role: str) -> User:
    user = User.objects.create_user(role, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def demo(tmp_path):
    with isolated_settings(tmp_path / "instance", "bag-admin"):
        call_command("load_demo", verbosity=0)
        yield


def post_action(client, user: User, url: str, action: str, pks: list[int]):
    client.force_login(user)
    return client.post(url, {"action": action, "_selected_action": pks})


def unzip_and_validate(data: bytes, into) -> bagit.Bag:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(into)
    (folder,) = list(into.iterdir())
    bag = bagit.Bag(str(folder))
    bag.validate()  # raises BagValidationError on any missing or damaged file
    return bag


def test_curator_downloads_selected_items_as_a_valid_bag(client, demo, tmp_path):
    items = list(Item.objects.filter(files__isnull=False).distinct().order_by("identifier")[:2])
    response = post_action(
        client,
        member("curator"),
        "/admin/collection/item/",
        "export_items_bag",
        [i.pk for i in items],
    )
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "application/zip"
    data = b"".join(response.streaming_content)
    bag = unzip_and_validate(data, tmp_path / "unzipped")
    payload = {p.split("/")[2] for p in bag.payload_files() if p.startswith("data/items/")}
    assert payload == {i.identifier for i in items}
    export = BagExport.objects.get()
    assert export.status == BagExport.Status.COMPLETE
    assert export.selection == {"items": sorted(i.identifier for i in items)}
    assert (export.item_count, export.size) == (2, len(data))
    assert export.sha256 == hashlib.sha256(data).hexdigest()
    assert export.user.username == "curator"
    assert not any(work_dir().iterdir())  # the unzipped bag is gone once sent


def test_curator_exports_a_collection_with_its_sub_collections(client, demo, tmp_path):
    root = Collection.objects.filter(parent=None).order_by("slug").first()
    response = post_action(
        client,
        member("curator"),
        "/admin/collection/collection/",
        "export_collections_bag",
        [root.pk],
    )
    bag = unzip_and_validate(b"".join(response.streaming_content), tmp_path / "unzipped")
    exported = {p.split("/")[2] for p in bag.payload_files() if p.startswith("data/items/")}
    below = Item.objects.filter(collections__in=Collection.objects.all()).distinct()
    assert exported and exported <= set(below.values_list("identifier", flat=True))
    assert BagExport.objects.get().selection == {"collections": [root.slug]}


def test_past_exports_are_listed_for_curators_only(client, demo):
    curator, cataloguer = member("curator"), member("cataloguer")
    BagExport.objects.create(user=curator, selection={"items": ["x"]}, filename="bag-old.zip")
    client.force_login(curator)
    page = client.get("/admin/preservation/bagexport/")
    assert page.status_code == 200 and b"bag-old.zip" in page.content
    client.force_login(cataloguer)
    assert client.get("/admin/preservation/bagexport/").status_code == 403


def test_cataloguer_is_refused(client, demo):
    item = Item.objects.order_by("pk").first()
    cataloguer = member("cataloguer")
    client.force_login(cataloguer)
    listing = client.get("/admin/collection/item/")
    assert b"export_items_bag" not in listing.content
    response = post_action(
        client, cataloguer, "/admin/collection/item/", "export_items_bag", [item.pk]
    )
    assert response.status_code == 302  # the admin refuses an action it does not offer
    assert not BagExport.objects.exists()


def test_a_failing_bag_is_logged_and_reported(client, demo, settings):
    item = Item.objects.filter(files__isnull=False).first()
    original = item.files.first()
    from archive import storage

    path = storage.original_path(storage.original_relpath(original.sha256))
    path.chmod(0o644)
    path.write_bytes(b"damaged")
    response = post_action(
        client, member("curator"), "/admin/collection/item/", "export_items_bag", [item.pk]
    )
    assert response.status_code == 302
    export = BagExport.objects.get()
    assert export.status == BagExport.Status.FAILED and "SHA-256" in export.message


def test_zip_is_streamed_in_chunks_and_keeps_originals_uncompressed(tmp_path):
    folder = tmp_path / "bag"
    (folder / "data" / "items" / "a" / "files").mkdir(parents=True)
    original = os.urandom(3 * 1024 * 1024)
    (folder / "data" / "items" / "a" / "files" / "0000-v1-ab.jpg").write_bytes(original)
    (folder / "bagit.txt").write_text("BagIt-Version: 1.0\n")
    stream = ZipStream(folder, "bag-x")
    chunks = list(stream)
    assert len(chunks) > 3 and max(map(len, chunks)) < 2 * zipped.CHUNK  # never the whole zip
    data = b"".join(chunks)
    assert (stream.size, stream.sha256) == (len(data), hashlib.sha256(data).hexdigest())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo("bag-x/data/items/a/files/0000-v1-ab.jpg")
        assert info.compress_type == zipfile.ZIP_STORED
        assert archive.read(info) == original
        assert archive.getinfo("bag-x/bagit.txt").compress_type == zipfile.ZIP_DEFLATED


def test_stale_work_folders_are_swept(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    old, fresh = work_dir() / "bag-old", work_dir() / "bag-new"
    old.mkdir()
    fresh.mkdir()
    os.utime(old, (0, 0))
    sweep_stale()
    assert not old.exists() and fresh.exists()


def test_curator_is_offered_both_bag_actions_and_can_open_a_past_export(client, demo):
    curator = member("curator")
    export = BagExport.objects.create(
        user=curator, selection={"collections": ["dossier-vlasov"]}, filename="bag-1.zip"
    )
    client.force_login(curator)
    assert b"export_items_bag" in client.get("/admin/collection/item/").content
    assert b"export_collections_bag" in client.get("/admin/collection/collection/").content
    page = client.get(f"/admin/preservation/bagexport/{export.pk}/change/")
    assert page.status_code == 200 and b"dossier-vlasov" in page.content
