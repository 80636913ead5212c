"""A collection is visible to the public only when it and every collection above it are public."""

import pytest

from collection.models import Collection

pytestmark = pytest.mark.django_db


def test_a_public_collection_under_a_private_one_is_not_visible():
    root = Collection.objects.create(slug="root", title="Root")
    hidden = Collection.objects.create(slug="hidden", title="Hidden", parent=root, is_public=False)
    below = Collection.objects.create(slug="below", title="Below", parent=hidden)
    beside = Collection.objects.create(slug="beside", title="Beside", parent=root)
    assert [root.is_visible(), hidden.is_visible(), below.is_visible(), beside.is_visible()] == [
        True,
        False,
        False,
        True,
    ]
    assert set(Collection.objects.visible().values_list("slug", flat=True)) == {"root", "beside"}
