"""/api/search/ labels facet values in the language of each request, one process serving both."""

import pytest

from collection import history
from collection.models import Item, MetadataValue

pytestmark = pytest.mark.django_db
pytest.importorskip("search.service", reason="the search service is not there")


@pytest.fixture
def indexed(fts_index):
    with history.changes():
        item = Item.objects.create(
            identifier="l-1", dcmi_type="Text", kind="letter", status="published"
        )
        MetadataValue.objects.create(item=item, term="title", value="Brief uit Praag")
        MetadataValue.objects.create(item=item, term="language", value="nl")
    fts_index()


def facet_labels(api, language: str) -> dict[str, dict[str, str]]:
    data = api.get("/api/search/", HTTP_ACCEPT_LANGUAGE=language).json()
    return {
        name: {b["value"]: b["label"] for b in data["facets"][name]}
        for name in ("type", "kind", "language")
    }


def test_facet_labels_follow_each_requests_language(api, indexed):
    dutch = {
        "type": {"Text": "Tekst"},
        "kind": {"letter": "brief"},
        "language": {"nl": "Nederlands"},
    }
    english = {"type": {"Text": "Text"}, "kind": {"letter": "letter"}, "language": {"nl": "Dutch"}}
    # nl first: before, the first request's translations were cached for the process.
    assert facet_labels(api, "nl") == dutch
    assert facet_labels(api, "en") == english
    assert facet_labels(api, "nl") == dutch
