"""REST writes need what the admin needs: an active staff account in a cataloguing role."""

import pytest
from django.contrib.auth.models import Group, User

from collection.models import Authority, Collection, Item

from .test_writes import NEW_ITEM

pytestmark = pytest.mark.django_db


def _user(name: str, role: str, **flags) -> User:
    user = User.objects.create_user(name, password="pw", **flags)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.mark.parametrize(
    "flags",
    [{"is_staff": False}, {"is_staff": True, "is_active": False}],
    ids=["not-staff", "inactive"],
)
def test_a_curator_the_admin_would_refuse_cannot_write(token_client, catalogue, flags):
    client = token_client(_user("outsider", "curator", **flags))
    draft = catalogue["items"]["draft"]
    private = catalogue["items"]["private"]
    assert client.post("/api/items/", NEW_ITEM, format="json").status_code in (401, 403)
    publish = client.patch(
        f"/api/items/{draft.identifier}/", {"status": "published"}, format="json"
    )
    assert publish.status_code in (401, 403)
    unhide = client.patch(
        f"/api/items/{private.identifier}/", {"visibility": "public"}, format="json"
    )
    assert unhide.status_code in (401, 403)
    assert not Item.objects.filter(identifier="new-1").exists()
    assert Item.objects.get(pk=draft.pk).status == "draft"
    assert Item.objects.get(pk=private.pk).visibility == "private"


def test_staff_without_a_cataloguing_role_cannot_write(token_client, catalogue):
    user = User.objects.create_user("clerk", password="pw", is_staff=True)
    user.user_permissions.add(*Group.objects.get(name="curator").permissions.all())
    response = token_client(user).post("/api/items/", NEW_ITEM, format="json")
    assert response.status_code == 403


def test_only_curators_make_an_authority_private(token_client, cataloguer, curator, catalogue):
    slug = Authority.objects.first().slug
    refused = token_client(cataloguer).patch(
        f"/api/authorities/{slug}/", {"is_public": False}, format="json"
    )
    assert refused.status_code == 400 and "is_public" in refused.json()
    assert Authority.objects.get(slug=slug).is_public
    done = token_client(curator).patch(
        f"/api/authorities/{slug}/", {"is_public": False}, format="json"
    )
    assert done.status_code == 200, done.content
    assert not Authority.objects.get(slug=slug).is_public


def test_a_collection_cycle_is_a_400_not_a_500(token_client, curator, catalogue):
    parent = Collection.objects.create(slug="outer", title="Outer")
    Collection.objects.create(slug="inner", title="Inner", parent=parent)
    response = token_client(curator).patch(
        "/api/collections/outer/", {"parent": "inner"}, format="json"
    )
    assert response.status_code == 400 and "parent" in response.json()
    assert Collection.objects.get(slug="outer").parent_id is None
