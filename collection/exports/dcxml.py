"""Dublin Core as XML: simple oai_dc (the 15 elements, terms dumbed down) and qualified DC.

The one writer of DC XML: OAI-PMH (inside <metadata>, REC-03) and the REST API's dcxml format
both build from a RecordData made of the catalogue's read model (`record_of`).
"""

import re
from dataclasses import dataclass, field
from typing import ClassVar, NamedTuple

from lxml import etree

from ..dublin_core import DC_NS, DCMI_TYPES, DCTERMS_NS, PROPERTIES, dumb_down
from ..readmodel import ItemRows

XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XSI_TYPE = f"{{{XSI_NS}}}type"
SCHEMA_LOCATION = f"{{{XSI_NS}}}schemaLocation"
# Characters XML 1.0 cannot carry at all; lxml refuses them, so they are dropped.
_ILLEGAL_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_W3CDTF = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# Terms whose authority values also get the authority's URI in qualified DC.
URI_TERMS = frozenset({"subject", "coverage", "spatial", "temporal"})


def clean(text: str) -> str:
    return _ILLEGAL_XML.sub("", text)


class Value(NamedTuple):  # a named tuple: a page of OAI records builds thousands
    term: str
    text: str  # the literal, or the authority's label, or "" when only a URI is known
    uri: str = ""
    language: str = ""
    authority_uris: tuple[str, ...] = ()


@dataclass
class RecordData:
    identifier: str  # local identifier
    url: str  # the item's page: linked from dc:identifier (REC-06)
    dcmi_type: str
    values: list[Value] = field(default_factory=list)


@dataclass(frozen=True)
class MetadataFormat:
    prefix: str  # metadataPrefix
    schema: str  # XSD URL, as given in ListMetadataFormats and xsi:schemaLocation
    namespace: str  # namespace of the root element
    # Whether records carry the external URIs of linked authorities (read only when they do).
    writes_authority_uris: ClassVar[bool] = False

    def build(self, record: RecordData) -> etree._Element:
        raise NotImplementedError("MetadataFormat.build must be overridden")

    def _root(self, tag: str, nsmap: dict[str, str]) -> etree._Element:
        root = etree.Element(tag, nsmap=nsmap)
        root.set(SCHEMA_LOCATION, f"{self.namespace} {self.schema}")
        return root


def _text_element(parent, tag: str, text: str, language: str = "") -> etree._Element:
    el = etree.SubElement(parent, tag)
    el.text = clean(text)
    if language:
        el.set(XML_LANG, language)
    return el


_ORDER = {name: i for i, name in enumerate(PROPERTIES)}
# Each term's oai_dc element ("" for terms that refine none) and its place among the elements:
# the element's own values before its refinements'. Worked out once, not per value of every record.
_ELEMENT = {name: dumb_down(name) or "" for name in PROPERTIES}
_DC_ORDER = {name: (_ORDER.get(element, 99), name != element) for name, element in _ELEMENT.items()}


class OaiDc(MetadataFormat):
    """Simple Dublin Core: every term dumbed down to one of the 15 elements (REC-04)."""

    def build(self, record: RecordData) -> etree._Element:
        root = self._root(
            f"{{{self.namespace}}}dc", {"oai_dc": self.namespace, "dc": DC_NS, "xsi": XSI_NS}
        )
        # Group by element, the element's own values before its refinements'.
        values = sorted(record.values, key=lambda v: _DC_ORDER[v.term])
        has_type = False
        for v in values:
            element = _ELEMENT[v.term]
            if not element or not (v.text or v.uri):
                continue  # terms that refine nothing (rightsHolder, provenance, audience)
            has_type |= element == "type"
            _text_element(root, f"{{{DC_NS}}}{element}", v.text or v.uri, v.language)
        if not has_type and record.dcmi_type:
            _text_element(root, f"{{{DC_NS}}}type", record.dcmi_type)
        _text_element(root, f"{{{DC_NS}}}identifier", record.url)
        return root


class QualifiedDc(MetadataFormat):
    """Qualified DC as in DCMI's XML guidelines (2008-02-11): dc:* and dcterms:* with xsi:type."""

    writes_authority_uris: ClassVar[bool] = True

    def build(self, record: RecordData) -> etree._Element:
        nsmap = {"qdc": self.namespace, "dc": DC_NS, "dcterms": DCTERMS_NS, "xsi": XSI_NS}
        root = self._root(f"{{{self.namespace}}}qualifieddc", nsmap)
        for v in sorted(record.values, key=lambda v: _ORDER[v.term]):
            prop = PROPERTIES[v.term]
            tag = f"{{{DC_NS if prop.namespace == 'dc' else DCTERMS_NS}}}{prop.name}"
            if v.text:
                el = _text_element(root, tag, v.text, v.language)
                if prop.is_date and _W3CDTF.match(v.text):
                    el.set(XSI_TYPE, "dcterms:W3CDTF")
                elif v.term == "type" and v.text in DCMI_TYPES:
                    el.set(XSI_TYPE, "dcterms:DCMIType")
            if v.uri and not v.text:
                _text_element(root, tag, v.uri).set(XSI_TYPE, "dcterms:URI")
            if v.term in URI_TERMS:
                for uri in v.authority_uris:
                    _text_element(root, tag, uri).set(XSI_TYPE, "dcterms:URI")
        if record.dcmi_type and not any(v.term == "type" for v in record.values):
            el = _text_element(root, f"{{{DC_NS}}}type", record.dcmi_type)
            el.set(XSI_TYPE, "dcterms:DCMIType")
        _text_element(root, f"{{{DC_NS}}}identifier", record.url).set(XSI_TYPE, "dcterms:URI")
        return root


OAI_DC = OaiDc(
    "oai_dc",
    "http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
    "http://www.openarchives.org/OAI/2.0/oai_dc/",
)
QDC = QualifiedDc(
    "qdc",
    "http://dublincore.org/schemas/xmls/qdc/2008/02/11/qualifieddc.xsd",
    "http://epubs.cclrc.ac.uk/xmlns/qdc/",
)


def record_of(row: ItemRows, url: str) -> RecordData:
    """The values a builder writes, from an item's rows (collection.readmodel, public=True)."""
    data = RecordData(row.identifier, url, row.dcmi_type)
    for v in row.values:
        text = v.text if (v.value or v.authority) else ""  # a bare URI is written as a URI
        uris = v.authority.uris if v.authority else ()
        data.values.append(Value(v.term, text, v.uri, v.text_language, uris))
    return data


def oai_dc_xml(row: ItemRows, url: str) -> bytes:
    """The oai_dc record as a standalone UTF-8 XML document."""
    element = OAI_DC.build(record_of(row, url))
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8", pretty_print=True)
