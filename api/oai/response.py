"""One XML builder per verb, plus the envelope and the error response (XML-01..09).

A response is one lxml tree serialized once in C: a page is bounded by OAI_PAGE_SIZE, so memory
stays small, and one serialization declares the namespaces once at the root instead of per record.
"""

import datetime as dt
from dataclasses import dataclass

from lxml import etree

from .datestamps import GRANULARITY, format_datestamp
from .metadata import SCHEMA_LOCATION, XML_LANG, XSI_NS, MetadataFormat, RecordData, clean
from .records import Header
from .sets import OAISet

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
OAI_XSD = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
OAI_ID_NS = "http://www.openarchives.org/OAI/2.0/oai-identifier"
OAI_ID_XSD = "http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"
OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NS = "http://purl.org/dc/elements/1.1/"
DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'


def _q(tag: str) -> str:
    return f"{{{OAI_NS}}}{tag}"


def _sub(parent, tag: str, text: str | None = None, **attrib) -> etree._Element:
    el = etree.SubElement(parent, _q(tag), attrib)
    if text is not None:
        el.text = clean(text)
    return el


def envelope(now: dt.datetime, base_url: str, args: dict[str, str] | None) -> etree._Element:
    """Return the OAI-PMH root with responseDate and request; args None echoes nothing."""
    root = etree.Element(_q("OAI-PMH"), nsmap={None: OAI_NS, "xsi": XSI_NS})
    root.set(SCHEMA_LOCATION, f"{OAI_NS} {OAI_XSD}")
    _sub(root, "responseDate", format_datestamp(now))
    request = _sub(root, "request", base_url)
    for key, value in (args or {}).items():
        request.set(key, clean(value))
    return root


def serialize(root: etree._Element) -> bytes:
    return DECLARATION + etree.tostring(root, encoding="UTF-8", xml_declaration=False)


def errors(root, errors: list[tuple[str, str]]) -> None:
    for code, message in errors:
        _sub(root, "error", message, code=code)


@dataclass
class RepositoryInfo:
    name: str
    base_url: str
    admin_email: str
    earliest: dt.datetime
    namespace: str  # the oai-identifier namespace
    sample: str  # a sample oai identifier


def identify(root, info: RepositoryInfo) -> None:
    el = _sub(root, "Identify")
    _sub(el, "repositoryName", info.name)
    _sub(el, "baseURL", info.base_url)
    _sub(el, "protocolVersion", "2.0")
    _sub(el, "adminEmail", info.admin_email)
    _sub(el, "earliestDatestamp", format_datestamp(info.earliest))
    _sub(el, "deletedRecord", "persistent")
    _sub(el, "granularity", GRANULARITY)
    desc = etree.SubElement(
        _sub(el, "description"), f"{{{OAI_ID_NS}}}oai-identifier", nsmap={None: OAI_ID_NS}
    )
    desc.set(SCHEMA_LOCATION, f"{OAI_ID_NS} {OAI_ID_XSD}")
    for tag, text in (
        ("scheme", "oai"),
        ("repositoryIdentifier", info.namespace),
        ("delimiter", ":"),
        ("sampleIdentifier", info.sample),
    ):
        etree.SubElement(desc, f"{{{OAI_ID_NS}}}{tag}").text = text


def list_metadata_formats(root, formats: list[MetadataFormat]) -> None:
    el = _sub(root, "ListMetadataFormats")
    for fmt in formats:
        entry = _sub(el, "metadataFormat")
        _sub(entry, "metadataPrefix", fmt.prefix)
        _sub(entry, "schema", fmt.schema)
        _sub(entry, "metadataNamespace", fmt.namespace)


def list_sets(root, sets: list[OAISet]) -> None:
    el = _sub(root, "ListSets")
    for s in sets:
        entry = _sub(el, "set")
        _sub(entry, "setSpec", s.set_spec)
        _sub(entry, "setName", s.title)
        if s.description:
            _set_description(_sub(entry, "setDescription"), s)


def _set_description(parent, s: OAISet) -> None:
    dc = etree.SubElement(parent, f"{{{OAI_DC_NS}}}dc", nsmap={"oai_dc": OAI_DC_NS, "dc": DC_NS})
    dc.set(SCHEMA_LOCATION, f"{OAI_DC_NS} http://www.openarchives.org/OAI/2.0/oai_dc.xsd")
    el = etree.SubElement(dc, f"{{{DC_NS}}}description")
    el.text = clean(s.description)
    if s.language:
        el.set(XML_LANG, s.language)


def _header(parent, header: Header) -> None:
    el = _sub(parent, "header", status="deleted") if header.deleted else _sub(parent, "header")
    _sub(el, "identifier", header.identifier)
    _sub(el, "datestamp", format_datestamp(header.datestamp))
    for spec in header.set_specs:
        _sub(el, "setSpec", spec)


def _record(parent, header: Header, data: RecordData | None, fmt: MetadataFormat) -> None:
    el = _sub(parent, "record")
    _header(el, header)
    if not header.deleted and data is not None:
        _sub(el, "metadata").append(fmt.build(data))


def get_record(root, header: Header, data: RecordData | None, fmt: MetadataFormat) -> None:
    _record(_sub(root, "GetRecord"), header, data, fmt)


@dataclass
class Continuation:
    """The resumptionToken element: token "" on the last page; None when the list fit in one."""

    token: str
    total: int | None  # completeListSize; None leaves it out (optional in OAI-PMH 2.0, 3.5)
    cursor: int
    expires: dt.datetime | None


def _resumption(parent, cont: Continuation | None) -> None:
    if cont is None:
        return
    attrib = {"cursor": str(cont.cursor)}
    if cont.total is not None:
        attrib = {"completeListSize": str(cont.total), **attrib}
    if cont.token and cont.expires is not None:
        attrib["expirationDate"] = format_datestamp(cont.expires)
    _sub(parent, "resumptionToken", cont.token, **attrib)


def list_identifiers(root, headers: list[Header], cont: Continuation | None) -> None:
    el = _sub(root, "ListIdentifiers")
    for header in headers:
        _header(el, header)
    _resumption(el, cont)


def list_records(
    root, rows: list[tuple[Header, RecordData | None]], fmt: MetadataFormat, cont
) -> None:
    el = _sub(root, "ListRecords")
    for header, data in rows:
        _record(el, header, data, fmt)
    _resumption(el, cont)
