"""Fixtures for the OAI-PMH tests: catalogue factories and a request helper that validates."""

import datetime as dt

import pytest
from django.utils import timezone
from lxml import etree

from collection import history
from collection.models import Authority, AuthorityIdentifier, Collection, Item, MetadataValue
from tests.api_oai.schemas import assert_valid

NS = {
    "oai": "http://www.openarchives.org/OAI/2.0/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "qdc": "http://epubs.cclrc.ac.uk/xmlns/qdc/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "id": "http://www.openarchives.org/OAI/2.0/oai-identifier",
}
BASE = "http://testserver/oai"


def pytest_collection_modifyitems(items):
    """Serve only /oai in this folder's tests (the project URLconf is checked in test_urls.py)."""
    for item in items:
        if "api_oai" in str(item.path) and item.path.name != "test_urls.py":
            item.add_marker(pytest.mark.urls("tests.api_oai.urls"))


class OAIResponse:
    """A response already checked for HTTP 200, text/xml and the schemas."""

    def __init__(self, http) -> None:
        assert http.status_code == 200, http.status_code  # HTTP-07
        assert http["Content-Type"].startswith("text/xml"), http["Content-Type"]  # HTTP-06
        self.http, self.body = http, http.content
        self.doc = assert_valid(self.body, with_qdc=b"qualifieddc" in self.body)

    def xpath(self, path: str) -> list:
        return self.doc.xpath(path, namespaces=NS)

    def text(self, path: str) -> str:
        found = self.xpath(path)
        return found[0] if isinstance(found[0], str) else found[0].text

    @property
    def errors(self) -> list[str]:
        return [e.get("code") for e in self.xpath("/oai:OAI-PMH/oai:error")]

    @property
    def request_attrs(self) -> dict:
        return dict(self.xpath("/oai:OAI-PMH/oai:request")[0].attrib)

    @property
    def identifiers(self) -> list[str]:
        return [e.text for e in self.xpath("//oai:header/oai:identifier")]

    @property
    def deleted(self) -> list[str]:
        return [e.text for e in self.xpath("//oai:header[@status='deleted']/oai:identifier")]

    @property
    def token(self) -> etree._Element | None:
        found = self.xpath("//oai:resumptionToken")
        return found[0] if found else None


@pytest.fixture
def oai(client):
    """oai(verb=..., **args) by GET; oai.post(...) by POST; raw pairs with oai.pairs([...])."""

    class Caller:
        def __call__(self, **params) -> OAIResponse:
            return OAIResponse(client.get("/oai", _pairs(params)))

        def post(self, **params) -> OAIResponse:
            return OAIResponse(client.post("/oai", _pairs(params)))

        def query(self, query: str) -> OAIResponse:
            return OAIResponse(client.get("/oai?" + query))

    return Caller()


def _pairs(params: dict) -> dict:
    return {("from" if k == "from_" else k): v for k, v in params.items()}


def oai_id(identifier: str) -> str:
    return f"oai:archive.example.org:{identifier}"


def make_item(
    identifier: str,
    *,
    status: str = "published",
    visibility: str = "public",
    embargo_until: dt.date | None = None,
    collections: tuple = (),
    values: tuple = (("title", "A title", "en"),),
) -> Item:
    """Create an item the way the admin does (with history), and return it fresh from the DB."""
    with history.changes():
        item = Item.objects.create(
            identifier=identifier,
            dcmi_type="Text",
            status=status,
            visibility=visibility,
            embargo_until=embargo_until,
        )
        for position, (term, value, language) in enumerate(values):
            MetadataValue.objects.create(
                item=item, term=term, value=value, language=language, position=position
            )
        item.collections.set(collections)
    item.refresh_from_db()
    return item


def update_item(item: Item, **fields) -> Item:
    with history.changes():
        for name, value in fields.items():
            setattr(item, name, value)
        item.save()
    item.refresh_from_db()
    return item


def set_modified(item: Item, when: dt.datetime) -> Item:
    """Place an item at a known datestamp (bypasses history, as a data migration would)."""
    Item.objects.filter(pk=item.pk).update(modified=when)
    item.refresh_from_db()
    return item


@pytest.fixture
def tree(db):
    """fonds > series > file, plus a private collection and a public child of it."""
    fonds = Collection.objects.create(slug="fonds", title="Fonds", description="The fonds.")
    series = Collection.objects.create(slug="series", title="Series", parent=fonds)
    file = Collection.objects.create(slug="file", title="File", parent=series)
    secret = Collection.objects.create(slug="secret", title="Secret", is_public=False)
    hidden_child = Collection.objects.create(slug="inside", title="Inside", parent=secret)
    return {
        "fonds": fonds,
        "series": series,
        "file": file,
        "secret": secret,
        "inside": hidden_child,
    }


@pytest.fixture
def authority(db):
    auth = Authority.objects.create(
        kind="person", slug="vlasov", preferred_name="Andrej Vlasov", language="nl"
    )
    AuthorityIdentifier.objects.create(
        authority=auth, scheme="wikidata", uri="http://www.wikidata.org/entity/Q312631"
    )
    return auth


def utc(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


def now() -> dt.datetime:
    return timezone.now()
