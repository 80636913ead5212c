"""The metadata formats this repository offers, by metadataPrefix (ListMetadataFormats).

The XML itself is written by collection.exports.dcxml, the one Dublin Core writer.
"""

from collection.exports.dcxml import (
    OAI_DC,
    QDC,
    SCHEMA_LOCATION,
    XML_LANG,
    XSI_NS,
    MetadataFormat,
    RecordData,
    Value,
    clean,
)

FORMATS: dict[str, MetadataFormat] = {fmt.prefix: fmt for fmt in (OAI_DC, QDC)}

__all__ = [
    "FORMATS",
    "SCHEMA_LOCATION",
    "XML_LANG",
    "XSI_NS",
    "MetadataFormat",
    "RecordData",
    "Value",
    "clean",
]
