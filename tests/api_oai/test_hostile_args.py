"""OAI arguments and tokens the audit sent (issue 10, row 10): protocol errors, never a 500."""

from dataclasses import replace

import pytest
from django.core import signing

from api.oai import tokens
from tests.api_oai.conftest import make_item, set_modified, utc

pytestmark = pytest.mark.django_db


@pytest.fixture
def four(settings, db):
    settings.OAI_PAGE_SIZE = 3
    return [set_modified(make_item(f"i{n}"), utc(2026, 1, 1, 0, 0, n)) for n in range(4)]


@pytest.mark.parametrize("until", ["9999-12-31", "9999-12-31T23:59:59Z"])
def test_until_the_last_representable_day_takes_every_record(oai, four, until):
    r = oai(verb="ListIdentifiers", metadataPrefix="oai_dc", until=until)
    assert r.errors == []
    assert len(r.identifiers) == 3 and r.token is not None and r.token.text
    more = oai(verb="ListIdentifiers", resumptionToken=r.token.text)
    assert more.errors == [] and len(more.identifiers) == 1


def _first_position(oai) -> tokens.Position:
    token = oai(verb="ListRecords", metadataPrefix="oai_dc").token.text
    return tokens.read(token, "ListRecords")


BROKEN = {
    "retired format": {"prefix": "marc21"},
    "unparseable until": {"hi": "not a date"},
    "empty until": {"hi": ""},
    "naive from": {"lo": "2026-01-01T00:00:00"},
    "unparseable position": {"after": "yesterday"},
    "text count": {"total": "seven"},
    "number for a text": {"after_id": 7},
}


@pytest.mark.parametrize("change", BROKEN.values(), ids=BROKEN.keys())
def test_a_signed_token_with_bad_contents_is_a_bad_resumption_token(oai, four, change):
    position = replace(_first_position(oai), **change)
    token = tokens.issue(position)  # correctly signed, as an older release would have issued it
    r = oai(verb="ListRecords", resumptionToken=token)
    assert r.errors == ["badResumptionToken"]


def test_a_signed_token_that_is_not_an_object_is_a_bad_resumption_token(oai, four):
    for data in (["ListRecords"], "ListRecords", 7, None):
        token = signing.dumps(data, salt=tokens.SALT, compress=True)
        assert oai(verb="ListRecords", resumptionToken=token).errors == ["badResumptionToken"]
