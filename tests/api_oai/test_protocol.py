"""Transport, envelope, verbs and errors: HTTP-*, XML-*, VERB-*, ERR-* of the checklist."""

import pytest

from tests.api_oai.conftest import BASE, make_item, oai_id

pytestmark = pytest.mark.django_db


def test_HTTP_01_one_base_url_in_identify_and_every_request(oai, tree):
    make_item("a1")
    for params in (
        {"verb": "Identify"},
        {"verb": "ListMetadataFormats"},
        {"verb": "ListSets"},
        {"verb": "GetRecord", "identifier": oai_id("a1"), "metadataPrefix": "oai_dc"},
        {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc"},
    ):
        r = oai(**params)
        assert r.text("/oai:OAI-PMH/oai:request") == BASE
    assert oai(verb="Identify").text("//oai:baseURL") == BASE


@pytest.mark.parametrize(
    "params",
    [
        {"verb": "Identify"},
        {"verb": "ListMetadataFormats", "identifier": oai_id("a1")},
        {"verb": "GetRecord", "identifier": oai_id("a1"), "metadataPrefix": "qdc"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2000-01-01"},
        {"verb": "ListRecords", "metadataPrefix": "nope"},
        {"verb": "Bogus"},
    ],
)
def test_HTTP_02_HTTP_03_post_answers_like_get_without_csrf(oai, params):
    """HTTP-02, HTTP-03: the same body by GET and by form POST (the test client enforces no CSRF,
    so the view's exemption is checked separately below)."""
    make_item("a1")
    strip = lambda body: body.split(b"</responseDate>")[1]  # noqa: E731
    assert strip(oai(**params).body) == strip(oai.post(**params).body)


def test_HTTP_03_post_is_csrf_exempt(db):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/oai", {"verb": "Identify"})
    assert response.status_code == 200 and b"<Identify>" in response.content


def test_HTTP_04_HTTP_05_arguments_in_any_order_and_decoded_once(oai):
    make_item("a.b_c-1")
    r = oai.query(
        "metadataPrefix=oai_dc&identifier=oai%3Aarchive.example.org%3Aa.b_c-1&verb=GetRecord"
    )
    assert r.identifiers == [oai_id("a.b_c-1")]
    assert r.request_attrs["identifier"] == oai_id("a.b_c-1")
    # %253A decodes once to the literal "%3A", which is not this item's identifier.
    r = oai.query(
        "verb=GetRecord&metadataPrefix=oai_dc&identifier=oai%253Aarchive.example.org%253Aa"
    )
    assert r.errors == ["idDoesNotExist"]


def test_HTTP_06_HTTP_07_errors_are_text_xml_with_status_200(client, db):
    for query in ("", "verb=Nope", "verb=GetRecord", "verb=ListSets&resumptionToken=x"):
        response = client.get("/oai?" + query)
        assert response.status_code == 200
        assert response["Content-Type"] == "text/xml; charset=utf-8"


def test_HTTP_07_other_methods_are_transport_errors(client, db):
    assert client.put("/oai").status_code == 405


def test_HTTP_08_identity_encoding_without_accept_encoding(client, db):
    response = client.get("/oai", {"verb": "Identify"})
    assert "Content-Encoding" not in response
    assert response.content.startswith(b"<?xml")


def test_XML_02_XML_04_declaration_and_root(oai):
    r = oai(verb="Identify")
    assert r.body.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    root = r.doc
    assert root.tag == "{http://www.openarchives.org/OAI/2.0/}OAI-PMH"
    assert root.nsmap[None] == "http://www.openarchives.org/OAI/2.0/"
    assert root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation") == (
        "http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
    )


def test_XML_03_text_needing_escapes_and_illegal_characters(oai):
    make_item("amp", values=(("title", 'Tom & Jerry <1944> "quoted" \x01bell', "en"),))
    r = oai(verb="GetRecord", identifier=oai_id("amp"), metadataPrefix="oai_dc")
    assert r.text("//dc:title") == 'Tom & Jerry <1944> "quoted" bell'
    assert b"&amp;" in r.body and b"<!DOCTYPE" not in r.body


def test_XML_05_XML_06_XML_09_children_in_order(oai):
    import re

    for params in ({"verb": "Identify"}, {"verb": "Nope"}):
        r = oai(**params)
        children = [c.tag.split("}")[1] for c in r.doc]
        assert children[:2] == ["responseDate", "request"]
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", r.text("//oai:responseDate"))
        assert r.text("//oai:request") == BASE  # base URL only, no query string
        assert children[2:] in (["Identify"], ["error"])


def test_XML_07_request_echoes_received_arguments(oai):
    make_item("a1")
    params = {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2000-01-01"}
    assert oai(**params).request_attrs == params


NEGATIVE_MATRIX = [
    # (query, expected code, request attributes echoed?)  -- the kit's negative-test matrix
    ("", "badVerb", False),
    ("verb=Foo", "badVerb", False),
    ("verb=Identify&verb=Identify", "badVerb", False),
    ("verb=identify", "badVerb", False),
    ("verb=Identify&x=1", "badArgument", False),
    ("verb=ListRecords", "badArgument", False),
    ("verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc", "badArgument", False),
    ("verb=ListRecords&resumptionToken=T&metadataPrefix=oai_dc", "badArgument", False),
    (
        "verb=ListRecords&metadataPrefix=oai_dc&from=2026-01-02&until=2026-01-01",
        "badArgument",
        False,
    ),
    (
        "verb=ListRecords&metadataPrefix=oai_dc&from=2026-01-01&until=2026-01-02T00:00:00Z",
        "badArgument",
        False,
    ),
    ("verb=ListRecords&metadataPrefix=oai_dc&from=2026-13-45", "badArgument", False),
    (
        "verb=ListRecords&metadataPrefix=oai_dc&from=2026-01-01T00:00:00%2B01:00",
        "badArgument",
        False,
    ),
    ("verb=ListRecords&metadataPrefix=oai_dc&from=2026-01-01T00:00:00.5Z", "badArgument", False),
    ("verb=ListRecords&metadataPrefix=oai_dc&set=a%20b", "badArgument", False),
    ("verb=ListRecords&metadataPrefix=", "badArgument", False),
    ("verb=ListIdentifiers&metadataPrefix=oai_dc&identifier=x", "badArgument", False),
    ("verb=GetRecord&identifier=oai:archive.example.org:a1", "badArgument", False),
    ("verb=ListSets&set=x", "badArgument", False),
    ("verb=ListMetadataFormats&metadataPrefix=oai_dc", "badArgument", False),
    ("verb=ListRecords&resumptionToken=garbage", "badResumptionToken", True),
    ("verb=ListIdentifiers&resumptionToken=garbage", "badResumptionToken", True),
    ("verb=ListSets&resumptionToken=garbage", "badResumptionToken", True),
    ("verb=ListRecords&metadataPrefix=nope", "cannotDisseminateFormat", True),
    ("verb=ListIdentifiers&metadataPrefix=nope", "cannotDisseminateFormat", True),
    (
        "verb=GetRecord&identifier=oai:archive.example.org:a1&metadataPrefix=nope",
        "cannotDisseminateFormat",
        True,
    ),
    ("verb=GetRecord&identifier=oai:x:missing&metadataPrefix=oai_dc", "idDoesNotExist", True),
    ("verb=GetRecord&identifier=not-an-oai-id&metadataPrefix=oai_dc", "idDoesNotExist", True),
    ("verb=ListMetadataFormats&identifier=oai:x:missing", "idDoesNotExist", True),
    ("verb=ListRecords&metadataPrefix=oai_dc&from=2999-01-01", "noRecordsMatch", True),
    ("verb=ListIdentifiers&metadataPrefix=oai_dc&until=2000-01-01", "noRecordsMatch", True),
    ("verb=ListRecords&metadataPrefix=oai_dc&set=no-such-set", "noRecordsMatch", True),
]


@pytest.mark.parametrize("query,code,echoed", NEGATIVE_MATRIX)
def test_ERR_matrix_XML_08_request_attributes(oai, tree, query, code, echoed):
    """ERR-01..05, ERR-07, VERB-07, VERB-08, XML-08: each bad request gets its code, never a 500."""
    make_item("a1")
    r = oai.query(query)
    assert r.errors == [code]
    assert bool(r.request_attrs) is echoed
    assert not r.xpath("/oai:OAI-PMH/oai:*[not(self::oai:error)][position()>2]")


def test_ERR_08_no_set_hierarchy_without_collections(oai):
    make_item("a1")
    assert oai(verb="ListSets").errors == ["noSetHierarchy"]
    r = oai(verb="ListRecords", metadataPrefix="oai_dc", set="fonds")
    assert r.errors == ["noSetHierarchy"]
    assert oai(verb="ListIdentifiers", metadataPrefix="oai_dc", set="x").errors == [
        "noSetHierarchy"
    ]


def test_ERR_08_private_collections_alone_are_no_hierarchy(oai, tree):
    for name in ("file", "series", "fonds"):
        tree[name].delete()
    assert oai(verb="ListSets").errors == ["noSetHierarchy"]


def test_ERR_09_only_legal_codes_are_ever_sent(oai):
    # The schema enumerates the eight codes; every error above validated against it.
    from api.oai.errors import ERRORS, OAIError

    assert len(ERRORS) == 8
    with pytest.raises(ValueError):
        OAIError("notAnError")


def test_ERR_06_no_metadata_formats_is_unreachable(oai):
    """ERR-06: every exposed item has every format, so ListMetadataFormats for it lists them all."""
    make_item("a1")
    r = oai(verb="ListMetadataFormats", identifier=oai_id("a1"))
    assert r.xpath("//oai:metadataPrefix/text()") == ["oai_dc", "qdc"]


def test_VERB_01_to_06_each_verb_accepts_its_arguments(oai, tree):
    make_item("a1", collections=(tree["fonds"],))
    ok = [
        {"verb": "Identify"},
        {"verb": "ListMetadataFormats"},
        {"verb": "ListMetadataFormats", "identifier": oai_id("a1")},
        {"verb": "ListSets"},
        {"verb": "GetRecord", "identifier": oai_id("a1"), "metadataPrefix": "oai_dc"},
        {
            "verb": "ListIdentifiers",
            "metadataPrefix": "oai_dc",
            "from": "2000-01-01",
            "until": "2999-01-01",
            "set": "fonds",
        },
        {
            "verb": "ListRecords",
            "metadataPrefix": "qdc",
            "from": "2000-01-01",
            "until": "2999-01-01",
            "set": "fonds",
        },
    ]
    for params in ok:
        r = oai(**params)
        assert r.errors == [], params
        assert r.doc[2].tag.endswith(params["verb"])


def test_VERB_09_VERB_11_get_record_and_lists(oai):
    make_item("a1")
    r = oai(verb="GetRecord", identifier=oai_id("a1"), metadataPrefix="oai_dc")
    assert len(r.xpath("//oai:GetRecord/oai:record")) == 1
    r = oai(verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert r.xpath("//oai:ListIdentifiers/oai:header") and not r.xpath("//oai:record")
    r = oai(verb="ListRecords", metadataPrefix="oai_dc")
    assert r.xpath("//oai:ListRecords/oai:record/oai:metadata")


def test_VERB_10_list_metadata_formats(oai):
    r = oai(verb="ListMetadataFormats")
    formats = r.xpath("//oai:metadataFormat")
    assert [[c.tag.split("}")[1] for c in f] for f in formats] == [
        ["metadataPrefix", "schema", "metadataNamespace"]
    ] * 2
    assert r.xpath("//oai:metadataFormat[oai:metadataPrefix='oai_dc']/oai:schema/text()") == [
        "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
    ]
