"""Writing through the API: token auth, the admin's permissions, validation, history."""

import pytest

from collection.models import Item, Revision

pytestmark = pytest.mark.django_db

NEW_ITEM = {
    "identifier": "new-1",
    "dcmi_type": "Text",
    "kind": "letter",
    "collections": ["dossier"],
    "metadata": {
        "title": [{"value": "Brief", "language": "nl"}, {"value": "Letter", "language": "en"}],
        "dc:creator": [{"authority": "vlasov"}],
        "dcterms:created": [{"value": "1943-06"}],
    },
}


def test_cataloguer_creates_a_draft_and_the_revision_names_them(
    token_client, cataloguer, catalogue
):
    response = token_client(cataloguer).post("/api/items/", NEW_ITEM, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert response["Location"] == data["url"] == "http://testserver/api/items/new-1/"
    assert data["status"] == "draft" and data["version"] == 1 and data["title"] == "Brief"
    assert data["metadata"]["created"]["values"][0]["date_lower"] == "1943-06-01"
    assert data["metadata"]["creator"]["values"][0]["authority"]["slug"] == "vlasov"
    revision = Revision.objects.filter(target_type="item", target_label="new-1").get()
    assert revision.user == cataloguer and revision.action == "created"


def test_anonymous_cannot_write(api, catalogue):
    assert api.post("/api/items/", NEW_ITEM, format="json").status_code == 401
    assert api.delete("/api/items/pub-1/").status_code == 401


def test_cataloguer_may_not_publish_or_edit_published(token_client, cataloguer, catalogue):
    client = token_client(cataloguer)
    response = client.post("/api/items/", {**NEW_ITEM, "status": "published"}, format="json")
    assert response.status_code == 403 and "status" in response.json()["detail"]
    assert not Item.objects.filter(identifier="new-1").exists()
    response = client.patch("/api/items/pub-1/", {"kind": "map"}, format="json")
    assert response.status_code == 403
    response = client.patch("/api/items/draft-1/", {"visibility": "private"}, format="json")
    assert response.status_code == 403
    assert client.delete("/api/items/draft-1/").status_code == 403


def test_curator_publishes_and_round_trips_a_record(token_client, curator, catalogue):
    client = token_client(curator)
    record = client.get("/api/items/draft-1/").json()
    record["status"] = "published"
    record["metadata"]["title"]["values"].append({"value": "Draft", "language": "en"})
    response = client.put("/api/items/draft-1/", record, format="json")
    assert response.status_code == 200, response.content
    assert [v["value"] for v in response.json()["metadata"]["title"]["values"]] == [
        "Concept",
        "Draft",
    ]
    assert Item.objects.get(identifier="draft-1").status == "published"
    assert Revision.objects.filter(target_label="draft-1").first().user == curator


def test_patch_replaces_only_the_terms_given(token_client, curator, catalogue):
    client = token_client(curator)
    response = client.patch(
        "/api/items/pub-1/",
        {"metadata": {"subject": [{"value": "War", "language": "en"}]}},
        format="json",
    )
    metadata = response.json()["metadata"]
    assert [v["value"] for v in metadata["subject"]["values"]] == ["War"]
    assert len(metadata["title"]["values"]) == 2  # untouched


@pytest.mark.parametrize(
    "change, field",
    [
        ({"metadata": {"date": [{"value": "14 November 1944"}]}}, "metadata"),
        ({"metadata": {"title": [{"value": "x", "language": "english!"}]}}, "metadata"),
        ({"metadata": {"dc:author": [{"value": "x"}]}}, "metadata"),
        ({"metadata": {"title": [{"authority": "nobody"}]}}, "metadata"),
        ({"identifier": "pub-1"}, "identifier"),  # already taken
        ({"identifier": "bad id!"}, "identifier"),
        ({"dcmi_type": "Photo"}, "dcmi_type"),
        ({"collections": ["nope"]}, "collections"),
        ({"visibility": "embargoed"}, "embargo_until"),
    ],
)
def test_invalid_writes_are_400_naming_the_field(token_client, curator, catalogue, change, field):
    response = token_client(curator).post("/api/items/", {**NEW_ITEM, **change}, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Item.objects.filter(identifier="new-1").exists()


def test_error_names_the_term_and_value(token_client, curator, catalogue):
    body = {**NEW_ITEM, "metadata": {"date": [{"value": "1944"}, {"value": "someday"}]}}
    errors = token_client(curator).post("/api/items/", body, format="json").json()
    assert errors["metadata"]["date"][0] == {} and "value" in errors["metadata"]["date"][1]


def test_identifier_never_changes(token_client, curator, catalogue):
    response = token_client(curator).patch(
        "/api/items/pub-1/", {"identifier": "other"}, format="json"
    )
    assert response.status_code == 400 and "identifier" in response.json()


def test_curator_deletes_an_item_and_a_tombstone_remains(token_client, curator, catalogue):
    assert token_client(curator).delete("/api/items/wd-1/").status_code == 204
    revision = Revision.objects.filter(target_label="wd-1", action="deleted").get()
    assert revision.user == curator


def test_authority_and_collection_writes(token_client, cataloguer, curator, catalogue):
    body = {
        "kind": "place",
        "preferred_name": "Praag",
        "language": "nl",
        "names": [{"name": "Praha", "language": "cs"}],
        "identifiers": [{"scheme": "geonames", "uri": "https://www.geonames.org/3067696"}],
    }
    response = token_client(cataloguer).post("/api/authorities/", body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["slug"] == "praag" and response.json()["names"][0]["name"] == "Praha"
    bad = token_client(cataloguer).post(
        "/api/authorities/", {**body, "dates": "soon"}, format="json"
    )
    assert bad.status_code == 400 and "dates" in bad.json()
    collection = {"slug": "letters", "title": "Letters", "parent": "dossier"}
    assert (
        token_client(cataloguer).post("/api/collections/", collection, format="json").status_code
        == 403
    )
    response = token_client(curator).post("/api/collections/", collection, format="json")
    assert response.status_code == 201 and response.json()["set_spec"] == "dossier:letters"
    assert token_client(curator).delete("/api/collections/dossier/").status_code in (403, 409)
