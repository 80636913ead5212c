"""The OpenAPI schema tells the truth: error codes, every representation, titles required."""

import pytest
from drf_spectacular.generators import SchemaGenerator

from collection.models import Item

pytestmark = pytest.mark.django_db

EXPORTS = {
    "application/json",
    "application/ld+json",
    "application/xml",
    "text/xml",
    "application/vnd.citationstyles.csl+json",
    "application/x-bibtex",
    "application/x-research-info-systems",
}


@pytest.fixture(scope="module")
def paths() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)["paths"]


@pytest.mark.parametrize(
    "path, method, codes",
    [
        ("/api/items/", "get", {"200", "304", "400", "401", "406", "429"}),
        ("/api/items/", "post", {"201", "400", "401", "403", "406", "415", "429"}),
        ("/api/items/{identifier}/", "put", {"200", "400", "403", "404", "412", "415"}),
        ("/api/items/{identifier}/", "patch", {"200", "404", "412"}),
        ("/api/items/{identifier}/", "delete", {"204", "403", "404", "409", "412"}),
        ("/api/authorities/{slug}/", "delete", {"204", "404", "409", "412"}),
        ("/api/collections/", "get", {"200", "400", "429"}),
        ("/api/search/", "get", {"200", "400", "429"}),
    ],
)
def test_error_codes_are_documented(paths, path, method, codes):
    documented = set(paths[path][method]["responses"])
    assert codes <= documented, codes - documented


@pytest.mark.parametrize("path", ["/api/items/", "/api/items/{identifier}/"])
def test_each_item_representation_has_its_own_shape(paths, path):
    content = paths[path]["get"]["responses"]["200"]["content"]
    assert set(content) == EXPORTS
    assert content["application/x-bibtex"]["schema"] == {"type": "string"}
    assert content["application/x-research-info-systems"]["schema"] == {"type": "string"}
    assert content["application/xml"]["schema"] == {"type": "string"}
    assert content["application/vnd.citationstyles.csl+json"]["schema"]["type"] == "array"
    jsonld = content["application/ld+json"]["schema"]
    assert ("@graph" if path.endswith("items/") else "@id") in jsonld["required"]


def test_writes_answer_json_only(paths, token_client, curator, catalogue):
    for method in ("post",):
        assert set(paths["/api/items/"][method]["responses"]["201"]["content"]) == {
            "application/json"
        }
    assert set(paths["/api/items/"]["post"]["requestBody"]["content"]) == {"application/json"}
    response = token_client(curator).patch(
        "/api/items/pub-1/", {"kind": "map"}, format="json", HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/json"


def test_an_unknown_api_url_is_a_json_404(api):
    response = api.put("/api/items/not valid!/", {}, format="json")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


NO_TITLE = {"dcmi_type": "Text", "metadata": {"description": [{"value": "No title"}]}}


def test_an_item_post_without_a_title_is_refused(token_client, curator, catalogue):
    client = token_client(curator)
    for body in (NO_TITLE, {**NO_TITLE, "metadata": {}}, {**NO_TITLE, "metadata": {"title": []}}):
        response = client.post("/api/items/", body, format="json")
        assert response.status_code == 400, response.content
        assert response.json()["metadata"]["title"] == ["An item needs a title."]
    assert not Item.objects.filter(values__value="No title").exists()


def test_put_and_patch_cannot_remove_the_title(token_client, curator, catalogue):
    client = token_client(curator)
    response = client.put("/api/items/pub-1/", NO_TITLE, format="json")
    assert response.status_code == 400, response.content
    response = client.patch("/api/items/pub-1/", {"metadata": {"title": []}}, format="json")
    assert response.status_code == 400, response.content
    # A PATCH that leaves the title alone still works.
    response = client.patch("/api/items/pub-1/", {"metadata": {"subject": []}}, format="json")
    assert response.status_code == 200, response.content
    assert Item.objects.get(identifier="pub-1").values.filter(term="title").count() == 2


@pytest.mark.parametrize("path", ["/api/authorities/a%00b/", "/api/collections/%E2%80%AE/"])
def test_a_slug_outside_the_slug_alphabet_is_a_json_404(api, path):
    response = api.get(path)
    assert response.status_code == 404 and response.json() == {"detail": "Not found."}


def test_slug_path_parameters_are_documented_with_their_pattern(paths):
    for path in ("/api/authorities/{slug}/", "/api/collections/{slug}/"):
        (slug,) = [p for p in paths[path]["get"]["parameters"] if p["name"] == "slug"]
        assert slug["schema"]["pattern"] == "^[-a-zA-Z0-9_]{1,120}$"
