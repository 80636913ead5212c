"""The REST JSON of an item is built from the catalogue's read model, detail as list."""

import pytest

from collection import readmodel
from collection.models import Item

from .test_queries import make_items

pytestmark = pytest.mark.django_db


def test_metadata_follows_the_read_model_in_catalogue_order(api, catalogue):
    item = Item.objects.get(identifier="pub-1")
    rows = readmodel.load([item.pk])[item.pk]
    metadata = api.get("/api/items/pub-1/").json()["metadata"]
    assert list(metadata) == list(rows.grouped())  # terms in Dublin Core order
    for term, values in rows.grouped().items():
        assert [v["value"] for v in metadata[term]["values"]] == [v.value for v in values]


def test_detail_is_the_list_record_with_files(api):
    make_items(1, 0)
    (listed,) = api.get("/api/items/").json()["results"]
    detail = api.get("/api/items/q-0/").json()
    assert detail == listed
    assert detail["files"][0]["thumbnail_url"]
