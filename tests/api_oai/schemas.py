"""Offline XSD validation of responses with the conformance kit (recipe 2 of its xsd/README.txt)."""

import json
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

KIT = Path(__file__).resolve().parents[2].parent / "shared" / "conformance"
XSD = KIT / "xsd"
QDC_STANDIN = Path(__file__).with_name("qdc-standin.xsd")


def kit_or_skip() -> Path:
    if not (XSD / "oai-pmh-with-oai_dc.xsd").exists():
        pytest.skip(f"conformance kit not found at {KIT}")
    return KIT


class CatalogResolver(etree.Resolver):
    """Resolve the public schema URLs to the kit's local copies (no network)."""

    def __init__(self) -> None:
        super().__init__()
        self.uris = json.loads((XSD / "catalog.json").read_text())["uris"]

    def resolve(self, url, pubid, context):
        if url in self.uris:
            return self.resolve_filename(str(XSD / self.uris[url]), context)
        return None


@cache
def schema(with_qdc: bool = False) -> etree.XMLSchema:
    """Compile the kit's driver schema, or one that adds the test-only qdc stand-in."""
    kit_or_skip()
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(CatalogResolver())
    if not with_qdc:
        return etree.XMLSchema(etree.parse(str(XSD / "oai-pmh-with-oai_dc.xsd"), parser))
    imports = [
        ("http://www.openarchives.org/OAI/2.0/", XSD / "OAI-PMH.xsd"),
        ("http://www.openarchives.org/OAI/2.0/oai_dc/", XSD / "oai_dc.xsd"),
        ("http://www.openarchives.org/OAI/2.0/oai-identifier", XSD / "oai-identifier.xsd"),
        ("http://epubs.cclrc.ac.uk/xmlns/qdc/", QDC_STANDIN),
    ]
    body = "".join(
        f'<xs:import namespace="{ns}" schemaLocation="{path.as_uri()}"/>' for ns, path in imports
    )
    driver = (
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        f'targetNamespace="urn:x-test:driver">{body}</xs:schema>'
    )
    doc = etree.fromstring(driver.encode(), parser, base_url=str(XSD / "driver.xsd"))
    return etree.XMLSchema(etree.ElementTree(doc))


def assert_valid(body: bytes, with_qdc: bool = False) -> etree._Element:
    """Parse a response body and fail with the schema's messages unless it validates (XML-01)."""
    doc = etree.fromstring(body)
    xsd = schema(with_qdc)
    if not xsd.validate(doc):
        messages = "\n".join(str(e) for e in xsd.error_log)
        raise AssertionError(f"response does not validate:\n{messages}\n{body[:2000]!r}")
    return doc
