"""The collection tree: visibility inherited downwards, cycles refused and invisible, slugs fixed."""

import pytest
from django.core.exceptions import ValidationError

from collection.models import Collection
from collection.public import CollectionTree

pytestmark = pytest.mark.django_db


def test_a_public_collection_under_a_private_one_is_not_visible():
    root = Collection.objects.create(slug="root", title="Root")
    hidden = Collection.objects.create(slug="hidden", title="Hidden", parent=root, is_public=False)
    below = Collection.objects.create(slug="below", title="Below", parent=hidden)
    beside = Collection.objects.create(slug="beside", title="Beside", parent=root)
    tree = CollectionTree.load()
    assert [tree.is_visible(c.pk) for c in (root, hidden, below, beside)] == [
        True,
        False,
        False,
        True,
    ]
    assert {tree.nodes[pk].slug for pk in tree.visible_ids()} == {"root", "beside"}
    assert tree.nodes[below.pk].set_spec == "root:hidden:below"
    assert tree.descendants(root.pk) == {root.pk, hidden.pk, below.pk, beside.pk}
    assert tree.visible_descendants(root.pk) == {root.pk, beside.pk}
    assert tree.facet_slugs([below.pk, beside.pk]) == ["root", "beside"]


def test_a_cycle_is_refused_by_the_model():
    a = Collection.objects.create(slug="a", title="A")
    b = Collection.objects.create(slug="b", title="B", parent=a)
    a.parent = b
    with pytest.raises(ValidationError) as refused:
        a.full_clean()
    assert "parent" in refused.value.message_dict
    with pytest.raises(ValidationError):
        a.save()
    a.parent = a
    with pytest.raises(ValidationError):
        a.save()


def test_a_cycle_already_in_the_data_is_invisible():
    a = Collection.objects.create(slug="a", title="A")
    b = Collection.objects.create(slug="b", title="B", parent=a)
    Collection.objects.filter(pk=a.pk).update(parent=b)  # as old data could hold it
    tree = CollectionTree.load()
    assert not tree.is_visible(a.pk) and not tree.is_visible(b.pk)
    assert tree.descendants(a.pk) == {a.pk, b.pk}  # walked once, no endless loop


def test_a_slug_never_changes():
    collection = Collection.objects.create(slug="dossier", title="Dossier")
    collection.slug = "renamed"
    with pytest.raises(ValidationError) as refused:
        collection.full_clean()
    assert "slug" in refused.value.message_dict
    with pytest.raises(ValidationError):
        collection.save()
    assert Collection.objects.get(pk=collection.pk).slug == "dossier"


def test_the_admin_shows_a_saved_slug_read_only(login, curator):
    collection = Collection.objects.create(slug="dossier", title="Dossier")
    client = login(curator)
    change = client.get(f"/admin/collection/collection/{collection.pk}/change/").content.decode()
    assert 'name="slug"' not in change and "dossier" in change
    add = client.get("/admin/collection/collection/add/").content.decode()
    assert 'name="slug"' in add


def test_only_curators_set_an_authority_private_in_the_admin(login, cataloguer, curator, vlasov):
    url = f"/admin/collection/authority/{vlasov.pk}/change/"
    assert 'name="is_public"' not in login(cataloguer).get(url).content.decode()
    assert 'name="is_public"' in login(curator).get(url).content.decode()
