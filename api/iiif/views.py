"""Presentation 3.0 endpoints: a Manifest per public image item, a Collection per public collection."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from . import collection_manifests, manifests, sources
from .http import PRESENTATION_CONTEXT, json_ld, not_found
from .links import Links


@require_safe
def manifest(request: HttpRequest, identifier: str) -> HttpResponse:
    item = sources.public_item(identifier)
    pictures = sources.pictures_of(item) if item else []
    if not pictures:
        # Same answer for hidden, unknown and picture-less items: existence is not disclosed.
        return not_found("No IIIF manifest for this item.")
    links = Links(request)
    doc = manifests.manifest(item, pictures, sources.public_parents(item), links)
    return json_ld(doc, PRESENTATION_CONTEXT)


@require_safe
def collection(request: HttpRequest, slug: str) -> HttpResponse:
    found = sources.public_collection(slug)
    if found is None:
        return not_found("No such collection.")
    items = list(sources.image_items(found))
    children = list(sources.public_children(found))
    doc = collection_manifests.collection(found, items, children, Links(request))
    return json_ld(doc, PRESENTATION_CONTEXT)
