"""The Identify response and the oai-identifier scheme: ID-* and OAIID-* of the checklist."""

import re

import pytest

from tests.api_oai.conftest import BASE, make_item, oai_id

pytestmark = pytest.mark.django_db


def test_ID_01_ID_02_ID_03_ID_05_identify(oai):
    r = oai(verb="Identify")
    children = [c.tag.split("}")[1] for c in r.xpath("//oai:Identify")[0]]
    assert children == [
        "repositoryName",
        "baseURL",
        "protocolVersion",
        "adminEmail",
        "earliestDatestamp",
        "deletedRecord",
        "granularity",
        "description",
    ]
    assert r.text("//oai:baseURL") == BASE and r.text("//oai:protocolVersion") == "2.0"
    assert re.fullmatch(r"\S+@(\S+\.)+\S+", r.text("//oai:adminEmail"))
    description = r.xpath("//oai:description/*")
    assert len(description) == 1 and description[0].tag.endswith("}oai-identifier")
    assert description[0].get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation")


def test_ID_06_identify_takes_no_arguments(oai):
    r = oai(verb="Identify", identifier="x")
    assert r.errors == ["badArgument"] and r.request_attrs == {}


def test_ID_04_empty_repository_still_has_an_earliest_datestamp(oai):
    assert re.fullmatch(
        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", oai(verb="Identify").text("//oai:earliestDatestamp")
    )


def test_OAIID_01_OAIID_02_OAIID_05_identifiers_follow_the_scheme(oai, settings):
    make_item("item-00ab.c_d")
    r = oai(verb="Identify")
    assert r.text("//id:scheme") == "oai" and r.text("//id:delimiter") == ":"
    assert r.text("//id:repositoryIdentifier") == settings.OAI_IDENTIFIER_NAMESPACE
    sample = r.text("//id:sampleIdentifier")  # its pattern was checked by oai-identifier.xsd
    assert sample.startswith(f"oai:{settings.OAI_IDENTIFIER_NAMESPACE}:")
    listed = oai(verb="ListIdentifiers", metadataPrefix="oai_dc").identifiers
    assert listed == [oai_id("item-00ab.c_d")]
    pattern = r"oai:[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+:[a-zA-Z0-9\-_\.!~\*'\(\);/\?:@&=\+\$,%]+"
    assert re.fullmatch(pattern, listed[0])


def test_OAIID_03_identifiers_are_case_sensitive_exact_strings(oai):
    make_item("Case")
    get = {"verb": "GetRecord", "metadataPrefix": "oai_dc"}
    assert oai(identifier=oai_id("Case"), **get).errors == []
    assert oai(identifier=oai_id("case"), **get).errors == ["idDoesNotExist"]
    assert oai(identifier="OAI:archive.example.org:Case", **get).errors == ["idDoesNotExist"]
    assert oai(identifier="oai:other.example.org:Case", **get).errors == ["idDoesNotExist"]


def test_OAIID_04_identifier_encoded_in_the_request_is_decoded_once(oai):
    make_item("a-1")
    r = oai.query("verb=ListMetadataFormats&identifier=oai%3Aarchive.example.org%3Aa-1")
    assert r.errors == [] and r.request_attrs["identifier"] == oai_id("a-1")
