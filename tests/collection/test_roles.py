"""The cataloguer and curator groups exist after migrate and hold exactly their permissions."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from collection import permissions
from collection.roles import CATALOGUER, CURATOR

pytestmark = pytest.mark.django_db


def codes(group: Group) -> set[str]:
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def test_migrate_created_both_roles_with_their_permissions():
    assert codes(Group.objects.get(name="cataloguer")) == set(CATALOGUER)
    assert codes(Group.objects.get(name="curator")) == set(CURATOR)
    assert "collection.publish_item" not in CATALOGUER


def test_setup_roles_restores_drifted_groups(capsys):
    group = Group.objects.get(name="cataloguer")
    group.permissions.clear()
    Group.objects.get(name="curator").delete()
    call_command("setup_roles")
    assert codes(Group.objects.get(name="cataloguer")) == set(CATALOGUER)
    assert codes(Group.objects.get(name="curator")) == set(CURATOR)
    assert "curator: " in capsys.readouterr().out


def test_cataloguer_edits_drafts_only(cataloguer, make_item):
    draft = make_item("d1")
    published = make_item("p1", status="published")
    assert permissions.can_edit_item(cataloguer, draft)
    assert not permissions.can_edit_item(cataloguer, published)
    assert not permissions.can_publish(cataloguer)


def test_curator_edits_and_publishes_everything(curator, make_item):
    assert permissions.can_edit_item(curator, make_item("p1", status="published"))
    assert permissions.can_publish(curator)


def test_check_item_change_names_the_forbidden_fields(cataloguer, curator, make_item):
    draft = make_item("d1")
    with pytest.raises(PermissionDenied, match="status, visibility"):
        permissions.check_item_change(
            cataloguer, draft, {"status": "published", "visibility": "private"}
        )
    with pytest.raises(PermissionDenied, match="status"):
        permissions.check_item_change(cataloguer, None, {"status": "published"})
    permissions.check_item_change(cataloguer, draft, {"status": "draft", "embargo_until": None})
    permissions.check_item_change(curator, draft, {"status": "published"})


def test_inactive_user_has_no_rights(curator, make_item):
    curator.is_active = False
    assert not permissions.can_publish(curator)
    assert not permissions.can_edit_item(curator, make_item("d1"))
