"""IIIF language maps from Dublin Core values and the English and Dutch labels of DC terms."""

from collections.abc import Iterable

from collection.dublin_core import PROPERTIES

NONE = "none"  # the IIIF key for text whose language is unknown or not applicable

# Dutch labels of the terms the catalogue uses; English comes from collection.dublin_core.
DUTCH = {
    "title": "Titel",
    "creator": "Maker",
    "subject": "Onderwerp",
    "description": "Beschrijving",
    "publisher": "Uitgever",
    "contributor": "Bijdrager",
    "date": "Datum",
    "type": "Type",
    "format": "Formaat",
    "identifier": "Identificatie",
    "source": "Bron",
    "language": "Taal",
    "relation": "Relatie",
    "coverage": "Dekking",
    "rights": "Rechten",
    "alternative": "Alternatieve titel",
    "abstract": "Samenvatting",
    "tableOfContents": "Inhoudsopgave",
    "created": "Datum van vervaardiging",
    "issued": "Datum van uitgifte",
    "modified": "Datum van wijziging",
    "available": "Beschikbaar vanaf",
    "valid": "Geldig",
    "dateCopyrighted": "Datum auteursrecht",
    "extent": "Omvang",
    "medium": "Medium",
    "spatial": "Plaats",
    "temporal": "Periode",
    "isPartOf": "Is onderdeel van",
    "hasPart": "Heeft onderdeel",
    "isVersionOf": "Is versie van",
    "hasVersion": "Heeft versie",
    "references": "Verwijst naar",
    "isReferencedBy": "Wordt verwezen door",
    "requires": "Vereist",
    "isFormatOf": "Is formaat van",
    "bibliographicCitation": "Bibliografische verwijzing",
    "license": "Licentie",
    "accessRights": "Toegangsrechten",
    "rightsHolder": "Rechthebbende",
    "provenance": "Herkomst",
    "audience": "Doelgroep",
}


def language_map(texts: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """{language tag or "none": [text, ...]} from (text, language) pairs, blanks dropped."""
    out: dict[str, list[str]] = {}
    for text, language in texts:
        if text and text.strip():
            out.setdefault(language or NONE, []).append(text.strip())
    return out


def values_map(values: Iterable) -> dict[str, list[str]]:
    """The language map of read-model values (authority names and bare URIs included)."""
    return language_map((v.text, v.text_language) for v in values)


def term_label(term: str) -> dict[str, list[str]]:
    """The label of a DC term in English and, where known, Dutch."""
    label = {"en": [PROPERTIES[term].label]}
    if term in DUTCH:
        label["nl"] = [DUTCH[term]]
    return label
