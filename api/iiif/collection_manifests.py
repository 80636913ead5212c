"""Presentation 3.0 Collections: a public collection's image items and its public sub-collections."""

from collection.models import Collection
from collection.readmodel import ItemRows

from .http import PRESENTATION_CONTEXT
from .language import language_map
from .links import Links
from .manifests import collection_label, collection_ref, item_label


def manifest_ref(item: ItemRows, links: Links) -> dict:
    return {"id": links.manifest(item.identifier), "type": "Manifest", "label": item_label(item)}


def collection(
    collection: Collection, items: list[ItemRows], children: list[Collection], links: Links
) -> dict:
    """The Collection document: sub-collections first (as references), then item manifests."""
    doc: dict = {
        "@context": PRESENTATION_CONTEXT,
        "id": links.collection(collection.slug),
        "type": "Collection",
        "label": collection_label(collection),
    }
    if summary := language_map([(collection.description, collection.language)]):
        doc["summary"] = summary
    doc["homepage"] = [
        {
            "id": links.collection_page(collection.slug),
            "type": "Text",
            "label": doc["label"],
            "format": "text/html",
        }
    ]
    if collection.parent_id is not None:
        doc["partOf"] = [collection_ref(collection.parent, links)]
    doc["items"] = [collection_ref(c, links) for c in children] + [
        manifest_ref(item, links) for item in items
    ]
    return doc
