"""Sets from collections, hierarchical setSpecs and selective harvesting: SET-* of the checklist."""

import pytest

from tests.api_oai.conftest import NS, make_item, oai_id, update_item

pytestmark = pytest.mark.django_db


def in_set(oai, spec: str, verb: str = "ListIdentifiers") -> set[str]:
    r = oai(verb=verb, metadataPrefix="oai_dc", set=spec)
    return set() if r.errors else {i.rsplit(":", 1)[1] for i in r.identifiers}


def test_SET_02_SET_03_SET_04_list_sets(oai, tree):
    r = oai(verb="ListSets")
    specs = r.xpath("//oai:set/oai:setSpec/text()")
    assert specs == ["fonds", "fonds:series", "fonds:series:file"]  # private ones are not sets
    first = r.xpath("//oai:set")[0]
    assert [c.tag.split("}")[1] for c in first] == ["setSpec", "setName", "setDescription"]
    assert r.text("//oai:set[oai:setSpec='fonds']/oai:setDescription/oai_dc:dc/dc:description") == (
        "The fonds."
    )


def test_SET_05_headers_list_the_most_specific_visible_sets(oai, tree):
    make_item("a", collections=(tree["fonds"], tree["file"], tree["inside"]))
    r = oai(verb="GetRecord", identifier=oai_id("a"), metadataPrefix="oai_dc")
    assert r.xpath("//oai:header/oai:setSpec/text()") == ["fonds:series:file"]
    header = r.xpath("//oai:header")[0]
    assert [c.tag.split("}")[1] for c in header] == ["identifier", "datestamp", "setSpec"]


def test_SET_06_a_set_includes_its_descendants(oai, tree):
    make_item("top", collections=(tree["fonds"],))
    make_item("mid", collections=(tree["series"],))
    make_item("leaf", collections=(tree["file"],))
    make_item("none")
    assert in_set(oai, "fonds") == {"top", "mid", "leaf"}
    assert in_set(oai, "fonds:series") == {"mid", "leaf"}
    assert in_set(oai, "fonds:series:file", "ListRecords") == {"leaf"}


def test_SET_06_an_item_in_two_subsets_is_listed_once(oai, tree):
    from collection.models import Collection

    other = Collection.objects.create(slug="other", title="Other", parent=tree["fonds"])
    make_item("both", collections=(tree["file"], other))
    r = oai(verb="ListIdentifiers", metadataPrefix="oai_dc", set="fonds")
    assert r.identifiers == [oai_id("both")]


def test_SET_07_deleted_records_in_a_set(oai, tree):
    make_item("gone", collections=(tree["file"],)).delete()
    r = oai(verb="ListIdentifiers", metadataPrefix="oai_dc", set="fonds:series")
    assert r.deleted == [oai_id("gone")]
    assert r.xpath("//oai:header/oai:setSpec/text()") == ["fonds:series:file"]
    assert in_set(oai, "fonds:series:file") == {"gone"}


def test_SET_08_a_harvest_without_set_returns_every_item(oai, tree):
    make_item("in", collections=(tree["file"],))
    make_item("out")
    make_item("secret-only", collections=(tree["secret"],))
    r = oai(verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert len(r.identifiers) == 3


def test_private_collections_are_not_sets(oai, tree):
    make_item("s", collections=(tree["secret"], tree["inside"]))
    assert oai(verb="ListIdentifiers", metadataPrefix="oai_dc", set="secret").errors == [
        "noRecordsMatch"
    ]
    assert oai(verb="ListIdentifiers", metadataPrefix="oai_dc", set="secret:inside").errors == [
        "noRecordsMatch"
    ]
    r = oai(verb="GetRecord", identifier=oai_id("s"), metadataPrefix="oai_dc")
    assert r.xpath("//oai:setSpec") == []


def test_SET_01_set_argument_without_sets(oai):
    make_item("a")
    assert oai(verb="ListRecords", metadataPrefix="oai_dc", set="a").errors == ["noSetHierarchy"]


def test_SET_07_a_withdrawn_item_keeps_its_sets_in_list_records_beside_live_records(oai, tree):
    """ListRecords reads the live items' sets with their metadata; a withdrawn item's deleted
    header still names the sets it is in, read apart."""
    make_item("live", collections=(tree["series"],))
    gone = make_item("withdrawn", collections=(tree["file"], tree["inside"]))
    update_item(gone, status="withdrawn")
    r = oai(verb="ListRecords", metadataPrefix="oai_dc")
    assert r.deleted == [oai_id("withdrawn")]
    specs = {
        header.findtext("oai:identifier", namespaces=NS): header.xpath(
            "oai:setSpec/text()", namespaces=NS
        )
        for header in r.xpath("//oai:header")
    }
    assert specs == {oai_id("live"): ["fonds:series"], oai_id("withdrawn"): ["fonds:series:file"]}
