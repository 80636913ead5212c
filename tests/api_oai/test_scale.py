"""Long lists: completeListSize is counted up to a bound, then left out (it is optional)."""

import pytest

from api.oai import listing
from tests.api_oai.conftest import make_item, set_modified, utc

pytestmark = pytest.mark.django_db


@pytest.fixture
def seven(settings, db):
    settings.OAI_PAGE_SIZE = 3
    return [set_modified(make_item(f"i{n}"), utc(2026, 1, 1, 0, 0, n)) for n in range(7)]


def walk(oai):
    pages = [oai(verb="ListIdentifiers", metadataPrefix="oai_dc")]
    while pages[-1].token is not None and pages[-1].token.text:
        pages.append(oai(verb="ListIdentifiers", resumptionToken=pages[-1].token.text))
    return pages


def test_a_list_longer_than_the_bound_has_no_complete_list_size_until_its_end(
    oai, seven, monkeypatch
):
    monkeypatch.setattr(listing, "COUNT_UP_TO", 5)
    pages = walk(oai)
    tokens = [p.token for p in pages]
    assert [t.get("completeListSize") for t in tokens] == [None, None, "7"]
    assert [t.get("cursor") for t in tokens] == ["0", "3", "6"]
    assert sum(len(p.identifiers) for p in pages) == 7


def test_a_list_within_the_bound_is_counted_exactly(oai, seven, monkeypatch):
    monkeypatch.setattr(listing, "COUNT_UP_TO", 7)
    assert {p.token.get("completeListSize") for p in walk(oai)} == {"7"}


def test_pages_are_full_when_most_rows_of_the_walk_are_not_shown(oai, settings, db):
    """The walk reads the rows a page still needs plus a spare share, and reads on until the
    page is full: here five of every six items are drafts, far more than the spare."""
    settings.OAI_PAGE_SIZE = 4
    shown = []
    for n in range(60):
        public = n % 6 == 0
        item = make_item(f"i{n:02}", status="published" if public else "draft")
        set_modified(item, utc(2026, 1, 1, 0, 0, n))
        if public:
            shown.append(f"oai:archive.example.org:i{n:02}")
    pages = walk(oai)
    assert [len(p.identifiers) for p in pages] == [4, 4, 2]
    assert [i for p in pages for i in p.identifiers] == shown
