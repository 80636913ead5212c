"""/api/search/ answers matching authorities in their own section, and says when it corrected
the spelling (exact=true searches the text as typed)."""

import pytest

from collection import history
from collection.models import Authority, AuthorityName, Item, MetadataValue

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(fts_index):
    with history.changes():
        vlasov = Authority.objects.create(
            kind="person", slug="andrej-vlasov", preferred_name="Andrej Vlasov"
        )
        AuthorityName.objects.create(authority=vlasov, name="Власов", language="ru")
        strik = Authority.objects.create(
            kind="person",
            slug="wilfried-strik-strikfeldt",
            preferred_name="Wilfried Strik-Strikfeldt",
            description="Liaison officer at the Dabendorf camp.",
        )
        AuthorityName.objects.create(authority=strik, name="Штрик-Штрикфельдт", language="ru")
        Authority.objects.create(
            kind="person", slug="zq-hidden", preferred_name="Zqhidden Person", is_public=False
        )
    for identifier, title, status in (
        ("v-1", "Vlasov in Praag", "published"),
        ("v-2", "Vlasov concept", "draft"),
    ):
        with history.changes():
            item = Item.objects.create(identifier=identifier, dcmi_type="Text", status=status)
            MetadataValue.objects.create(item=item, term="title", value=title, language="nl")
            MetadataValue.objects.create(item=item, term="subject", authority=vlasov)
    fts_index()


def test_an_authority_linked_to_no_item_is_found_in_its_own_section(api, indexed):
    data = api.get("/api/search/", {"q": "Штрикфельдт"}).json()
    assert (data["total"], data["hits"], data["corrected_from"]) == (0, [], None)
    (found,) = data["authorities"]
    assert found["url"] == "http://testserver/api/authorities/wilfried-strik-strikfeldt/"
    assert found["portal_url"] in (None, "http://testserver/people/wilfried-strik-strikfeldt/")
    matched = found.pop("matched")
    assert "<mark>" in matched and "Штрик" in matched and "Wilfried" not in matched
    assert {k: v for k, v in found.items() if k not in ("url", "portal_url")} == {
        "kind": "person",
        "slug": "wilfried-strik-strikfeldt",
        "name": "Wilfried Strik-Strikfeldt",
        "item_count": 0,
    }
    assert "authority_id" not in found and "score" not in found


def test_the_count_is_of_public_items_and_private_authorities_never_show(api, indexed):
    data = api.get("/api/search/", {"q": "Vlasov"}).json()
    assert [h["identifier"] for h in data["hits"]] == ["v-1"]
    assert [(a["slug"], a["item_count"]) for a in data["authorities"]] == [("andrej-vlasov", 1)]
    assert api.get("/api/search/", {"q": "Zqhidden"}).json()["authorities"] == []
    assert api.get("/api/search/", {"q": "Vlasov", "page": 2}).json()["authorities"] == []


def test_a_misspelling_is_corrected_once_and_exact_keeps_it(api, indexed):
    data = api.get("/api/search/", {"q": "Vlasow"}).json()
    assert data["corrected_from"] == "Vlasow"
    assert [h["identifier"] for h in data["hits"]] == ["v-1"]
    exact = api.get("/api/search/", {"q": "Vlasow", "exact": "true"}).json()
    assert (exact["total"], exact["corrected_from"]) == (0, None)
    assert exact["suggestion"].casefold() == "vlasov"
