"""Simple Dublin Core XML in the OAI-PMH oai_dc container, the form every harvester reads."""

import re

from lxml import etree

from ..dublin_core import DC_NS, DCMI_TYPE_URI, dumb_down
from ..models import Item
from .record import grouped_values, text_of

OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_LOCATION = f"{OAI_DC_NS} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
NSMAP = {"oai_dc": OAI_DC_NS, "dc": DC_NS, "xsi": XSI_NS}
# XML 1.0 cannot carry most control characters; a stray one in a transcription must not
# make the whole record unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def oai_dc_element(item: Item, url: str = "") -> etree._Element:
    """Return <oai_dc:dc> for the item: DCMI terms dumbed down to the 15 elements, in order.

    Terms that refine no element (rightsHolder, provenance, audience) have no place in simple
    Dublin Core and are left out; `url`, when given, is added as a dc:identifier.
    """
    root = etree.Element(f"{{{OAI_DC_NS}}}dc", nsmap=NSMAP)
    root.set(f"{{{XSI_NS}}}schemaLocation", SCHEMA_LOCATION)
    groups = grouped_values(item)
    elements: dict[str, list] = {}
    for term, values in groups.items():
        element = dumb_down(term)
        if element:
            elements.setdefault(element, []).extend(values)
    for element, values in elements.items():
        for value in values:
            _add(root, element, text_of(value), value.language)
    if item.dcmi_type and not groups.get("type"):
        _add(root, "type", item.dcmi_type)
        _add(root, "type", DCMI_TYPE_URI + item.dcmi_type)
    _add(root, "identifier", item.identifier)
    if url:
        _add(root, "identifier", url)
    return root


def _add(root, element: str, text: str, language: str = "") -> None:
    text = _NOT_XML.sub("", text or "")
    if not text:
        return
    node = etree.SubElement(root, f"{{{DC_NS}}}{element}")
    node.text = text
    if language:
        node.set(XML_LANG, language)


def oai_dc_xml(item: Item, url: str = "") -> bytes:
    """The oai_dc record as a standalone UTF-8 XML document."""
    return etree.tostring(
        oai_dc_element(item, url), xml_declaration=True, encoding="UTF-8", pretty_print=True
    )
