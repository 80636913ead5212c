"""If-Match on REST writes: a change based on an outdated copy is a 412, never a lost update."""

import pytest

from collection.models import Collection, Item

pytestmark = pytest.mark.django_db


def etag_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response["ETag"]


def test_patch_with_the_current_etag_succeeds_and_returns_the_next_one(
    token_client, curator, catalogue
):
    client = token_client(curator)
    etag = etag_of(client, "/api/items/pub-1/")
    response = client.patch("/api/items/pub-1/", {"kind": "map"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200, response.content
    assert response["ETag"] != etag
    assert response["ETag"] == etag_of(client, "/api/items/pub-1/")


def test_a_write_from_an_outdated_copy_is_412_and_changes_nothing(token_client, curator, catalogue):
    client = token_client(curator)
    etag = etag_of(client, "/api/items/pub-1/")
    assert client.patch("/api/items/pub-1/", {"kind": "map"}, format="json").status_code == 200
    # A second client still holds the first copy.
    record = client.get("/api/items/pub-1/").json()
    record["kind"] = "letter"
    for method in (client.put, client.patch):
        response = method("/api/items/pub-1/", record, format="json", HTTP_IF_MATCH=etag)
        assert response.status_code == 412, response.content
        assert "changed since you fetched it" in response.json()["detail"]
    assert client.delete("/api/items/pub-1/", HTTP_IF_MATCH=etag).status_code == 412
    assert Item.objects.get(identifier="pub-1").kind == "map"


@pytest.mark.parametrize(
    "header",
    ['"nope"', 'W/"{etag}"', '"a", "b"'],
)
def test_if_match_uses_the_strong_comparison(token_client, curator, catalogue, header):
    client = token_client(curator)
    etag = etag_of(client, "/api/items/pub-1/")
    header = header.replace('"{etag}"', etag)
    response = client.patch(
        "/api/items/pub-1/", {"kind": "map"}, format="json", HTTP_IF_MATCH=header
    )
    assert response.status_code == 412


@pytest.mark.parametrize("header", ["*", '"other", {etag}'])
def test_star_and_a_list_containing_the_etag_match(token_client, curator, catalogue, header):
    client = token_client(curator)
    header = header.replace("{etag}", etag_of(client, "/api/items/pub-1/"))
    response = client.patch(
        "/api/items/pub-1/", {"kind": "map"}, format="json", HTTP_IF_MATCH=header
    )
    assert response.status_code == 200, response.content


def test_without_if_match_writes_still_work(token_client, curator, catalogue):
    response = token_client(curator).patch("/api/items/pub-1/", {"kind": "map"}, format="json")
    assert response.status_code == 200


def test_collection_and_authority_writes_honour_if_match(token_client, curator, catalogue):
    client = token_client(curator)
    for url, change in (
        ("/api/collections/dossier/", {"description": "Papers"}),
        ("/api/authorities/vlasov/", {"dates": "1901"}),
    ):
        etag = etag_of(client, url)
        response = client.patch(url, change, format="json", HTTP_IF_MATCH='"stale"')
        assert response.status_code == 412, response.content
        response = client.patch(url, change, format="json", HTTP_IF_MATCH=etag)
        assert response.status_code == 200, response.content
    assert Collection.objects.get(slug="dossier").description == "Papers"
