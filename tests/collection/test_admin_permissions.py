"""Roles are enforced on the server: forged form posts and bulk actions by a cataloguer fail."""

import pytest
from django.urls import reverse

from collection.models import BibliographicRecord, Item, Revision

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:collection_item_changelist"


def revision_count(item: Item) -> int:
    return Revision.objects.filter(target_type="item", target_id=item.pk).count()


def test_cataloguer_edits_a_draft(login, cataloguer, make_item, item_form_data):
    item = make_item("v1")
    data = item_form_data(item, values=[("subject", 0, "collaboration", "en")])
    response = login(cataloguer).post(reverse("admin:collection_item_change", args=[item.pk]), data)
    assert response.status_code == 302
    assert item.values.filter(term="subject").count() == 1
    assert (
        Revision.objects.filter(target_type="item", target_id=item.pk).order_by("id").last().user
        == cataloguer
    )


def test_cataloguer_sees_workflow_fields_read_only(login, cataloguer, make_item):
    item = make_item("v1")
    page = login(cataloguer).get(reverse("admin:collection_item_change", args=[item.pk]))
    form_fields = page.context["adminform"].form.fields
    assert not {"status", "visibility", "embargo_until", "identifier"} & set(form_fields)


@pytest.mark.parametrize(
    "forged", [{"status": "published"}, {"visibility": "private"}, {"embargo_until": "2030-01-01"}]
)
def test_forged_workflow_change_by_a_cataloguer_is_rejected(
    login, cataloguer, make_item, item_form_data, forged
):
    item = make_item("v1")
    data = item_form_data(item, values=[("subject", 0, "x", "")], **forged)
    response = login(cataloguer).post(reverse("admin:collection_item_change", args=[item.pk]), data)
    assert response.status_code == 403
    item.refresh_from_db()
    assert (item.status, item.visibility, item.embargo_until) == ("draft", "public", None)
    assert not item.values.filter(term="subject").exists() and revision_count(item) == 1


def test_cataloguer_cannot_create_a_published_item(login, cataloguer, item_form_data):
    data = item_form_data(identifier="v9", status="published", values=[("title", 0, "T", "")])
    response = login(cataloguer).post(reverse("admin:collection_item_add"), data)
    assert response.status_code == 403
    assert not Item.objects.filter(identifier="v9").exists()


def test_cataloguer_creates_a_draft(login, cataloguer, item_form_data):
    data = item_form_data(identifier="v9", values=[("title", 0, "T", "")])
    response = login(cataloguer).post(reverse("admin:collection_item_add"), data)
    assert response.status_code == 302
    assert Item.objects.get(identifier="v9").status == "draft"


def test_cataloguer_cannot_edit_a_published_item(login, cataloguer, make_item, item_form_data):
    item = make_item("v1", status="published")
    client = login(cataloguer)
    url = reverse("admin:collection_item_change", args=[item.pk])
    page = client.get(url)
    assert page.status_code == 200 and page.context["has_change_permission"] is False
    response = client.post(url, item_form_data(item, values=[("subject", 0, "x", "")]))
    assert response.status_code == 403
    assert not item.values.filter(term="subject").exists()


def test_curator_publishes_through_the_form(login, curator, make_item, item_form_data):
    item = make_item("v1")
    data = item_form_data(item, status="published", visibility="public")
    response = login(curator).post(reverse("admin:collection_item_change", args=[item.pk]), data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "published"


@pytest.mark.parametrize("action", ["publish_items", "withdraw_items"])
def test_forged_bulk_publish_by_a_cataloguer_changes_nothing(login, cataloguer, make_item, action):
    item = make_item("v1")
    client = login(cataloguer)
    page = client.get(reverse(CHANGELIST))
    assert action not in dict(page.context["action_form"].fields["action"].choices)
    client.post(reverse(CHANGELIST), {"action": action, "_selected_action": [item.pk]})
    item.refresh_from_db()
    assert item.status == "draft" and revision_count(item) == 1


def test_cataloguer_cannot_move_a_published_item(login, cataloguer, make_item, archive_collections):
    draft, published = make_item("v1"), make_item("v2", status="published")
    data = {
        "action": "move_to_collection",
        "_selected_action": [draft.pk, published.pk],
        "apply": "1",
        "collection": archive_collections["photos"].pk,
    }
    response = login(cataloguer).post(reverse(CHANGELIST), data, follow=True)
    assert "nothing moved: v2" in response.content.decode()
    assert not draft.collections.exists() and not published.collections.exists()


def test_cataloguer_cannot_delete_items_or_edit_collections(
    login, cataloguer, make_item, archive_collections
):
    item = make_item("v1")
    client = login(cataloguer)
    assert (
        client.post(
            reverse("admin:collection_item_delete", args=[item.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    url = reverse("admin:collection_collection_change", args=[archive_collections["photos"].pk])
    client.post(url, {"title": "Renamed", "slug": "photos"})
    assert Item.objects.filter(pk=item.pk).exists()
    archive_collections["photos"].refresh_from_db()
    assert archive_collections["photos"].title == "Photographs"


def test_cataloguer_cannot_edit_the_bibliography_of_a_published_item(login, cataloguer, make_item):
    item = make_item("v1", status="published")
    record = BibliographicRecord.objects.create(item=item, title="Old")
    url = reverse("admin:collection_bibliographicrecord_change", args=[record.pk])
    data = {
        "item": item.pk,
        "type": "book",
        "title": "New",
        "contributors-TOTAL_FORMS": "0",
        "contributors-INITIAL_FORMS": "0",
    }
    assert login(cataloguer).post(url, data).status_code == 403
    record.refresh_from_db()
    assert record.title == "Old"


def test_staff_without_a_role_sees_nothing(login, make_item, django_user_model):
    nobody = django_user_model.objects.create_user("nobody", is_staff=True)
    item = make_item("v1")
    client = login(nobody)
    assert client.get(reverse("admin:collection_item_change", args=[item.pk])).status_code == 403
    assert client.get(reverse("admin:collection_item_import_csv")).status_code == 403
    assert client.get(reverse("admin:collection_item_history", args=[item.pk])).status_code == 403
