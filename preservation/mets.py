"""One METS document per item: its qualified DC, and PREMIS 3 objects, events and agents.

Validated against the METS schema that the `metsrw` package ships (metsrw/resources/mets.xsd);
the XLink schema it imports is kept in preservation/schemas so validation needs no network. The
DC and PREMIS inside <mdWrap><xmlData> are checked "lax" by the METS schema (no schema of theirs
is loaded, and their xsi:type attributes are set aside for the check), so their shape is this
module's responsibility.
"""

from __future__ import annotations

import functools
from pathlib import Path

import metsrw
from django.conf import settings
from lxml import etree

from .records import SYSTEM_AGENT

METS_NS = "http://www.loc.gov/METS/"
PREMIS_NS = "http://www.loc.gov/premis/v3"
XLINK_NS = "http://www.w3.org/1999/xlink"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = (
    f"{METS_NS} http://www.loc.gov/standards/mets/mets.xsd "
    f"{PREMIS_NS} http://www.loc.gov/standards/premis/v3/premis.xsd"
)
NSMAP = {"mets": METS_NS, "premis": PREMIS_NS, "xlink": XLINK_NS, "xsi": XSI_NS}
XLINK_SCHEMA = Path(__file__).parent / "schemas" / "xlink.xsd"
# PREMIS event types from the Library of Congress vocabulary (id.loc.gov/vocabulary/preservation/eventType)
INGESTION, FIXITY, CREATION, METADATA = (
    "ingestion",
    "fixity check",
    "creation",
    "metadata modification",
)


class InvalidMets(ValueError):
    """A METS document this module wrote does not validate: a bug, never the data's fault."""


def _m(tag: str) -> str:
    return f"{{{METS_NS}}}{tag}"


def _p(tag: str) -> str:
    return f"{{{PREMIS_NS}}}{tag}"


def _sub(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    el = etree.SubElement(parent, tag, {k: str(v) for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def _wrap(parent, section: str, ident: str, mdtype: str) -> etree._Element:
    """<section ID><mdWrap MDTYPE><xmlData>: return the xmlData element."""
    holder = _sub(parent, _m(section), ID=ident)
    return _sub(_sub(holder, _m("mdWrap"), MDTYPE=mdtype), _m("xmlData"))


def build(record: dict, dc: etree._Element) -> etree._Element:
    """The METS document of one item record (preservation.records) and its qualified DC."""
    root = etree.Element(_m("mets"), nsmap=NSMAP, OBJID=record["identifier"])
    root.set(f"{{{XSI_NS}}}schemaLocation", SCHEMA_LOCATION)
    root.set("LABEL", record["title"] or record["identifier"])
    root.set("TYPE", record["kind"])
    header = _sub(
        root,
        _m("metsHdr"),
        CREATEDATE=record["created"],
        LASTMODDATE=record["modified"],
        RECORDSTATUS=record["status"],
    )
    agent = _sub(header, _m("agent"), ROLE="CUSTODIAN", TYPE="ORGANIZATION")
    _sub(agent, _m("name"), settings.OAI_REPOSITORY_NAME)
    _wrap(root, "dmdSec", "dmd-dc", "DC").append(dc)
    events, agents = _events(record)
    amd = _sub(root, _m("amdSec"), ID="amd")
    for n, file in enumerate(record["files"], 1):
        _object(_wrap(amd, "techMD", f"object-{n}", "PREMIS:OBJECT"), file)
    for n, event in enumerate(events, 1):
        _event(_wrap(amd, "digiprovMD", f"event-{n}", "PREMIS:EVENT"), event)
    for n, name in enumerate(sorted(agents), 1):
        _agent(_wrap(amd, "digiprovMD", f"agent-{n}", "PREMIS:AGENT"), name)
    _files(root, record)
    return root


def _files(root, record: dict) -> None:
    div_attrs = {"TYPE": record["kind"], "LABEL": record["title"] or record["identifier"]}
    if record["files"]:
        group = _sub(_sub(root, _m("fileSec")), _m("fileGrp"), USE="original")
        for n, file in enumerate(record["files"], 1):
            el = _sub(
                group,
                _m("file"),
                ID=f"file-{n}",
                MIMETYPE=file["mime_type"],
                SIZE=file["size"],
                CREATED=file["ingested"],
                CHECKSUM=file["sha256"],
                CHECKSUMTYPE="SHA-256",
                ADMID=f"object-{n}",
            )
            location = _sub(el, _m("FLocat"), LOCTYPE="OTHER", OTHERLOCTYPE="SYSTEM")
            location.set(f"{{{XLINK_NS}}}href", file["path"])
    div = _sub(_sub(root, _m("structMap"), TYPE="logical"), _m("div"), DMDID="dmd-dc", **div_attrs)
    for n, _file in enumerate(record["files"], 1):
        _sub(div, _m("fptr"), FILEID=f"file-{n}")


def _identifier(parent, kind: str, value: str, prefix: str = "") -> None:
    el = _sub(parent, _p(f"{prefix}{kind}Identifier"))
    _sub(el, _p(f"{prefix}{kind}IdentifierType"), "local")
    _sub(el, _p(f"{prefix}{kind}IdentifierValue"), value)


def _object(parent, file: dict) -> None:
    obj = _sub(parent, _p("object"), version="3.0")
    obj.set(f"{{{XSI_NS}}}type", "premis:file")
    _identifier(obj, "object", file["path"])
    traits = _sub(obj, _p("objectCharacteristics"))
    _sub(traits, _p("compositionLevel"), "0")
    fixity = _sub(traits, _p("fixity"))
    _sub(fixity, _p("messageDigestAlgorithm"), "SHA-256")
    _sub(fixity, _p("messageDigest"), file["sha256"])
    _sub(traits, _p("size"), str(file["size"]))
    designation = _sub(_sub(traits, _p("format")), _p("formatDesignation"))
    _sub(designation, _p("formatName"), file["mime_type"])
    _sub(obj, _p("originalName"), file["original_filename"])
    if file["replaces"]:
        rel = _sub(obj, _p("relationship"))
        _sub(rel, _p("relationshipType"), "derivation")
        _sub(rel, _p("relationshipSubType"), "is new version of")
        _identifier(rel, "Object", file["replaces"], prefix="related")


def _events(record: dict) -> tuple[list[dict], set[str]]:
    """Every event of the item in time order (ties by identifier), and the agents they name."""
    events = []
    for file in record["files"]:
        path = file["path"]
        events.append(
            _ev(
                INGESTION,
                f"ingestion/{path}",
                file["ingested"],
                "ok",
                file["ingested_by"],
                path,
                f"original {file['original_filename']}",
            )
        )
        for n, check in enumerate(file["fixity_checks"], 1):
            events.append(
                _ev(
                    FIXITY,
                    f"fixity/{path}/{n}",
                    check["checked_at"],
                    check["result"],
                    SYSTEM_AGENT,
                    path,
                    check["message"] or f"SHA-256 {check['actual_sha256']}",
                )
            )
        for d in file["derivations"]:
            events.append(
                _ev(
                    CREATION,
                    f"derivation/{path}/{d['kind']}",
                    d["created"],
                    d["outcome"],
                    SYSTEM_AGENT,
                    path,
                    f"derivative: {d['kind']}",
                )
            )
    for n, rev in enumerate(record["history"], 1):
        detail = (
            rev["comment"] or f"{rev['action']}: {', '.join(sorted(rev['changes'])) or 'record'}"
        )
        events.append(
            _ev(
                METADATA, f"revision/{n}", rev["created"], rev["action"], rev["agent"], None, detail
            )
        )
    events.sort(key=lambda e: (e["when"], e["id"]))
    return events, {e["agent"] for e in events}


def _ev(kind, ident, when, outcome, agent, obj, detail) -> dict:
    return {
        "type": kind,
        "id": ident,
        "when": when,
        "outcome": outcome,
        "agent": agent,
        "object": obj,
        "detail": detail,
    }


def _event(parent, event: dict) -> None:
    el = _sub(parent, _p("event"), version="3.0")
    _identifier(el, "event", event["id"])
    _sub(el, _p("eventType"), event["type"])
    _sub(el, _p("eventDateTime"), event["when"])
    _sub(_sub(el, _p("eventDetailInformation")), _p("eventDetail"), event["detail"])
    _sub(_sub(el, _p("eventOutcomeInformation")), _p("eventOutcome"), event["outcome"])
    link = _sub(el, _p("linkingAgentIdentifier"))
    _sub(link, _p("linkingAgentIdentifierType"), "local")
    _sub(link, _p("linkingAgentIdentifierValue"), event["agent"])
    _sub(
        link,
        _p("linkingAgentRole"),
        "implementer" if event["agent"] != SYSTEM_AGENT else "executing program",
    )
    if event["object"]:
        _identifier(el, "Object", event["object"], prefix="linking")


def _agent(parent, name: str) -> None:
    el = _sub(parent, _p("agent"), version="3.0")
    _identifier(el, "agent", name)
    person = name.startswith("user:")
    _sub(el, _p("agentName"), name.removeprefix("user:") if person else name)
    _sub(el, _p("agentType"), "person" if person else "software")


@functools.cache
def schema() -> etree.XMLSchema:
    """The METS schema of metsrw, its XLink import resolved to the copy kept here."""

    class Local(etree.Resolver):
        def resolve(self, url, pubid, context):
            if url.endswith("xlink.xsd"):
                return self.resolve_filename(str(XLINK_SCHEMA), context)
            return None

    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(Local())
    xsd = Path(metsrw.__file__).parent / "resources" / "mets.xsd"
    return etree.XMLSchema(etree.parse(str(xsd), parser))


def validate(root: etree._Element) -> None:
    """Validate against the METS schema; raise InvalidMets naming the first errors."""
    mets_schema = schema()
    if not mets_schema.validate(_without_foreign_types(root)):
        errors = "; ".join(f"line {e.line}: {e.message}" for e in mets_schema.error_log[:5])
        raise InvalidMets(f"METS of {root.get('OBJID')} does not validate: {errors}")


def _without_foreign_types(root: etree._Element) -> etree._Element:
    # Lax validation still resolves every xsi:type, and the DC and PREMIS types (dcterms:URI,
    # premis:file) live in schemas not loaded here: check the METS on a copy without them.
    copy = etree.fromstring(etree.tostring(root))
    for el in copy.iterfind(f".//{{{METS_NS}}}xmlData//*[@{{{XSI_NS}}}type]"):
        del el.attrib[f"{{{XSI_NS}}}type"]
    return copy


def to_bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
