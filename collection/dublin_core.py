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


# The order a cataloguer reads a description in: what it is called, who made it, what it is
# about, when, then its form, identity, relations, coverage and rights. The item editor shows
# its groups in this order (after a kind's template, which may put some first).
READING_ORDER = [
    "title",
    "alternative",
    "creator",
    "contributor",
    "subject",
    "description",
    "abstract",
    "tableOfContents",
    "date",
    "created",
    "issued",
    "modified",
    "available",
    "valid",
    "dateCopyrighted",
    "type",
    "format",
    "extent",
    "medium",
    "language",
    "identifier",
    "bibliographicCitation",
    "source",
    "publisher",
    "relation",
    "isPartOf",
    "hasPart",
    "isVersionOf",
    "hasVersion",
    "isFormatOf",
    "references",
    "isReferencedBy",
    "requires",
    "coverage",
    "spatial",
    "temporal",
    "rights",
    "license",
    "accessRights",
    "rightsHolder",
    "provenance",
    "audience",
]

# DCMI's definitions (DCMI Metadata Terms, 2020-01-20), shown as each group's help text.
DEFINITIONS: dict[str, str] = {
    "title": "A name given to the resource.",
    "alternative": "An alternative name for the resource.",
    "creator": "An entity responsible for making the resource.",
    "contributor": "An entity responsible for making contributions to the resource.",
    "subject": "A topic of the resource.",
    "description": "An account of the resource.",
    "abstract": "A summary of the resource.",
    "tableOfContents": "A list of subunits of the resource.",
    "date": "A point or period of time associated with an event in the lifecycle of the "
    "resource. Write it in EDTF: 1944-11-14, 1943-06, 1942~, 1945/1946.",
    "created": "Date of creation of the resource (EDTF).",
    "issued": "Date of formal issuance of the resource (EDTF).",
    "modified": "Date on which the resource was changed (EDTF).",
    "available": "Date that the resource became or will become available (EDTF).",
    "valid": "Date (often a range) of validity of a resource (EDTF).",
    "dateCopyrighted": "Date of copyright of the resource (EDTF).",
    "type": "The nature or genre of the resource.",
    "format": "The file format, physical medium, or dimensions of the resource.",
    "extent": "The size or duration of the resource.",
    "medium": "The material or physical carrier of the resource.",
    "language": "A language of the resource.",
    "identifier": "An unambiguous reference to the resource within a given context.",
    "bibliographicCitation": "A bibliographic reference for the resource.",
    "source": "A related resource from which the described resource is derived.",
    "publisher": "An entity responsible for making the resource available.",
    "relation": "A related resource.",
    "isPartOf": "A related resource in which the described resource is physically or "
    "logically included.",
    "hasPart": "A related resource that is included either physically or logically in the "
    "described resource.",
    "isVersionOf": "A related resource of which the described resource is a version, edition, "
    "or adaptation.",
    "hasVersion": "A related resource that is a version, edition, or adaptation of the "
    "described resource.",
    "isFormatOf": "A pre-existing related resource that is substantially the same as the "
    "described resource, but in another format.",
    "references": "A related resource that is referenced, cited, or otherwise pointed to by "
    "the described resource.",
    "isReferencedBy": "A related resource that references, cites, or otherwise points to the "
    "described resource.",
    "requires": "A related resource that is required by the described resource to support "
    "its function, delivery, or coherence.",
    "coverage": "The spatial or temporal topic of the resource, spatial applicability of the "
    "resource, or jurisdiction under which the resource is relevant.",
    "spatial": "Spatial characteristics of the resource.",
    "temporal": "Temporal characteristics of the resource (EDTF).",
    "rights": "Information about rights held in and over the resource.",
    "license": "A legal document giving official permission to do something with the resource.",
    "accessRights": "Information about who access the resource or an indication of its "
    "security status.",
    "rightsHolder": "A person or organization owning or managing rights over the resource.",
    "provenance": "A statement of any changes in ownership and custody of the resource since "
    "its creation that are significant for its authenticity, integrity, and interpretation.",
    "audience": "A class of agents for whom the resource is intended or useful.",
}
