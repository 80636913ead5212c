"""The Dublin Core vocabulary: the 15 elements and the DCMI terms the catalogue describes items with."""

from dataclasses import dataclass

DC_NS = "http://purl.org/dc/elements/1.1/"
DCTERMS_NS = "http://purl.org/dc/terms/"


@dataclass(frozen=True)
class Property:
    name: str  # local name, as in the DCMI namespace (camelCase for terms)
    label: str
    namespace: str  # "dc" for the 15 elements, "dcterms" for the other terms
    is_date: bool = False  # values are EDTF and get lower/upper bounds
    refines: str = ""  # the element this term refines, for dumbing down to oai_dc

    @property
    def uri(self) -> str:
        return (DC_NS if self.namespace == "dc" else DCTERMS_NS) + self.name

    @property
    def qname(self) -> str:
        return f"{self.namespace}:{self.name}"


ELEMENTS = [
    Property("title", "Title", "dc"),
    Property("creator", "Creator", "dc"),
    Property("subject", "Subject", "dc"),
    Property("description", "Description", "dc"),
    Property("publisher", "Publisher", "dc"),
    Property("contributor", "Contributor", "dc"),
    Property("date", "Date", "dc", is_date=True),
    Property("type", "Type", "dc"),
    Property("format", "Format", "dc"),
    Property("identifier", "Identifier", "dc"),
    Property("source", "Source", "dc"),
    Property("language", "Language", "dc"),
    Property("relation", "Relation", "dc"),
    Property("coverage", "Coverage", "dc"),
    Property("rights", "Rights", "dc"),
]

TERMS = [
    Property("alternative", "Alternative title", "dcterms", refines="title"),
    Property("abstract", "Abstract", "dcterms", refines="description"),
    Property("tableOfContents", "Table of contents", "dcterms", refines="description"),
    Property("created", "Date created", "dcterms", is_date=True, refines="date"),
    Property("issued", "Date issued", "dcterms", is_date=True, refines="date"),
    Property("modified", "Date modified", "dcterms", is_date=True, refines="date"),
    Property("available", "Date available", "dcterms", is_date=True, refines="date"),
    Property("valid", "Date valid", "dcterms", is_date=True, refines="date"),
    Property("dateCopyrighted", "Date copyrighted", "dcterms", is_date=True, refines="date"),
    Property("extent", "Extent", "dcterms", refines="format"),
    Property("medium", "Medium", "dcterms", refines="format"),
    Property("spatial", "Spatial coverage", "dcterms", refines="coverage"),
    Property("temporal", "Temporal coverage", "dcterms", is_date=True, refines="coverage"),
    Property("isPartOf", "Is part of", "dcterms", refines="relation"),
    Property("hasPart", "Has part", "dcterms", refines="relation"),
    Property("isVersionOf", "Is version of", "dcterms", refines="relation"),
    Property("hasVersion", "Has version", "dcterms", refines="relation"),
    Property("references", "References", "dcterms", refines="relation"),
    Property("isReferencedBy", "Is referenced by", "dcterms", refines="relation"),
    Property("requires", "Requires", "dcterms", refines="relation"),
    Property("isFormatOf", "Is format of", "dcterms", refines="relation"),
    Property("bibliographicCitation", "Bibliographic citation", "dcterms", refines="identifier"),
    Property("license", "License", "dcterms", refines="rights"),
    Property("accessRights", "Access rights", "dcterms", refines="rights"),
    Property("rightsHolder", "Rights holder", "dcterms"),
    Property("provenance", "Provenance", "dcterms"),
    Property("audience", "Audience", "dcterms"),
]

PROPERTIES: dict[str, Property] = {p.name: p for p in ELEMENTS + TERMS}
PROPERTY_CHOICES = [(p.name, f"{p.qname} — {p.label}") for p in ELEMENTS + TERMS]
DATE_PROPERTIES = frozenset(p.name for p in PROPERTIES.values() if p.is_date)

# The DCMI Type Vocabulary.
DCMI_TYPES = [
    "Collection",
    "Dataset",
    "Event",
    "Image",
    "InteractiveResource",
    "MovingImage",
    "PhysicalObject",
    "Service",
    "Software",
    "Sound",
    "StillImage",
    "Text",
]
DCMI_TYPE_URI = "http://purl.org/dc/dcmitype/"


def get_property(name: str) -> Property:
    """Return the property called `name`, accepting `dc:` or `dcterms:` prefixes."""
    local = name.split(":", 1)[-1]
    try:
        return PROPERTIES[local]
    except KeyError:
        raise KeyError(f"unknown Dublin Core property {name!r}") from None


def dumb_down(name: str) -> str:
    """Return the 15-element name a term falls back to in simple Dublin Core (oai_dc)."""
    prop = get_property(name)
    return prop.name if prop.namespace == "dc" else prop.refines
