"""Fixtures for the REST API tests: users in each role with tokens, and a small catalogue."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from collection import history
from collection.models import (
    Authority,
    AuthorityIdentifier,
    BibliographicRecord,
    Collection,
    Contributor,
    Item,
    MetadataValue,
)


def pytest_collection_modifyitems(config, items):
    """Serve the API without the portal app's URLs (it has its own tests)."""
    for item in items:
        if "api_rest" in str(item.path):
            item.add_marker(pytest.mark.urls("tests.api_rest.urls"))


@pytest.fixture(autouse=True)
def _fresh_throttle_cache():
    cache.clear()  # throttle history lives in the cache; one test must not throttle the next
    yield
    cache.clear()


def _member(username: str, role: str) -> User:
    # Archivists are staff accounts (the admin needs it, and so do REST writes).
    user = User.objects.create_user(username, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def cataloguer(db) -> User:
    return _member("cat", "cataloguer")


@pytest.fixture
def curator(db) -> User:
    return _member("cur", "curator")


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def token_client():
    """An APIClient authenticated with the user's token, as a script would be."""

    def _client(user: User) -> APIClient:
        client = APIClient()
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return _client


@pytest.fixture
def make_item(db):
    """Create an item with a title and optional extra values: (term, value, language) tuples."""

    def _make(identifier: str, title: str = "Vlasov", values=(), collections=(), **fields) -> Item:
        fields.setdefault("status", Item.Status.PUBLISHED)
        fields.setdefault("dcmi_type", "Text")
        with history.changes(comment="fixture"):
            item = Item.objects.create(identifier=identifier, **fields)
            MetadataValue.objects.create(item=item, term="title", value=title, language="nl")
            for position, (term, value, language) in enumerate(values):
                MetadataValue.objects.create(
                    item=item, term=term, value=value, language=language, position=position
                )
            item.collections.set(collections)
        return Item.objects.get(pk=item.pk)

    return _make


@pytest.fixture
def catalogue(db, make_item) -> dict:
    """Public, draft, private, embargoed and withdrawn items; a bibliographic book; collections."""
    with history.changes(comment="fixture"):
        root = Collection.objects.create(slug="dossier", title="Dossier Vlasov")
        photos = Collection.objects.create(slug="photos", title="Photographs", parent=root)
        secret = Collection.objects.create(slug="secret", title="Secret", is_public=False)
        vlasov = Authority.objects.create(
            kind="person", slug="vlasov", preferred_name="Vlasov, Andrei", language="en"
        )
        AuthorityIdentifier.objects.create(
            authority=vlasov, scheme="wikidata", uri="https://www.wikidata.org/wiki/Q313210"
        )
    public = make_item(
        "pub-1",
        "Proclamatie",
        values=[("date", "1944-11-14", ""), ("language", "nl", ""), ("subject", "Oorlog", "nl")],
        collections=[photos, secret],
        kind="proclamation",
    )
    with history.changes():
        MetadataValue.objects.create(item=public, term="creator", authority=vlasov)
        MetadataValue.objects.create(
            item=public, term="title", value="Proclamation", language="en", position=1
        )
    past = dt.date(2000, 1, 1)
    future = dt.date.today() + dt.timedelta(days=365)
    items = {
        "public": public,
        "draft": make_item("draft-1", "Concept", status=Item.Status.DRAFT),
        "private": make_item("priv-1", "Geheim", visibility=Item.Visibility.PRIVATE),
        "embargoed": make_item(
            "emb-1", "Later", visibility=Item.Visibility.EMBARGOED, embargo_until=future
        ),
        "embargo_over": make_item(
            "emb-0", "Vroeger", visibility=Item.Visibility.EMBARGOED, embargo_until=past
        ),
        "withdrawn": make_item("wd-1", "Weg", status=Item.Status.WITHDRAWN),
    }
    book = make_item(
        "book-1", "Against Stalin and Hitler", kind="bibliographic", collections=[root]
    )
    with history.changes():
        record = BibliographicRecord.objects.create(
            item=book,
            type="book",
            title="Against Stalin and Hitler",
            subtitle="Memoir of the Russian Liberation Movement",
            publisher="Macmillan",
            place="London",
            year=1970,
            isbn="9780333112632",
            language="en",
            pages="321",
        )
        Contributor.objects.create(record=record, family="Strik-Strikfeldt", given="Wilfried")
        Contributor.objects.create(record=record, role="translator", family="Koch", given="David")
    items["book"] = Item.objects.get(pk=book.pk)
    return {"items": items, "collections": {"dossier": root, "photos": photos, "secret": secret}}


@pytest.fixture
def fts_index(settings, tmp_path, celery_eager):
    """A throw-away FTS5 index for /api/search/ and /api/suggest/ (also in the run that has
    Elasticsearch: these tests pin down the API, not the engine). Call it once the fixture's
    items exist: it drains the outbox into the index."""
    from search.backends import get_backend, reset_backend
    from search.tasks import drain_outbox

    settings.SEARCH_BACKEND = "search.backends.sqlite_fts.SQLiteFTSBackend"
    settings.SEARCH_FTS_PATH = str(tmp_path / "search.sqlite3")
    settings.SEARCH_INDEX_PREFIX = f"rest-{tmp_path.name}"
    reset_backend()

    def index() -> None:
        drain_outbox.delay()
        get_backend().refresh()

    yield index
    get_backend().drop()
    reset_backend()
