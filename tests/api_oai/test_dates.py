"""Datestamps, granularity and from/until selection: DATE-* of the checklist."""

import re

import pytest

from tests.api_oai.conftest import make_item, oai_id, set_modified, utc

pytestmark = pytest.mark.django_db
SECONDS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


@pytest.fixture
def stamped(db):
    """Items at known instants around the 2nd of January 2026 (UTC)."""
    when = {
        "d1-last": utc(2026, 1, 1, 23, 59, 59, 999999),
        "d2-first": utc(2026, 1, 2, 0, 0, 0),
        "d2-noon": utc(2026, 1, 2, 12, 0, 0, 500000),
        "d2-last": utc(2026, 1, 2, 23, 59, 59),
        "d3-first": utc(2026, 1, 3, 0, 0, 0),
    }
    for name, instant in when.items():
        set_modified(make_item(name), instant)
    return when


def listed(oai, **params) -> list[str]:
    r = oai(verb="ListIdentifiers", metadataPrefix="oai_dc", **params)
    return sorted(i.rsplit(":", 1)[1] for i in r.identifiers) if not r.errors else r.errors


def test_DATE_01_DATE_07_datestamps_are_utc_seconds(oai, stamped):
    r = oai(verb="ListIdentifiers", metadataPrefix="oai_dc")
    stamps = [e.text for e in r.xpath("//oai:datestamp")]
    assert stamps and all(SECONDS.match(s) for s in stamps)
    assert "2026-01-02T12:00:00Z" in stamps  # microseconds truncated, not rounded
    assert "2026-01-01T23:59:59Z" in stamps


def test_DATE_02_granularity(oai):
    assert oai(verb="Identify").text("//oai:granularity") == "YYYY-MM-DDThh:mm:ssZ"


def test_DATE_03_DATE_05_day_bounds_cover_whole_days(oai, stamped):
    assert listed(oai, from_="2026-01-02", until="2026-01-02") == ["d2-first", "d2-last", "d2-noon"]
    assert listed(oai, until="2026-01-01") == ["d1-last"]
    assert listed(oai, from_="2026-01-03") == ["d3-first"]


def test_DATE_03_DATE_05_seconds_bounds_are_inclusive(oai, stamped):
    assert listed(oai, from_="2026-01-02T12:00:00Z", until="2026-01-02T12:00:00Z") == ["d2-noon"]
    assert listed(oai, from_="2026-01-02T00:00:00Z", until="2026-01-02T00:00:00Z") == ["d2-first"]
    assert listed(oai, from_="2026-01-01T23:59:59Z", until="2026-01-02T00:00:00Z") == [
        "d1-last",
        "d2-first",
    ]


def test_DATE_04_mixed_granularity_is_bad_argument(oai, stamped):
    assert listed(oai, from_="2026-01-02", until="2026-01-02T10:00:00Z") == ["badArgument"]
    assert listed(oai, from_="2026-01-02T10:00:00Z", until="2026-01-03") == ["badArgument"]


def test_DATE_06_open_bounds_and_from_after_until(oai, stamped):
    assert len(listed(oai)) == 5
    assert len(listed(oai, from_="2026-01-01")) == 5
    assert len(listed(oai, until="2026-01-03")) == 5
    assert listed(oai, from_="2026-01-02T00:00:01Z", until="2026-01-02T00:00:00Z") == [
        "badArgument"
    ]
    assert listed(oai, from_="2026-01-03", until="2026-01-02") == ["badArgument"]


def test_DATE_08_datestamp_moves_when_the_metadata_changes(oai):
    item = set_modified(make_item("a1"), utc(2026, 1, 1))
    get = {"verb": "GetRecord", "identifier": oai_id("a1"), "metadataPrefix": "oai_dc"}
    assert oai(**get).text("//oai:datestamp") == "2026-01-01T00:00:00Z"
    value = item.values.get(term="title")
    value.value = "A new title"
    value.save()  # through the history, outside a unit of work
    r = oai(**get)
    assert r.text("//oai:datestamp") > "2026-01-02" and r.text("//dc:title") == "A new title"


def test_DATE_09_ID_04_earliest_datestamp_is_a_lower_bound(oai, stamped):
    earliest = oai(verb="Identify").text("//oai:earliestDatestamp")
    assert earliest == "2026-01-01T23:59:59Z"
    r = oai(verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert min(e.text for e in r.xpath("//oai:datestamp")) >= earliest


def test_DATE_10_selective_harvest_includes_deletions_in_range(oai, stamped):
    from collection.models import Item

    Item.objects.get(identifier="d2-noon").delete()
    r = oai(verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": "2026-01-02"})
    assert oai_id("d2-noon") in r.deleted  # deleted now, so its datestamp is today


def test_DATE_11_response_date_is_the_repository_clock(oai):
    import datetime as dt

    r = oai(verb="Identify")
    stamp = dt.datetime.strptime(r.text("//oai:responseDate"), "%Y-%m-%dT%H:%M:%SZ")
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    assert abs((now - stamp).total_seconds()) < 5
