"""Responses every IIIF endpoint shares: JSON-LD with a profile, CORS, short 404s."""

import json

from django.http import HttpResponse, HttpResponseNotFound

PRESENTATION_CONTEXT = "http://iiif.io/api/presentation/3/context.json"
IMAGE_CONTEXT = "http://iiif.io/api/image/3/context.json"
# Viewers on other origins fetch these documents and images from script, so every answer
# (errors included, or the browser hides the status from the viewer) carries the header.
CORS = {"Access-Control-Allow-Origin": "*"}


def with_cors(response: HttpResponse) -> HttpResponse:
    for header, value in CORS.items():
        response[header] = value
    return response


def json_ld(document: dict, context: str) -> HttpResponse:
    """A JSON-LD response whose media type names the IIIF context it follows."""
    body = json.dumps(document, ensure_ascii=False, indent=2)
    content_type = f'application/ld+json;profile="{context}"'
    return with_cors(HttpResponse(body, content_type=content_type))


def not_found(message: str) -> HttpResponse:
    """A 404 with a one-line plain-text reason (never which of several reasons applied)."""
    return with_cors(HttpResponseNotFound(message + "\n", content_type="text/plain; charset=utf-8"))
