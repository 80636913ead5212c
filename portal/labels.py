"""Translatable labels the portal shows: Dublin Core terms, DCMI types, facets, authority kinds."""

from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

TERM_LABELS = {
    "title": _("Title"),
    "creator": _("Creator"),
    "subject": _("Subject"),
    "description": _("Description"),
    "publisher": _("Publisher"),
    "contributor": _("Contributor"),
    "date": _("Date"),
    "type": _("Type"),
    "format": _("Format"),
    "identifier": _("Identifier"),
    "source": _("Source"),
    "language": _("Language"),
    "relation": _("Relation"),
    "coverage": _("Coverage"),
    "rights": _("Rights"),
    "alternative": _("Alternative title"),
    "abstract": _("Abstract"),
    "tableOfContents": _("Table of contents"),
    "created": _("Date created"),
    "issued": _("Date issued"),
    "modified": _("Date modified"),
    "available": _("Date available"),
    "valid": _("Date valid"),
    "dateCopyrighted": _("Date copyrighted"),
    "extent": _("Extent"),
    "medium": _("Medium"),
    "spatial": _("Place"),
    "temporal": _("Period"),
    "isPartOf": _("Is part of"),
    "hasPart": _("Has part"),
    "isVersionOf": _("Is version of"),
    "hasVersion": _("Has version"),
    "references": _("References"),
    "isReferencedBy": _("Is referenced by"),
    "requires": _("Requires"),
    "isFormatOf": _("Is format of"),
    "bibliographicCitation": _("Bibliographic citation"),
    "license": _("License"),
    "accessRights": _("Access rights"),
    "rightsHolder": _("Rights holder"),
    "provenance": _("Provenance"),
    "audience": _("Audience"),
}

# The item page groups the terms so a reader finds what they look for.
TERM_GROUPS = (
    (_("Description"), ("title", "alternative", "description", "abstract", "tableOfContents")),
    (_("People and organisations"), ("creator", "contributor", "publisher", "rightsHolder")),
    (_("Subjects, places and periods"), ("subject", "spatial", "temporal", "coverage")),
    (
        _("Dates"),
        ("date", "created", "issued", "modified", "available", "valid", "dateCopyrighted"),
    ),
    (_("Form"), ("type", "format", "extent", "medium", "language")),
    (
        _("Relations"),
        (
            "identifier",
            "bibliographicCitation",
            "source",
            "relation",
            "isPartOf",
            "hasPart",
            "isVersionOf",
            "hasVersion",
            "references",
            "isReferencedBy",
            "requires",
            "isFormatOf",
        ),
    ),
    (_("Rights and provenance"), ("rights", "license", "accessRights", "provenance", "audience")),
)

DCMI_TYPE_LABELS = {
    "Collection": _("Collection"),
    "Dataset": _("Dataset"),
    "Event": _("Event"),
    "Image": _("Image"),
    "InteractiveResource": _("Interactive resource"),
    "MovingImage": _("Moving image"),
    "PhysicalObject": _("Physical object"),
    "Service": _("Service"),
    "Software": _("Software"),
    "Sound": _("Sound"),
    "StillImage": _("Still image"),
    "Text": _("Text"),
}

FACET_LABELS = {
    "type": _("Type"),
    "kind": _("Kind"),
    "collection": _("Collection"),
    "language": _("Language"),
    "subject": _("Subject"),
    "person": _("Person"),
    "place": _("Place"),
    "creator": _("Creator"),
    "decade": _("Decade"),
}

# Authority kinds and the plural path segment of their pages (/people/<slug>/ …).
KIND_PATHS = {
    "person": "people",
    "organisation": "organisations",
    "place": "places",
    "event": "events",
    "concept": "concepts",
}
KIND_PLURALS = {
    "person": _("People"),
    "organisation": _("Organisations"),
    "place": _("Places"),
    "event": _("Events"),
    "concept": _("Concepts"),
}


def language_name(code: str) -> str:
    """The name of a language tag in the interface language, or the tag when Django lacks it."""
    if not code:
        return ""
    for candidate in (code, code.split("-")[0].lower()):
        try:
            return str(get_language_info(candidate)["name_translated"])
        except KeyError:
            continue
    return code


def facet_value_label(facet: str, value: str, label: str) -> str:
    """A facet bucket's label in the interface language where the portal knows better."""
    if facet == "type":
        return str(DCMI_TYPE_LABELS.get(value, label))
    if facet == "language":
        return language_name(value)
    return label
