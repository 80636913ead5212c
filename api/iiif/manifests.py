"""Presentation 3.0 manifests of image items: Dublin Core as language maps, one Canvas per image."""

import re

from archive.imaging.resize import fit_long_edge
from collection.dublin_core import PROPERTIES
from collection.models import Collection
from collection.readmodel import ItemRows

from .http import PRESENTATION_CONTEXT
from .language import NONE, language_map, term_label, values_map
from .links import Links
from .sources import Picture

# Shown elsewhere in the manifest: title is the label, description the summary, and the
# rights terms make up requiredStatement.
NOT_IN_METADATA = {"title", "description", "rights", "license", "rightsHolder"}
RIGHTS_TERMS = ("rights", "license", "rightsHolder")
RIGHTS_LABEL = {"en": ["Rights"], "nl": ["Rechten"]}
# Presentation 3.0 allows only Creative Commons and RightsStatements.org URIs in "rights", in
# their http form; an https spelling of the same URI is the same statement.
RIGHTS_URI_RE = re.compile(
    r"^https?://(?:www\.)?(creativecommons\.org/(?:licenses|publicdomain)/\S+"
    r"|rightsstatements\.org/vocab/\S+)$"
)
THUMBNAIL_MIN_SIDE = 150  # the smallest advertised size at least this large is the thumbnail


def item_label(item: ItemRows) -> dict[str, list[str]]:
    return values_map(item.values_of("title")) or {NONE: [item.identifier]}


def manifest(
    item: ItemRows, pictures: list[Picture], parents: list[Collection], links: Links
) -> dict:
    """The Manifest of an item with at least one picture."""
    url = links.manifest(item.identifier)
    doc: dict = {
        "@context": PRESENTATION_CONTEXT,
        "id": url,
        "type": "Manifest",
        "label": item_label(item),
    }
    if summary := values_map(item.values_of("description")):
        doc["summary"] = summary
    doc["metadata"] = metadata(item)
    if statement := values_map(v for term in RIGHTS_TERMS for v in item.values_of(term)):
        doc["requiredStatement"] = {"label": RIGHTS_LABEL, "value": statement}
    if uri := rights_uri(item):
        doc["rights"] = uri
    doc["homepage"] = [
        {
            "id": links.item_page(item.identifier),
            "type": "Text",
            "label": doc["label"],
            "format": "text/html",
        }
    ]
    doc["seeAlso"] = [
        {
            "id": links.item_data(item.identifier),
            "type": "Dataset",
            "label": {"en": ["Dublin Core record (JSON-LD)"]},
            "format": "application/ld+json",
        }
    ]
    doc["thumbnail"] = [thumbnail(pictures[0], links)]
    if parents:
        doc["partOf"] = [collection_ref(c, links) for c in parents]
    doc["items"] = [canvas(url, picture, links) for picture in pictures]
    return doc


def metadata(item: ItemRows) -> list[dict]:
    """One label/value pair per DC term the item has, in vocabulary order."""
    pairs = []
    for term in PROPERTIES:
        values = item.values_of(term)
        if term not in NOT_IN_METADATA and (value := values_map(values)):
            pairs.append({"label": term_label(term), "value": value})
    return pairs


def rights_uri(item: ItemRows) -> str | None:
    """The first license or rights value that is a CC or RightsStatements.org URI."""
    for value in [*item.values_of("license"), *item.values_of("rights")]:
        for text in (value.uri, value.value):
            if match := RIGHTS_URI_RE.match((text or "").strip()):
                return "http://" + match.group(1)
    return None


def image_service(picture: Picture, links: Links) -> dict:
    return {
        "id": links.image_service(picture.image_id),
        "type": "ImageService3",
        "profile": "level0",
    }


def full_size(info: dict) -> tuple[int, int]:
    """What full/max is: the whole image, or fitted into maxWidth when the service says so."""
    size = (info["width"], info["height"])
    return fit_long_edge(size, info["maxWidth"]) if "maxWidth" in info else size


def thumbnail(picture: Picture, links: Links) -> dict:
    sizes = sorted((s["width"], s["height"]) for s in picture.info.get("sizes", []))
    big_enough = [s for s in sizes if max(s) >= THUMBNAIL_MIN_SIDE]
    width, height = (big_enough or sizes or [full_size(picture.info)])[0]
    region_size = f"{width},{height}" if sizes else "max"
    return {
        "id": links.image_file(picture.image_id, "full", region_size),
        "type": "Image",
        "format": "image/jpeg",
        "width": width,
        "height": height,
        "service": [image_service(picture, links)],
    }


def canvas(manifest_url: str, picture: Picture, links: Links) -> dict:
    """A Canvas the size of the image, painted with full/max backed by the level-0 service."""
    canvas_id = f"{manifest_url}/canvas/{picture.image_id}"
    width, height = full_size(picture.info)
    body = {
        "id": links.image_file(picture.image_id, "full", "max"),
        "type": "Image",
        "format": "image/jpeg",
        "width": width,
        "height": height,
        "service": [image_service(picture, links)],
    }
    annotation = {
        "id": f"{canvas_id}/annotation",
        "type": "Annotation",
        "motivation": "painting",
        "target": canvas_id,
        "body": body,
    }
    return {
        "id": canvas_id,
        "type": "Canvas",
        "label": language_map([(picture.media_file.display_label, "")]),
        # The canvas has the image's full pixel size, so full/max (maybe smaller) is scaled up
        # to it and tiles line up with canvas coordinates.
        "width": picture.info["width"],
        "height": picture.info["height"],
        "items": [{"id": f"{canvas_id}/page", "type": "AnnotationPage", "items": [annotation]}],
    }


def collection_label(collection: Collection) -> dict[str, list[str]]:
    return language_map([(collection.title, collection.language)]) or {NONE: [collection.slug]}


def collection_ref(collection: Collection, links: Links) -> dict:
    return {
        "id": links.collection(collection.slug),
        "type": "Collection",
        "label": collection_label(collection),
    }
