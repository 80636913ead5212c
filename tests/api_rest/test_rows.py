"""The JSON built from plain rows matches the exports' reading of model objects, detail as list."""

import json

import pytest

from api.rest.rows import metadata_from_rows, values_by_item
from collection.exports.record import metadata_of
from collection.models import Item

from .test_queries import make_items

pytestmark = pytest.mark.django_db


def test_metadata_from_rows_matches_metadata_of(catalogue):
    item = Item.objects.prefetch_related("values__authority").get(identifier="pub-1")
    expected = metadata_of(item, lambda authority: f"/a/{authority.slug}")
    rows = values_by_item([item.pk])[item.pk]
    got = metadata_from_rows(rows, lambda slug: f"/a/{slug}")
    assert json.dumps(got) == json.dumps(expected)  # key order too: terms in catalogue order


def test_detail_is_the_list_record_with_files(api):
    make_items(1, 0)
    (listed,) = api.get("/api/items/").json()["results"]
    detail = api.get("/api/items/q-0/").json()
    assert detail == listed
    assert detail["files"][0]["thumbnail_url"]
