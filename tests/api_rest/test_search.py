"""/api/search/ on the embedded FTS5 backend: hits with highlights, facets, 400s naming parameters."""

import pytest

from collection import history
from collection.models import Item, MetadataValue

pytestmark = pytest.mark.django_db
search_service = pytest.importorskip("search.service", reason="the search service is not there")


@pytest.fixture
def indexed(fts_index):
    for identifier, title, status in (
        ("s-1", "Proclamatie van Praag", "published"),
        ("s-2", "Brief uit Praag", "draft"),
        ("s-3", "Foto van een parade", "published"),
    ):
        with history.changes():
            item = Item.objects.create(identifier=identifier, dcmi_type="Text", status=status)
            MetadataValue.objects.create(item=item, term="title", value=title, language="nl")
            MetadataValue.objects.create(item=item, term="language", value="nl")
    fts_index()


def test_search_returns_public_hits_with_highlights_and_facets(api, indexed):
    data = api.get("/api/search/?q=praag&filter.type=Text").json()
    assert data["total"] == 1  # the draft letter is not searchable
    (hit,) = data["hits"]
    assert hit["identifier"] == "s-1" and hit["url"] == "http://testserver/api/items/s-1/"
    assert "item_id" not in hit
    assert any("<mark>" in s for snippets in hit["highlights"].values() for s in snippets)
    types = {b["value"]: b for b in data["facets"]["type"]}
    assert types["Text"]["selected"] is True


def test_facet_without_prefix_and_paging(api, indexed):
    data = api.get("/api/search/?language=nl&page_size=1&sort=title").json()
    assert data["total"] == 2 and len(data["hits"]) == 1


@pytest.mark.parametrize(
    "query, param",
    [
        ("sort=random", "sort"),
        ("page=0", "page"),
        ("page_size=ten", "page_size"),
        ("date_from=1950&date_to=1940", "date_from"),
        # beyond the years an index holds: Elasticsearch could not parse the bound (was a 500)
        ("date_from=2762356", "date_from"),
        ("date_to=0", "date_to"),
        ("filter.colour=red", "filter.colour"),
        ("qq=praag", "qq"),
    ],
)
def test_bad_search_parameters_are_400(api, indexed, query, param):
    response = api.get(f"/api/search/?{query}")
    assert response.status_code == 400
    assert param in response.json()
