"""Records and metadata formats: REC-* of the checklist, oai_dc and qualified DC contents."""

import pytest

from collection.models import MetadataValue
from tests.api_oai.conftest import make_item, oai_id

pytestmark = pytest.mark.django_db

VALUES = (
    ("title", "Het einde van Vlasov", "nl"),
    ("alternative", "The end of Vlasov", "en"),
    ("abstract", "Over de generaal.", "nl"),
    ("issued", "1946-08-01", ""),
    ("created", "1944~", ""),
    ("spatial", "Praag", "nl"),
    ("rightsHolder", "Someone", ""),
    ("license", "", ""),
)


@pytest.fixture
def described(db, authority):
    item = make_item("vlasov", values=VALUES[:-1])
    MetadataValue.objects.create(item=item, term="creator", authority=authority)
    MetadataValue.objects.create(item=item, term="subject", authority=authority, position=1)
    MetadataValue.objects.create(
        item=item, term="license", uri="https://creativecommons.org/licenses/by/4.0/"
    )
    return item


def record(oai, prefix: str):
    return oai(verb="GetRecord", identifier=oai_id("vlasov"), metadataPrefix=prefix)


def test_REC_01_REC_03_REC_04_oai_dc_record(oai, described):
    r = record(oai, "oai_dc")
    rec = r.xpath("//oai:record")[0]
    assert [c.tag.split("}")[1] for c in rec] == ["header", "metadata"]
    roots = r.xpath("//oai:metadata/*")
    assert len(roots) == 1 and roots[0].tag == "{http://www.openarchives.org/OAI/2.0/oai_dc/}dc"
    assert roots[0].get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation") == (
        "http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
    )
    # Terms dumbed down to their element; rightsHolder refines nothing, so it is left out.
    titles = r.xpath("//dc:title")
    assert [(t.text, t.get("{http://www.w3.org/XML/1998/namespace}lang")) for t in titles] == [
        ("Het einde van Vlasov", "nl"),
        ("The end of Vlasov", "en"),
    ]
    assert r.xpath("//dc:date/text()") == ["1944~", "1946-08-01"] or sorted(
        r.xpath("//dc:date/text()")
    ) == ["1944~", "1946-08-01"]
    assert r.xpath("//dc:coverage/text()") == ["Praag"]
    assert r.xpath("//dc:description/text()") == ["Over de generaal."]
    assert r.xpath("//dc:rights/text()") == ["https://creativecommons.org/licenses/by/4.0/"]
    assert "Someone" not in r.body.decode()
    # Authorities by their label, in the authority's language.
    assert r.xpath("//dc:creator/text()") == ["Andrej Vlasov"]
    assert r.xpath("//dc:creator/@xml:lang") == ["nl"]
    assert r.xpath("//dc:type/text()") == ["Text"]
    local = {el.tag.split("}")[1] for el in r.xpath("//oai_dc:dc/*")}
    assert local <= {
        "title",
        "creator",
        "subject",
        "description",
        "publisher",
        "contributor",
        "date",
        "type",
        "format",
        "identifier",
        "source",
        "language",
        "relation",
        "coverage",
        "rights",
    }


def test_REC_06_dc_identifier_links_to_the_item(oai, described, settings):
    r = record(oai, "oai_dc")
    assert any(
        url.startswith(settings.SITE_URL) and "vlasov" in url
        for url in r.xpath("//dc:identifier/text()")
    )


def test_REC_03_qualified_dc_record(oai, described):
    r = record(oai, "qdc")
    roots = r.xpath("//oai:metadata/*")
    assert len(roots) == 1 and roots[0].tag == "{http://epubs.cclrc.ac.uk/xmlns/qdc/}qualifieddc"
    listed = oai(verb="ListMetadataFormats").xpath(
        "//oai:metadataFormat[oai:metadataPrefix='qdc']/oai:schema/text()"
    )
    assert (
        roots[0].get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation").split()[1]
        == listed[0]
    )
    xsi = "{http://www.w3.org/2001/XMLSchema-instance}type"
    assert r.xpath("//dcterms:alternative/text()") == ["The end of Vlasov"]
    assert r.xpath("//dcterms:rightsHolder/text()") == ["Someone"]
    issued = r.xpath("//dcterms:issued")[0]
    assert issued.text == "1946-08-01" and issued.get(xsi) == "dcterms:W3CDTF"
    created = r.xpath("//dcterms:created")[0]
    assert created.text == "1944~" and created.get(xsi) is None  # EDTF, not W3CDTF
    assert r.xpath("//dcterms:license[@xsi:type='dcterms:URI']/text()") == [
        "https://creativecommons.org/licenses/by/4.0/"
    ]
    # A subject authority gives its label and its URI; a creator only its label.
    assert r.xpath("//dc:subject/text()") == [
        "Andrej Vlasov",
        "http://www.wikidata.org/entity/Q312631",
    ]
    assert r.xpath("//dc:creator/text()") == ["Andrej Vlasov"]
    assert r.xpath("//dc:type[@xsi:type='dcterms:DCMIType']/text()") == ["Text"]


def test_REC_02_one_identifier_for_all_formats(oai, described):
    a, b = record(oai, "oai_dc"), record(oai, "qdc")
    assert a.identifiers == b.identifiers
    assert a.text("//oai:datestamp") == b.text("//oai:datestamp")


def test_REC_05_prefixes_are_legal_and_all_is_not_used(oai):
    import re

    prefixes = oai(verb="ListMetadataFormats").xpath("//oai:metadataPrefix/text()")
    assert "all" not in prefixes
    assert all(re.fullmatch(r"[A-Za-z0-9\-_\.!~\*'\(\)]+", p) for p in prefixes)
    assert oai(verb="ListRecords", metadataPrefix="all").errors == ["cannotDisseminateFormat"]


def test_REC_07_no_about_containers(oai, described):
    assert record(oai, "oai_dc").xpath("//oai:about") == []
