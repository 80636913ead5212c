"""The CSV confirm step never overwrites an edit made after the preview; a new item needs a title."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from collection import history
from collection.admin.csv_import import upload_dir
from collection.csv_import import ImportFailed, run_import
from collection.models import Item

pytestmark = pytest.mark.django_db

URL = "admin:collection_item_import_csv"
FILE = "identifier,dcmi_type,title@nl\nv1,Text,Het einde\nv2,Text,Praag (uit het bestand)\n"


@pytest.fixture
def isolated_uploads(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return upload_dir()


def preview(client, text: str = FILE):
    data = {"file": SimpleUploadedFile("items.csv", text.encode(), "text/csv")}
    return client.post(reverse(URL), data)


def confirm(client, digest: str):
    return client.post(reverse(URL), {"confirm": "1", "sha256": digest}, follow=True)


def test_an_edit_between_preview_and_confirm_is_not_overwritten(
    login, curator, make_item, isolated_uploads
):
    item = make_item("v2", title="Praag")
    client = login(curator)
    digest = preview(client).context["digest"]
    with history.changes(user=curator, comment="edited in another tab"):
        item.values.filter(term="title").update(value="Praag 1945")
        item.kind = "map"
        item.save()
    page = confirm(client, digest)
    text = page.content.decode()
    assert "these items changed after your preview" in text and "v2" in text
    assert page.context["stale"] == ["v2"]
    assert not Item.objects.filter(identifier="v1").exists()  # nothing of the file applied
    assert Item.objects.get(identifier="v2").kind == "map"
    # The new preview remembers today's versions: confirming it now applies the file.
    done = confirm(client, page.context["digest"])
    assert "saved." in done.content.decode()
    assert Item.objects.get(identifier="v2").title == "Praag (uit het bestand)"


def test_an_item_created_meanwhile_under_a_new_identifier_is_named(
    login, curator, make_item, isolated_uploads
):
    client = login(curator)
    digest = preview(client).context["digest"]
    make_item("v1", title="Iemand anders")
    page = confirm(client, digest)
    assert page.context["stale"] == ["v1"]
    assert Item.objects.get(identifier="v1").title == "Iemand anders"


def test_confirm_without_changes_meanwhile_applies(login, curator, make_item, isolated_uploads):
    make_item("v2", title="Praag")
    client = login(curator)
    digest = preview(client).context["digest"]
    assert "saved." in confirm(client, digest).content.decode()
    assert Item.objects.filter(identifier="v1").exists()


def test_csv_refuses_a_new_item_without_a_title(db):
    report = run_import(b"identifier,dcmi_type,description\nnew-1,Text,No title\n", dry_run=True)
    assert report.problems
    assert "title" in " ".join(p.message for p in report.problems)
    with pytest.raises(ImportFailed):
        run_import(b"identifier,dcmi_type,description\nnew-1,Text,No title\n", dry_run=False)
    assert not Item.objects.filter(identifier="new-1").exists()
