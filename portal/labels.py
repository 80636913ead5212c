"""Portal presentation: headings of Dublin Core terms and facets, authority kind pages.

Labels of vocabulary codes and facet values (DCMI types, kinds, languages, names) are made by
collection.labels, for the portal, the search and the API alike.
"""

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
