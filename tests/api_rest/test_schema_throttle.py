"""The OpenAPI schema generates cleanly, its documentation pages load offline, anonymous users are throttled."""

import pytest
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from rest_framework.throttling import AnonRateThrottle

pytestmark = pytest.mark.django_db


def test_schema_generates_without_warnings_and_validates(capsys):
    from drf_spectacular.drainage import GENERATOR_STATS

    GENERATOR_STATS.reset()
    schema = SchemaGenerator(urlconf="tests.api_rest.urls").get_schema(request=None, public=True)
    validate_schema(schema)  # raises on an invalid OpenAPI 3 document
    assert not GENERATOR_STATS, capsys.readouterr().err  # warnings and errors are counted here
    paths = schema["paths"]
    assert {"/api/items/", "/api/items/{identifier}/", "/api/search/"} <= set(paths)
    params = {p["name"] for p in paths["/api/items/"]["get"]["parameters"]}
    assert {"modified_since", "collection", "cursor", "page_size"} <= params


def test_schema_endpoint_and_docs_pages_load_without_a_cdn(api):
    assert (
        api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").status_code == 200
    )
    for url in ("/api/docs/", "/api/redoc/"):
        page = api.get(url)
        assert page.status_code == 200
        html = page.content.decode()
        assert "/static/drf_spectacular_sidecar/" in html and "cdn.jsdelivr" not in html


def test_anonymous_requests_are_throttled(api, monkeypatch, catalogue):
    # DRF reads the rates into the class at import time, so the test sets them there.
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    statuses = [api.get("/api/items/pub-1/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert api.get("/api/items/").status_code == 429


def test_authenticated_requests_are_not_anonymous_throttled(token_client, curator, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "1/minute"})
    client = token_client(curator)
    assert [client.get("/api/items/").status_code for _ in range(3)] == [200] * 3
