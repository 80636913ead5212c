"""Resumption tokens: FLOW-* of the checklist (pages of 3 to see the flow with few items)."""

import datetime as dt

import pytest
from django.core import signing

from api.oai import tokens
from tests.api_oai.conftest import make_item, set_modified, update_item, utc

pytestmark = pytest.mark.django_db


@pytest.fixture
def seven(settings, db):
    settings.OAI_PAGE_SIZE = 3
    items = [set_modified(make_item(f"i{n}"), utc(2026, 1, 1, 0, 0, n // 2)) for n in range(7)]
    return items


def harvest(oai, verb="ListIdentifiers", **params):
    """Follow tokens to the end; return the responses."""
    pages = [oai(verb=verb, metadataPrefix="oai_dc", **params)]
    while pages[-1].token is not None and pages[-1].token.text:
        pages.append(oai(verb=verb, resumptionToken=pages[-1].token.text))
    return pages


def test_FLOW_01_FLOW_02_FLOW_05_FLOW_07_pages(oai, seven):
    pages = harvest(oai)
    assert [len(p.identifiers) for p in pages] == [3, 3, 1]
    tokens_ = [p.token for p in pages]
    assert all(t.text for t in tokens_[:-1]) and not tokens_[-1].text  # FLOW-01, FLOW-02
    assert [t.get("cursor") for t in tokens_] == ["0", "3", "6"]  # FLOW-07
    assert {t.get("completeListSize") for t in tokens_} == {"7"}
    assert tokens_[0].get("expirationDate") and tokens_[-1].get("expirationDate") is None
    everything = [i for p in pages for i in p.identifiers]
    assert sorted(everything) == sorted(f"oai:archive.example.org:i{n}" for n in range(7))


def test_FLOW_02_a_list_that_fits_has_no_token(oai, seven, settings):
    settings.OAI_PAGE_SIZE = 10
    r = oai(verb="ListRecords", metadataPrefix="oai_dc")
    assert len(r.identifiers) == 7 and r.token is None


def test_FLOW_02_exactly_one_full_page_has_no_token(oai, seven, settings):
    settings.OAI_PAGE_SIZE = 7
    assert oai(verb="ListIdentifiers", metadataPrefix="oai_dc").token is None


def test_FLOW_03_token_is_exclusive(oai, seven):
    token = oai(verb="ListRecords", metadataPrefix="oai_dc").token.text
    r = oai(verb="ListRecords", resumptionToken=token, metadataPrefix="oai_dc")
    assert r.errors == ["badArgument"] and r.request_attrs == {}
    r = oai(verb="ListRecords", resumptionToken=token, **{"from": "2000-01-01"})
    assert r.errors == ["badArgument"]


def test_FLOW_04_forged_altered_foreign_and_expired_tokens(oai, seven, settings):
    token = oai(verb="ListRecords", metadataPrefix="oai_dc").token.text
    assert oai(verb="ListRecords", resumptionToken=token[:-2] + "xx").errors == [
        "badResumptionToken"
    ]
    forged = signing.dumps({"verb": "ListRecords"}, salt="another salt")
    assert oai(verb="ListRecords", resumptionToken=forged).errors == ["badResumptionToken"]
    incomplete = signing.dumps({"verb": "ListRecords"}, salt=tokens.SALT)
    assert oai(verb="ListRecords", resumptionToken=incomplete).errors == ["badResumptionToken"]
    # A ListRecords token is not a ListIdentifiers token.
    assert oai(verb="ListIdentifiers", resumptionToken=token).errors == ["badResumptionToken"]
    settings.OAI_TOKEN_MAX_AGE = -1
    r = oai(verb="ListRecords", resumptionToken=token)
    assert r.errors == ["badResumptionToken"] and r.request_attrs["resumptionToken"] == token


def test_FLOW_06_token_carries_the_original_arguments(oai, seven):
    first = oai(verb="ListRecords", metadataPrefix="qdc", until="2026-01-01T00:00:02Z")
    assert len(first.identifiers) == 3
    second = oai(verb="ListRecords", resumptionToken=first.token.text)
    assert second.xpath("//qdc:qualifieddc")  # still qdc
    assert second.identifiers == [f"oai:archive.example.org:i{n}" for n in (3, 4, 5)]
    assert second.token.text is None and second.token.get("completeListSize") == "6"


def test_FLOW_08_replayed_token_gives_the_same_page_and_survives_changes(oai, seven):
    first = oai(verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = first.token.text
    again = oai(verb="ListIdentifiers", resumptionToken=token)
    assert again.identifiers == oai(verb="ListIdentifiers", resumptionToken=token).identifiers
    # A record of the next page changes: the rest of that page is still served.
    update_item(seven[3], visibility="public", embargo_until=dt.date(2020, 1, 1))
    from collection.models import MetadataValue

    MetadataValue.objects.create(item=seven[3], term="subject", value="moved")
    changed = oai(verb="ListIdentifiers", resumptionToken=token).identifiers
    assert set(again.identifiers) - {"oai:archive.example.org:i3"} <= set(changed)


def test_FLOW_09_open_end_is_frozen_at_the_first_request(oai, seven):
    first = oai(verb="ListIdentifiers", metadataPrefix="oai_dc")
    late = make_item("late")
    set_modified(late, dt.datetime.now(dt.UTC) + dt.timedelta(seconds=30))
    rest = harvest_from(oai, first.token.text)
    assert "oai:archive.example.org:late" not in rest


def harvest_from(oai, token: str) -> list[str]:
    found = []
    while token:
        r = oai(verb="ListIdentifiers", resumptionToken=token)
        found += r.identifiers
        token = r.token.text
    return found


def test_FLOW_08_keyset_page_is_stable_when_earlier_records_vanish(oai, seven):
    from collection.models import Item

    first = oai(verb="ListIdentifiers", metadataPrefix="oai_dc")
    expected = oai(verb="ListIdentifiers", resumptionToken=first.token.text).identifiers
    Item.objects.filter(identifier="i0").update(status="draft")  # an earlier one disappears
    assert oai(verb="ListIdentifiers", resumptionToken=first.token.text).identifiers == expected


def test_SET_09_list_sets_is_not_paged(oai, tree):
    r = oai(verb="ListSets")
    assert r.token is None and len(r.xpath("//oai:set")) == 3
