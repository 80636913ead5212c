"""JSON-LD for items: schema.org for general consumers plus every DCMI term as catalogued."""

from collections.abc import Callable, Iterable

from ..dublin_core import DC_NS, DCMI_TYPE_URI, DCTERMS_NS, PROPERTIES
from ..readmodel import ItemRows

# Inline, not a remote URL, so consumers (and our tests) can process it without fetching
# schema.org's context; "@none" in language maps needs JSON-LD 1.1.
JSONLD_CONTEXT = {
    "@version": 1.1,
    "@vocab": "https://schema.org/",
    "schema": "https://schema.org/",
    "dc": DC_NS,
    "dcterms": DCTERMS_NS,
    "dcmitype": DCMI_TYPE_URI,
    "name": {"@id": "schema:name", "@container": "@language"},
    "description": {"@id": "schema:description", "@container": "@language"},
    "url": {"@id": "schema:url", "@type": "@id"},
    "sameAs": {"@id": "schema:sameAs", "@type": "@id"},
    "contentUrl": {"@id": "schema:contentUrl", "@type": "@id"},
    "thumbnailUrl": {"@id": "schema:thumbnailUrl", "@type": "@id"},
    "dateModified": {"@id": "schema:dateModified", "@type": "schema:DateTime"},
}
# Bibliographic record type, else kind, else DCMI type -> schema.org class.
BIB_TYPES = {
    "book": "Book",
    "article-journal": "ScholarlyArticle",
    "chapter": "Chapter",
    "thesis": "Thesis",
    "report": "Report",
    "webpage": "WebPage",
}
KIND_TYPES = {"article": "Article", "photograph": "Photograph", "map": "Map", "letter": "Message"}
DCMI_TYPES = {
    "StillImage": "ImageObject",
    "Image": "ImageObject",
    "MovingImage": "VideoObject",
    "Sound": "AudioObject",
    "Dataset": "Dataset",
    "Software": "SoftwareApplication",
    "Collection": "Collection",
    "Event": "Event",
}
# DC terms that also have a natural schema.org property whose value is a linked node.
NODE_PROPERTIES = {"creator": "creator", "contributor": "contributor", "subject": "about"}
NODE_TYPES = {"person": "Person", "organisation": "Organization", "place": "Place"}


def schema_type(item: ItemRows) -> str:
    record = item.bibliographic
    if record is not None and record.type in BIB_TYPES:
        return BIB_TYPES[record.type]
    return KIND_TYPES.get(item.kind) or DCMI_TYPES.get(item.dcmi_type, "CreativeWork")


def item_jsonld(
    item: ItemRows,
    url: str,
    *,
    portal_url: str = "",
    authority_url: Callable | None = None,
    media: Iterable[dict] = (),
    context: bool = True,
) -> dict:
    """Return the item as a JSON-LD node identified by `url` (its API address).

    `authority_url(authority)` gives authority node ids; `media` are dicts with `url`, `mime`
    and optionally `thumbnail_url`; `context=False` leaves the @context to an enclosing graph.
    """
    groups = item.grouped()
    node: dict = {"@context": JSONLD_CONTEXT} if context else {}
    node["@id"] = url
    node["@type"] = [schema_type(item), f"dcmitype:{item.dcmi_type}"]
    node["identifier"] = item.identifier
    node["name"] = language_map(groups.get("title", ()))
    if groups.get("description"):
        node["description"] = language_map(groups["description"])
    if portal_url:
        node["url"] = portal_url
    node["dateModified"] = item.modified.isoformat()
    for term, prop in NODE_PROPERTIES.items():
        if groups.get(term):
            node[prop] = [_node(v, authority_url) for v in groups[term]]
    _add_media(node, media)
    for term, values in groups.items():
        prefix = "dc" if PROPERTIES[term].namespace == "dc" else "dcterms"
        node[f"{prefix}:{term}"] = [_dc_value(v, authority_url) for v in values]
    return node


def language_map(values) -> dict:
    """{language: text or [texts]}, with "@none" for untagged values."""
    out: dict[str, list[str]] = {}
    for value in values:
        out.setdefault(value.language or "@none", []).append(value.text)
    return {key: texts[0] if len(texts) == 1 else texts for key, texts in out.items()}


def _authority_id(authority, authority_url) -> str:
    return authority_url(authority) if authority_url else f"#authority-{authority.slug}"


def _node(value, authority_url) -> dict | str:
    if value.authority_id:
        auth = value.authority
        node = {
            "@id": _authority_id(auth, authority_url),
            "@type": NODE_TYPES.get(auth.kind, "Thing"),
            "name": {auth.language or "@none": auth.preferred_name},
        }
        same = list(auth.uris)
        if same:
            node["sameAs"] = same
        return node
    if value.uri:
        return {"@id": value.uri}
    return value.value


def _dc_value(value, authority_url) -> dict:
    if value.authority_id:
        return {"@id": _authority_id(value.authority, authority_url)}
    if value.uri and not value.value:
        return {"@id": value.uri}
    literal = {"@value": value.value}
    if value.language:
        literal["@language"] = value.language
    return literal


def _add_media(node: dict, media: Iterable[dict]) -> None:
    objects = []
    for file in media:
        obj = {"@type": "MediaObject", "contentUrl": file["url"], "encodingFormat": file["mime"]}
        if file.get("thumbnail_url"):
            obj["thumbnailUrl"] = file["thumbnail_url"]
            node.setdefault("thumbnailUrl", file["thumbnail_url"])
        objects.append(obj)
    if objects:
        node["associatedMedia"] = objects
