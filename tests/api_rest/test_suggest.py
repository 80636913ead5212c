"""/api/suggest/: autocomplete over titles, authority names in any script and subjects."""

import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework.throttling import AnonRateThrottle

from collection import history
from collection.models import Authority, AuthorityName, Item, MetadataValue

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(fts_index):
    with history.changes():
        vlasov = Authority.objects.create(
            kind="person", slug="andrej-vlasov", preferred_name="Andrej Vlasov"
        )
        AuthorityName.objects.create(authority=vlasov, name="Андрей Власов", language="ru")
    for identifier, title, status in (
        ("t-1", "Vlasov in Praag", "published"),
        ("t-2", "Vlasov zqconcept", "draft"),
    ):
        with history.changes():
            item = Item.objects.create(identifier=identifier, dcmi_type="Text", status=status)
            MetadataValue.objects.create(item=item, term="title", value=title, language="nl")
            MetadataValue.objects.create(item=item, term="subject", value="Vlaggen")
    fts_index()


def test_titles_names_and_subjects_are_suggested_with_their_pages(api, indexed):
    data = api.get("/api/suggest/", {"q": "vla"}).json()
    assert data["q"] == "vla"
    found = {s["text"]: s for s in data["suggestions"]}
    assert {"Vlasov in Praag", "Andrej Vlasov", "Vlaggen"} <= set(found)
    assert "Vlasov zqconcept" not in found  # a draft's title
    title, person = found["Vlasov in Praag"], found["Andrej Vlasov"]
    assert (title["source"], title["url"]) == ("title", "http://testserver/api/items/t-1/")
    assert title["portal_url"] == "http://testserver/items/t-1/"
    assert person["source"] == "person"
    assert person["url"] == "http://testserver/api/authorities/andrej-vlasov/"
    assert (found["Vlaggen"]["source"], found["Vlaggen"]["url"]) == ("subject", None)
    assert all("<mark>" in s["label"] for s in data["suggestions"])


def test_names_in_another_script(api, indexed):
    texts = [s["text"] for s in api.get("/api/suggest/", {"q": "Влас"}).json()["suggestions"]]
    assert texts == ["Андрей Власов"]


def test_short_text_suggests_nothing_and_size_is_honoured(api, indexed):
    assert api.get("/api/suggest/", {"q": "v"}).json()["suggestions"] == []
    assert api.get("/api/suggest/", {"q": ""}).json()["suggestions"] == []
    assert len(api.get("/api/suggest/", {"q": "vla", "size": 1}).json()["suggestions"]) == 1


@pytest.mark.parametrize(
    "params, param, words",
    [
        ({}, "q", "Required"),
        ({"q": "x" * 501}, "q", "too long"),
        ({"q": " ".join(f"w{n}" for n in range(40))}, "q", "too many words"),
        ({"q": "vla", "size": "ten"}, "size", "whole number"),
        ({"q": "vla", "size": "0"}, "size", "1 to 20"),
        ({"q": "vla", "size": "21"}, "size", "1 to 20"),
        ({"q": "vla", "qq": "x"}, "qq", "Unknown parameter"),
    ],
)
def test_bad_input_is_a_400_naming_the_parameter(api, indexed, params, param, words):
    response = api.get("/api/suggest/", params)
    assert response.status_code == 400
    assert words in response.json()[param][0]


def test_anonymous_suggest_is_throttled(api, indexed, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})
    statuses = [api.get("/api/suggest/", {"q": "vla"}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_the_schema_documents_suggest():
    schema = SchemaGenerator(urlconf="tests.api_rest.urls").get_schema(request=None, public=True)
    operation = schema["paths"]["/api/suggest/"]["get"]
    params = {p["name"]: p for p in operation["parameters"]}
    assert params["q"]["required"] is True and "size" in params
    assert (
        "autocomplete" in operation["description"].casefold()
        or "Completions" in (operation["description"])
    )
    search = {p["name"] for p in schema["paths"]["/api/search/"]["get"]["parameters"]}
    assert "exact" in search


def test_an_unreachable_engine_is_a_503_not_a_500(api, settings):
    from search.backends import reset_backend

    settings.SEARCH_BACKEND = "search.backends.elasticsearch.ElasticsearchBackend"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # the discard port: connection refused
    reset_backend()
    try:
        for url in ("/api/suggest/", "/api/search/"):
            response = api.get(url, {"q": "vla"})
            assert response.status_code == 503, (url, response.content)
            assert "unavailable" in response.json()["detail"]
    finally:
        reset_backend()
