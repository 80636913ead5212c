"""The admin CSV page end to end: upload, preview (saves nothing), confirm the very same file."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from collection.admin.csv_import import upload_dir
from collection.models import Item, Revision

pytestmark = pytest.mark.django_db

URL = "admin:collection_item_import_csv"
FILE = "identifier,dcmi_type,title@nl,issued\nv1,Text,Het einde,1944-11-14\nv2,Text,Praag,1945\n"


def upload(client, text: str, **extra):
    data = {"file": SimpleUploadedFile("items.csv", text.encode(), "text/csv"), **extra}
    return client.post(reverse(URL), data)


@pytest.fixture
def isolated_uploads(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return upload_dir()


def test_upload_preview_confirm(
    login, cataloguer, make_item, archive_collections, isolated_uploads
):
    make_item("v2", title="Praag")
    client = login(cataloguer)
    assert "Import CSV" in client.get(reverse("admin:collection_item_changelist")).content.decode()
    preview = upload(client, FILE, collection="photos")
    assert preview.status_code == 200
    states = {p.identifier: p.state for p, _ in preview.context["previews"]}
    assert states == {"v1": "new", "v2": "changed"}
    text = preview.content.decode()
    assert "1 new, 1 changed, 0 unchanged, 0 errors; dry run" in text and "Import this file" in text
    assert not Item.objects.filter(identifier="v1").exists()
    digest = preview.context["digest"]
    assert (isolated_uploads / f"{digest}.csv").read_bytes() == FILE.encode()

    done = client.post(reverse(URL), {"confirm": "1", "sha256": digest}, follow=True)
    assert "1 new, 1 changed, 0 unchanged, 0 errors; saved." in done.content.decode()
    item = Item.objects.get(identifier="v1")
    assert item.title == "Het einde" and list(item.collections.values_list("slug", flat=True)) == [
        "photos"
    ]
    assert Revision.objects.filter(target_type="item", target_id=item.pk).get().user == cataloguer
    assert not (isolated_uploads / f"{digest}.csv").exists()


def test_preview_with_problems_offers_no_confirm(login, curator, isolated_uploads):
    page = upload(login(curator), FILE + "v3,Text,Bad,1944-99\n")
    text = page.content.decode()
    assert "not a valid EDTF date" in text and "Import this file" not in text
    assert [(p.row, p.column) for p in page.context["report"].problems] == [(4, "issued")]
    assert not Item.objects.exists()


def test_confirm_only_applies_the_file_this_session_previewed(
    login, curator, superuser, isolated_uploads
):
    digest = upload(login(curator), FILE).context["digest"]
    other = login(superuser)  # another session: it never previewed this file
    response = other.post(reverse(URL), {"confirm": "1", "sha256": digest}, follow=True)
    assert "preview has expired" in response.content.decode()
    assert not Item.objects.exists()


def test_confirm_refuses_a_tampered_file(login, curator, isolated_uploads):
    client = login(curator)
    digest = upload(client, FILE).context["digest"]
    (isolated_uploads / f"{digest}.csv").write_bytes(FILE.replace("Praag", "Hacked").encode())
    assert client.post(reverse(URL), {"confirm": "1", "sha256": digest}).status_code == 403
    assert not Item.objects.exists()


def test_confirm_fails_whole_when_the_catalogue_changed_meanwhile(
    login, cataloguer, make_item, isolated_uploads
):
    client = login(cataloguer)
    digest = upload(client, FILE).context["digest"]
    make_item("v2", title="Praag", status="published")  # now a cataloguer may not change v2
    page = client.post(reverse(URL), {"confirm": "1", "sha256": digest})
    assert page.status_code == 200 and "nothing saved" in page.content.decode()
    assert not Item.objects.filter(identifier="v1").exists()
