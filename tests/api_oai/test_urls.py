"""The endpoint is mounted at /oai by the project's own URLconf (HTTP-01: one base URL)."""

from django.urls import reverse


def test_HTTP_01_endpoint_is_at_slash_oai():
    assert reverse("oai:endpoint") == "/oai"
