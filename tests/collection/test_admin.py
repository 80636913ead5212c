"""The item, authority and collection admin: pages, ordered inline values, bulk actions, history."""

import pytest
from django.urls import reverse

from collection import history
from collection.models import Item, MetadataValue, Revision

pytestmark = pytest.mark.django_db


def item_revisions(item: Item) -> list[Revision]:
    return list(Revision.objects.filter(target_type="item", target_id=item.pk).order_by("id"))


def test_every_admin_page_loads_for_a_superuser(
    login, superuser, make_item, vlasov, archive_collections
):
    client = login(superuser)
    item = make_item("v1")
    record = Revision.objects.filter(target_id=item.pk).first()
    urls = [
        reverse("admin:collection_item_changelist"),
        reverse("admin:collection_item_changelist") + "?q=Vlasov&status__exact=draft",
        reverse("admin:collection_item_changelist") + "?values__language=nl",
        reverse("admin:collection_item_add"),
        reverse("admin:collection_item_change", args=[item.pk]),
        reverse("admin:collection_item_history", args=[item.pk]),
        reverse("admin:collection_item_import_csv"),
        reverse("admin:collection_authority_changelist") + "?q=Власов",
        reverse("admin:collection_authority_change", args=[vlasov.pk]),
        reverse("admin:collection_authority_history", args=[vlasov.pk]),
        reverse("admin:collection_collection_change", args=[archive_collections["photos"].pk]),
        reverse("admin:collection_collection_history", args=[archive_collections["photos"].pk]),
        reverse("admin:collection_bibliographicrecord_add"),
        reverse("admin:collection_revision_changelist"),
        reverse("admin:collection_revision_change", args=[record.pk]),
        reverse("admin:collection_tombstone_changelist"),
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_search_finds_items_by_metadata_value(login, superuser, make_item):
    make_item("v1", title="Het einde van Vlasov")
    make_item("v2", title="Something else")
    response = login(superuser).get(reverse("admin:collection_item_changelist") + "?q=einde")
    assert [i.identifier for i in response.context["cl"].result_list] == ["v1"]


def test_inline_values_are_saved_in_order_with_one_revision(login, superuser, item_form_data):
    data = item_form_data(
        identifier="v9",
        status="draft",
        visibility="public",
        values=[
            ("title", 1, "Власов", "ru"),
            ("title", 0, "Vlasov", "nl"),
            ("issued", 0, "1944-11-14", ""),
        ],
    )
    response = login(superuser).post(reverse("admin:collection_item_add"), data)
    assert response.status_code == 302, response.context["errors"]
    item = Item.objects.get(identifier="v9")
    assert [v.value for v in item.values.filter(term="title")] == ["Vlasov", "Власов"]
    assert item.title == "Vlasov"
    [revision] = item_revisions(item)
    assert revision.action == "created" and revision.user == superuser


def test_invalid_edtf_in_an_inline_is_refused_and_nothing_saved(login, superuser, item_form_data):
    data = item_form_data(identifier="v9", values=[("issued", 0, "1944-13-45", "")])
    response = login(superuser).post(reverse("admin:collection_item_add"), data)
    assert response.status_code == 200
    assert "not a valid EDTF date" in response.content.decode()
    assert not Item.objects.filter(identifier="v9").exists()


def test_identifier_is_read_only_after_creation(login, superuser, make_item, item_form_data):
    item = make_item("v1")
    data = item_form_data(item, identifier="v2", status="draft", visibility="public")
    response = login(superuser).post(reverse("admin:collection_item_change", args=[item.pk]), data)
    assert response.status_code == 302
    assert Item.objects.filter(identifier="v1").exists()
    assert not Item.objects.filter(identifier="v2").exists()


def test_history_view_shows_who_changed_what(login, superuser, make_item):
    item = make_item("v1", title="Vlasov")
    with history.changes(user=superuser, comment="spelling"):
        value = item.values.get(term="title")
        value.value = "Wlassow"
        value.save()
    page = login(superuser).get(reverse("admin:collection_item_history", args=[item.pk]))
    text = page.content.decode()
    assert "values.title" in text and "Vlasov @nl" in text and "Wlassow @nl" in text
    assert "root" in text and "spelling" in text
    assert [rev.action for rev, _ in page.context["revisions"]] == ["changed", "created"]


def test_bulk_publish_and_withdraw_leave_a_revision_per_item(login, curator, make_item):
    items = [make_item("v1"), make_item("v2")]
    client = login(curator)
    url = reverse("admin:collection_item_changelist")
    client.post(url, {"action": "publish_items", "_selected_action": [i.pk for i in items]})
    for item in items:
        item.refresh_from_db()
        assert item.status == "published" and item.published_at is not None
        last = item_revisions(item)[-1]
        assert last.user == curator and last.changes["status"] == ["draft", "published"]
    client.post(url, {"action": "withdraw_items", "_selected_action": [items[0].pk]})
    items[0].refresh_from_db()
    assert items[0].status == "withdrawn"
    assert len(item_revisions(items[0])) == 3 and len(item_revisions(items[1])) == 2


def test_bulk_publish_is_all_or_nothing(login, curator, make_item):
    good = make_item("v1")
    bad = make_item("v2", visibility="embargoed")  # no end date: cannot be published
    url = reverse("admin:collection_item_changelist")
    response = login(curator).post(
        url, {"action": "publish_items", "_selected_action": [good.pk, bad.pk]}, follow=True
    )
    assert "needs an end date" in response.content.decode()
    assert set(Item.objects.values_list("status", flat=True)) == {"draft"}


def test_move_to_collection_asks_for_the_target_then_moves(
    login, curator, make_item, archive_collections
):
    items = [make_item("v1"), make_item("v2")]
    items[0].collections.add(archive_collections["dossier"])
    client = login(curator)
    url = reverse("admin:collection_item_changelist")
    selected = {"action": "move_to_collection", "_selected_action": [i.pk for i in items]}
    page = client.post(url, selected)
    assert page.status_code == 200 and "Target collection" in page.content.decode()
    assert items[0].collections.count() == 1
    photos = archive_collections["photos"]
    client.post(url, {**selected, "apply": "1", "collection": photos.pk})
    for item in items:
        assert list(item.collections.all()) == [photos]
        assert item_revisions(item)[-1].changes["collections"][1] == ["photos"]


def test_autocomplete_finds_an_authority_by_a_variant_name(login, cataloguer, vlasov):
    url = reverse("admin:autocomplete")
    params = {
        "term": "Власов",
        "app_label": "collection",
        "model_name": "metadatavalue",
        "field_name": "authority",
    }
    results = login(cataloguer).get(url, params).json()["results"]
    assert [r["id"] for r in results] == [str(vlasov.pk)]


def test_metadata_values_cannot_be_edited_outside_their_item(login, superuser, make_item):
    item = make_item("v1")
    value = MetadataValue.objects.get(item=item)
    client = login(superuser)
    url = reverse("admin:collection_metadatavalue_change", args=[value.pk])
    client.post(url, {"term": "title", "position": 0, "value": "Hacked", "item": item.pk})
    value.refresh_from_db()
    assert value.value == "Vlasov"
