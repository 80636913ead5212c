"""The admin item form: no lost updates (version check), a title always, bidi-isolated lists."""

import pytest
from django.urls import reverse

from collection import history
from collection.models import Authority, Collection, Item, Tombstone

pytestmark = pytest.mark.django_db

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE


def change_url(item: Item) -> str:
    return reverse("admin:collection_item_change", args=[item.pk])


def test_the_form_carries_the_version_it_was_shown_at(login, superuser, make_item):
    item = make_item("v1")
    page = login(superuser).get(change_url(item)).content.decode()
    assert f'name="seen_version" value="{item.version}"' in page


def test_saving_over_a_newer_version_is_refused_and_names_the_change(
    login, superuser, curator, make_item, item_form_data
):
    item = make_item("v1", title="Oud")
    seen = item.version
    with history.changes(user=curator, comment="meanwhile"):  # another tab, the API, an import
        item.kind = "map"
        item.save()
    assert Item.objects.get(pk=item.pk).version == seen + 1
    data = item_form_data(item, seen_version=seen)
    response = login(superuser).post(change_url(item), data)
    assert response.status_code == 200  # the form again, with the error
    errors = str(response.context["adminform"].form.non_field_errors())
    assert "changed after you opened it" in errors and f"version {seen}" in errors
    assert Item.objects.get(pk=item.pk).kind == "map"


def test_saving_the_version_shown_succeeds(login, superuser, make_item, item_form_data):
    item = make_item("v1")
    data = item_form_data(
        item, seen_version=item.version, kind="map", status="draft", visibility="public"
    )
    response = login(superuser).post(change_url(item), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Item.objects.get(pk=item.pk).kind == "map"


def test_an_item_without_a_title_is_refused(login, superuser, make_item, item_form_data):
    data = item_form_data(identifier="untitled", values=[("description", 0, "Only this", "")])
    response = login(superuser).post(reverse("admin:collection_item_add"), data)
    assert response.status_code == 200
    assert "An item needs a title" in response.content.decode()
    assert not Item.objects.filter(identifier="untitled").exists()
    item = make_item("v1")
    data = item_form_data(item)
    data["values-0-DELETE"] = "on"  # the only title
    response = login(superuser).post(change_url(item), data)
    assert response.status_code == 200 and "An item needs a title" in response.content.decode()
    assert item.values.filter(term="title").exists()


def test_admin_lists_isolate_user_text(login, superuser, make_item):
    title = f"{RLO}evil title"
    make_item("v1", title=title)
    with history.changes():
        Authority.objects.create(kind="person", slug="p", preferred_name=f"{RLO}Someone")
        Collection.objects.create(slug="c", title=f"{RLO}Papers")
    client = login(superuser)
    for url, text in (
        (reverse("admin:collection_item_changelist"), title),
        (reverse("admin:collection_authority_changelist"), f"{RLO}Someone"),
        (reverse("admin:collection_collection_changelist"), f"{RLO}Papers"),
    ):
        page = client.get(url).content.decode()
        assert f"<bdi>{text}</bdi>" in page, url


def test_media_file_and_history_lists_isolate_names(login, superuser, make_item):
    from archive.models import MediaFile

    item = make_item("v1", title=f"{RLO}gone")
    MediaFile.objects.create(
        item=item,
        original_filename=f"{RLO}gpj.exe",
        sha256="0" * 64,
        size=1,
        mime_type="image/jpeg",
        family="image",
        storage_path="x",
    )
    client = login(superuser)
    page = client.get(reverse("admin:archive_mediafile_changelist")).content.decode()
    assert f"<bdi>{RLO}gpj.exe</bdi>" in page
    Tombstone.objects.create(identifier="gone-1", title=f"{RLO}gone")
    page = client.get(reverse("admin:collection_tombstone_changelist")).content.decode()
    assert f"<bdi>{RLO}gone</bdi>" in page
